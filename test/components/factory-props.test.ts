import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { camelProp } from '../../projenrc/dapr-facts/props';
import { FieldSpec, indexOf } from '../../src/core/component-spec';
import { componentSpec } from '../../src/facts/component-types';
import TYPED_FACTORIES from '../../src/facts/typed-factories.json';
import { TYPED_OPTION_KEYS } from '../../src/facts/typed-options';
import { PROP_KEYS } from '../../src/generated/component-prop-keys';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'src', 'components');

interface Member { readonly name: string; readonly type: string; readonly optional: boolean; readonly doc: string }

/** Every generated props interface, with its members and the interfaces it extends. */
function readInterfaces(): Map<string, { members: Member[]; bases: string[] }> {
  const out = new Map<string, { members: Member[]; bases: string[] }>();
  const file = path.join(ROOT, 'src', 'generated', 'component-props.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
    const members = node.members.filter(ts.isPropertySignature).map((m) => ({
      name: m.name.getText(source),
      type: m.type?.getText(source) ?? '',
      optional: m.questionToken !== undefined,
      doc: ts.getJSDocCommentsAndTags(m).map((d) => d.getText(source)).join('\n'),
    }));
    out.set(node.name.text, { members, bases });
  });
  return out;
}

/** Every factory of src/components: its props interface and the type and version it creates. */
function readFactories(): { factory: string; props: string; type: string; version: string }[] {
  const out: { factory: string; props: string; type: string; version: string }[] = [];
  for (const file of fs.readdirSync(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('-props.ts'))) {
    const text = fs.readFileSync(path.join(SRC, file), 'utf8');
    const re = /public static (\w+)\(scope: Construct, id: string, props: (\w+)[^)]*\): (\w+) \{\s*return createTyped\(\w+, scope, id, '([^']+)', '([^']+)', props\);/g;
    for (const m of text.matchAll(re)) out.push({ factory: `${m[3]}.${m[1]}`, props: m[2], type: m[4], version: m[5] });
  }
  return out.sort((a, b) => (a.factory < b.factory ? -1 : 1));
}

const interfaces = readInterfaces();
const factories = readFactories();

function tsTypeOf(field: FieldSpec): string {
  if (field.sensitive) return 'MetadataValue';
  return ({ number: 'number', count: 'number', bool: 'boolean', duration: 'Duration' } as { [t: string]: string })[field.type ?? 'string'] ?? 'string';
}

describe('typed factory props', () => {
  test('the shared props interfaces extend the options', () => {
    for (const g of TYPED_FACTORIES.shared) expect(interfaces.get(g.props)!.bases).toEqual(['TypedComponentOptions']);
  });

  test('all 37 factories are found, and src/facts/typed-factories.json lists exactly them', () => {
    expect(factories).toHaveLength(37);
    expect(TYPED_FACTORIES.factories.map((f) => ({ factory: f.factory, props: f.props, type: f.type, version: f.version }))).toEqual(factories);
    expect([...interfaces.keys()].sort()).toEqual([...factories.map((f) => f.props), ...TYPED_FACTORIES.shared.map((g) => g.props)].sort());
    expect(Object.keys(PROP_KEYS).sort()).toEqual(factories.map((f) => `${f.type} ${f.version}`).sort());
  });

  test.each(factories.map((f) => [f.factory, f] as const))('%s: one prop per row of its type\'s table, typed by the row', (_name, f) => {
    const spec = componentSpec(f.type, f.version);
    const iface = interfaces.get(f.props)!;
    const groups = TYPED_FACTORIES.shared.filter((g) => g.factories.includes(f.factory)).map((g) => g.props).sort();
    expect(iface.bases).toEqual(groups.length > 0 ? groups : ['TypedComponentOptions']);
    const members = [...groups.flatMap((g) => interfaces.get(g)!.members), ...iface.members];
    const keys = PROP_KEYS[`${f.type} ${f.version}`];
    // the key table and the interface (with the props it shares) name the same props, each one row, every
    // row once: no prop comes from two bases
    expect(members.map((m) => m.name).sort()).toEqual(Object.keys(keys).sort());
    expect(Object.values(keys)).toEqual(spec.fields.map((field) => field.name));
    for (const m of members) {
      const field = indexOf(spec).byName.get(keys[m.name])!;
      expect(TYPED_OPTION_KEYS.has(m.name)).toBe(false);
      expect({ prop: m.name, type: m.type, optional: m.optional }).toEqual({ prop: m.name, type: tsTypeOf(field), optional: !field.required });
      expect(m.name).toBe(field.prop ?? camelProp(field.name));
      // jsii: @default on every optional prop
      if (m.optional) expect({ prop: m.name, default: /@default /.test(m.doc) }).toEqual({ prop: m.name, default: true });
    }
  });

  test('camelCase props of keys that are not camelCase', () => {
    expect(camelProp('redisHost')).toBe('redisHost');
    expect(camelProp('tls_client_key')).toBe('tlsClientKey');
    expect(camelProp('MTLSRootCA')).toBe('mtlsRootCA');
    expect(camelProp('TTL')).toBe('ttl');
    expect(camelProp('private-key')).toBe('privateKey');
  });
});
