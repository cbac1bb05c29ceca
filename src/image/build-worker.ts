/**
 * The child process of a file image build: reads the request as JSON on stdin, builds, and
 * prints the result as JSON on stdout, or the error on stderr with exit code 1.
 */
import { buildFileImage, FileImageBuildRequest } from './file-image-build';
import { redactText } from '../core/credentials';

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FileImageBuildRequest;
  const built = await buildFileImage(request);
  process.stdout.write(JSON.stringify(built));
}

main().catch((e: Error) => {
  process.stderr.write(`${redactText(e.message)}\n`);
  process.exit(1);
});
