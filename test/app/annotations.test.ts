import { DAPR_ANNOTATIONS } from '../../src/app/annotations';
import { INJECTOR_ANNOTATIONS } from '../../src/generated/injector-annotations';

describe('the annotation table', () => {
  test('has exactly one row per annotation the injector declares (generated from pkg/injector), and no other', () => {
    expect(INJECTOR_ANNOTATIONS).toHaveLength(64);
    for (const { key } of INJECTOR_ANNOTATIONS) {
      expect({ key, rows: DAPR_ANNOTATIONS.filter((r) => r.key === key).length }).toEqual({ key, rows: 1 });
    }
    const injectorKeys = new Set(INJECTOR_ANNOTATIONS.map((a) => a.key));
    expect(DAPR_ANNOTATIONS.filter((r) => !injectorKeys.has(r.key)).map((r) => r.key)).toEqual([]);
    // and in the injector's order, so a new release's additions show up where Dapr put them
    expect(DAPR_ANNOTATIONS.map((r) => r.key)).toEqual(INJECTOR_ANNOTATIONS.map((a) => a.key));
  });

  test('states the injector\'s default wherever the injector has one', () => {
    for (const a of INJECTOR_ANNOTATIONS.filter((x) => x.default !== undefined)) {
      const row = DAPR_ANNOTATIONS.find((r) => r.key === a.key)!;
      // a row may add what daprd does with the injector's value, e.g. "-1 (daprd: 5)"
      expect({ key: a.key, default: row.injectorDefault?.split(' ')[0] }).toEqual({ key: a.key, default: a.default });
    }
  });

  test('maps no two rows to the same annotation', () => {
    const keys = DAPR_ANNOTATIONS.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('maps no two distinct props to the same annotation, and each prop to one group of keys', () => {
    const byKey = new Map<string, string>();
    for (const r of DAPR_ANNOTATIONS) {
      expect(byKey.get(r.key) ?? r.prop).toBe(r.prop);
      byKey.set(r.key, r.prop);
    }
    // only the volume mounts prop feeds two annotations (read-only and read-write)
    const props = DAPR_ANNOTATIONS.map((r) => r.prop);
    const repeated = props.filter((p, i) => props.indexOf(p) !== i);
    expect(repeated).toEqual(['sidecarVolumeMounts']);
  });

  test('every key is a valid dapr.io/ annotation key', () => {
    for (const r of DAPR_ANNOTATIONS) {
      expect(r.key).toMatch(/^dapr\.io\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(r.key.length - 'dapr.io/'.length).toBeLessThanOrEqual(63);
    }
  });

  test('every row has a rule to show in errors', () => {
    for (const r of DAPR_ANNOTATIONS) {
      expect(r.codec.rule.length).toBeGreaterThan(5);
    }
  });

  test('only component-container is read from Component resources, never written on pods', () => {
    expect(DAPR_ANNOTATIONS.filter((r) => r.readFrom === 'component').map((r) => r.key)).toEqual(['dapr.io/component-container']);
  });
});
