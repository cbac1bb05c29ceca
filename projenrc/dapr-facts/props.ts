import { GeneratedComponentType } from './components';
import { byCodePoint } from './source';
import type { ComponentSpec, FieldSpec } from '../../src/core/component-spec';
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

/**
 * Props several typed factories share: the metadata keys whose rows are the same in all their
 * types' tables (the same client library underneath: Kafka, Redis, PostgreSQL, an AWS or Azure
 * SDK). Each member's interface extends it instead of repeating the keys.
 */
export interface SharedProps {
  /** The shared interface's name, e.g. `PostgresqlConnectionProps`. */
  readonly props: string;
  /** What the shared keys are, in the project's words: the interface's doc says "Props of <title>". */
  readonly title: string;
  /** The members, by `factory` name; a factory may be in several groups (an earlier listed group's rows are not shared again). */
  readonly factories: readonly string[];
}

export interface PropsOutput {
  /** The TypeScript of the interfaces. */
  readonly interfaces: string;
  /** For each factory's `<type> <version>`: prop -> metadata key (shared props included). */
  readonly keys: { [typeAndVersion: string]: { [prop: string]: string } };
}

/** One prop of an interface: its metadata key's row, prop name, TypeScript type and doc sentence. */
interface Prop {
  readonly field: FieldSpec;
  readonly prop: string;
  readonly type: string;
  readonly doc?: string;
}

/** A row as a string, to compare rows across tables (the prop name included). */
function rowOf(p: Prop): string {
  return JSON.stringify([p.prop, p.type, p.field.name, p.field.required ?? false, p.field.sensitive ?? false, p.field.allowedValues ?? [],
    p.field.default ?? '', p.field.deprecated ?? false, p.field.authProfile ?? false]);
}

/** The props of one factory, from its type's joined table. */
function propsOf(factory: TypedFactory, types: readonly GeneratedComponentType[], overrides: Overrides): { spec: ComponentSpec; props: Prop[] } {
  const spec = tableOf(factory, types, overrides);
  for (const key of Object.keys(factory.docs)) {
    if (!spec.fields.some((f) => f.name === key)) throw new Error(`${factory.factory}: a doc sentence for "${key}", which ${spec.type} ${factory.version} does not have`);
  }
  const seen = new Map<string, string>();
  const props = spec.fields.map((field) => {
    const prop = propOf(field);
    if (TYPED_OPTION_KEYS.has(prop)) throw new Error(`${factory.factory}: metadata key "${field.name}" would be prop "${prop}", an option of every typed factory: give it another prop in src/facts/overrides.ts`);
    if (seen.has(prop)) throw new Error(`${factory.factory}: metadata keys "${seen.get(prop)}" and "${field.name}" would both be prop "${prop}": give one another prop in src/facts/overrides.ts`);
    seen.set(prop, field.name);
    return { field, prop, type: tsType(field), ...(factory.docs[field.name] !== undefined ? { doc: factory.docs[field.name] } : {}) };
  });
  return { spec, props };
}

/**
 * The interfaces and the key table of every typed factory (sorted by interface name), the
 * groups of shared props first, in the order listed.
 */
export function emitProps(factories: readonly TypedFactory[], types: readonly GeneratedComponentType[], overrides: Overrides,
  shared: readonly SharedProps[] = []): PropsOutput {
  const byName = new Map(factories.map((f) => [f.factory, f]));
  const tables = new Map(factories.map((f) => [f.factory, propsOf(f, types, overrides)]));
  const groupsOf = new Map<string, SharedProps[]>();
  const inherited = new Map<string, Set<string>>();
  const blocks: string[] = [];
  const keys: PropsOutput['keys'] = {};
  let usesDuration = false;
  const body = (props: readonly Prop[]) => props.map((p) => {
    usesDuration ||= p.type === 'Duration';
    return member(p.prop, p.type, p.field, p.doc);
  });
  // a row an earlier group gave a member is not shared again: no prop comes from two bases
  const available = (name: string) => tables.get(name)!.props.filter((p) => !(inherited.get(name)?.has(rowOf(p)) ?? false));
  // in the order listed: an earlier group takes its rows first
  for (const group of shared) {
    for (const name of group.factories) {
      if (!byName.has(name)) throw new Error(`${group.props}: no typed factory ${name}`);
    }
    const members = group.factories.map(available);
    // the rows every member has, in the first member's order, documented by the first member that has a sentence
    const common = members[0].filter((p) => members.every((m) => m.some((q) => rowOf(q) === rowOf(p)))).map((p) => {
      const doc = members.map((m) => m.find((q) => rowOf(q) === rowOf(p))!.doc).find((d) => d !== undefined);
      return { ...p, doc };
    });
    if (common.length === 0) throw new Error(`${group.props}: ${group.factories.join(', ')} have no metadata key in common (that an earlier group does not hold)`);
    for (const name of group.factories) {
      groupsOf.set(name, [...(groupsOf.get(name) ?? []), group]);
      inherited.set(name, new Set([...(inherited.get(name) ?? []), ...common.map(rowOf)]));
    }
    blocks.push([
      '/**',
      ` * Props of ${group.title}`,
      ' *',
      ` * The metadata keys the tables of ${group.factories.map((f) => `\`${f}()\``).join(', ')} have in common.`,
      ' */',
      `export interface ${group.props} extends TypedComponentOptions {`,
      ...body(common),
      '}',
      '',
    ].join('\n'));
  }
  for (const factory of [...factories].sort((a, b) => byCodePoint(a.props, b.props))) {
    const { spec, props } = tables.get(factory.factory)!;
    const groups = groupsOf.get(factory.factory) ?? [];
    keys[`${factory.type} ${factory.version}`] = Object.fromEntries(props.map((p) => [p.prop, p.field.name]));
    const bases = groups.map((g) => g.props);
    blocks.push([
      '/**',
      ` * Props of ${factory.title}`,
      ' *',
      ` * One prop per metadata key of \`${factory.type}\` ${factory.version} (\`${factory.factory}()\`)${bases.length > 0 ? `, the shared ones from ${bases.map((b) => `\`${b}\``).join(' and ')}` : ''};`,
      ' * further keys, or a secret reference for a key whose prop takes a plain value: `additionalMetadata`.',
      ...(spec.docs ? [` * @see ${spec.docs}`] : []),
      ' */',
      `export interface ${factory.props} extends ${bases.length > 0 ? bases.join(', ') : 'TypedComponentOptions'} {`,
      ...body(available(factory.factory)),
      '}',
      '',
    ].join('\n'));
  }
  const imports = [
    ...(usesDuration ? ['import { Duration } from \'cdk8s\';'] : []),
    'import { MetadataValue } from \'../core/metadata-value\';',
    'import { TypedComponentOptions } from \'../core/component-options\';',
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
