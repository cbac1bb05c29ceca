import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Lazy, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { EXAMPLES } from '../../examples';
import { synthExample } from '../../examples/synth-example';
import { DaprApp, DaprAppProps, DaprControlPlane, DaprCrds, DaprValidation, DaprValidationProps, ManifestValidator, MetadataValue, SidecarResources, StateStore } from '../../src';
import { withoutSchemaCheck } from '../schema-checked-synth';
import { widget, widgetCrd } from './widget-crd';

const validator = new ManifestValidator();
const IMAGE = 'ghcr.io/acme/app:1.0.0';

function deployment(spec: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: IMAGE }] } },
      ...spec,
    },
  };
}

function component(spec: any, extra: any = {}): any {
  return { apiVersion: 'dapr.io/v1alpha1', kind: 'Component', metadata: { name: 'state', namespace: 'shop' }, spec, ...extra };
}

describe('Kubernetes objects (the 1.28 schema cdk8s-plus-28 is generated from)', () => {
  test('a well-formed object has no problems', () => {
    expect(validator.validate([deployment()])).toEqual([]);
    expect(ManifestValidator.KUBERNETES_VERSION).toBe('1.28');
  });

  test('an unknown field is a problem with its JSON path, as with kubectl --validate=strict', () => {
    const d = deployment();
    d.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    expect(validator.validate([d], 'web.k8s.yaml')).toEqual([{
      document: 'web.k8s.yaml #1',
      object: 'apps/v1 Deployment shop/web',
      path: '$.spec.template.spec.containers[0].imagePullPolicyy',
      message: 'unknown field "imagePullPolicyy"; the schema has no such field here',
    }]);
  });

  test('wrong types, integers and missing required fields are problems', () => {
    const d = deployment({ replicas: 1.5 });
    d.spec.template.spec.containers[0].ports = [{ containerPort: '8080' }];
    delete d.spec.selector;
    expect(validator.validate([d]).map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      '$.spec.replicas: must be of type integer',
      '$.spec.selector: required field "selector" is missing',
      '$.spec.template.spec.containers[0].ports[0].containerPort: must be of type integer',
    ]);
  });

  test('int-or-string and quantities take both forms', () => {
    const svc = (targetPort: unknown) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort }] },
    });
    expect(validator.validate([svc(8080), svc('http')])).toEqual([]);
    expect(validator.validate([svc(true)])[0].message).toBe('must be of type integer or string');
    const d = deployment();
    d.spec.template.spec.containers[0].resources = { limits: { cpu: 1, memory: '1Gi' } };
    expect(validator.validate([d])).toEqual([]);
  });

  test('apiVersion and kind must name a kind of Kubernetes 1.28', () => {
    const old = { ...deployment(), apiVersion: 'extensions/v1beta1' };
    expect(validator.validate([old])[0].message).toBe('no schema for extensions/v1beta1 Deployment: neither a Kubernetes 1.28 kind nor a kind of a known CRD');
    expect(new ManifestValidator({ allowUnknownKinds: true }).validate([old])).toEqual([]);
  });

  test('an object needs a name, and every entry must be an object', () => {
    const d = deployment();
    delete d.metadata.name;
    expect(validator.validate([d, 'text'])).toEqual([
      { document: 'manifest #1', object: 'apps/v1 Deployment shop/(unnamed)', path: '$.metadata.name', message: 'is missing; every object applied with kubectl needs a name' },
      { document: 'manifest #2', object: '(not an object)', path: '$', message: 'is a string of 4 characters; a Kubernetes object is a mapping' },
    ]);
  });

  test('field names that are not TypeScript names keep their JSON spelling', () => {
    const crd = Testing.synth(withCrds())[0];
    expect(crd.kind).toBe('CustomResourceDefinition');
    expect(JSON.stringify(crd)).toContain('x-kubernetes-preserve-unknown-fields');
    expect(validator.validate([crd])).toEqual([]);
    crd.spec.versions[0].schema.openAPIV3Schema['x-kubernetes-bogus'] = true;
    expect(validator.validate([crd])[0].path).toBe('$.spec.versions[0].schema.openAPIV3Schema["x-kubernetes-bogus"]');
  });
});

function withCrds(): Chart {
  const chart = Testing.chart();
  new DaprCrds(chart, 'crds');
  return chart;
}

describe('Dapr objects (the CRD schemas DaprCrds emits)', () => {
  const spec = { type: 'state.redis', version: 'v1', metadata: [{ name: 'redisHost', value: 'redis:6379' }] };

  test('a component the library builds is valid', () => {
    const chart = Testing.chart();
    const store = StateStore.redis(chart, 'state', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password') });
    store.grant(DaprApp.fromAppId(chart, 'web', 'web'));
    const objects = Testing.synth(chart);
    expect(objects.map((o) => o.kind)).toEqual(['Component']);
    expect(validator.validate(objects)).toEqual([]);
  });

  test('an unknown field is a problem: the API server would prune it silently', () => {
    expect(validator.validate([component({ ...spec, ignoreErrorss: true })])).toEqual([{
      document: 'manifest #1',
      object: 'dapr.io/v1alpha1 Component shop/state',
      path: '$.spec.ignoreErrorss',
      message: 'unknown field "ignoreErrorss"; the schema has no such field here',
    }]);
  });

  test('required fields, types and the metadata of the custom resource are checked', () => {
    const problems = validator.validate([component({ type: 'state.redis', metadata: [{ value: { any: 'json' } }, { name: 7 }] }, { metadata: { name: 'state', labelz: {} } })]);
    expect(problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      '$.metadata.labelz: unknown field "labelz"; the schema has no such field here',
      '$.spec.metadata[0].name: required field "name" is missing',
      '$.spec.metadata[1].name: must be of type string',
      '$.spec.version: required field "version" is missing',
    ]);
  });

  test('an unknown Dapr version or kind is a problem', () => {
    expect(validator.validate([{ ...component(spec), apiVersion: 'dapr.io/v9' }])[0].message).toMatch(/^no schema for dapr.io\/v9 Component/);
    expect(validator.validate([{ ...component(spec), kind: 'Komponent' }])[0].message).toMatch(/^no schema for dapr.io\/v1alpha1 Komponent/);
  });

  test('CRDs in the manifests or in the props define more kinds, strictly', () => {
    const crd = widgetCrd({
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          required: ['size'],
          properties: {
            size: { 'x-kubernetes-int-or-string': true },
            tags: { 'type': 'array', 'items': { type: 'string' }, 'x-kubernetes-list-type': 'set' },
            color: { type: 'string', enum: ['red', 'blue'], nullable: true },
            extra: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
        },
      },
    });
    expect(validator.validate([crd, widget({ size: '10%', tags: ['a'], color: null, extra: { anything: { goes: 1 } } })])).toEqual([]);
    expect(validator.validate([crd, widget({ size: 3, tags: ['a', 'a'], color: 'green', shape: 'round' })]).map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      '$.spec.color: must be one of "red", "blue", null',
      '$.spec.shape: unknown field "shape"; the schema has no such field here',
      '$.spec.tags: must NOT have duplicate items (items ## 1 and 0 are identical)',
    ]);
    expect(new ManifestValidator({ customResourceDefinitions: [crd] }).validate([widget({ size: 1 })])).toEqual([]);
  });
});

describe('DaprValidation', () => {
  function appWithDeployment(props: DaprValidationProps = {}, appProps: Partial<DaprAppProps> = {}): { app: App; chart: Chart; web: DaprApp } {
    const app = Testing.app();
    // the pods are injected by a DaprControlPlane with default sidecar settings
    new DaprValidation(app, 'validation', { sidecarInjection: {}, ...props });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const web = new DaprApp(chart, 'web', { appId: 'web', appPort: 8080, image: IMAGE, ...appProps });
    return { app, chart, web };
  }

  test('passes what the library builds', () => {
    const { chart } = appWithDeployment();
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
  });

  test('checks the pods as the injector patches them: Dapr\'s chart defaults keep daprd\'s capabilities', () => {
    const app = Testing.app();
    new DaprValidation(app, 'validation');
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new DaprApp(chart, 'web', { appId: 'web', appPort: 8080, image: IMAGE });
    expect(() => Testing.synth(chart)).toThrow('[validation] shop Deployment/shop/web $.spec.template.spec.containers[1].securityContext.capabilities: [capabilities] container "daprd" drops [] and adds [] (in daprd as the sidecar injector adds it, with the Dapr 1.18.3 chart defaults; the injector drops capabilities only with SIDECAR_DROP_ALL_CAPABILITIES');
    // a DaprControlPlane in the app is the injector the pods are modelled with
    new DaprControlPlane(new Chart(app, 'platform'), 'dapr');
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('a daprd without requests and limits fails synth', () => {
    const { chart } = appWithDeployment({}, { sidecarResources: SidecarResources.of({}) });
    expect(() => Testing.synth(chart)).toThrow('[validation] shop Deployment/shop/web $.spec.template.spec.containers[1].resources.requests: [resource-requests] container "daprd" lacks CPU or memory requests (in daprd as the sidecar injector adds it');
  });

  test('injected pods can be left out of the check', () => {
    const { chart } = appWithDeployment({ injectedPods: false, sidecarInjection: undefined }, { sidecarResources: SidecarResources.of({}) });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('fails synth for an object broken through an escape hatch, naming chart, object and path', () => {
    const { app, web } = appWithDeployment();
    // typed objects drop unknown keys themselves; a wrong type goes through
    ApiObject.of(web).addJsonPatch(JsonPatch.replace('/spec/replicas', 'three'));
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'dapr-validation-'));
    (app as any).outdir = outdir;
    expect(() => withoutSchemaCheck(() => app.synth())).toThrow(
      '[validation] shop #1 apps/v1 Deployment shop/web $.spec.replicas: must be of type integer');
    expect(fs.readdirSync(outdir)).toEqual([]);
    fs.rmSync(outdir, { recursive: true });
  });

  test('fails synth for a workload that breaks the policy, naming the rule', () => {
    const { chart } = appWithDeployment();
    new ApiObject(chart, 'debug', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'debug' },
      spec: { automountServiceAccountToken: false, containers: [{ name: 'sh', image: 'busybox:1.36', securityContext: { privileged: true } }] },
    });
    let message = '';
    try {
      withoutSchemaCheck(() => Testing.synth(chart));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('[validation] shop Pod/shop/debug $.spec.containers[0].securityContext.privileged: [privileged] container "sh" is privileged');
    expect(message).toContain('[run-as-non-root]');
    expect(message).not.toContain('Deployment');
  });

  test('each check can be turned off by name', () => {
    const { chart, web } = appWithDeployment({ schemas: false, workloadPolicy: false });
    ApiObject.of(web).addJsonPatch(JsonPatch.replace('/spec/replicas', 'three'));
    new ApiObject(chart, 'root', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'root' }, spec: { containers: [{ name: 'sh', image: 'busybox:1.36' }] } });
    expect(withoutSchemaCheck(() => Testing.synth(chart))[0].spec.replicas).toBe('three');
  });

  test('a mutation after a first toJson() is still caught: the cache is on content, not on the object', () => {
    const { chart, web } = appWithDeployment();
    expect(chart.toJson()).toHaveLength(3); // validated and remembered
    ApiObject.of(web).addJsonPatch(JsonPatch.replace('/spec/replicas', 'three'));
    expect(() => withoutSchemaCheck(() => chart.toJson())).toThrow('shop #1 apps/v1 Deployment shop/web $.spec.replicas: must be of type integer');
    // a lazy value that changes between two toJson() calls, with no call on the object at all
    let value: unknown = 'b';
    new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: Lazy.any({ produce: () => value }) } });
    ApiObject.of(web).addJsonPatch(JsonPatch.replace('/spec/replicas', 2));
    expect(withoutSchemaCheck(() => chart.toJson())).toHaveLength(4);
    value = 1;
    expect(() => withoutSchemaCheck(() => chart.toJson())).toThrow('shop #4 v1 ConfigMap shop/cm $.data.a: must be of type string');
    value = 'c';
    ApiObject.of(web).addJsonPatch(JsonPatch.replace('/spec/replicas', 2));
    expect(withoutSchemaCheck(() => chart.toJson())[0].spec.replicas).toBe(2);
  });

  test('checks each object once per synth although cdk8s runs the validation once per chart and once for the app', () => {
    const { app } = appWithDeployment();
    const other = new Chart(app, 'other');
    new ApiObject(other, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } });
    const validate = jest.spyOn(ManifestValidator.prototype, 'validate');
    try {
      withoutSchemaCheck(() => app.synthYaml());
      // three charts (the app's Namespaces have a chart of their own), each checked once, not three times
      expect(validate.mock.calls.map(([, document]) => document).sort()).toEqual(['dapr-namespaces', 'other', 'shop']);
      validate.mockClear();
      withoutSchemaCheck(() => app.synthYaml());
      expect(validate).not.toHaveBeenCalled(); // nothing changed since
    } finally {
      validate.mockRestore();
    }
  });

  test('sees charts added after it and every chart of the app', () => {
    const { app } = appWithDeployment();
    const late = new Chart(app, 'late');
    new ApiObject(late, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 1 } });
    expect(() => withoutSchemaCheck(() => Testing.synth(late))).toThrow('late #1 v1 ConfigMap cm $.data.a: must be of type string');
  });
});

describe('every example', () => {
  test('is schema-valid, file by file', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-schema-'));
    let objects = 0;
    for (const name of Object.keys(EXAMPLES)) {
      const dir = path.join(tmp, name);
      withoutSchemaCheck(() => synthExample(name, dir));
      const stages = fs.readdirSync(dir).filter((x) => /^\d-/.test(x));
      for (const f of stages.flatMap((s) => fs.readdirSync(path.join(dir, s)).filter((x) => x.endsWith('.k8s.yaml')).map((x) => path.join(s, x)))) {
        const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS());
        objects += docs.length;
        expect(validator.validate(docs, `${name}/${f}`)).toEqual([]);
      }
    }
    expect(objects).toBeGreaterThan(80);
    fs.rmSync(tmp, { recursive: true });
  });
});
