import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { EXAMPLES } from '../../examples';
import { synthExample } from '../../examples/synth-example';

const NAMES = Object.keys(EXAMPLES);

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]).sort();
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function synthTo(name: string, dir: string): string {
  const outdir = path.join(tmp, dir, name);
  synthExample(name, outdir);
  return outdir;
}

describe.each(NAMES)('example %s', (name) => {
  test('synthesizes byte-identical files twice (manifests, topology, twin)', () => {
    const read = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    const first = read(synthTo(name, 'twice'));
    const second = read(synthTo(name, 'twice'));
    expect(Object.keys(first).length).toBeGreaterThan(1);
    expect(Object.keys(second)).toEqual(Object.keys(first));
    for (const f of Object.keys(first)) {
      expect(second[f]).toBe(first[f]);
    }
  });

  test('every YAML document parses, with sorted annotation keys and stable lists', () => {
    const dir = synthTo(name, 'parse');
    for (const f of listFiles(dir).filter((x) => x.endsWith('.k8s.yaml'))) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))) {
        expect(doc.errors).toEqual([]);
        const obj = doc.toJS();
        expect(typeof obj.apiVersion).toBe('string');
        const annotations = obj.spec?.template?.metadata?.annotations;
        if (annotations) expect(Object.keys(annotations)).toEqual(Object.keys(annotations).sort());
        if (obj.scopes) expect(obj.scopes).toEqual([...obj.scopes].sort());
      }
    }
  });
});
