import type { TypedComponentOptions } from '../core/component-options';

/**
 * Every option of TypedComponentOptions, as a record so that the compiler fails when an option
 * is added to the interface and not here (a hand list once forgot `injectedContainer`, and the
 * typed factories refused it as an unknown prop). Every other prop of a typed factory is a
 * metadata key, by the generated key table (src/generated/component-prop-keys.table.json); the
 * generator refuses a key whose prop would take one of these names.
 */
const TYPED_OPTIONS: { readonly [K in keyof Required<TypedComponentOptions>]: true } = {
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

/** The option names of every typed factory: not metadata. */
export const TYPED_OPTION_KEYS: ReadonlySet<string> = new Set(Object.keys(TYPED_OPTIONS));
