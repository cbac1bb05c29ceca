import { ApiObject, Chart, Cron, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  AppProtocol, DaprApp, DaprAppProps, DaprSidecar, InitEndpoint, LogLevel, SeccompProfile, SidecarResources,
} from '../../src';

const IMAGE = 'ghcr.io/acme/task-api:1.0.0';

function synthApp(props: Partial<DaprAppProps> = {}, chart: Chart = Testing.chart()) {
  new DaprApp(chart, 'task-api', { appId: 'task-api', appPort: 8000, image: IMAGE, ...props });
  return Testing.synth(chart);
}

function podAnnotations(props: Partial<DaprAppProps> = {}): Record<string, string> {
  const deployment = synthApp(props).find((o) => o.kind === 'Deployment');
  return deployment.spec.template.metadata.annotations;
}

/** Annotations other than the three every app carries. */
function extra(props: Partial<DaprAppProps>): Record<string, string> {
  const all = { ...podAnnotations(props) };
  for (const k of ['dapr.io/app-id', 'dapr.io/app-port', 'dapr.io/enabled', 'dapr.io/sidecar-seccomp-profile-type']) delete all[k];
  // the defaults every sidecar gets (asserted in 'puts the annotations on the pod template'), unless the group sets them
  if (props.sidecarResources === undefined) {
    for (const k of ['cpu-request', 'cpu-limit', 'memory-request', 'memory-limit']) delete all[`dapr.io/sidecar-${k}`];
  }
  if (props.security?.disableBuiltinK8sSecretStore === undefined) delete all['dapr.io/disable-builtin-k8s-secret-store'];
  return all;
}

describe('DaprApp', () => {
  test('synthesizes a Deployment and a Service (snapshot)', () => {
    expect(synthApp({ sidecarResources: SidecarResources.production(), goMemLimit: true })).toMatchSnapshot();
  });

  test('puts the annotations on the pod template, not on the Deployment', () => {
    const deployment = synthApp().find((o) => o.kind === 'Deployment');
    expect(deployment.metadata.annotations).toBeUndefined();
    expect(deployment.spec.template.metadata.annotations).toEqual({
      'dapr.io/app-id': 'task-api',
      'dapr.io/app-port': '8000',
      // no API token, nothing needs the store: off (see src/core/kubernetes-api-access.ts)
      'dapr.io/disable-builtin-k8s-secret-store': 'true',
      'dapr.io/enabled': 'true',
      // Dapr's production guidance, so the injected daprd has requests and limits
      'dapr.io/sidecar-cpu-limit': '300m',
      'dapr.io/sidecar-cpu-request': '100m',
      'dapr.io/sidecar-memory-limit': '1000Mi',
      'dapr.io/sidecar-memory-request': '250Mi',
      'dapr.io/sidecar-seccomp-profile-type': 'RuntimeDefault',
    });
  });

  test('names the Deployment and Service after the app id and targets the app port', () => {
    const objects = synthApp();
    const deployment = objects.find((o) => o.kind === 'Deployment');
    const service = objects.find((o) => o.kind === 'Service');
    expect(deployment.metadata.name).toBe('task-api');
    expect(service.kind).toBe('Service');
    expect(service.metadata.name).toBe('task-api');
    expect(service.spec.ports).toEqual([{ name: 'app', port: 8000, targetPort: 8000 }]);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
  });

  test('service: false leaves the Service out; no appPort means no Service', () => {
    expect(synthApp({ service: false }).map((o) => o.kind)).toEqual(['Deployment', 'PodDisruptionBudget']);
    expect(synthApp({ appPort: undefined }).map((o) => o.kind)).toEqual(['Deployment', 'PodDisruptionBudget']);
  });

  test('guards replicas with a PodDisruptionBudget selecting the pods', () => {
    const objects = synthApp();
    const deployment = objects.find((o) => o.kind === 'Deployment');
    expect(objects.find((o) => o.kind === 'PodDisruptionBudget')).toEqual({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'task-api' },
      spec: { maxUnavailable: 1, selector: { matchLabels: deployment.spec.selector.matchLabels } },
    });
    expect(synthApp({ replicas: 1 }).map((o) => o.kind)).toEqual(['Deployment', 'Service']);
    expect(synthApp({ replicas: 3, podDisruptionBudget: false }).map((o) => o.kind)).toEqual(['Deployment', 'Service']);
  });

  test('meets the restricted Pod Security Standard for the app container', () => {
    const deployment = synthApp().find((o) => o.kind === 'Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.containers[0].securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      privileged: false,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].readinessProbe).toEqual({ failureThreshold: 3, tcpSocket: { port: 8000 } });
  });

  test('keeps cdk8s-plus reachable: containers, volumes, env and raw patches', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'task-api', {
      appId: 'task-api',
      appPort: 8000,
      image: IMAGE,
      replicas: 3,
      container: { envVariables: { LOG_FORMAT: kplus.EnvValue.fromValue('json') } },
    });
    app.appContainer.env.addVariable('MODE', kplus.EnvValue.fromValue('prod'));
    ApiObject.of(app).addJsonPatch(JsonPatch.add('/spec/revisionHistoryLimit', 5));
    const [deployment] = Testing.synth(chart);
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.revisionHistoryLimit).toBe(5);
    expect(deployment.spec.template.spec.containers[0].env).toEqual([
      { name: 'LOG_FORMAT', value: 'json' }, { name: 'MODE', value: 'prod' },
    ]);
    expect(app.appId).toBe('task-api');
    expect(app.namespace).toBe('default');
    expect(DaprSidecar.of(app)).toBe(app.sidecar);
  });

  test('resolves the namespace from the chart or the metadata', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c', { namespace: 'tasks' });
    expect(new DaprApp(chart, 'a', { appId: 'a', image: IMAGE }).namespace).toBe('tasks');
    expect(new DaprApp(chart, 'b', { appId: 'b', image: IMAGE, metadata: { namespace: 'other' } }).namespace).toBe('other');
  });

  test('fromAppId references an app defined elsewhere', () => {
    const chart = Testing.chart();
    const ref = DaprApp.fromAppId(chart, 'notify', 'notification-service', 'alerts');
    expect(ref.appId).toBe('notification-service');
    expect(ref.namespace).toBe('alerts');
    expect(Testing.synth(chart)).toEqual([]);
  });
});

describe('annotation groups', () => {
  test('app and protocol', () => {
    expect(extra({
      appProtocol: AppProtocol.GRPC,
      appMaxConcurrency: 10,
      appChannelAddress: '127.0.0.1',
      configName: 'tracing',
      appBindingOptionsTimeout: '2s',
    })).toEqual({
      'dapr.io/app-protocol': 'grpc',
      'dapr.io/app-max-concurrency': '10',
      'dapr.io/app-channel-address': '127.0.0.1',
      'dapr.io/config': 'tracing',
      'dapr.io/app-binding-options-timeout': '2s',
    });
    expect(extra({ appSsl: true })).toEqual({ 'dapr.io/app-ssl': 'true' });
    expect(podAnnotations({ enabled: false })['dapr.io/enabled']).toBe('false');
  });

  test('sidecar resources, preset and GOMEMLIMIT', () => {
    expect(extra({ sidecarResources: SidecarResources.production(), goMemLimit: true })).toEqual({
      'dapr.io/sidecar-cpu-request': '100m',
      'dapr.io/sidecar-cpu-limit': '300m',
      'dapr.io/sidecar-memory-request': '250Mi',
      'dapr.io/sidecar-memory-limit': '1000Mi',
      'dapr.io/env': 'GOMEMLIMIT=900MiB',
    });
    expect(extra({ sidecarResources: SidecarResources.of({ memoryLimit: '2Gi' }), goMemLimit: true, sidecarEnv: { A: '1' } }))
      .toEqual({ 'dapr.io/sidecar-memory-limit': '2Gi', 'dapr.io/env': 'A=1,GOMEMLIMIT=1843MiB' });
  });

  test('ports, logging, metrics and debugging', () => {
    expect(extra({
      ports: { grpcPort: 50011, internalGrpcPort: 50012 },
      logging: { level: LogLevel.DEBUG, json: true, apiLogging: true },
      metrics: { enabled: true, port: 9091 },
      debug: { enabled: true, port: 40001, profiling: true },
    })).toEqual({
      'dapr.io/grpc-port': '50011',
      'dapr.io/internal-grpc-port': '50012',
      'dapr.io/log-level': 'debug',
      'dapr.io/log-as-json': 'true',
      'dapr.io/enable-api-logging': 'true',
      'dapr.io/enable-metrics': 'true',
      'dapr.io/metrics-port': '9091',
      'dapr.io/enable-debug': 'true',
      'dapr.io/debug-port': '40001',
      'dapr.io/enable-profiling': 'true',
    });
  });

  test('sidecar probes and app health checks', () => {
    expect(extra({
      sidecarLivenessProbe: { delaySeconds: 10, timeoutSeconds: 2, periodSeconds: 5, threshold: 4 },
      sidecarReadinessProbe: { delaySeconds: 2, timeoutSeconds: 1, periodSeconds: 3, threshold: 6 },
      appHealthCheck: { path: '/health', probeIntervalSeconds: 10, probeTimeoutMillis: 800, threshold: 2 },
    })).toEqual({
      'dapr.io/sidecar-liveness-probe-delay-seconds': '10',
      'dapr.io/sidecar-liveness-probe-timeout-seconds': '2',
      'dapr.io/sidecar-liveness-probe-period-seconds': '5',
      'dapr.io/sidecar-liveness-probe-threshold': '4',
      'dapr.io/sidecar-readiness-probe-delay-seconds': '2',
      'dapr.io/sidecar-readiness-probe-timeout-seconds': '1',
      'dapr.io/sidecar-readiness-probe-period-seconds': '3',
      'dapr.io/sidecar-readiness-probe-threshold': '6',
      'dapr.io/enable-app-health-check': 'true',
      'dapr.io/app-health-check-path': '/health',
      'dapr.io/app-health-probe-interval': '10',
      'dapr.io/app-health-probe-timeout': '800',
      'dapr.io/app-health-threshold': '2',
    });
    expect(extra({ appHealthCheck: {} })).toEqual({ 'dapr.io/enable-app-health-check': 'true' });
  });

  test('shutdown and HTTP limits', () => {
    expect(extra({
      shutdown: { gracefulShutdownSeconds: 20, blockShutdownDuration: '15s' },
      http: { maxBodySize: '16Mi', readBufferSize: '8Ki', maxRequestSizeMb: 16, readBufferSizeKb: 8 },
    })).toEqual({
      'dapr.io/graceful-shutdown-seconds': '20',
      'dapr.io/block-shutdown-duration': '15s',
      'dapr.io/max-body-size': '16Mi',
      'dapr.io/read-buffer-size': '8Ki',
      'dapr.io/http-max-request-size': '16',
      'dapr.io/http-read-buffer-size': '8',
    });
  });

  test('secrets, tokens and identity', () => {
    expect(extra({
      security: {
        apiTokenSecret: 'dapr-api-token',
        appTokenSecret: 'app-api-token',
        disableBuiltinK8sSecretStore: true,
        sentryJwtAudiences: ['vault', 'spiffe://example'],
        seccompProfile: SeccompProfile.UNCONFINED,
      },
      sidecarEnvFromSecret: { VAULT_TOKEN: { secretName: 'vault', key: 'token' }, API_KEY: { secretName: 'keys' } },
    })).toEqual({
      'dapr.io/api-token-secret': 'dapr-api-token',
      'dapr.io/app-token-secret': 'app-api-token',
      'dapr.io/disable-builtin-k8s-secret-store': 'true',
      'dapr.io/sentry-request-jwt-audiences': 'vault,spiffe://example',
      'dapr.io/env-from-secret': 'API_KEY=keys:API_KEY,VAULT_TOKEN=vault:token',
    });
    expect(podAnnotations({ security: { seccompProfile: SeccompProfile.UNCONFINED } })['dapr.io/sidecar-seccomp-profile-type']).toBe('Unconfined');
    // the injector cannot set localhostProfile: a Localhost profile would make the API server reject the pod
    expect(() => podAnnotations({ security: { seccompProfile: SeccompProfile.LOCALHOST } })).toThrow('security.seccompProfile: "Localhost" is invalid');
  });

  test('volumes, split by access mode', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'task-api', {
      appId: 'task-api',
      image: IMAGE,
      volumes: [kplus.Volume.fromEmptyDir(chart, 'certs', 'certs'), kplus.Volume.fromEmptyDir(chart, 'scratch', 'scratch')],
      sidecarVolumeMounts: [
        { volumeName: 'certs', mountPath: '/mnt/certs' },
        { volumeName: 'scratch', mountPath: '/mnt/scratch', readWrite: true },
      ],
    });
    expect(app.sidecar.annotations).toMatchObject({
      'dapr.io/volume-mounts': 'certs:/mnt/certs',
      'dapr.io/volume-mounts-rw': 'scratch:/mnt/scratch',
    });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('pluggable components, networking, placement and scheduler, native sidecar', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'task-api', {
      appId: 'task-api',
      image: IMAGE,
      sidecarImage: 'ghcr.io/dapr/daprd:1.18.3',
      pluggableComponents: { containers: ['my-store'], socketsFolder: '/tmp/sockets', inject: true },
      networking: { listenAddresses: ['0.0.0.0'], unixDomainSocketPath: '/tmp/dapr', serviceAnnotations: { 'prometheus.io/scrape': 'true' } },
      actors: { placementHostAddresses: ['dapr-placement-server.dapr-system.svc.cluster.local:50005'], schedulerHostAddresses: [], disseminateTimeout: '2s' },
      disableInitEndpoints: [InitEndpoint.CONFIG, InitEndpoint.SUBSCRIBE],
      nativeSidecar: true,
    });
    app.addContainer({ name: 'my-store', image: 'ghcr.io/acme/store:1.0.0' });
    expect(app.sidecar.annotations).toMatchObject({
      'dapr.io/sidecar-image': 'ghcr.io/dapr/daprd:1.18.3',
      'dapr.io/pluggable-components': 'my-store',
      'dapr.io/pluggable-components-sockets-folder': '/tmp/sockets',
      'dapr.io/inject-pluggable-components': 'true',
      'dapr.io/sidecar-listen-addresses': '0.0.0.0',
      'dapr.io/unix-domain-socket-path': '/tmp/dapr',
      'dapr.io/sidecar-svc-annotations': 'prometheus.io/scrape=true',
      'dapr.io/placement-host-address': 'dapr-placement-server.dapr-system.svc.cluster.local:50005',
      'dapr.io/scheduler-host-address': '',
      'dapr.io/actors-disseminate-timeout': '2s',
      'dapr.io/disable-init-endpoints': 'config,subscribe',
      'dapr.io/enable-native-sidecar': 'true',
    });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('annotations are sorted and synthesis is deterministic', () => {
    const props = { sidecarResources: SidecarResources.production(), logging: { level: LogLevel.WARN }, sidecarEnv: { B: '2', A: '1' } };
    const keys = Object.keys(podAnnotations(props));
    expect(keys).toEqual([...keys].sort());
    expect(JSON.stringify(synthApp(props))).toEqual(JSON.stringify(synthApp(props)));
    expect(podAnnotations(props)['dapr.io/env']).toBe('A=1,B=2');
  });
});

describe('DaprSidecar.annotate', () => {
  const options = { appId: 'worker', logging: { level: LogLevel.WARN } };
  const expected = { 'dapr.io/app-id': 'worker', 'dapr.io/log-level': 'warn' };

  test.each([
    ['StatefulSet', (c: Chart) => new kplus.StatefulSet(c, 'w', { containers: [{ image: IMAGE, portNumber: 8080 }] }), (o: any) => o.spec.template],
    ['DaemonSet', (c: Chart) => new kplus.DaemonSet(c, 'w', { containers: [{ image: IMAGE }] }), (o: any) => o.spec.template],
    ['Job', (c: Chart) => new kplus.Job(c, 'w', { containers: [{ image: IMAGE }] }), (o: any) => o.spec.template],
    ['CronJob', (c: Chart) => new kplus.CronJob(c, 'w', { containers: [{ image: IMAGE }], schedule: Cron.daily() }), (o: any) => o.spec.jobTemplate.spec.template],
    ['Pod', (c: Chart) => new kplus.Pod(c, 'w', { containers: [{ image: IMAGE }] }), (o: any) => o],
  ])('annotates a cdk8s-plus %s on its pod template', (kind, make, template) => {
    const chart = Testing.chart();
    const workload = make(chart);
    const sidecar = DaprSidecar.annotate(workload, options);
    const manifest = Testing.synth(chart).find((o) => o.kind === kind);
    expect(template(manifest).metadata.annotations).toMatchObject(expected);
    if (kind !== 'Pod') {
      expect(manifest.metadata.annotations).toBeUndefined();
    }
    expect(sidecar.appId).toBe('worker');
    expect(DaprSidecar.of(workload)).toBe(sidecar);
  });

  test('the sidecar is a construct under its workload that emits nothing, found by of() and all()', () => {
    const chart = Testing.chart();
    const worker = new kplus.DaemonSet(chart, 'worker', { containers: [{ image: IMAGE }] });
    const api = new DaprApp(chart, 'api', { appId: 'api', image: IMAGE });
    const plain = new kplus.Deployment(chart, 'plain', { containers: [{ image: IMAGE }] });
    const objectsBefore = Testing.synth(chart).length;
    const sidecar = DaprSidecar.annotate(worker, options);
    expect(sidecar.node.path).toBe('test/worker/DaprSidecar');
    expect(sidecar.node.scope).toBe(worker);
    expect(api.sidecar.node.path).toBe('test/api/DaprSidecar');
    expect(Testing.synth(chart)).toHaveLength(objectsBefore);
    expect(DaprSidecar.of(plain)).toBeUndefined();
    expect(DaprSidecar.of(ApiObject.of(worker))).toBe(sidecar);
    expect(DaprSidecar.all(chart).map((s) => s.appId)).toEqual(['worker', 'api']);
    expect(DaprSidecar.all(api)).toEqual([api.sidecar]);
  });

  // complete enough to be valid Kubernetes objects: every synthesized chart is schema-checked
  const SELECTOR = { matchLabels: { a: 'b' } };
  const POD = { containers: [{ name: 'w', image: IMAGE }] };
  test.each([
    ['apps/v1', 'Deployment', { selector: SELECTOR, template: { spec: POD } }, (o: any) => o.spec.template],
    ['apps/v1', 'StatefulSet', { selector: SELECTOR, serviceName: 'raw', template: { metadata: { labels: { a: 'b' } }, spec: POD } }, (o: any) => o.spec.template],
    ['apps/v1', 'DaemonSet', { selector: SELECTOR, template: { metadata: { annotations: { keep: 'me' } }, spec: POD } }, (o: any) => o.spec.template],
    ['batch/v1', 'CronJob', { schedule: '@daily', jobTemplate: { spec: { template: { spec: POD } } } }, (o: any) => o.spec.jobTemplate.spec.template],
  ])('annotates a raw %s %s ApiObject (e.g. from Include)', (apiVersion, kind, spec, template) => {
    const chart = Testing.chart();
    const obj = new ApiObject(chart, 'raw', { apiVersion, kind, metadata: { name: 'raw', namespace: 'jobs' }, spec });
    const sidecar = DaprSidecar.annotateApiObject(obj, options);
    const [manifest] = Testing.synth(chart);
    expect(template(manifest).metadata.annotations).toMatchObject(expected);
    expect(manifest.metadata.annotations).toBeUndefined();
    expect(sidecar.namespace).toBe('jobs');
    if (kind === 'DaemonSet') expect(template(manifest).metadata.annotations.keep).toBe('me');
    if (kind === 'StatefulSet') expect(template(manifest).metadata.labels).toEqual({ a: 'b' });
  });

  test('annotates a raw Pod on its own metadata', () => {
    const chart = Testing.chart();
    const pod = new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: POD });
    DaprSidecar.annotateApiObject(pod, options);
    expect(Testing.synth(chart)[0].metadata.annotations).toMatchObject(expected);
  });

  test('refuses objects without a pod template', () => {
    const chart = Testing.chart();
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(() => DaprSidecar.annotateApiObject(cm, options)).toThrow(
      '[test/cm] kind: "ConfigMap" is invalid; allowed: a kind with a pod template: Pod, CronJob, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, ReplicationController');
    const broken = new ApiObject(chart, 'broken', { apiVersion: 'apps/v1', kind: 'Deployment', spec: {} });
    expect(() => DaprSidecar.annotateApiObject(broken, options)).toThrow('[test/broken] pod template: undefined is invalid; allowed: a Deployment with spec.template');
  });

  test('refuses a second sidecar on the same workload', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'w', { containers: [{ image: IMAGE }] });
    DaprSidecar.annotate(job, options);
    expect(() => DaprSidecar.annotate(job, options)).toThrow('[test/w] DaprSidecar: "worker" is invalid; allowed: one Dapr sidecar per workload; this workload is already annotated');
  });
});
