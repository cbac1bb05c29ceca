import { Chart, Testing } from 'cdk8s';
import { DaprControlPlane, DaprCrds } from '../../src/runtime';
import { DAPR_CRD_SCHEMAS } from '../../src/runtime/dapr-crds';

const KINDS = ['Component', 'Configuration', 'Resiliency', 'Subscription', 'HTTPEndpoint', 'MCPServer', 'WorkflowAccessPolicy'];

/** Every node of a schema, with its path. */
function* walk(node: any, path: string): Generator<[string, any]> {
  yield [path, node];
  for (const [k, v] of Object.entries(node.properties ?? {})) yield* walk(v, `${path}.${k}`);
  if (node.items) yield* walk(node.items, `${path}[]`);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') yield* walk(node.additionalProperties, `${path}{}`);
}

describe('DaprCrds', () => {
  test('synthesizes the seven CRDs (snapshot)', () => {
    const chart = Testing.chart();
    new DaprCrds(chart, 'crds');
    const objects = Testing.synth(chart);
    expect(objects.map((o) => o.metadata.name)).toEqual([
      'components.dapr.io', 'configurations.dapr.io', 'resiliencies.dapr.io', 'subscriptions.dapr.io',
      'httpendpoints.dapr.io', 'mcpservers.dapr.io', 'workflowaccesspolicies.dapr.io',
    ]);
    expect(objects).toMatchSnapshot();
  });

  test('schemas are structural: every node has a type or preserves unknown fields', () => {
    for (const [key, schema] of Object.entries(DAPR_CRD_SCHEMAS)) {
      expect(schema.type).toBe('object');
      for (const [path, node] of walk(schema, key)) {
        const typed = typeof node.type === 'string' || node['x-kubernetes-preserve-unknown-fields'] === true || node['x-kubernetes-int-or-string'] === true;
        expect({ path, typed }).toEqual({ path, typed: true });
        for (const required of node.required ?? []) {
          expect({ path, required, declared: required in (node.properties ?? {}) }).toEqual({ path, required, declared: true });
        }
      }
    }
  });

  test('exactly one storage version per kind; Subscription converts v1alpha1 <-> v2alpha1 through the operator', () => {
    const chart = Testing.chart();
    new DaprCrds(chart, 'crds', { controlPlaneNamespace: 'dapr' });
    for (const crd of Testing.synth(chart)) {
      expect(crd.spec.versions.filter((v: any) => v.storage)).toHaveLength(1);
      expect(crd.metadata.namespace).toBeUndefined();
    }
    const sub = Testing.synth(chart).find((o) => o.spec.names.kind === 'Subscription');
    expect(sub.spec.conversion).toEqual({
      strategy: 'Webhook',
      webhook: { clientConfig: { service: { namespace: 'dapr', name: 'dapr-webhook', path: '/convert' } }, conversionReviewVersions: ['v1', 'v2alpha1'] },
    });
  });

  test('schemas by kind and version, for offline validation', () => {
    expect(Object.keys(DAPR_CRD_SCHEMAS).sort()).toEqual([...KINDS.map((k) => `${k}/v1alpha1`), 'Subscription/v2alpha1'].sort());
    expect(DaprCrds.KINDS).toEqual(KINDS);
    const component = DaprCrds.schemaOf('Component');
    expect(component.properties.spec.required).toEqual(['metadata', 'type', 'version']);
    expect(DaprCrds.schemaOf('Subscription').properties.spec.properties.routes).toBeDefined();
    expect(DaprCrds.schemaOf('Subscription', 'v1alpha1').properties.spec.properties.route).toBeDefined();
    // A copy: callers cannot change the CRDs through it.
    component.properties.spec.required.push('x');
    expect(DaprCrds.schemaOf('Component').properties.spec.required).toEqual(['metadata', 'type', 'version']);
  });

  test('unknown kinds and versions are refused', () => {
    expect(() => DaprCrds.schemaOf('Components')).toThrow(/\[DaprCrds\] kind: "Components" is invalid; allowed: one of Component, Configuration/);
    expect(() => DaprCrds.schemaOf('Subscription', 'v3')).toThrow(/\[DaprCrds\] version: "v3" is invalid; allowed: one of v1alpha1, v2alpha1/);
    const crds = new DaprCrds(Testing.chart(), 'crds');
    expect(() => crds.crd('Pod')).toThrow(/kind: "Pod" is invalid/);
    expect(crds.crd('Resiliency').name).toBe('resiliencies.dapr.io');
    expect(() => new DaprCrds(Testing.chart(), 'bad', { controlPlaneNamespace: 'Dapr' })).toThrow(/controlPlaneNamespace: "Dapr" is invalid/);
  });

  test('the CRD chart is written before the control plane chart', () => {
    const app = Testing.app();
    // Created in the wrong order on purpose: the dependency decides.
    const platform = new Chart(app, 'dapr');
    new DaprControlPlane(platform, 'dapr');
    const crdChart = new Chart(app, 'dapr-crds');
    const crds = new DaprCrds(crdChart, 'crds');
    platform.addDependency(crdChart);
    expect(app.charts.map((c) => c.node.id)).toEqual(['dapr-crds', 'dapr']);
    const kinds = app.synthYaml().match(/^kind: \w+/gm)!;
    expect(kinds.lastIndexOf('kind: CustomResourceDefinition')).toBeLessThan(kinds.indexOf('kind: Configuration'));
    expect(crds.runtimeManagedFields()).toEqual([expect.objectContaining({
      kind: 'CustomResourceDefinition', name: 'subscriptions.dapr.io', jsonPointers: ['/spec/conversion/webhook/clientConfig/caBundle'],
    })]);
  });
});
