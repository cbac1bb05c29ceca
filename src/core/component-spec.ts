import { isCredentialName } from './credentials';
import { isGoDuration, parseQuantity } from './validation';

/*
 * The model of a component type's metadata: which keys exist, their types, which are
 * required or sensitive, and their allowed values. The facts are generated from Dapr's
 * components-contrib (src/generated/); src/facts/overrides.ts adds the deliberate differences,
 * and component-types.ts joins the two into the one table per type that validation and the
 * typed factories use.
 * Internal: not part of the jsii API.
 */

/**
 * How Dapr parses a metadata value. `count`: a Go integer field (port, database index, counts):
 * strconv.Atoi refuses "1.5" and "1e3", and none of them take a negative value.
 */
export type FieldType = 'string' | 'number' | 'count' | 'bool' | 'duration' | 'bytesize';

/** One metadata key of a component type, as components-contrib declares it (see src/generated/). */
export interface FieldFacts {
  /** The Dapr metadata key, exactly as Dapr reads it. */
  readonly name: string;
  /** @default 'string' */
  readonly type?: FieldType;
  /** Dapr refuses to start the component without it. */
  readonly required?: boolean;
  /** A password, key or token: must come from a secret. */
  readonly sensitive?: boolean;
  /** The only values Dapr accepts. */
  readonly allowedValues?: readonly string[];
  /** Dapr's default, for documentation. */
  readonly default?: string;
  /** Still read by Dapr, but superseded. */
  readonly deprecated?: boolean;
  /** Declared only by an authentication profile of the type (required, if at all, only within it). */
  readonly authProfile?: boolean;
}

/** One component type at one version, as components-contrib declares it (see src/generated/). */
export interface ComponentTypeFacts {
  /** The full component type, e.g. `state.redis` or `middleware.http.oauth2`. */
  readonly type: string;
  /** The building block, e.g. `state`; `nameresolution` types are configured in a Configuration. */
  readonly category: string;
  readonly version: string;
  /** Dapr's maturity label: stable, beta, alpha or development-only. */
  readonly status: string;
  /** The type's reference page in Dapr's docs. */
  readonly docs?: string;
  /** The metadata.yaml in components-contrib it was generated from. */
  readonly source: string;
  /** Other names daprd registers for the same component (cmd/daprd/components), e.g. `bindings.postgresql`. */
  readonly aliases?: readonly string[];
  readonly fields: readonly FieldFacts[];
}

/** What the library enforces for one metadata key: the generated facts plus the overrides. */
export interface FieldSpec extends FieldFacts {
  /** The typed factory's prop, when not the key's camelCase form (projenrc/dapr-facts/props.ts camelProp). @default - camelProp(name) */
  readonly prop?: string;
}

/** What the library enforces for one component type: the generated facts plus the overrides. */
export interface ComponentSpec {
  /** The full component type, e.g. `state.redis`. */
  readonly type: string;
  /** The component versions this table describes. */
  readonly versions: readonly string[];
  /** Dapr's maturity label for the component. */
  readonly status: string;
  /** The type's reference page in Dapr's docs. */
  readonly docs?: string;
  /** Groups of keys of which at least one must be set (alternative ways to connect or authenticate). */
  readonly requireOneOf?: readonly (readonly string[])[];
  readonly fields: readonly FieldSpec[];
}

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
/** The spellings Go's strconv.ParseBool accepts. */
const BOOLS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];

/** What a well-formed value of each type looks like, for error messages. */
export const FIELD_TYPE_RULE: Record<FieldType, string> = {
  string: 'a string',
  number: 'a number such as "10" or "0.5"',
  count: 'a whole number, 0 or more, such as "10"',
  bool: 'a boolean: "true" or "false"',
  duration: 'a Go duration such as "500ms", "5s", "1m30s" or "2h", or a whole number of seconds',
  bytesize: 'a byte size such as "512", "100Ki" or "4Mi"',
};

/** True when `value` parses as `type` the way Dapr parses it. */
export function isWellFormed(type: FieldType, value: string): boolean {
  switch (type) {
    case 'number':
      return NUMBER.test(value);
    case 'count':
      return /^\+?\d+$/.test(value) && Number(value) <= Number.MAX_SAFE_INTEGER;
    case 'bool':
      return BOOLS.includes(value);
    case 'duration':
      return isGoDuration(value) || /^\d+$/.test(value);
    case 'bytesize': {
      const parsed = parseQuantity(value);
      return parsed !== undefined && parsed >= 0;
    }
    default:
      return true;
  }
}

/** A spec's fields looked up by metadata key, built once per spec. */
export interface SpecIndex {
  readonly byName: ReadonlyMap<string, FieldSpec>;
  readonly required: readonly string[];
  readonly sensitive: readonly string[];
}

const indexes = new WeakMap<ComponentSpec, SpecIndex>();

/** The lookups every component of this type needs; specs are immutable, so they are shared. */
export function indexOf(spec: ComponentSpec): SpecIndex {
  let index = indexes.get(spec);
  if (!index) {
    index = {
      byName: new Map(spec.fields.map((f) => [f.name, f])),
      required: spec.fields.filter((f) => f.required).map((f) => f.name),
      sensitive: spec.fields.filter((f) => isSensitiveKey(f.name, f)).map((f) => f.name),
    };
    indexes.set(spec, index);
  }
  return index;
}

/**
 * Whether a metadata key is sensitive (its plaintext value is refused): the type's table marks it
 * so, as Dapr's components-contrib does, or its name says credential (`isCredentialName`), which
 * also covers the types without a table and the fields a table does not mark. Both paths ask
 * this one function.
 */
export function isSensitiveKey(key: string, field?: FieldSpec): boolean {
  // a type Dapr ships: its generated table plus src/facts/overrides.ts decide (a test holds every
  // credential-named key of the tables sensitive or reviewed); a pluggable type: the name decides
  return field !== undefined ? field.sensitive === true : isCredentialName(key);
}
