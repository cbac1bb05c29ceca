import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import * as fc from 'fast-check';
import { generateKubeL1, KUBE_L1_KINDS, KUBE_L1_MODULE, KUBE_L1_STRUCTS, kubeL1Table, parseConverters, parseGvks } from '../../projenrc/dapr-facts/kube-l1';
import { KubeKind, KubeL1Table, renderKubeStruct } from '../../src/core/kube-l1';
import * as l1 from '../../src/generated/kube-l1';

// The control plane renders its objects from a table read out of cdk8s-plus-28's k8s module
// (projenrc/dapr-facts/kube-l1.ts) instead of loading that module. These tests hold the table to
// the module it came from: the committed files are what the installed cdk8s-plus-28 generates,
// and for random props of every kind and struct the table gives exactly what the module's own
// converters give.
const ROOT = path.join(__dirname, '..', '..');
const SOURCE = fs.readFileSync(require.resolve(`${KUBE_L1_MODULE}.js`), 'utf8');
const VERSION = JSON.parse(fs.readFileSync(require.resolve('cdk8s-plus-28/package.json'), 'utf8')).version;
const TABLE = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/generated/kube-l1.table.json'), 'utf8')).content as KubeL1Table;

describe('generated from the installed cdk8s-plus-28', () => {
  test('the committed files are what `npx projen kube:update` writes now (no drift after a dependency update)', () => {
    for (const [file, content] of generateKubeL1(SOURCE, VERSION)) {
      expect({ file, content: fs.readFileSync(path.join(ROOT, file), 'utf8') }).toEqual({ file, content });
    }
  });

  test('every converter of the module is read (a form the generator does not know fails by name)', () => {
    const all = parseConverters(SOURCE);
    expect(all.size).toBe((SOURCE.match(/^function toJson_/gm) ?? []).length);
    const broken = SOURCE.replace("'hostIP': obj.hostIp,", "'hostIP': obj.hostIp ?? 1,");
    expect(() => parseConverters(broken)).toThrow("toJson_ContainerPort: field 'hostIP' converts as `obj.hostIp ?? 1`, a form this generator does not know");
  });

  test('the groups, versions and kinds read from the source are those of the module\'s classes', () => {
    const classes = Object.entries(k8s).filter(([, c]) => (c as any)?.GVK !== undefined).map(([name, c]) => [name, { ...(c as any).GVK }]);
    expect(classes.length).toBe(139);
    expect([...parseGvks(SOURCE).entries()].sort()).toEqual(classes.sort());
  });

  test('a kind or struct the module does not have is refused', () => {
    expect(() => kubeL1Table(SOURCE, ['KubeNoSuchThing'])).toThrow(`${KUBE_L1_MODULE} has no class KubeNoSuchThing with a GVK`);
    expect(() => kubeL1Table(SOURCE, [], ['NoSuchStruct'])).toThrow(`${KUBE_L1_MODULE} has no converter toJson_NoSuchStruct`);
  });

  test('the kinds, with the groups and versions of the module\'s classes', () => {
    expect(Object.keys(TABLE.kinds)).toEqual([...KUBE_L1_KINDS].sort());
    for (const kind of KUBE_L1_KINDS) {
      expect((l1 as any)[kind].GVK).toEqual((k8s as any)[kind].GVK);
    }
    // a renamed JSON field is kept as Kubernetes spells it
    expect(TABLE.structs.ContainerPort).toContainEqual(['hostIP', 'hostIp', 'v']);
    expect(TABLE.structs.ServiceSpec).toContainEqual(['clusterIP', 'clusterIp', 'v']);
  });
});

/** Random values for a struct of the table, as a user (or the control plane) could pass them. */
function structArb(type: string, depth: number): fc.Arbitrary<any> {
  const fields = TABLE.structs[type];
  const record: { [k: string]: fc.Arbitrary<any> } = {};
  for (const [, prop, form, nested] of fields) {
    const deeper = depth > 0 && nested !== undefined;
    const scalar = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant({ any: ['json'] }));
    const value = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.string({ maxLength: 4 }));
    const kubeValue = value.chain((v) => fc.constantFrom<any>(
      typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v),
      typeof v === 'number' ? l1.IntOrString.fromNumber(v) : l1.Quantity.fromString(v),
    ));
    const dict = (a: fc.Arbitrary<any>) => fc.dictionary(fc.constantFrom('a', 'b', 'c.io/d'), fc.option(a, { nil: undefined }), { maxKeys: 3 });
    const arb: fc.Arbitrary<any> | undefined = ({
      v: scalar,
      s: deeper ? structArb(nested!, depth - 1) : undefined,
      sa: deeper ? fc.array(structArb(nested!, depth - 1), { maxLength: 2 }) : undefined,
      a: fc.array(fc.string({ maxLength: 3 }), { maxLength: 3 }),
      q: kubeValue,
      d: fc.date({ min: new Date(0), max: new Date(2 ** 40), noInvalidDate: true }),
      m: dict(fc.string({ maxLength: 3 })),
      mq: dict(kubeValue),
      ms: deeper ? dict(structArb(nested!, depth - 1)) : undefined,
      ma: dict(fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 })),
    } as { [form: string]: fc.Arbitrary<any> | undefined })[form];
    if (arb) record[prop] = arb;
  }
  // a property the struct does not declare is dropped by both
  record.notAField = fc.string({ maxLength: 2 });
  return fc.record(record, { requiredKeys: [] });
}

describe('the same JSON as cdk8s-plus-28\'s converters', () => {
  test.each([...KUBE_L1_KINDS])('%s.manifest(props), random props', (kind) => {
    const ours = (l1 as any)[kind] as KubeKind<any>;
    const theirs = (k8s as any)[kind];
    fc.assert(fc.property(structArb(`${kind}Props`, 4), (props) => {
      expect(JSON.stringify(ours.manifest(props))).toEqual(JSON.stringify(theirs.manifest(props)));
    }), { numRuns: 60 });
    expect(ours.manifest()).toEqual(theirs.manifest());
  });

  test.each([...KUBE_L1_STRUCTS])('toJson_%s, random values', (struct) => {
    fc.assert(fc.property(structArb(struct, 4), (value) => {
      expect(JSON.stringify((l1 as any)[`toJson_${struct}`](value))).toEqual(JSON.stringify((k8s as any)[`toJson_${struct}`](value)));
    }), { numRuns: 100 });
    expect(renderKubeStruct(TABLE, struct, undefined)).toBeUndefined();
  });

  test('IntOrString and Quantity hold their value, as the module\'s classes do', () => {
    expect(l1.IntOrString.fromNumber(8080).value).toBe(8080);
    expect(l1.IntOrString.fromString('50%').value).toBe('50%');
    expect(l1.Quantity.fromString('64Mi').value).toBe('64Mi');
    expect(l1.Quantity.fromNumber(2).value).toBe(2);
  });
});

test('loading the control plane does not load cdk8s-plus-28\'s k8s module', () => {
  const script = `require(${JSON.stringify(path.join(ROOT, 'src/runtime/dapr-control-plane.ts'))});`
    + 'process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes(\'cdk8s-plus-28\'))));';
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(JSON.parse(out)).toEqual([]);
});
