import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { BuiltImage, FileImageBuildRequest } from './file-image-build';

/** How long a build may take before the synth gives up on it. */
const BUILD_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Runs a file image build from synchronous construct code: the build (network I/O, so
 * asynchronous) runs in a child Node.js process, which the synth waits for.
 */
export function runFileImageBuild(request: FileImageBuildRequest): BuiltImage {
  const compiled = path.join(__dirname, 'build-worker.js');
  // From the TypeScript sources (the library's own tests), the worker runs through ts-node.
  const args = fs.existsSync(compiled)
    ? [compiled]
    : ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'build-worker.ts')];
  const result = spawnSync(process.execPath, args, {
    input: JSON.stringify(request),
    encoding: 'utf8',
    timeout: BUILD_TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw new Error(`the image build could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(result.stderr.trim() || `the image build failed (exit code ${result.status})`);
  return JSON.parse(result.stdout) as BuiltImage;
}
