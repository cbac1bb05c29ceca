/**
 * An instance of an enum-like class with a value the class does not know, as a cast or plain
 * JavaScript can make one: `of()` refuses unknown values, so the synth-time checks behind it
 * are tested with this.
 */
export function unknownValue<T>(cls: { prototype: T }, value: string): T {
  return Object.assign(Object.create(cls.prototype as object), { value }) as T;
}
