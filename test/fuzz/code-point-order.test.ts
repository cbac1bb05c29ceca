import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Configuration } from '../../src';
import { byCodePoint, compareCodePoints } from '../../src/core/code-point-order';

/**
 * Issue 13, class 5: output never depends on the locale. The one comparator orders strings by
 * code point, which is the order of their UTF-8 bytes (Go's sort.Strings). The alphabet mixes
 * what locales disagree on (Danish "aa", Turkish dotted and dotless i, case) with code points on
 * both sides of the UTF-16 surrogate range, where `<` on strings is not code point order.
 */

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 42;
const runs = (n: number) => (process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : n);

const TRICKY = ['a', 'aa', 'A', 'b', 'B', 'z', 'Z', 'å', 'ä', 'æ', 'ø', 'i', 'I', 'ı', 'İ', '-', '_', '.', '0', '\uE000', '\uFFFD', '\u{10000}', '\u{1F600}'];
const tricky = fc.oneof(
  fc.array(fc.constantFrom(...TRICKY), { maxLength: 6 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

describe('code point order (fast-check)', () => {
  test('compareCodePoints agrees with the order of the UTF-8 bytes, and is a total order', () => {
    fc.assert(fc.property(tricky, tricky, tricky, (a, b, c) => {
      expect(Math.sign(compareCodePoints(a, b))).toBe(utf8Order(a, b));
      expect(Math.sign(compareCodePoints(b, a)) + Math.sign(compareCodePoints(a, b))).toBe(0);
      expect(compareCodePoints(a, a)).toBe(0);
      if (compareCodePoints(a, b) <= 0 && compareCodePoints(b, c) <= 0) expect(compareCodePoints(a, c)).toBeLessThanOrEqual(0);
    }), { seed: SEED, numRuns: runs(2000) });
  });

  test('sorting with it and with byCodePoint gives the UTF-8 byte order, whatever the input order', () => {
    fc.assert(fc.property(fc.array(tricky, { maxLength: 20 }), (list) => {
      const expected = [...list].sort(utf8Order);
      expect([...list].sort(compareCodePoints)).toEqual(expected);
      expect([...list].reverse().map((name) => ({ name })).sort(byCodePoint((x) => x.name)).map((x) => x.name)).toEqual(expected);
    }), { seed: SEED, numRuns: runs(500) });
  });

  test('a Configuration writes its metric rules and their labels in code point order', () => {
    const names = fc.uniqueArray(fc.array(fc.constantFrom(...TRICKY.slice(0, 18)), { minLength: 1, maxLength: 4 }).map((p) => p.join('')), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(names, names, (rules, labels) => {
      const chart = new Chart(Testing.app(), 'c');
      new Configuration(chart, 'config', {
        metrics: { rules: rules.map((name) => ({ name, labels: labels.map((l) => ({ name: l, regex: { x: '.*' } })) })) },
      });
      const written = Testing.synth(chart)[0].spec.metrics.rules;
      expect(written.map((r: any) => r.name)).toEqual([...rules].sort(utf8Order));
      for (const r of written) expect(r.labels.map((l: any) => l.name)).toEqual([...labels].sort(utf8Order));
    }), { seed: SEED, numRuns: runs(40) });
  });
});
