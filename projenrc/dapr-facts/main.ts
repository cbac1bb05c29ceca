/*
 * Regenerates src/generated/ from Dapr's sources at a release:
 *
 *   npx projen dapr:update --dapr-git <dir> --dapr-ref v1.18.3 [--contrib-git <dir> [--contrib-ref v1.18.4]]
 *   npx projen dapr:update --dapr <checkout> --contrib <checkout> [--dapr-ref ...] [--contrib-ref ...]
 *
 * A git directory (`git clone --bare`) is read at the tag with `git show`; a checkout is read as
 * it is, and is taken to be at the tag given (by default the pinned release). The components-contrib
 * release defaults to the one dapr/dapr's go.mod pins, and must match it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { generate, GENERATED_FOLDER, pinnedContribRef } from './generate';
import { KUBE_L1_FILES } from './kube-l1';
import { CheckoutSource, GitSource, UpstreamSource } from './source';
import { DaprVersion } from '../../src/runtime/dapr-version';

const USAGE = 'usage: npx projen dapr:update (--dapr-git DIR --dapr-ref TAG | --dapr DIR) (--contrib-git DIR | --contrib DIR) [--contrib-ref TAG] [--out DIR] [--check]';

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i];
    if (!name.startsWith('--')) throw new Error(`unexpected "${name}"\n${USAGE}`);
    if (name === '--check') {
      args.set('check', 'true');
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
    args.set(name.slice(2), value);
  }
  return args;
}

function source(args: Map<string, string>, repo: string, ref: string | undefined): UpstreamSource {
  const gitDir = args.get(`${repo}-git`);
  const checkout = args.get(repo);
  if ((gitDir === undefined) === (checkout === undefined)) throw new Error(`give one of --${repo}-git and --${repo}\n${USAGE}`);
  if (ref === undefined) throw new Error(`--${repo}-ref is needed\n${USAGE}`);
  return gitDir !== undefined ? new GitSource(gitDir, ref) : new CheckoutSource(checkout!, ref);
}

function main(): void {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  const pinned = `v${DaprVersion.LATEST.version}`;
  const daprRef = args.get('dapr-ref') ?? (args.has('dapr') ? pinned : undefined);
  const dapr = source(args, 'dapr', daprRef);
  const pinnedContrib = pinnedContribRef(dapr);
  const contribRef = args.get('contrib-ref') ?? pinnedContrib;
  if (contribRef !== pinnedContrib) {
    throw new Error(`dapr/dapr ${dapr.ref} pins components-contrib ${pinnedContrib} in its go.mod, not ${contribRef}`);
  }
  const contrib = source(args, 'contrib', contribRef);
  console.log(`dapr/dapr ${dapr.ref}, dapr/components-contrib ${contrib.ref}; DaprVersion.LATEST is ${DaprVersion.LATEST.version}`);
  if (dapr.ref !== pinned) {
    // One place pins the release: DaprVersion.LATEST. Move it first, so the images, the CRDs and the facts agree.
    throw new Error(`--dapr-ref ${dapr.ref} is not the pinned release ${pinned}: set DaprVersion.LATEST in src/runtime/dapr-version.ts to it first`);
  }

  const out = args.get('out') ?? process.cwd();
  const files = generate({ dapr, contrib });
  let changed = 0;
  for (const [file, content] of files) {
    const target = path.join(out, file);
    const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (before === content) continue;
    changed++;
    if (args.has('check')) {
      console.log(`out of date: ${file}`);
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    console.log(`wrote ${file} (${content.length} bytes)`);
  }
  const stale = fs.existsSync(path.join(out, GENERATED_FOLDER))
    ? fs.readdirSync(path.join(out, GENERATED_FOLDER)).filter((f) => !files.has(`${GENERATED_FOLDER}/${f}`) && !Object.values(KUBE_L1_FILES).includes(`${GENERATED_FOLDER}/${f}`)) : [];
  for (const f of stale) console.log(`not generated any more, delete it: ${GENERATED_FOLDER}/${f}`);
  console.log(`${files.size} files, ${changed} changed, in ${Date.now() - started} ms`);
  if (args.has('check') && (changed > 0 || stale.length > 0)) process.exitCode = 1;
}

try {
  main();
} catch (e) {
  console.error(`dapr:update: ${(e as Error).message}`);
  process.exitCode = 2;
}
