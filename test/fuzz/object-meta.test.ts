import * as fc from 'fast-check';
import { ManifestValidator } from '../../src';

/*
 * Issue 13, class 6: generated ObjectMeta against an oracle written from apimachinery's rules
 * (k8s.io/apimachinery/pkg/util/validation/validation.go, pkg/api/validation/objectmeta.go),
 * independently of src/validation/object-meta.ts. The validator must refuse exactly what the
 * API server refuses. Seeded.
 */

const SEED = 1306;
const validator = new ManifestValidator();

// the oracle: apimachinery's regular expressions, spelled out as there
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const CONFIG_MAP_KEY = /^[-._a-zA-Z0-9]+$/;
const label = (s: string) => s.length <= 63 && DNS1123_LABEL.test(s);
const subdomain = (s: string) => s.length <= 253 && DNS1123_SUBDOMAIN.test(s);
function qualifiedName(s: string): boolean {
  const parts = s.split('/');
  if (parts.length > 2) return false;
  if (parts.length === 2 && !(parts[0].length > 0 && subdomain(parts[0]))) return false;
  const name = parts[parts.length - 1];
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}
const labelValue = (s: string) => s === '' || (s.length <= 63 && QUALIFIED_NAME.test(s));
const configMapKey = (s: string) => s.length <= 253 && CONFIG_MAP_KEY.test(s) && s !== '.' && s !== '..';

/** Strings from the characters these rules care about, with lengths around 63 and 253. */
const chars = fc.constantFrom('a', 'b', 'z', 'A', '0', '9', '-', '.', '_', '/', ' ', ':', '%', 'é');
const text = fc.oneof(
  fc.string({ unit: chars, maxLength: 12 }),
  fc.tuple(fc.constantFrom('a', 'A', '-', '0'), fc.integer({ min: 60, max: 66 })).map(([c, n]) => 'x'.repeat(n - 1) + c),
  fc.tuple(fc.integer({ min: 250, max: 256 })).map(([n]) => `${'a'.repeat(n - 2)}.b`),
  fc.tuple(fc.string({ unit: chars, maxLength: 8 }), fc.string({ unit: chars, maxLength: 8 })).map(([p, n]) => `${p}/${n}`),
);

function problemsAt(object: any): string[] {
  return validator.validate([object], 'fuzz').map((p) => p.path);
}

describe('object metadata (fuzz)', () => {
  test('names per kind, namespace, label keys and values, annotation keys, data keys', () => {
    const kind = fc.constantFrom('ConfigMap', 'Secret', 'Service', 'Namespace');
    fc.assert(fc.property(kind, text, text, text, text, text, text, (k, name, namespace, labelKey, value, annotationKey, dataKey) => {
      const object: any = { apiVersion: 'v1', kind: k, metadata: { name, labels: { [labelKey]: value }, annotations: { [annotationKey]: 'x' } } };
      if (k !== 'Namespace') object.metadata.namespace = namespace;
      if (k === 'Service') object.spec = { ports: [{ port: 80 }] };
      if (k === 'ConfigMap' || k === 'Secret') object.data = { [dataKey]: 'eA==' };
      const at = problemsAt(object);
      const nameOk = name !== '' && (k === 'Namespace' ? label(name) : k === 'Service' ? name.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name) : subdomain(name));
      expect(at.includes('$.metadata.name')).toBe(!nameOk);
      if (k !== 'Namespace') expect(at.includes('$.metadata.namespace')).toBe(namespace !== '' && !label(namespace));
      expect(at.includes('$.metadata.labels')).toBe(!qualifiedName(labelKey));
      expect(at.some((p) => p.startsWith('$.metadata.labels') && p !== '$.metadata.labels')).toBe(!labelValue(value));
      expect(at.includes('$.metadata.annotations')).toBe(!qualifiedName(annotationKey.toLowerCase()));
      if (k === 'ConfigMap' || k === 'Secret') expect(at.some((p) => p.startsWith('$.data'))).toBe(!configMapKey(dataKey));
    }), { seed: SEED, numRuns: 3000 });
  });

  test('total annotation size: refused above 256 KiB of keys and values (UTF-8 bytes), never showing a value', () => {
    fc.assert(fc.property(fc.integer({ min: 262_100, max: 262_200 }), fc.boolean(), (size, multiByte) => {
      const value = multiByte ? 'é'.repeat(Math.floor((size - 1) / 2)) : 'v'.repeat(size - 1);
      const bytes = 1 + Buffer.byteLength(value);
      const problems = validator.validate([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { k: value } } }]);
      expect(problems.some((p) => p.path === '$.metadata.annotations')).toBe(bytes > 262_144);
      expect(problems.map((p) => p.message).join()).not.toContain(value.slice(0, 20));
    }), { seed: SEED, numRuns: 300 });
  });
});
