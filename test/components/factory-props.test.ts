import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { componentSpec } from '../../src/components/component-types';
import { indexOf, propName } from '../../src/core/component-spec';

// The 37 typed factories keep hand-written jsii props interfaces (with our own doc comments);
// this test ties every prop to exactly one row of the generated table of the factory's type, so
// a prop and its row cannot disagree: a prop whose key a new Dapr release drops, renames or
// makes sensitive fails here (a sensitive key's prop must take a MetadataValue).
const SRC = path.join(__dirname, '..', '..', 'src', 'components');
const OPTIONS_INTERFACES = new Set(['TypedComponentOptions', 'ComponentOptions']);

interface Member { readonly name: string; readonly type: string }

/** Every props interface of src/components, with its own members and the interfaces it extends. */
function readInterfaces(): Map<string, { members: Member[]; bases: string[] }> {
  const out = new Map<string, { members: Member[]; bases: string[] }>();
  for (const file of fs.readdirSync(SRC).filter((f) => f.endsWith('-props.ts'))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
    source.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node)) return;
      const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
      const members = node.members.filter(ts.isPropertySignature).map((m) => ({ name: m.name.getText(source), type: m.type?.getText(source) ?? '' }));
      out.set(node.name.text, { members, bases });
    });
  }
  return out;
}

/** Every factory: its props interface and the type and version it creates. */
function readFactories(): { factory: string; props: string; type: string; version: string }[] {
  const out: { factory: string; props: string; type: string; version: string }[] = [];
  for (const file of fs.readdirSync(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('-props.ts'))) {
    const text = fs.readFileSync(path.join(SRC, file), 'utf8');
    const re = /public static (\w+)\(scope: Construct, id: string, props: (\w+)[^)]*\): \w+ \{\s*return createTyped\(\w+, scope, id, '([^']+)', '([^']+)', props\);/g;
    for (const m of text.matchAll(re)) out.push({ factory: `${file}:${m[1]}`, props: m[2], type: m[3], version: m[4] });
  }
  return out;
}

const interfaces = readInterfaces();
const factories = readFactories();

function membersOf(name: string): Member[] {
  if (OPTIONS_INTERFACES.has(name)) return [];
  const i = interfaces.get(name);
  if (!i) throw new Error(`no props interface ${name}`);
  return [...i.bases.flatMap(membersOf), ...i.members];
}

describe('typed factory props', () => {
  test('all 37 factories are found', () => {
    expect(factories).toHaveLength(37);
  });

  test.each(factories.map((f) => [f.factory, f] as const))('%s: every prop is exactly one row of its type\'s generated table', (_name, f) => {
    const spec = componentSpec(f.type, f.version);
    const members = membersOf(f.props);
    for (const m of members) {
      const rows = spec.fields.filter((field) => propName(field) === m.name);
      expect({ prop: m.name, rows: rows.length }).toEqual({ prop: m.name, rows: 1 });
      if (rows[0].sensitive) {
        expect({ prop: m.name, type: m.type }).toEqual({ prop: m.name, type: 'MetadataValue' });
      }
    }
    // every required key of the type is a prop (a factory cannot be used without it otherwise)
    for (const key of indexOf(spec).required) {
      expect({ key, prop: members.some((m) => m.name === propName(indexOf(spec).byName.get(key)!)) }).toEqual({ key, prop: true });
    }
  });
});
