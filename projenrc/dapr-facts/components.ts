import * as YAML from 'yaml';
import { byCodePoint, UpstreamSource } from './source';

/** components-contrib's list of the folders that hold component types. */
export const COMPONENT_FOLDERS_FILE = '.build-tools/component-folders.yaml';
/** components-contrib's built-in authentication profiles, which a type imports by name. */
export const BUILTIN_PROFILES_FILE = '.build-tools/builtin-authentication-profiles.yaml';

export type GeneratedFieldType = 'string' | 'number' | 'bool' | 'duration' | 'bytesize';
const FIELD_TYPES: readonly string[] = ['string', 'number', 'bool', 'duration', 'bytesize'];

export interface GeneratedField {
  readonly name: string;
  readonly type?: GeneratedFieldType;
  readonly required?: true;
  readonly sensitive?: true;
  readonly allowedValues?: string[];
  readonly default?: string;
  readonly deprecated?: true;
  /** Only part of one or more authentication profiles (required, if at all, only within one). */
  readonly authProfile?: true;
}

export interface GeneratedComponentType {
  /** The type as a Component names it: `state.redis`, `middleware.http.oauth2`. */
  readonly type: string;
  readonly category: string;
  readonly version: string;
  readonly status: string;
  /** The Reference page on docs.dapr.io. */
  readonly docs?: string;
  /** The metadata.yaml it came from. */
  readonly file: string;
  /** Other names daprd registers for the same component, e.g. `bindings.postgresql`. */
  readonly aliases?: string[];
  readonly fields: GeneratedField[];
}

interface RawField {
  name?: unknown;
  type?: unknown;
  required?: unknown;
  sensitive?: unknown;
  allowedValues?: unknown;
  default?: unknown;
  deprecated?: unknown;
}

/**
 * Parses a metadata.yaml. Known quirk: some files end lines with a tab, which strict YAML
 * parsers reject; trailing white space carries no meaning outside block scalars (descriptions,
 * which are not read), so it is removed first.
 */
export function parseMetadataYaml(text: string, file: string): any {
  const cleaned = text.replace(/[ \t]+$/gm, '');
  try {
    return YAML.parse(cleaned);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/** Every metadata.yaml of every component type, name resolution included, sorted by type and version. */
export function readComponentTypes(contrib: UpstreamSource): GeneratedComponentType[] {
  const folders: string[] = parseMetadataYaml(contrib.read(COMPONENT_FOLDERS_FILE), COMPONENT_FOLDERS_FILE).componentFolders ?? [];
  if (folders.length === 0) throw new Error(`${COMPONENT_FOLDERS_FILE}: no componentFolders`);
  const profiles = parseMetadataYaml(contrib.read(BUILTIN_PROFILES_FILE), BUILTIN_PROFILES_FILE) as { [name: string]: { metadata?: RawField[] }[] };
  const files = new Set<string>();
  for (const folder of folders) {
    for (const file of contrib.list(folder)) {
      if (file.endsWith('/metadata.yaml')) files.add(file);
    }
  }
  const sorted = [...files].sort(byCodePoint);
  const texts = contrib.readAll(sorted);
  const types = sorted.map((file, i) => toComponentType(parseMetadataYaml(texts[i], file), file, profiles));
  return types.sort((a, b) => byCodePoint(a.type, b.type) || byCodePoint(a.version, b.version));
}

function toComponentType(doc: any, file: string, profiles: { [name: string]: { metadata?: RawField[] }[] }): GeneratedComponentType {
  for (const key of ['type', 'name', 'version', 'status']) {
    if (typeof doc?.[key] !== 'string' || doc[key] === '') throw new Error(`${file}: "${key}" is missing`);
  }
  const category: string = doc.type;
  const type = category === 'middleware' ? `middleware.http.${doc.name}` : `${category}.${doc.name}`;
  const fields = new Map<string, GeneratedField>();
  const add = (raw: RawField, fromProfile: boolean) => {
    const field = toField(raw, file, fromProfile);
    const known = fields.get(field.name);
    fields.set(field.name, known ? merge(known, field) : field);
  };
  for (const raw of doc.metadata ?? []) add(raw, false);
  for (const raw of builtinMetadata(doc)) add(raw, false);
  // The authentication profiles are alternatives; a built-in one expands, as components-contrib's
  // bundler does, to the type's own metadata for it followed by each of the built-in profile's.
  const profileFields: RawField[][] = (doc.authenticationProfiles ?? []).map((p: any) => p.metadata ?? []);
  for (const builtin of doc.builtinAuthenticationProfiles ?? []) {
    const expansions = profiles[builtin.name];
    if (!expansions) throw new Error(`${file}: unknown built-in authentication profile "${builtin.name}"`);
    for (const profile of expansions) profileFields.push([...(builtin.metadata ?? []), ...(profile.metadata ?? [])]);
  }
  for (const raws of profileFields) {
    for (const raw of raws) add(raw, true);
  }
  const docs = (doc.urls ?? []).find((u: any) => u?.title === 'Reference')?.url;
  return {
    type,
    category,
    version: doc.version,
    status: doc.status,
    ...(typeof docs === 'string' ? { docs } : {}),
    file,
    fields: [...fields.values()],
  };
}

function toField(raw: RawField, file: string, fromProfile: boolean): GeneratedField {
  if (typeof raw?.name !== 'string' || raw.name === '') throw new Error(`${file}: a metadata field without a name`);
  const type = raw.type === undefined || raw.type === null || raw.type === '' ? 'string' : String(raw.type);
  if (!FIELD_TYPES.includes(type)) throw new Error(`${file}: ${raw.name}: unknown type "${type}"`);
  const def = raw.default === undefined || raw.default === null ? undefined : unquote(String(raw.default));
  const allowed = Array.isArray(raw.allowedValues) ? raw.allowedValues.map((v) => String(v)) : undefined;
  return {
    name: raw.name,
    ...(type !== 'string' ? { type: type as GeneratedFieldType } : {}),
    ...(truthy(raw.required) && !fromProfile ? { required: true as const } : {}),
    ...(truthy(raw.sensitive) ? { sensitive: true as const } : {}),
    ...(allowed && allowed.length > 0 ? { allowedValues: allowed } : {}),
    ...(def !== undefined && def !== '' ? { default: def } : {}),
    ...(truthy(raw.deprecated) ? { deprecated: true as const } : {}),
    ...(fromProfile ? { authProfile: true as const } : {}),
  };
}

/**
 * One key declared in several places (the type's metadata and its authentication profiles):
 * the first declaration gives type, values and default; it is sensitive or deprecated if any
 * declaration says so; required only if the type's own metadata requires it.
 */
function merge(a: GeneratedField, b: GeneratedField): GeneratedField {
  const out: any = { ...a };
  if (b.sensitive) out.sensitive = true;
  if (b.deprecated) out.deprecated = true;
  if (!b.authProfile) delete out.authProfile;
  if (b.required) out.required = true;
  if (out.allowedValues && b.allowedValues) {
    // A key each profile fixes to its own value (Kafka's authType) takes any of them.
    out.allowedValues = [...new Set([...out.allowedValues, ...b.allowedValues])];
  }
  for (const key of ['type', 'allowedValues', 'default'] as const) {
    if (out[key] === undefined && b[key] !== undefined) out[key] = b[key];
  }
  // Re-order keys the same way toField writes them, so output does not depend on merge order.
  const order = ['name', 'type', 'required', 'sensitive', 'allowedValues', 'default', 'deprecated', 'authProfile'];
  return Object.fromEntries(order.filter((k) => out[k] !== undefined).map((k) => [k, out[k]])) as GeneratedField;
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true';
}

/** Defaults are written as YAML strings holding a quoted value ('"DaprDefaultSession"'). */
function unquote(s: string): string {
  const m = /^"(.*)"$/s.exec(s) ?? /^'(.*)'$/s.exec(s);
  return m ? m[1] : s;
}

/**
 * The keys components-contrib's bundler appends to every type of a category
 * (`.build-tools/pkg/metadataschema/validators.go`, AppendBuiltin): daprd itself reads them.
 */
export function builtinMetadata(doc: any): RawField[] {
  const capabilities: string[] = doc.capabilities ?? [];
  switch (doc.type) {
    case 'state':
      return [
        ...(capabilities.includes('actorStateStore') ? [{ name: 'actorStateStore', type: 'bool' }] : []),
        ...(capabilities.includes('transactional') ? [
          { name: 'outboxPublishPubsub' },
          { name: 'outboxPublishTopic' },
          { name: 'outboxPubsub', default: 'outboxPublishPubsub' },
          { name: 'outboxDiscardWhenMissingState', type: 'bool', default: 'false' },
        ] : []),
        { name: 'keyPrefix', default: 'appid' },
      ];
    case 'lock':
      return [{ name: 'keyPrefix', default: 'appid' }];
    case 'pubsub':
      return ['consumerID', 'allowedTopics', 'publishingScopes', 'subscriptionScopes', 'protectedTopics'].map((name) => ({ name }));
    case 'bindings': {
      if (doc.binding?.input !== true) return [];
      const allowedValues = doc.binding.output === true ? ['input', 'output', 'input,output'] : ['input'];
      return [{ name: 'direction', allowedValues }, { name: 'route' }];
    }
    default:
      return [];
  }
}
