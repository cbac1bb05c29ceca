import { ApiObject, App, Chart } from 'cdk8s';
import { DaprValidation, ManifestValidator } from '../../src';

/*
 * Issue 13, class 6: objects the API server refuses for their metadata must not pass
 * DaprValidation or cdk8s-dapr-validate (both run ManifestValidator). The rules are apimachinery's
 * (k8s.io/apimachinery/pkg/api/validation/objectmeta.go and pkg/util/validation/validation.go).
 */

const validator = new ManifestValidator();

function configMap(metadata: any, extra: any = {}): any {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop', ...metadata }, ...extra };
}

function problems(objects: any[]): string[] {
  return validator.validate(objects, 'doc').map((p) => `${p.object} ${p.path}: ${p.message}`);
}

describe('object metadata as the API server checks it', () => {
  test('a well-formed object has no problems', () => {
    expect(problems([configMap({ labels: { 'app.kubernetes.io/name': 'web', 'tier': '' }, annotations: { 'example.com/note': 'x' } }, { data: { 'a.b-c_d': 'v' } })])).toEqual([]);
  });

  test('object names per kind', () => {
    expect(problems([configMap({ name: 'Settings' })])).toEqual([
      'v1 ConfigMap shop/Settings $.metadata.name: "Settings" is invalid; allowed: an RFC 1123 subdomain (lower case letters, digits, "-" and ".", at most 253 characters) (the name of a ConfigMap)',
    ]);
    expect(problems([{ apiVersion: 'v1', kind: 'Service', metadata: { name: '1web' }, spec: { ports: [{ port: 80 }] } }])[0])
      .toContain('$.metadata.name: "1web" is invalid; allowed: an RFC 1035 label');
    expect(problems([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } }])[0])
      .toContain('$.metadata.name: "a.b" is invalid; allowed: an RFC 1123 label');
    expect(problems([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'system:reader', namespace: 'a' }, rules: [] }])).toEqual([]);
    expect(problems([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'a/b', namespace: 'a' }, rules: [] }])[0])
      .toContain('"a/b" is invalid; allowed: a path segment');
    expect(problems([configMap({ name: 'x'.repeat(254) })])[0]).toContain('is invalid; allowed: an RFC 1123 subdomain');
    // custom resources: NameIsDNSSubdomain
    expect(problems([{ apiVersion: 'dapr.io/v1alpha1', kind: 'Component', metadata: { name: '../x' }, spec: { type: 'state.redis', version: 'v1' } }])[0])
      .toContain('$.metadata.name: "../x" is invalid');
  });

  test('generateName is a prefix: a trailing "-" is fine, the rest follows the name rule', () => {
    expect(problems([configMap({ name: undefined, generateName: 'settings-' })])).toEqual([]);
    expect(problems([configMap({ name: undefined, generateName: 'Settings-' })])[0])
      .toContain('$.metadata.generateName: "Settings-" is invalid; allowed: the start of an RFC 1123 subdomain');
  });

  test('namespace is an RFC 1123 label', () => {
    expect(problems([configMap({ namespace: 'shop.eu' })])[0]).toContain('$.metadata.namespace: "shop.eu" is invalid; allowed: an RFC 1123 label');
  });

  test('label keys and values, 63 characters', () => {
    expect(problems([configMap({ labels: { ['a'.repeat(64)]: 'v' } })])[0]).toContain('$.metadata.labels: key "aaaa');
    expect(problems([configMap({ labels: { 'Bad_/x': 'v' } })])[0]).toContain('key "Bad_/x" is invalid; allowed: a label key');
    expect(problems([configMap({ labels: { app: 'v'.repeat(64) } })])[0]).toContain('$.metadata.labels.app: "vvvv');
    expect(problems([configMap({ labels: { app: 'a b' } })])[0]).toContain('$.metadata.labels.app: "a b" is invalid; allowed: a label value');
    expect(problems([configMap({ labels: { app: '-a' } })])).toHaveLength(1);
  });

  test('annotation keys, and their total size of 256 KiB', () => {
    expect(problems([configMap({ annotations: { 'a b': 'x' } })])[0]).toContain('$.metadata.annotations: key "a b" is invalid; allowed: an annotation key');
    // upper case is fine in annotation keys (compared lower-cased)
    expect(problems([configMap({ annotations: { 'Example.COM/Note': 'x' } })])).toEqual([]);
    const big = 'x'.repeat(262144 - 1);
    expect(problems([configMap({ annotations: { k: big } })])).toEqual([]);
    const tooBig = problems([configMap({ annotations: { k: big + 'y', secret: 'hunter2' } })]);
    expect(tooBig).toEqual(['v1 ConfigMap shop/settings $.metadata.annotations: 262158 bytes of keys and values is invalid; allowed: at most 262144 bytes (256 KiB) in all']);
    expect(tooBig.join()).not.toContain('hunter2');
  });

  test('pod template labels and selectors', () => {
    const d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'we b' } }, template: { metadata: { labels: { app: 'we b' } }, spec: { containers: [{ name: 'web', image: 'x:1' }] } } },
    };
    expect(problems([d])).toEqual([
      'apps/v1 Deployment web $.spec.template.metadata.labels.app: "we b" is invalid; allowed: a label value: at most 63 letters, digits, "-", "_", ".", starting and ending alphanumeric',
      'apps/v1 Deployment web $.spec.selector.matchLabels.app: "we b" is invalid; allowed: a label value: at most 63 letters, digits, "-", "_", ".", starting and ending alphanumeric',
    ]);
  });

  test('Secret and ConfigMap data keys', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { '..': 'x', 'a/b': 'y', 'ok.key': 'z' } };
    expect(problems([secret])).toEqual([
      'v1 Secret s $.stringData[".."]: ".." is invalid; allowed: a key of a Secret: letters, digits, "-", "_" and ".", at most 253 characters, not "." or ".."',
      'v1 Secret s $.stringData["a/b"]: "a/b" is invalid; allowed: a key of a Secret: letters, digits, "-", "_" and ".", at most 253 characters, not "." or ".."',
    ]);
    expect(problems([configMap({}, { data: { '.': 'x' } })])[0]).toContain('$.data["."]: "." is invalid; allowed: a key of a ConfigMap');
  });

  test('DaprValidation fails synth on such an object', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'x'.repeat(64) } } });
    new DaprValidation(app, 'validation');
    expect(() => app.synth()).toThrow('$.metadata.labels.app: "xxxx');
  });
});
