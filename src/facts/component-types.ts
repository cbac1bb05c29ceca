import { joinFacts } from './join';
import { compareCodePoints } from '../core/code-point-order';
import { ComponentSpec } from '../core/component-spec';
import { COMPONENT_TYPES } from '../generated/component-metadata';

/*
 * The one table per component type and version that validation and the typed factories use:
 * the facts generated from components-contrib joined with the deliberate overrides.
 * Name resolution types have tables of their own: they are configured in a Configuration's
 * `spec.nameResolution`, not as a Component (src/facts/name-resolution.ts checks them).
 */

/** Every component type's table, by the type and each name daprd also registers it under. */
const BY_TYPE = new Map<string, ComponentSpec[]>();
/** Every table, in the generated order (type, then version). */
export const COMPONENT_SPECS: readonly ComponentSpec[] = COMPONENT_TYPES
  .filter((facts) => facts.category !== 'nameresolution')
  .map((facts) => {
    const spec = joinFacts(facts);
    for (const name of [facts.type, ...(facts.aliases ?? [])]) {
      BY_TYPE.set(name, [...(BY_TYPE.get(name) ?? []), spec]);
    }
    return spec;
  });

/** The tables of the name resolvers, by the name a Configuration's `nameResolution.component` gives (no `nameresolution.` prefix). */
const BY_RESOLVER = new Map<string, ComponentSpec[]>();
/** Every name resolver's table, in the generated order. */
export const NAME_RESOLUTION_SPECS: readonly ComponentSpec[] = COMPONENT_TYPES
  .filter((facts) => facts.category === 'nameresolution')
  .map((facts) => {
    const spec = joinFacts(facts);
    for (const name of [facts.type, ...(facts.aliases ?? [])]) {
      const short = name.slice('nameresolution.'.length);
      BY_RESOLVER.set(short, [...(BY_RESOLVER.get(short) ?? []), spec]);
    }
    return spec;
  });

/** The tables of a name resolver (one per version), by its name in a Configuration, e.g. `kubernetes` or `consul`. */
export function nameResolverSpecs(name: string): readonly ComponentSpec[] {
  return BY_RESOLVER.get(name) ?? [];
}

/** Every name a Configuration may give as `nameResolution.component`, sorted. */
export function nameResolverNames(): string[] {
  return [...BY_RESOLVER.keys()].sort(compareCodePoints);
}

/** The tables of a component type (one per version), or none for a type Dapr does not ship (a pluggable component). */
export function specsFor(type: string): readonly ComponentSpec[] {
  return BY_TYPE.get(type) ?? [];
}

/** The table of a type at a version; for the typed factories, whose types always exist. */
export function componentSpec(type: string, version = 'v1'): ComponentSpec {
  const spec = specsFor(type).find((s) => s.versions.includes(version));
  if (!spec) {
    throw new Error(`no generated metadata for component type ${type} ${version}: regenerate src/generated or fix the factory`);
  }
  return spec;
}
