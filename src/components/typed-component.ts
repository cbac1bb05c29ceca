import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Component, ComponentOptions, ComponentProps } from './component';
import { componentSpec } from './component-types';
import { ComponentSpec, indexOf } from '../core/component-spec';
import { redacted } from '../core/credentials';
import { checkMap, checkProps } from '../core/js-values';
import { MetadataValue } from '../core/metadata-value';
import { checkDuration, checkPlainNumber, didYouMean, fail } from '../core/validation';

/**
 * Settings of every typed factory (`StateStore.redis()`, `PubSub.kafka()`, ...): the common
 * component options plus metadata the typed props do not cover.
 */
export interface TypedComponentOptions extends ComponentOptions {
  /**
   * Further metadata, by Dapr metadata key: keys the typed props do not cover, or a secret or
   * environment reference for a key whose typed prop takes a plain value. Checked against the
   * component type's known metadata like every other key.
   * @default - none
   */
  readonly additionalMetadata?: { [key: string]: MetadataValue };
}

/**
 * Every option of TypedComponentOptions, as a record so that the compiler fails when an option
 * is added to the interface and not here (a hand list once forgot `injectedContainer`, and the
 * typed factories refused it as an unknown prop).
 */
const OPTIONS: { readonly [K in keyof Required<TypedComponentOptions>]: true } = {
  objectMetadata: true,
  name: true,
  namespace: true,
  ignoreErrors: true,
  initTimeout: true,
  secretStore: true,
  sharedByAllApps: true,
  allowPlaintextSecrets: true,
  injectedContainer: true,
  additionalMetadata: true,
};
const OPTION_KEYS: ReadonlySet<string> = new Set(Object.keys(OPTIONS));

/** The constructor props of a typed component: its options, the type and version the factory names. */
export function typedComponentProps(type: string, version: string, props: TypedComponentOptions): ComponentProps {
  const options: { [key: string]: unknown } = {};
  for (const key of OPTION_KEYS) {
    if (key !== 'additionalMetadata') {
      options[key] = (props as unknown as { [key: string]: unknown })[key];
    }
  }
  return {
    ...(options as ComponentOptions),
    type,
    version,
  };
}

/**
 * Turns typed props into metadata items on `component`, through the table: each prop is
 * found by name, converted by the field's type and added with the generic checks.
 */
export function applyTypedProps(component: Component, spec: ComponentSpec, props: TypedComponentOptions): void {
  const byProp = indexOf(spec).byProp;
  const record = props as unknown as Record<string, unknown>;
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value === undefined || OPTION_KEYS.has(key)) {
      continue;
    }
    const field = byProp.get(key);
    if (!field) {
      const guess = didYouMean(key, [...byProp.keys()]);
      // an unknown prop may be a misspelled credential ("redisPasword"): never show its value
      fail(component, key, redacted(value), `a prop of ${spec.type}${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    component.addMetadata(field.name, toMetadataValue(component, key, value));
  }
  const extra = checkMap(component, 'additionalMetadata', props.additionalMetadata, 'MetadataValue');
  for (const key of Object.keys(extra).sort()) {
    component.addMetadata(key, extra[key]);
  }
}

function toMetadataValue(component: Component, key: string, value: unknown): MetadataValue {
  if (value instanceof MetadataValue) {
    return value;
  }
  if (value instanceof Duration) {
    // checked here, so that an error names the component and the prop
    return MetadataValue.fromString(checkDuration(component, key, value, true));
  }
  switch (typeof value) {
    case 'string':
      return MetadataValue.fromString(value);
    case 'number':
      return MetadataValue.fromString(checkPlainNumber(component, key, value));
    case 'boolean':
      return MetadataValue.fromBoolean(value);
    default:
      return fail(component, key, value, 'a string, number, boolean, Duration or MetadataValue');
  }
}

/**
 * Creates a building-block component from typed props through its table. `type` is the name
 * the component is emitted with (a name daprd registers, possibly an alias of the table's type).
 */
export function createTyped<T extends Component>(
  ctor: new (scope: Construct, id: string, props: ComponentProps) => T,
  scope: Construct, id: string, type: string, version: string, props: TypedComponentOptions,
): T {
  // the path the component will have, for an error before it exists
  checkProps(`${scope.node.path ? `${scope.node.path}/` : ''}${id}`, props, false);
  const spec = componentSpec(type, version);
  const component = new ctor(scope, id, typedComponentProps(type, version, props ?? {}));
  applyTypedProps(component, spec, props ?? {});
  return component;
}
