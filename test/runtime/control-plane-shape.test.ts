import { ApiObject, JsonPatch, Testing, Yaml } from 'cdk8s';
import { container, find, synthControlPlane } from './helpers';
import { DaprControlPlane } from '../../src/runtime';

/** The YAML a user applies; the object snapshots sort keys, this one keeps the emitted order. */
function yaml(props: ConstructorParameters<typeof DaprControlPlane>[2] = {}): string {
  return Yaml.stringify(...synthControlPlane(props).chart.toJson());
}

describe('control plane output, byte for byte', () => {
  test('default settings, as YAML (snapshot)', () => {
    expect(yaml()).toMatchSnapshot();
  });

  test('HA, as YAML (snapshot)', () => {
    expect(yaml({ ha: true })).toMatchSnapshot();
  });

  test('claim templates keep apiVersion and kind', () => {
    const { objects } = synthControlPlane({ ha: true });
    for (const name of ['dapr-placement-server', 'dapr-scheduler-server']) {
      const templates = find(objects, 'StatefulSet', name).spec.volumeClaimTemplates;
      expect(templates.map((t: any) => `${t.apiVersion} ${t.kind}`)).toEqual(['v1 PersistentVolumeClaim']);
    }
  });
});

describe('the five services share one skeleton', () => {
  const { cp, objects } = synthControlPlane({ ha: true });

  test.each(cp.services.map((s) => [s.workloadName, s] as const))('%s: account, Services, pods and budget agree', (name, svc) => {
    const workload = svc.workload.toJson();
    const pod = workload.spec.template;
    expect(workload.metadata.name).toBe(name);
    expect(workload.spec.selector.matchLabels).toEqual({ app: name });
    expect(pod.metadata.labels.app).toBe(name);
    expect(pod.spec.serviceAccountName).toBe(svc.serviceAccount.toJson().metadata.name);
    expect(pod.spec.containers.map((c: any) => c.name)).toEqual([name]);
    expect(svc.services.length).toBeGreaterThan(0);
    for (const service of svc.services) {
      expect(service.toJson().spec.selector).toEqual({ app: name });
    }
    // the budget selects exactly this service's pods
    const budget = svc.podDisruptionBudget!.toJson();
    for (const [k, v] of Object.entries(budget.spec.selector.matchLabels)) {
      expect(pod.metadata.labels[k]).toBe(v);
    }
    expect(budget.spec.maxUnavailable).toBe('25%');
  });

  test('probes, security context and resources are typed values rendered in wire form', () => {
    const operator = container(objects, 'Deployment', 'dapr-operator');
    expect(operator.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(operator.resources).toEqual({ requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '1' } });
    const injector = find(objects, 'Service', 'dapr-sidecar-injector');
    expect(injector.spec.ports[0]).toEqual({ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' });
    expect(find(objects, 'Service', 'dapr-placement-server').spec.clusterIP).toBe('None');
  });
});

describe('escape hatches', () => {
  test('a JSON patch in wire form reaches the output, on quantity and int-or-string fields too', () => {
    const chart = Testing.chart();
    const cp = new DaprControlPlane(chart, 'dapr');
    const workload: ApiObject = cp.operator.workload;
    workload.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/resources/limits/cpu', '2'));
    workload.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/livenessProbe/httpGet/port', 'healthz'));
    const objects = Testing.synth(chart);
    const c = container(objects, 'Deployment', 'dapr-operator');
    expect(c.resources.limits.cpu).toBe('2');
    expect(c.livenessProbe.httpGet.port).toBe('healthz');
  });
});
