import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Component, MetadataValue } from '../../src';
import { FieldSpec, indexOf, isWellFormed } from '../../src/core/component-spec';
import { COMPONENT_SPECS } from '../../src/facts/component-types';

// Any shipped component type with any mix of its keys, well-formed or not, plaintext or secret:
// the generic Component either refuses with the one error format, naming the bad key, or emits a
// manifest that carries exactly the keys given (and passes the CRD schema, see schema-checked-synth).
const SEED = 1418;
const ERROR = /^\[[^\]]+\] metadata(\.[^:\s]+)?: .* is invalid; allowed: /;

const valueArb = (f: FieldSpec): fc.Arbitrary<{ value: MetadataValue; ok: boolean }> => fc.oneof(
  fc.constant({ value: MetadataValue.fromSecret('creds', 'k'), ok: true }),
  fc.constantFrom('x', '1', 'true', '5s', '1Mi', 'not valid!', ...(f.allowedValues ?? [])).map((v) => ({
    value: MetadataValue.fromString(v),
    ok: !f.sensitive && (!f.allowedValues || f.allowedValues.includes(v)) && isWellFormed(f.type ?? 'string', v),
  })),
);

const caseArb = fc.constantFrom(...COMPONENT_SPECS).chain((spec) => fc.record({
  spec: fc.constant(spec),
  entries: fc.uniqueArray(fc.constantFrom(...spec.fields, { name: 'notAKeyOfAnyType' } as FieldSpec), { selector: (f) => f.name, maxLength: 4 })
    .chain((fields) => fc.tuple(...fields.map((f) => valueArb(f).map((v) => ({ field: f, ...v }))))),
}));

describe('fuzz: every shipped component type', () => {
  test('refused with the standard error, or emitted with exactly the keys given', () => {
    let emitted = 0;
    fc.assert(fc.property(caseArb, ({ spec, entries }) => {
      const chart = Testing.chart();
      const metadata = Object.fromEntries(entries.map((e) => [e.field.name, e.value]));
      const known = entries.every((e) => e.field.name !== 'notAKeyOfAnyType');
      const complete = indexOf(spec).required.every((k) => k in metadata)
        && (spec.requireOneOf ?? []).every((g) => g.some((k) => k in metadata));
      try {
        new Component(chart, 'c', { type: spec.type, version: spec.versions[0], metadata, sharedByAllApps: true });
        const [obj] = Testing.synth(chart);
        expect(known && complete && entries.every((e) => e.ok)).toBe(true);
        expect(obj.spec.metadata.map((m: { name: string }) => m.name)).toEqual(Object.keys(metadata).sort());
        emitted++;
      } catch (e) {
        const message = (e as Error).message.replace(/^Validation failed with the following errors:\n\s*/, '');
        expect(message).toMatch(ERROR);
        expect(known && complete && entries.every((x) => x.ok)).toBe(false);
      }
    }), { seed: SEED, numRuns: 400 });
    expect(emitted).toBeGreaterThan(20);
  });
});
