import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DaprApp, DaprControlPlane, DaprSidecar, SidecarResources } from '../../src';
import { injectPod } from '../../src/app/injected-pod';
import { CHART_INJECTOR_SETTINGS } from '../../src/runtime/injector-settings';

/*
 * The injector model against what dapr v1.18.3's patcher does (pkg/injector/patcher:
 * sidecar_container.go, sidecar_volumes.go, sidecar_patcher.go, sidecar_components.go).
 */

const IMAGE = 'ghcr.io/acme/task-api:1.0.0';

function template(annotations: { [k: string]: string }, spec: any = { containers: [{ name: 'app', image: IMAGE }] }) {
  return { metadata: { annotations }, spec };
}

describe('the injected pod', () => {
  test('a DaprApp: daprd with its args, env, ports, probes, resources, security context and the Sentry token', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'task-api', { appId: 'task-api', appPort: 8000, image: IMAGE });
    const pod = DaprSidecar.injectedPod(app);
    expect(pod.spec.containers.map((c: any) => c.name)).toEqual(['app', 'daprd']);
    const daprd = pod.spec.containers[1];
    expect(daprd.image).toBe('ghcr.io/dapr/daprd:1.18.3');
    expect(daprd.imagePullPolicy).toBe('IfNotPresent');
    expect(daprd.args.slice(0, 1)).toEqual(['/daprd']);
    expect(daprd.args).toEqual(expect.arrayContaining(['--app-id', 'task-api', '--app-port', '8000', '--mode', 'kubernetes', '--enable-mtls', '--disable-builtin-k8s-secret-store']));
    expect(daprd.args.join(' ')).toContain('--control-plane-address dapr-api.dapr-system.svc.cluster.local:443 --sentry-address dapr-sentry.dapr-system.svc.cluster.local:443');
    expect(daprd.args.join(' ')).toContain('--placement-host-address dapr-placement-server.dapr-system.svc.cluster.local:50005');
    expect(daprd.args.join(' ')).toContain('--scheduler-host-address dapr-scheduler-server-a.dapr-system.svc.cluster.local:443');
    expect(daprd.ports.map((p: any) => [p.name, p.containerPort])).toEqual([['dapr-http', 3500], ['dapr-grpc', 50001], ['dapr-internal', 50002], ['dapr-metrics', 9090]]);
    expect(daprd.readinessProbe).toEqual({ httpGet: { path: '/v1.0/healthz', port: 3501 }, initialDelaySeconds: 1, timeoutSeconds: 1, periodSeconds: 1, failureThreshold: 5 });
    expect(daprd.livenessProbe).toEqual({
      tcpSocket: { port: 3501 }, initialDelaySeconds: 180, timeoutSeconds: 3, periodSeconds: 10, failureThreshold: 5,
    });
    expect(daprd.resources).toEqual({ limits: { cpu: '300m', memory: '1000Mi' }, requests: { cpu: '100m', memory: '250Mi' } });
    // the chart keeps daprd's capabilities: no drop list without SIDECAR_DROP_ALL_CAPABILITIES
    expect(daprd.securityContext).toEqual({ allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(daprd.env.map((e: any) => e.name)).toEqual(['NAMESPACE', 'DAPR_TRUST_ANCHORS', 'POD_NAME', 'DAPR_CONTROLPLANE_NAMESPACE', 'DAPR_CONTROLPLANE_TRUST_DOMAIN']);
    expect(daprd.env[0]).toEqual({ name: 'NAMESPACE', value: 'default' });
    expect(daprd.volumeMounts).toEqual([{ name: 'dapr-identity-token', mountPath: '/var/run/secrets/dapr.io/sentrytoken', readOnly: true }]);
    expect(pod.spec.volumes).toEqual([{
      name: 'dapr-identity-token',
      projected: { defaultMode: 420, sources: [{ serviceAccountToken: { audience: 'spiffe://cluster.local/ns/dapr-system/dapr-sentry', expirationSeconds: 7200, path: 'token' } }] },
    }]);
    expect(pod.metadata.labels).toMatchObject({ 'dapr.io/sidecar-injected': 'true', 'dapr.io/app-id': 'task-api', 'dapr.io/metrics-enabled': 'true' });
    expect(pod.spec.containers[0].env).toEqual([{ name: 'DAPR_HTTP_PORT', value: '3500' }, { name: 'DAPR_GRPC_PORT', value: '50001' }, { name: 'APP_PROTOCOL', value: 'http' }]);
  });

  test('the DaprControlPlane of the same cdk8s app is the injector: its image, namespace, trust domain and capabilities', () => {
    const app = Testing.app();
    new DaprControlPlane(new Chart(app, 'platform'), 'dapr', {
      namespace: 'dapr', mtls: { controlPlaneTrustDomain: 'example.org' }, sidecar: { image: 'registry.example/daprd:1.18.3', nativeSidecar: true },
    });
    const workload = new DaprApp(new Chart(app, 'apps', { namespace: 'shop' }), 'web', { appId: 'web', image: IMAGE });
    const pod = DaprSidecar.injectedPod(workload);
    expect(pod.spec.containers.map((c: any) => c.name)).toEqual(['app']);
    const daprd = pod.spec.initContainers[0];
    expect(daprd).toMatchObject({ name: 'daprd', image: 'registry.example/daprd:1.18.3', restartPolicy: 'Always' });
    expect(daprd.securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(daprd.env).toEqual(expect.arrayContaining([{ name: 'NAMESPACE', value: 'shop' }, { name: 'DAPR_CONTROLPLANE_NAMESPACE', value: 'dapr' }, { name: 'DAPR_CONTROLPLANE_TRUST_DOMAIN', value: 'example.org' }]));
    expect(pod.spec.volumes[0].projected.sources[0].serviceAccountToken.audience).toBe('spiffe://example.org/ns/dapr/dapr-sentry');
  });

  test('sidecar options reach daprd as the injector maps them', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'a', {
      appId: 'a',
      image: IMAGE,
      sidecarResources: SidecarResources.of({ cpuRequest: '50m' }),
      sidecarEnv: { A: '1', B: 'x,y' },
      sidecarEnvFromSecret: { TOKEN_X: { secretName: 's', key: 'k' } },
      security: { apiTokenSecret: 'api', appTokenSecret: 'apptok' },
      debug: { enabled: true, port: 40001 },
      networking: { unixDomainSocketPath: '/tmp/dapr' },
      actors: { placementHostAddresses: [] },
    });
    const pod = DaprSidecar.injectedPod(app);
    const daprd = pod.spec.containers.find((c: any) => c.name === 'daprd');
    expect(daprd.resources).toEqual({ requests: { cpu: '50m' } });
    expect(daprd.args.slice(0, 9)).toEqual(['/dlv', '--listen', ':40001', '--accept-multiclient', '--headless=true', '--log', '--api-version=2', 'exec', '/daprd']);
    expect(daprd.args).not.toContain('--placement-host-address');
    expect(daprd.args).toEqual(expect.arrayContaining(['--unix-domain-socket', '/var/run/dapr-sockets']));
    expect(daprd.env.slice(5)).toEqual([
      { name: 'A', value: '1' }, { name: 'B', value: 'x,y' },
      { name: 'TOKEN_X', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      { name: 'DAPR_ENV_KEYS', value: 'A B TOKEN_X' },
      { name: 'DAPR_API_TOKEN', valueFrom: { secretKeyRef: { key: 'token', name: 'api' } } },
      { name: 'APP_API_TOKEN', valueFrom: { secretKeyRef: { key: 'token', name: 'apptok' } } },
    ]);
    expect(pod.spec.volumes.map((v: any) => v.name)).toEqual(['dapr-unix-domain-socket', 'dapr-identity-token']);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'dapr-unix-domain-socket', mountPath: '/tmp/dapr' }]);
  });

  test('pluggable components share the socket volume; a pod without volumes loses the token volume (upstream patch order)', () => {
    const spec = { containers: [{ name: 'app', image: IMAGE }, { name: 'store', image: IMAGE }] };
    const pod = injectPod(template({ 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'a', 'dapr.io/pluggable-components': 'store' }, spec), 'n', CHART_INJECTOR_SETTINGS);
    expect(pod.spec.volumes).toEqual([{ name: 'dapr-components-unix-domain-socket', emptyDir: {} }]);
    expect(pod.spec.containers[1].volumeMounts).toEqual([{ name: 'dapr-components-unix-domain-socket', mountPath: '/tmp/dapr-components-sockets' }]);
    expect(pod.spec.containers[1].env).toEqual([{ name: 'DAPR_COMPONENT_SOCKETS_FOLDER', value: '/tmp/dapr-components-sockets' }]);
    expect(pod.spec.containers[0].env.map((e: any) => e.name)).toEqual(['DAPR_HTTP_PORT', 'DAPR_GRPC_PORT', 'APP_PROTOCOL']);
    // with a volume of its own the pod keeps all three
    const withVolume = injectPod(template({ 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'a', 'dapr.io/pluggable-components': 'store' },
      { ...spec, volumes: [{ name: 'tmp', emptyDir: {} }] }), 'n', CHART_INJECTOR_SETTINGS);
    expect(withVolume.spec.volumes.map((v: any) => v.name)).toEqual(['tmp', 'dapr-identity-token', 'dapr-components-unix-domain-socket']);
  });

  test('DaprApp.addPluggableComponent gives the pod a volume, so the injected pod keeps its token volume', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'a', { appId: 'a', image: IMAGE });
    app.addPluggableComponent({ name: 'store', image: IMAGE });
    const pod = DaprSidecar.injectedPod(app);
    expect(pod.spec.volumes.map((v: any) => v.name)).toEqual(['store-tmp', 'dapr-identity-token', 'dapr-components-unix-domain-socket']);
  });

  test('left alone: not enabled, or daprd already there', () => {
    const t = template({ 'dapr.io/enabled': 'false' });
    expect(injectPod(t, 'n', CHART_INJECTOR_SETTINGS)).toEqual(t);
    const already = template({ 'dapr.io/enabled': 'true' }, { containers: [{ name: 'daprd', image: IMAGE }] });
    expect(injectPod(already, 'n', CHART_INJECTOR_SETTINGS)).toEqual(already);
  });

  test('the injector\'s reading of annotations: truthy spellings, unparsable integers keep the default, app id falls back to the pod name', () => {
    const pod = injectPod(template({ 'dapr.io/enabled': 'yes', 'dapr.io/grpc-port': 'x', 'dapr.io/log-as-json': 'ON' }), 'n', CHART_INJECTOR_SETTINGS, 'my-pod');
    const daprd = pod.spec.containers[1];
    expect(daprd.args).toEqual(expect.arrayContaining(['--dapr-grpc-port', '50001', '--log-as-json', '--app-id', 'my-pod']));
  });

  test('a raw ApiObject and a CronJob are modelled too; other kinds are refused', () => {
    const chart = Testing.chart();
    const job = new kplus.CronJob(chart, 'job', { schedule: { expressionString: '0 * * * *' } as any, containers: [{ image: IMAGE }] });
    DaprSidecar.annotate(job, { appId: 'job' });
    expect(DaprSidecar.injectedPod(job).spec.containers.map((c: any) => c.name)).toEqual(['main', 'daprd']);
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    expect(() => DaprSidecar.injectedPod(cm)).toThrow('[test/cm] injectedPod: "ConfigMap" is invalid; allowed: a workload with a pod template');
  });
});
