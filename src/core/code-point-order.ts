/**
 * Orders strings by Unicode code point: the order of their UTF-8 bytes, which is what Go's
 * `sort.Strings` and kubectl use. Never `localeCompare`: it follows the machine's locale (ICU
 * takes it from LANG / LC_ALL), so in Danish "aa" sorts after "z" and output would differ
 * between machines.
 *
 * JavaScript's `<` compares UTF-16 code units, which agrees with code points except that a
 * surrogate pair (U+10000 and above) would sort before U+E000..U+FFFF; those units are lifted
 * into place here (the correction ICU's `u_strCompare(..., codePointOrder)` makes).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) < codePointRank(y) ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** A comparator ordering items by code point of the string `key` gives for each. */
export function byCodePoint<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareCodePoints(key(a), key(b));
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  // surrogates (U+D800..U+DFFF) stand for code points above U+FFFF: move them above U+E000..U+FFFF
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
