import { GeneratedComponentType } from './components';
import { byCodePoint } from './source';
import type { ComponentSpec, FieldSpec } from '../../src/components/component-spec';
import { joinFacts, Overrides } from '../../src/facts/join';
import { TYPED_OPTION_KEYS } from '../../src/facts/typed-options';

/*
 * The typed factories' props interfaces, written from the same tables the library enforces
 * (generated facts + overrides, joined by src/facts/join.ts), so a prop and its table row cannot
 * disagree: one readonly prop per metadata key, typed by the row (a sensitive key takes a
 * MetadataValue, never a string), required when the row is, `@default` on every optional one.
 */

/** One typed factory, as src/facts/typed-factories.json lists it. */
export interface TypedFactory {
  /** `StateStore.redis`: the class and the static method. */
  readonly factory: string;
  /** The props interface's name, e.g. `RedisStateStoreProps`. */
  readonly props: string;
  /** The type the factory emits (a registered name: the table's type or one of its aliases). */
  readonly type: string;
  readonly version: string;
  /** What the factory creates, in the project's words: the interface's doc says "Props of <title>". */
  readonly title: string;
  /** The project's own doc sentence per metadata key; other keys are documented by a link to Dapr's docs. */
  readonly docs: { readonly [key: string]: string };
}

/** The camelCase prop of a metadata key: `tls_client_key` is `tlsClientKey`, `MTLSRootCA` is `mtlsRootCA`. */
export function camelProp(key: string): string {
  if (/^[a-z][A-Za-z0-9]*$/.test(key)) return key;
  const words = key.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  return words.map((w, i) => {
    if (i > 0) return w[0].toUpperCase() + w.slice(1);
    const run = /^[A-Z]+/.exec(w)?.[0] ?? '';
    // the capitals before a capitalised word are an acronym: MTLSRoot -> mtlsRoot
    const lower = run.length > 1 && run.length < w.length ? run.length - 1 : run.length;
    return w.slice(0, lower).toLowerCase() + w.slice(lower);
  }).join('');
}

/** The prop a field's metadata key is set by: the override's name, else its camelCase form. */
export function propOf(field: FieldSpec): string {
  return field.prop ?? camelProp(field.name);
}

function tsType(field: FieldSpec): string {
  if (field.sensitive) return 'MetadataValue';
  switch (field.type) {
    case 'number':
    case 'count':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'duration':
      return 'Duration';
    default:
      return 'string';
  }
}

/** The table of a factory's type: by its name or one of its aliases, at its version. */
function tableOf(factory: TypedFactory, types: readonly GeneratedComponentType[], overrides: Overrides): ComponentSpec {
  const facts = types.find((t) => (t.type === factory.type || (t.aliases ?? []).includes(factory.type)) && t.version === factory.version);
  if (!facts) throw new Error(`${factory.factory}: no component type ${factory.type} ${factory.version} in components-contrib`);
  return joinFacts(facts, overrides);
}

export interface PropsOutput {
  /** The TypeScript of the interfaces. */
  readonly interfaces: string;
  /** For each factory's `<type> <version>`: prop -> metadata key. */
  readonly keys: { [typeAndVersion: string]: { [prop: string]: string } };
}

/** The interfaces and the key table of every typed factory, in the order of the factories (sorted by name). */
export function emitProps(factories: readonly TypedFactory[], types: readonly GeneratedComponentType[], overrides: Overrides): PropsOutput {
  const sorted = [...factories].sort((a, b) => byCodePoint(a.props, b.props));
  const keys: PropsOutput['keys'] = {};
  const blocks: string[] = [];
  let usesDuration = false;
  for (const factory of sorted) {
    const spec = tableOf(factory, types, overrides);
    for (const key of Object.keys(factory.docs)) {
      if (!spec.fields.some((f) => f.name === key)) throw new Error(`${factory.factory}: a doc sentence for "${key}", which ${spec.type} ${factory.version} does not have`);
    }
    const mapping: { [prop: string]: string } = {};
    const members: string[] = [];
    for (const field of spec.fields) {
      const prop = propOf(field);
      if (TYPED_OPTION_KEYS.has(prop)) throw new Error(`${factory.factory}: metadata key "${field.name}" would be prop "${prop}", an option of every typed factory: give it another prop in src/facts/overrides.ts`);
      if (mapping[prop] !== undefined) throw new Error(`${factory.factory}: metadata keys "${mapping[prop]}" and "${field.name}" would both be prop "${prop}": give one another prop in src/facts/overrides.ts`);
      mapping[prop] = field.name;
      const type = tsType(field);
      usesDuration ||= type === 'Duration';
      members.push(member(prop, type, field, factory.docs[field.name]));
    }
    keys[`${factory.type} ${factory.version}`] = mapping;
    blocks.push([
      '/**',
      ` * Props of ${factory.title}`,
      ' *',
      ` * One prop per metadata key of \`${factory.type}\` ${factory.version} (\`${factory.factory}()\`); further keys, or a secret`,
      ' * reference for a key whose prop takes a plain value: `additionalMetadata`.',
      ...(spec.docs ? [` * @see ${spec.docs}`] : []),
      ' */',
      `export interface ${factory.props} extends TypedComponentOptions {`,
      ...members,
      '}',
      '',
    ].join('\n'));
  }
  const imports = [
    ...(usesDuration ? ['import { Duration } from \'cdk8s\';'] : []),
    'import { MetadataValue } from \'../components/metadata-value\';',
    'import { TypedComponentOptions } from \'../components/typed-component\';',
    '',
  ];
  return { interfaces: [...imports, ...blocks].join('\n'), keys };
}

function member(prop: string, type: string, field: FieldSpec, doc: string | undefined): string {
  const lines: string[] = [];
  lines.push(doc ?? `Dapr metadata key \`${field.name}\` (see the type's page in Dapr's docs).`);
  if (doc !== undefined && prop !== field.name) lines.push(`Dapr metadata key \`${field.name}\`.`);
  if (field.allowedValues) lines.push(`One of ${field.allowedValues.map((v) => JSON.stringify(v)).join(', ')}.`);
  if (field.sensitive) lines.push('Sensitive: pass `MetadataValue.fromSecret()` (or `MetadataValue.fromEnv()`).');
  if (field.authProfile) lines.push('Used by one of the type\'s authentication profiles.');
  const optional = !field.required;
  if (optional) lines.push(`@default - not set${field.default !== undefined ? ` (Dapr's default: ${field.default})` : ''}`);
  if (field.deprecated) lines.push('@deprecated Dapr still reads it, but it is superseded; see the type\'s docs.');
  return [
    '  /**',
    ...lines.map((l) => `   * ${l.replace(/\*\//g, '*\\/')}`),
    '   */',
    `  readonly ${prop}${optional ? '?' : ''}: ${type};`,
  ].join('\n');
}
