import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Read-only access to one upstream repository at one release: either a checkout (a folder with
 * the files) or a git directory (what `git clone --bare` gives) plus a tag, read with `git show`.
 */
export interface UpstreamSource {
  /** What this source is, for messages and headers, e.g. "v1.18.3". */
  readonly ref: string;
  /** The text of one file, by its path in the repository. */
  read(file: string): string;
  /** The texts of many files, in the order given. */
  readAll(files: readonly string[]): string[];
  /** Every file path under `folder` (recursively), sorted by code point. */
  list(folder: string): string[];
}

/** A checkout: files read from disk. The release is what the caller says it is. */
export class CheckoutSource implements UpstreamSource {
  constructor(private readonly root: string, public readonly ref: string) {}

  public read(file: string): string {
    return fs.readFileSync(path.join(this.root, file), 'utf8');
  }

  public readAll(files: readonly string[]): string[] {
    return files.map((f) => this.read(f));
  }

  public list(folder: string): string[] {
    const out: string[] = [];
    const walk = (rel: string) => {
      const abs = path.join(this.root, rel);
      if (!fs.existsSync(abs)) return;
      for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
        const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (entry.isDirectory()) walk(child);
        else if (entry.isFile()) out.push(child);
      }
    };
    walk(folder.replace(/\/$/, ''));
    return out.sort(byCodePoint);
  }
}

/** A git directory at a tag or commit, read with `git show` and `git ls-tree`. */
export class GitSource implements UpstreamSource {
  constructor(private readonly gitDir: string, public readonly ref: string) {
    this.git('rev-parse', '--verify', `${ref}^{commit}`);
  }

  public read(file: string): string {
    return this.git('show', `${this.ref}:${file}`);
  }

  /** One `git cat-file --batch` for all of them: a process per file is what made a run slow. */
  public readAll(files: readonly string[]): string[] {
    if (files.length === 0) return [];
    const out = execFileSync('git', [`--git-dir=${this.gitDir}`, 'cat-file', '--batch'], {
      input: files.map((f) => `${this.ref}:${f}\n`).join(''), maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'],
    });
    const texts: string[] = [];
    let at = 0;
    for (const file of files) {
      const eol = out.indexOf(0x0a, at);
      const header = out.subarray(at, eol).toString('utf8');
      const m = /^\S+ blob (\d+)$/.exec(header);
      if (!m) throw new Error(`git cat-file: ${file} at ${this.ref}: ${header}`);
      const size = Number(m[1]);
      texts.push(out.subarray(eol + 1, eol + 1 + size).toString('utf8'));
      at = eol + 1 + size + 1;
    }
    return texts;
  }

  public list(folder: string): string[] {
    return this.git('ls-tree', '-r', '--name-only', this.ref, '--', folder.replace(/\/$/, ''))
      .split('\n').filter((l) => l !== '').sort(byCodePoint);
  }

  private git(...args: string[]): string {
    return execFileSync('git', [`--git-dir=${this.gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  }
}

/** Code-point order: the same on every machine and in every locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
