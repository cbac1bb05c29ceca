import * as fs from 'fs';
import * as path from 'path';

/** Options for a file added to an image. */
export interface ImageFileOptions {
  /**
   * Permission bits, e.g. `0o755` for an executable.
   * @default 0o644
   */
  readonly mode?: number;
}

/**
 * A file to add to an image built from files: CA certificates, a pluggable component
 * binary, a configuration file. Owned by root (uid 0, gid 0) with a fixed timestamp, so the
 * layer's digest depends on the content, path and mode only.
 */
export class ImageFile {
  /**
   * A local file, copied at build time.
   * @param localPath the file on this machine (relative to the current directory)
   * @param imagePath the absolute path in the image
   */
  public static fromLocalFile(localPath: string, imagePath: string, options: ImageFileOptions = {}): ImageFile {
    return new ImageFile(imagePath, options.mode ?? 0o644, path.resolve(localPath), undefined);
  }

  /**
   * A file with the given text (UTF-8).
   * @param content the file's text
   * @param imagePath the absolute path in the image
   */
  public static fromString(content: string, imagePath: string, options: ImageFileOptions = {}): ImageFile {
    return new ImageFile(imagePath, options.mode ?? 0o644, undefined, content);
  }

  private constructor(
    /** The absolute path in the image. */
    public readonly imagePath: string,
    /** Permission bits. */
    public readonly mode: number,
    /** The local file copied, if it is one. */
    public readonly localPath?: string,
    private readonly content?: string) {}

  /**
   * Problems with this file, for the construct's error messages.
   * @internal
   */
  public _problems(): { prop: string; value: unknown; allowed: string }[] {
    const problems: { prop: string; value: unknown; allowed: string }[] = [];
    const p = this.imagePath;
    if (!p.startsWith('/') || p.endsWith('/') || p.split('/').slice(1).some((s) => s === '' || s === '.' || s === '..') || p.includes('\0')) {
      problems.push({ prop: 'imagePath', value: p, allowed: 'an absolute, normalized file path such as "/etc/ssl/certs/ca.pem" (no "..", no trailing "/")' });
    }
    if (!Number.isInteger(this.mode) || this.mode < 0 || this.mode > 0o7777) {
      problems.push({ prop: 'mode', value: this.mode, allowed: 'permission bits from 0 to 0o7777, e.g. 0o644 or 0o755' });
    }
    if (this.localPath !== undefined && !(fs.existsSync(this.localPath) && fs.statSync(this.localPath).isFile())) {
      problems.push({ prop: 'localPath', value: this.localPath, allowed: 'an existing regular file' });
    }
    return problems;
  }

  /**
   * The bytes of the file.
   * @internal
   */
  public _read(): Buffer {
    return this.localPath !== undefined ? fs.readFileSync(this.localPath) : Buffer.from(this.content ?? '', 'utf8');
  }

  /**
   * The file as the build worker receives it.
   * @internal
   */
  public _spec(): { path: string; mode: number; sourceFile?: string; content?: string } {
    return this.localPath !== undefined
      ? { path: this.imagePath, mode: this.mode, sourceFile: this.localPath }
      : { path: this.imagePath, mode: this.mode, content: this.content };
  }
}
