import { ADDED_FIELDS, AddedField, FIELD_OVERRIDES, FieldOverride, REQUIRE_ONE_OF, RequireOneOf } from './overrides';
import { ComponentSpec, ComponentTypeFacts, FieldSpec } from '../core/component-spec';

/*
 * Generated facts + overrides = what the library enforces: the one join, used by the library's
 * tables (src/facts/component-types.ts) and by the generator when it writes the typed
 * factories' props interfaces (projenrc/dapr-facts/props.ts), so both see the same table.
 */

/** The deliberate differences to apply (by default src/facts/overrides.ts; the generator's tests pass their own). */
export interface Overrides {
  readonly fields: readonly FieldOverride[];
  readonly added: readonly AddedField[];
  readonly requireOneOf: readonly RequireOneOf[];
}

export const PROJECT_OVERRIDES: Overrides = { fields: FIELD_OVERRIDES, added: ADDED_FIELDS, requireOneOf: REQUIRE_ONE_OF };

/** One type's table: its generated facts with the overrides applied. */
export function joinFacts(facts: Pick<ComponentTypeFacts, 'type' | 'version' | 'status' | 'docs' | 'fields'>,
  overrides: Overrides = PROJECT_OVERRIDES): ComponentSpec {
  const own = overrides.fields.filter((o) => o.types.includes(facts.type));
  const added = overrides.added.filter((a) => a.types.includes(facts.type)).map((a) => a.field);
  const fields: FieldSpec[] = [...facts.fields, ...added].map((field) => {
    let spec: { -readonly [K in keyof FieldSpec]: FieldSpec[K] } = { ...field };
    for (const o of own.filter((x) => x.key === field.name)) {
      spec = {
        ...spec,
        ...(o.sensitive !== undefined ? { sensitive: o.sensitive } : {}),
        ...(o.required !== undefined ? { required: o.required } : {}),
        ...(o.type !== undefined ? { type: o.type } : {}),
        ...(o.allowedValues !== undefined ? { allowedValues: o.allowedValues } : {}),
        ...(o.prop !== undefined ? { prop: o.prop } : {}),
      };
    }
    return spec;
  });
  const groups = overrides.requireOneOf.filter((g) => g.types.includes(facts.type)).map((g) => g.keys);
  return {
    type: facts.type,
    versions: [facts.version],
    status: facts.status,
    ...(facts.docs !== undefined ? { docs: facts.docs } : {}),
    ...(groups.length > 0 ? { requireOneOf: groups } : {}),
    fields,
  };
}
