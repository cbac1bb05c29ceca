import { App, Chart, Testing } from 'cdk8s';
import { EXAMPLES } from '../../examples';
import { AppProtocol, DaprApp, DaprControlPlane, SidecarResources } from '../../src';
import { checkWorkloadPolicy, POLICY_EXEMPTIONS_ANNOTATION, POLICY_RULES } from '../../src/validation/policy';

function manifests(app: App): any[] {
  return app.charts.flatMap((c) => Testing.synth(c));
}

/** Every workload the library creates, in its default and HA shapes. */
function kitchenSink(): any[] {
  const app = Testing.app();
  new DaprControlPlane(new Chart(app, 'default-plane'), 'dapr');
  new DaprControlPlane(new Chart(app, 'ha-plane'), 'dapr', { ha: true, namespace: 'dapr-ha' });
  const apps = new Chart(app, 'apps', { namespace: 'apps' });
  new DaprApp(apps, 'one', { appId: 'one', appPort: 8080, image: 'ghcr.io/acme/one:1.0.0', replicas: 1 });
  new DaprApp(apps, 'many', {
    appId: 'many',
    appPort: 9000,
    appProtocol: AppProtocol.GRPC,
    image: 'ghcr.io/acme/many@sha256:' + 'b'.repeat(64),
    replicas: 5,
    sidecarResources: SidecarResources.production(),
    goMemLimit: true,
  });
  new DaprApp(apps, 'worker', { appId: 'worker', image: 'ghcr.io/acme/worker:2.0.0' });
  return manifests(app);
}

const pod = (spec: any, metadata: any = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
const goodContainer = {
  name: 'app',
  image: 'ghcr.io/acme/app:1.0.0',
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
  securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
};
const goodPod = { automountServiceAccountToken: false, containers: [goodContainer] };

describe('workload policy', () => {
  test.each(Object.keys(EXAMPLES))('the %s example has no violation', (name) => {
    const app = Testing.app();
    EXAMPLES[name](app);
    expect(checkWorkloadPolicy(manifests(app))).toEqual([]);
  });

  test('every workload the library creates passes (control plane default and HA, apps)', () => {
    const all = kitchenSink();
    expect(all.filter((m) => ['Deployment', 'StatefulSet'].includes(m.kind))).toHaveLength(13);
    expect(checkWorkloadPolicy(all)).toEqual([]);
  });

  test('a compliant pod passes', () => {
    expect(checkWorkloadPolicy([pod(goodPod)])).toEqual([]);
  });

  test.each([
    ['run-as-non-root', { ...goodPod, containers: [{ ...goodContainer, securityContext: { ...goodContainer.securityContext, runAsNonRoot: false } }] }, '$.spec.containers[0].securityContext.runAsNonRoot'],
    ['run-as-root-user', { ...goodPod, securityContext: { runAsUser: 0 } }, '$.spec.containers[0].securityContext.runAsUser'],
    ['privilege-escalation', { ...goodPod, containers: [{ ...goodContainer, securityContext: { ...goodContainer.securityContext, allowPrivilegeEscalation: true } }] }, '$.spec.containers[0].securityContext.allowPrivilegeEscalation'],
    ['capabilities', { ...goodPod, containers: [{ ...goodContainer, securityContext: { ...goodContainer.securityContext, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } } }] }, '$.spec.containers[0].securityContext.capabilities'],
    ['seccomp', { ...goodPod, containers: [{ ...goodContainer, securityContext: { ...goodContainer.securityContext, seccompProfile: { type: 'Unconfined' } } }] }, '$.spec.containers[0].securityContext.seccompProfile'],
    ['privileged', { ...goodPod, containers: [{ ...goodContainer, securityContext: { ...goodContainer.securityContext, privileged: true } }] }, '$.spec.containers[0].securityContext.privileged'],
    ['host-namespaces', { ...goodPod, hostNetwork: true }, '$.spec.hostNetwork'],
    ['host-path', { ...goodPod, volumes: [{ name: 'root', hostPath: { path: '/' } }] }, '$.spec.volumes[0]'],
    ['host-ports', { ...goodPod, containers: [{ ...goodContainer, ports: [{ containerPort: 80, hostPort: 80 }] }] }, '$.spec.containers[0].ports[0].hostPort'],
    ['resource-requests', { ...goodPod, containers: [{ ...goodContainer, resources: { limits: goodContainer.resources.limits } }] }, '$.spec.containers[0].resources.requests'],
    ['cpu-limit', { ...goodPod, containers: [{ ...goodContainer, resources: { requests: goodContainer.resources.requests, limits: { memory: '1Gi' } } }] }, '$.spec.containers[0].resources.limits.cpu'],
    ['memory-limit', { ...goodPod, containers: [{ ...goodContainer, resources: { requests: goodContainer.resources.requests, limits: { cpu: '1' } } }] }, '$.spec.containers[0].resources.limits.memory'],
    ['image-tag', { ...goodPod, containers: [{ ...goodContainer, image: 'ghcr.io/acme/app:latest' }] }, '$.spec.containers[0].image'],
    ['service-account-token', { ...goodPod, automountServiceAccountToken: undefined }, '$.spec.automountServiceAccountToken'],
  ])('rule %s reports the offending field', (rule, spec, path) => {
    const violations = checkWorkloadPolicy([pod(spec)]);
    expect(violations.map((v) => [v.rule, v.object, v.path])).toEqual([[rule, 'Pod//p', path]]);
    expect(POLICY_RULES[rule]).toBeDefined();
  });

  test('pods behind a Service need readiness probes; replicas need a PodDisruptionBudget', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'n' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: goodPod } },
    };
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'd', namespace: 'n' }, spec: { selector: { app: 'd' }, ports: [{ port: 80 }] } };
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'd', namespace: 'n' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'd' } } } };
    const otherNs = { ...pdb, metadata: { name: 'd', namespace: 'other' } };
    expect(checkWorkloadPolicy([deployment]).map((v) => `${v.rule} ${v.path}`)).toEqual(['disruption-budget $.spec.replicas']);
    expect(checkWorkloadPolicy([deployment, service]).map((v) => `${v.rule} ${v.path}`)).toEqual([
      'readiness-probe $.spec.template.spec.containers[0].readinessProbe',
      'disruption-budget $.spec.replicas',
    ]);
    expect(checkWorkloadPolicy([deployment, service, pdb]).map((v) => v.rule)).toEqual(['readiness-probe']);
    expect(checkWorkloadPolicy([deployment, otherNs]).map((v) => v.rule)).toEqual(['disruption-budget']);
  });

  test('init containers and CronJob pods are checked too', () => {
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { ...goodPod, initContainers: [{ ...goodContainer, name: 'init', securityContext: {} }] } } } } },
    };
    expect(checkWorkloadPolicy([cron]).map((v) => v.path)).toEqual([
      '$.spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.runAsNonRoot',
      '$.spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation',
      '$.spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.capabilities',
      '$.spec.jobTemplate.spec.template.spec.initContainers[0].securityContext.seccompProfile',
    ]);
  });

  test('exemptions are explicit, per workload and per rule', () => {
    const spec = { ...goodPod, automountServiceAccountToken: true, containers: [{ ...goodContainer, resources: { requests: goodContainer.resources.requests, limits: { cpu: '1' } } }] };
    expect(checkWorkloadPolicy([pod(spec, { name: 'p', annotations: { [POLICY_EXEMPTIONS_ANNOTATION]: 'service-account-token' } })]).map((v) => v.rule)).toEqual(['memory-limit']);
    expect(checkWorkloadPolicy([pod(spec, { name: 'p', annotations: { [POLICY_EXEMPTIONS_ANNOTATION]: 'service-account-token, memory-limit' } })])).toEqual([]);
  });

  test('the control plane is exempt only from the token and memory-limit rules, and the scheduler (no CPU limit on etcd) from cpu-limit', () => {
    const plane = kitchenSink().filter((m) => m.metadata.namespace === 'dapr-system' && ['Deployment', 'StatefulSet'].includes(m.kind));
    expect(plane).toHaveLength(5);
    for (const w of plane) {
      expect({ name: w.metadata.name, exemptions: w.metadata.annotations[POLICY_EXEMPTIONS_ANNOTATION] }).toEqual({
        name: w.metadata.name,
        exemptions: w.metadata.name === 'dapr-scheduler-server' ? 'cpu-limit,memory-limit,service-account-token' : 'memory-limit,service-account-token',
      });
    }
  });
});
