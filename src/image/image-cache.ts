import * as fs from 'fs';
import * as path from 'path';

/** One image built before: the content it was built from and the digest it got. */
export interface CachedImage {
  readonly digest: string;
}

interface CacheFile {
  readonly version: 1;
  readonly images: { [taggedRepository: string]: CachedImage };
}

/**
 * The record of images built, by `registry/repository:<content tag>`: a lock file to commit, so
 * later synths (and CI) pin the same digests without building anything.
 */
export class ImageCache {
  constructor(public readonly file: string) {}

  public get(key: string): CachedImage | undefined {
    return this.read().images[key];
  }

  /** Records a build. The file is rewritten atomically, with keys sorted, so it diffs cleanly. */
  public put(key: string, entry: CachedImage): void {
    const images = { ...this.read().images, [key]: entry };
    const sorted: { [key: string]: CachedImage } = {};
    for (const k of Object.keys(images).sort()) sorted[k] = { digest: images[k].digest };
    const body: CacheFile = { version: 1, images: sorted };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(body, undefined, 2) + '\n');
    fs.renameSync(tmp, this.file);
  }

  private read(): CacheFile {
    if (!fs.existsSync(this.file)) return { version: 1, images: {} };
    let parsed: CacheFile;
    try {
      parsed = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (e) {
      throw new Error(`the image cache ${this.file} is not JSON (${(e as Error).message}); delete it and build again`);
    }
    if (parsed.version !== 1 || typeof parsed.images !== 'object') {
      throw new Error(`the image cache ${this.file} is not in the format this version writes; delete it and build again`);
    }
    return parsed;
  }
}
