import * as fs from 'fs';
import * as path from 'path';
import { byCodePoint } from '../core/code-point-order';

/** One blob of an image, by digest. */
export interface Blob {
  readonly digest: string;
  readonly data: Buffer;
}

/**
 * Writes an OCI image layout directory (`oci-layout`, `index.json`, `blobs/sha256/...`)
 * holding one image under `tag`. The directory is assembled next to its final place and
 * renamed into it, so a failure never leaves a half-written layout behind.
 */
export function writeOciLayout(
  directory: string, blobs: readonly Blob[], manifest: { mediaType: string; digest: string; size: number }, tag: string,
): void {
  const target = path.resolve(directory);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.staging-`));
  try {
    fs.writeFileSync(path.join(staging, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    const blobDir = path.join(staging, 'blobs', 'sha256');
    fs.mkdirSync(blobDir, { recursive: true });
    for (const blob of [...blobs].sort(byCodePoint((b) => b.digest))) {
      fs.writeFileSync(path.join(blobDir, blob.digest.slice('sha256:'.length)), blob.data);
    }
    const index = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{ ...manifest, annotations: { 'org.opencontainers.image.ref.name': tag } }],
    };
    fs.writeFileSync(path.join(staging, 'index.json'), JSON.stringify(index));
    replaceDirectory(staging, target);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

/** Moves `source` to `target`, replacing what was there only once the new one is in place. */
function replaceDirectory(source: string, target: string) {
  if (!fs.existsSync(target)) {
    fs.renameSync(source, target);
    return;
  }
  const old = `${source}.old`;
  fs.renameSync(target, old);
  try {
    fs.renameSync(source, target);
  } catch (e) {
    fs.renameSync(old, target);
    throw e;
  }
  fs.rmSync(old, { recursive: true, force: true });
}
