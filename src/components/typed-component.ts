import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { Component, ComponentProps } from './component';
import { compareCodePoints } from '../core/code-point-order';
import { ComponentOptions, TypedComponentOptions } from '../core/component-options';
import { redacted } from '../core/credentials';
import { checkMap, checkProps } from '../core/js-values';
import { MetadataValue } from '../core/metadata-value';
import { checkDuration, checkPlainNumber, didYouMean, fail } from '../core/validation';
import { TYPED_OPTION_KEYS } from '../facts/typed-options';
import { PROP_KEYS } from '../generated/component-prop-keys';

/** The constructor props of a typed component: its options, the type and version the factory names. */
export function typedComponentProps(type: string, version: string, props: TypedComponentOptions): ComponentProps {
  const options: { [key: string]: unknown } = {};
  for (const key of TYPED_OPTION_KEYS) {
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
 * Turns typed props into metadata items on `component`, through the generated key table (the
 * same table the factory's generated props interface was written from): each prop is found by
 * name, converted by the field's type and added with the generic checks.
 * @param type the type the factory emits, e.g. `state.redis`
 */
export function applyTypedProps(component: Component, type: string, version: string, props: TypedComponentOptions): void {
  const keys = PROP_KEYS[`${type} ${version}`];
  if (!keys) {
    throw new Error(`no generated props for ${type} ${version}: list the factory in src/facts/typed-factories.json and run dapr:update`);
  }
  const record = props as unknown as Record<string, unknown>;
  for (const prop of Object.keys(record).sort(compareCodePoints)) {
    const value = record[prop];
    if (value === undefined || TYPED_OPTION_KEYS.has(prop)) {
      continue;
    }
    const key = Object.prototype.hasOwnProperty.call(keys, prop) ? keys[prop] : undefined;
    if (key === undefined) {
      const guess = didYouMean(prop, Object.keys(keys));
      // an unknown prop may be a misspelled credential ("redisPasword"): never show its value
      fail(component, prop, redacted(value), `a prop of ${type}${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
    component.addMetadata(key, toMetadataValue(component, prop, value));
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
  const component = new ctor(scope, id, typedComponentProps(type, version, props ?? {}));
  applyTypedProps(component, type, version, props ?? {});
  return component;
}
