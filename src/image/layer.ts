import * as zlib from 'zlib';
import { sha256Digest } from './registry-client';
import { createTar, TarFile } from './tar';

/** A compressed layer: its bytes, and the two digests an image refers to it by. */
export interface Layer {
  /** The gzip-compressed tar. */
  readonly blob: Buffer;
  /** Digest of the compressed blob: the manifest's layer digest. */
  readonly digest: string;
  /** Digest of the uncompressed tar: the config's `rootfs.diff_ids` entry. */
  readonly diffId: string;
}

/** The byte of the gzip header naming the operating system that wrote it (RFC 1952). */
const GZIP_OS_BYTE = 9;
/** "Unknown", as Go's gzip writes it: the same header on every platform. */
const GZIP_OS_UNKNOWN = 255;

/**
 * Builds a layer from files: a deterministic tar, gzip-compressed with a fixed header
 * (mtime 0, no file name, OS "unknown"), so the same files give the same digests anywhere
 * the same zlib runs.
 */
export function buildLayer(files: readonly TarFile[]): Layer {
  const tar = createTar(files);
  const blob = zlib.gzipSync(tar, { level: 9 });
  blob[GZIP_OS_BYTE] = GZIP_OS_UNKNOWN;
  return { blob, digest: sha256Digest(blob), diffId: sha256Digest(tar) };
}
