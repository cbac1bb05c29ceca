import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Output never depends on the machine's locale. Node's ICU takes its default locale from
 * LC_ALL / LANG even when the OS has no such locale installed, and `localeCompare` then orders
 * by that locale's rules (Danish sorts "aa" after "z"). Each locale gets its own child process,
 * because the default locale is fixed when Node starts.
 */
// three child processes, each compiling the sources with ts-node: slow on a loaded machine, not timed
jest.setTimeout(1_200_000);

const LOCALES = ['C', 'da_DK.UTF-8', 'tr_TR.UTF-8'];
const ROOT = path.join(__dirname, '..', '..');

function synthUnder(locale: string, outdir: string): { aaVsB: number; locale: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: locale, LC_ALL: locale, LC_COLLATE: locale };
  delete env.CDK8S_DAPR_BUILD_IMAGES;
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'locale-synth.ts'), outdir], {
    cwd: ROOT, env, encoding: 'utf8', timeout: 360_000,
  });
  if (result.status !== 0) throw new Error(`synth under ${locale} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Every file under `dir`, relative path -> bytes. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), fs.readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

test('the examples, a crafted app and a fromFiles image build are byte-identical under C, da_DK and tr_TR', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'locale-'));
  try {
    // Every run writes to the same folder (the local twin's run file holds relative paths), one after the other.
    const outdir = path.join(tmp, 'out');
    const trees: Array<Map<string, Buffer>> = [];
    const results = LOCALES.map((locale) => {
      const result = synthUnder(locale, outdir);
      trees.push(tree(outdir));
      fs.rmSync(outdir, { recursive: true, force: true });
      return { ...result, locale };
    });
    // The locale really reached ICU: under da_DK, localeCompare puts "aa" after "b", so the old
    // localeCompare sorts would have produced different bytes.
    expect(results.map((r) => [r.locale, r.aaVsB])).toEqual([['C', -1], ['da_DK.UTF-8', 1], ['tr_TR.UTF-8', -1]]);

    const [reference, ...others] = trees;
    expect([...reference.keys()]).toEqual(expect.arrayContaining([
      path.join('examples', 'task-api', 'local', 'dapr.yaml'),
      path.join('crafted', 'local', 'dapr.yaml'),
      path.join('crafted', 'dapr-topology.md'),
      path.join('crafted', 'image.txt'),
      path.join('oci-layout', 'index.json'),
      'images.json',
    ]));
    for (const other of others) {
      expect([...other.keys()].sort()).toEqual([...reference.keys()].sort());
      for (const [file, bytes] of reference) {
        expect({ file, text: other.get(file)!.toString('latin1') }).toEqual({ file, text: bytes.toString('latin1') });
      }
    }
    // Code point order, not any locale's: "aa" before "b", upper case before lower case.
    const dapr = reference.get(path.join('crafted', 'local', 'dapr.yaml'))!.toString();
    expect([...dapr.matchAll(/appID: (\S+)/g)].map((m) => m[1])).toEqual(['a-app', 'aa-app', 'b-app', 'i-app', 'z-app']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
