import { validationMessage } from './validation';

/*
 * The one shape of the library's enum-like classes (jsii has no string unions):
 *   - `public static readonly X = new Foo('x')` constants and a private constructor;
 *   - `public readonly value: string`, what the manifest holds;
 *   - `public static readonly ALL: Foo[]`, every known value, frozen (validation checks against it);
 *   - `public static of(value)`, the known constant with that value; an unknown value throws the
 *     library's error. Open sets (`DaprApi`, `NameResolver`) add `custom(value)`, the explicit
 *     way to name a value this release does not know.
 */

/** Freezes an enum-like class's list of known values (`ALL`), so no caller can extend it. */
export function frozenValues<T>(values: T[]): T[] {
  return Object.freeze(values) as T[];
}

/** The known instance with this value, else the library's error listing the allowed values. */
export function knownValue<T extends { readonly value: string }>(type: string, value: string, all: readonly T[]): T {
  const found = all.find((x) => x.value === value);
  if (found === undefined) {
    throw new Error(validationMessage(`${type}.of`, 'value', value, `one of ${all.map((x) => JSON.stringify(x.value)).join(', ')}`));
  }
  return found;
}
