import { ApiObject, Chart, Duration, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { AppProtocol, DaprApp, DaprAppProps, DaprControlPlane, DaprSidecar, DaprValidation, LogLevel, SeccompProfile, SidecarResources } from '../../src';
import { checkWorkloadPolicy } from '../../src/validation/policy';
import { unknownValue } from '../unknown-value';

const IMAGE = 'ghcr.io/acme/task-api:1.0.0';

function make(props: Partial<DaprAppProps>) {
  const chart = Testing.chart();
  new DaprApp(chart, 'task-api', { appId: 'task-api', appPort: 8000, image: IMAGE, ...props } as DaprAppProps);
  return chart;
}

/** [rule, props, the exact error]. Every message names the path, the prop, the value and what is allowed. */
const CASES: [string, Partial<DaprAppProps>, string][] = [
  ['app id is a DNS label', { appId: 'Task_API' },
    '[test/task-api] appId: "Task_API" is invalid; allowed: an RFC 1035 label of at most 58 characters (lower case letters, digits and "-", starting with a letter and ending with a letter or digit): it names the "<app-id>-dapr" Service'],
  ['app id starts with a letter (it names Services)', { appId: '1api' },
    '[test/task-api] appId: "1api" is invalid; allowed: an RFC 1035 label of at most 58 characters'],
  ['app id leaves room for the "-dapr" Service suffix', { appId: 'a'.repeat(59) },
    `[test/task-api] appId: "${'a'.repeat(59)}" is invalid; allowed: an RFC 1035 label of at most 58 characters`],
  ['placement addresses have a port from 1 to 65535', { actors: { placementHostAddresses: ['placement:99999'] } },
    '[test/task-api] actors.placementHostAddresses: ["placement:99999"] is invalid; allowed: a list of a host:port address with a port from 1 to 65535'],
  ['credential-like env names are not plaintext', { sidecarEnv: { DB_PASSWORD: 'hunter2' } },
    '[test/task-api] sidecarEnv.DB_PASSWORD: <redacted: 7 characters> is invalid; allowed: a variable that is not a credential: take "DB_PASSWORD" from a Secret with sidecarEnvFromSecret ("DB_PASSWORD" names a credential); or, to accept the plaintext on purpose, list "DB_PASSWORD" in allowPlaintextSecrets'],
  ['credential-like env names are found whatever their spelling', { sidecarEnv: { DB_PASS: 'hunter2' } },
    '[test/task-api] sidecarEnv.DB_PASS: <redacted: 7 characters> is invalid; allowed: a variable that is not a credential'],
  ['credentials in env values are found whatever the name', { sidecarEnv: { REDIS: 'redis://app:hunter2@redis:6379' } },
    '[test/task-api] sidecarEnv.REDIS: <redacted: 30 characters> is invalid; allowed: a variable that is not a credential: take "REDIS" from a Secret with sidecarEnvFromSecret (the value holds a URL with a password)'],
  ['the plaintext opt-out names variables that exist', { sidecarEnv: { A: 'b' }, allowPlaintextSecrets: ['API_TOKEN'] },
    '[test/task-api] allowPlaintextSecrets: "API_TOKEN" is invalid; allowed: only names of variables of sidecarEnv with a plaintext value refused as a credential (there are none)'],
  ['the plaintext opt-out names credentials, not any variable', { sidecarEnv: { A: 'b', API_TOKEN: 'x' }, allowPlaintextSecrets: ['API_TOKEN', 'A'] },
    '[test/task-api] allowPlaintextSecrets: "A" is invalid; allowed: only names of variables of sidecarEnv with a plaintext value refused as a credential ("API_TOKEN")'],
  ['the former opt-out name is still read, and checked the same way', { sidecarEnv: { A: 'b' }, allowPlaintextSecretEnv: ['constructor'] },
    '[test/task-api] allowPlaintextSecretEnv: "constructor" is invalid; allowed: only names of variables of sidecarEnv with a plaintext value refused as a credential (there are none)'],
  ['the credential check runs before the other env checks, so they cannot show the value', { sidecarEnv: { DB_PASSWORD: 'x,B=hunter2' } },
    '[test/task-api] sidecarEnv.DB_PASSWORD: <redacted: 11 characters> is invalid; allowed: a variable that is not a credential'],
  ['app port is 1 to 65535', { appPort: 70000 },
    '[test/task-api] appPort: 70000 is invalid; allowed: an integer from 1 to 65535'],
  ['app port is an integer', { appPort: 80.5 },
    '[test/task-api] appPort: 80.5 is invalid; allowed: an integer from 1 to 65535'],
  ['app port does not collide with the HTTP API', { appPort: 3500 },
    '[test/task-api] appPort: 3500 is invalid; allowed: a port not used by the Dapr sidecar (3500 is the Dapr HTTP API)'],
  ['app port does not collide with the gRPC API', { appPort: 50001 },
    '[test/task-api] appPort: 50001 is invalid; allowed: a port not used by the Dapr sidecar (50001 is ports.grpcPort, the Dapr gRPC API)'],
  ['app port does not collide with internal gRPC', { appPort: 50002 },
    '[test/task-api] appPort: 50002 is invalid; allowed: a port not used by the Dapr sidecar (50002 is ports.internalGrpcPort, sidecar-to-sidecar gRPC)'],
  ['app port does not collide with metrics', { appPort: 9090 },
    '[test/task-api] appPort: 9090 is invalid; allowed: a port not used by the Dapr sidecar (9090 is metrics.port)'],
  ['app port does not collide with a changed port', { appPort: 8000, ports: { grpcPort: 8000 } },
    '[test/task-api] appPort: 8000 is invalid; allowed: a port not used by the Dapr sidecar (8000 is ports.grpcPort, the Dapr gRPC API)'],
  ['sidecar ports are distinct', { ports: { grpcPort: 9090 } },
    '[test/task-api] metrics.port: 9090 is invalid; allowed: a port not already used by ports.grpcPort'],
  ['app protocol is known', { appProtocol: unknownValue(AppProtocol, 'tcp') },
    '[test/task-api] appProtocol: "tcp" is invalid; allowed: one of "http", "grpc", "https", "grpcs", "h2c"'],
  ['log level is known', { logging: { level: unknownValue(LogLevel, 'trace') } },
    '[test/task-api] logging.level: "trace" is invalid; allowed: one of "debug", "info", "warn", "error", "fatal"'],
  ['CPU is a quantity', { sidecarResources: SidecarResources.of({ cpuRequest: '100 millicores' }) },
    '[test/task-api] sidecarResources.cpuRequest: "100 millicores" is invalid; allowed: a non-negative Kubernetes quantity such as "100m", "0.5", "250Mi" or "1Gi", below 2^63 (CPU, e.g. "100m" or "0.5")'],
  ['memory is a quantity', { sidecarResources: SidecarResources.of({ memoryLimit: '1GB' }) },
    '[test/task-api] sidecarResources.memoryLimit: "1GB" is invalid; allowed: a non-negative Kubernetes quantity'],
  ['memory is whole bytes', { sidecarResources: SidecarResources.of({ memoryRequest: '100m' }) },
    '[test/task-api] sidecarResources.memoryRequest: "100m" is invalid; allowed: a non-negative Kubernetes quantity'],
  ['CPU request <= limit', { sidecarResources: SidecarResources.of({ cpuRequest: '500m', cpuLimit: '0.3' }) },
    '[test/task-api] sidecarResources.cpuRequest: "500m" is invalid; allowed: at most sidecarResources.cpuLimit (0.3)'],
  ['memory request <= limit', { sidecarResources: SidecarResources.of({ memoryRequest: '2Gi', memoryLimit: '1000Mi' }) },
    '[test/task-api] sidecarResources.memoryRequest: "2Gi" is invalid; allowed: at most sidecarResources.memoryLimit (1000Mi)'],
  ['GOMEMLIMIT needs a memory limit', { goMemLimit: true, sidecarResources: SidecarResources.of({ cpuRequest: '100m' }) },
    '[test/task-api] goMemLimit: true is invalid; allowed: only together with sidecarResources.memoryLimit (GOMEMLIMIT is 90% of it)'],
  ['GOMEMLIMIT is not set twice', { goMemLimit: true, sidecarResources: SidecarResources.production(), sidecarEnv: { GOMEMLIMIT: '1GiB' } },
    '[test/task-api] sidecarEnv.GOMEMLIMIT: "1GiB" is invalid; allowed: no GOMEMLIMIT in sidecarEnv when goMemLimit is true'],
  ['durations are Go durations', { shutdown: { blockShutdownDuration: '5 minutes' } },
    '[test/task-api] shutdown.blockShutdownDuration: "5 minutes" is invalid; allowed: a Go duration such as "500ms", "5s", "1m30s" or "2h"'],
  ['binding timeout is a Go duration', { appBindingOptionsTimeout: '10' },
    '[test/task-api] appBindingOptionsTimeout: "10" is invalid; allowed: a Go duration'],
  ['disseminate timeout is a Go duration', { actors: { disseminateTimeout: '-1s' } },
    '[test/task-api] actors.disseminateTimeout: "-1s" is invalid; allowed: a Go duration'],
  ['env names are identifiers', { sidecarEnv: { 'MY-VAR': 'x' } },
    '[test/task-api] sidecarEnv: "MY-VAR" is invalid; allowed: environment variable names ([A-Za-z_][A-Za-z0-9_]*)'],
  ['env values do not split', { sidecarEnv: { A: 'x,B=y' } },
    '[test/task-api] sidecarEnv.A: "x,B=y" is invalid; allowed: a string that does not contain ",NAME=" (the injector would split it into two variables)'],
  ['env is not empty', { sidecarEnv: {} },
    '[test/task-api] sidecarEnv: {} is invalid; allowed: a map of environment variable names'],
  ['env from secret names a valid secret', { sidecarEnvFromSecret: { TOKEN: { secretName: 'Vault_Token' } } },
    '[test/task-api] sidecarEnvFromSecret.TOKEN.secretName: "Vault_Token" is invalid; allowed: an RFC 1123 subdomain'],
  ['env and env from secret do not overlap', { sidecarEnv: { REGION: 'x' }, sidecarEnvFromSecret: { REGION: { secretName: 'vault' } } },
    '[test/task-api] sidecarEnvFromSecret: "REGION" is invalid; allowed: a variable not also set in sidecarEnv'],
  ['volume mount names a valid volume', { sidecarVolumeMounts: [{ volumeName: 'Certs', mountPath: '/certs' }] },
    '[test/task-api] sidecarVolumeMounts: [{"volumeName":"Certs","mountPath":"/certs"}] is invalid; allowed: a list of { volumeName: an RFC 1123 label, mountPath: an absolute path without "," or ":" }'],
  ['volume mount path is absolute', { sidecarVolumeMounts: [{ volumeName: 'certs', mountPath: 'certs' }] },
    '[test/task-api] sidecarVolumeMounts: [{"volumeName":"certs","mountPath":"certs"}] is invalid; allowed: a list of'],
  ['volume mount paths are unique', { sidecarVolumeMounts: [{ volumeName: 'a', mountPath: '/m' }, { volumeName: 'b', mountPath: '/m', readWrite: true }] },
    '[test/task-api] sidecarVolumeMounts.mountPath: "/m" is invalid; allowed: each mount path once'],
  ['probe timings are positive', { sidecarLivenessProbe: { periodSeconds: 0 } },
    '[test/task-api] sidecarLivenessProbe.periodSeconds: 0 is invalid; allowed: an integer of 1 or more'],
  ['probe delay is not negative', { sidecarReadinessProbe: { delaySeconds: -1 } },
    '[test/task-api] sidecarReadinessProbe.delaySeconds: -1 is invalid; allowed: a whole number of seconds, 0 or more'],
  ['health check path is absolute', { appHealthCheck: { path: 'healthz' } },
    '[test/task-api] appHealthCheck.path: "healthz" is invalid; allowed: an absolute HTTP path such as "/healthz"'],
  ['health check timeout is below the interval', { appHealthCheck: { probeIntervalSeconds: 1, probeTimeoutMillis: 1000 } },
    '[test/task-api] appHealthCheck.probeTimeoutMillis: 1000 is invalid; allowed: less than appHealthCheck.probeIntervalSeconds in milliseconds (1000)'],
  ['health checks need an app port', { appPort: undefined, appHealthCheck: {} },
    '[test/task-api] appHealthCheck: {} is invalid; allowed: only together with appPort (daprd probes the app on it)'],
  ['graceful shutdown fits in the grace period', { shutdown: { gracefulShutdownSeconds: 30 } },
    '[test/task-api] shutdown.gracefulShutdownSeconds: 30 is invalid; allowed: less than the pod\'s terminationGracePeriod (30 seconds)'],
  ['graceful shutdown fits a custom grace period', { shutdown: { gracefulShutdownSeconds: 15 }, terminationGracePeriod: Duration.seconds(10) },
    '[test/task-api] shutdown.gracefulShutdownSeconds: 15 is invalid; allowed: less than the pod\'s terminationGracePeriod (10 seconds)'],
  ['body size is a byte quantity', { http: { maxBodySize: '4MB' } },
    '[test/task-api] http.maxBodySize: "4MB" is invalid; allowed: a byte quantity such as "4Ki", "4Mi" or "16Mi"'],
  ['config name is a DNS subdomain', { configName: 'My Config' },
    '[test/task-api] configName: "My Config" is invalid; allowed: an RFC 1123 subdomain'],
  ['token secrets are DNS subdomains', { security: { apiTokenSecret: 'API_TOKEN' } },
    // the prop names a credential: a token pasted here by mistake is never shown
    '[test/task-api] security.apiTokenSecret: <redacted: 9 characters> is invalid; allowed: an RFC 1123 subdomain'],
  ['seccomp profile is known', { security: { seccompProfile: { value: 'Privileged' } as unknown as SeccompProfile } },
    '[test/task-api] security.seccompProfile: {"value":"Privileged"} is invalid; allowed: "RuntimeDefault", or "Unconfined" as an explicit opt-out'],
  ['the sidecar seccomp profile is one the injector can express (Localhost needs localhostProfile, which it never sets)', { security: { seccompProfile: SeccompProfile.LOCALHOST } },
    '[test/task-api] security.seccompProfile: "Localhost" is invalid; allowed: "RuntimeDefault", or "Unconfined" as an explicit opt-out; not "Localhost": the injector sets only the type, and Kubernetes rejects a Localhost profile without localhostProfile'],
  ['sidecar image is pinned', { sidecarImage: 'ghcr.io/dapr/daprd:latest' },
    '[test/task-api] sidecarImage: "ghcr.io/dapr/daprd:latest" is invalid; allowed: an image reference pinned by tag or digest'],
  ['app image is pinned', { image: 'ghcr.io/acme/task-api' },
    '[test/task-api] image: "ghcr.io/acme/task-api" is invalid; allowed: an image reference pinned by tag or digest'],
  ['listen addresses are hosts', { networking: { listenAddresses: ['http://0.0.0.0'] } },
    '[test/task-api] networking.listenAddresses: ["http://0.0.0.0"] is invalid; allowed: a non-empty list of a host name or IP address, without scheme or port'],
  ['placement addresses are host:port', { actors: { placementHostAddresses: ['placement'] } },
    '[test/task-api] actors.placementHostAddresses: ["placement"] is invalid; allowed: a list of a host:port address'],
  ['service annotations are valid keys', { networking: { serviceAnnotations: { 'bad key': 'x' } } },
    '[test/task-api] networking.serviceAnnotations: "bad key" is invalid; allowed: Kubernetes annotation keys'],
  ['max concurrency is positive', { appMaxConcurrency: 0 },
    '[test/task-api] appMaxConcurrency: 0 is invalid; allowed: an integer of 1 or more'],
  ['app-ssl is not mixed with app-protocol', { appSsl: true, appProtocol: AppProtocol.HTTPS },
    '[test/task-api] appSsl: true is invalid; allowed: not together with appProtocol (appSsl is deprecated: use AppProtocol.HTTPS or GRPCS)'],
  ['a Service needs an app port', { appPort: undefined, service: true },
    '[test/task-api] service: true is invalid; allowed: only together with appPort'],
  ['replicas are whole (found by fuzzing)', { replicas: 1.5 },
    '[test/task-api] replicas: 1.5 is invalid; allowed: an integer from 0 to 2147483647'],
  ['replicas are not negative (found by fuzzing)', { replicas: -1 },
    '[test/task-api] replicas: -1 is invalid; allowed: an integer from 0 to 2147483647'],
  ['replicas are a number (found by fuzzing)', { replicas: NaN },
    '[test/task-api] replicas: NaN is invalid; allowed: an integer from 0 to 2147483647'],
];

describe('DaprApp validation', () => {
  test.each(CASES)('%s', (_rule, props, message) => {
    expect(() => make(props)).toThrow(message);
  });

  test('volume mounts must name a pod volume (checked at synth)', () => {
    const chart = make({ sidecarVolumeMounts: [{ volumeName: 'certs', mountPath: '/mnt/certs' }] });
    expect(() => Testing.synth(chart)).toThrow('[test/task-api] sidecarVolumeMounts.volumeName: "certs" is invalid; allowed: a volume of this pod (it has none)');
    // cdk8s prefixes the path itself: it must appear once
    expect(() => Testing.synth(chart)).toThrow(/errors:\n\s+\[test\/task-api\] sidecarVolumeMounts/);
  });

  test('raw ApiObjects get the same pod checks, on the object as it synthesizes', () => {
    const chart = Testing.chart();
    const raw = new ApiObject(chart, 'legacy', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'legacy' },
      spec: {
        selector: { matchLabels: { app: 'legacy' } },
        template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'web', image: IMAGE, ports: [{ containerPort: 50001 }] }] } },
      },
    });
    DaprSidecar.annotateApiObject(raw, { appId: 'legacy', sidecarVolumeMounts: [{ volumeName: 'certs', mountPath: '/certs' }], pluggableComponents: { containers: ['store'] } });
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').slice(1).map((l) => l.trim())).toEqual([
      '[test/legacy] sidecarVolumeMounts.volumeName: "certs" is invalid; allowed: a volume of this pod (it has none)',
      '[test/legacy] pluggableComponents.containers: "store" is invalid; allowed: a container of this pod (web)',
      '[test/legacy] containers[web].ports: 50001 is invalid; allowed: a port not used by the Dapr sidecar (ports.grpcPort, the Dapr gRPC API)',
    ]);
    // fixed through an escape hatch: the checks see the patched object
    raw.addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/ports/0/containerPort', 8080));
    raw.addJsonPatch(JsonPatch.add('/spec/template/spec/volumes', [{ name: 'certs', emptyDir: {} }]));
    raw.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/1', { name: 'store', image: IMAGE }));
    expect(Testing.synth(chart)[0].spec.template.metadata.annotations['dapr.io/volume-mounts']).toBe('certs:/certs');
  });

  test('pluggable components must name a pod container (checked at synth)', () => {
    const chart = make({ pluggableComponents: { containers: ['store'] } });
    expect(() => Testing.synth(chart)).toThrow('[test/task-api] pluggableComponents.containers: "store" is invalid; allowed: a container of this pod (app)');
  });

  test('other containers must not take the sidecar\'s ports (checked at synth)', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'task-api', { appId: 'task-api', appPort: 8000, image: IMAGE });
    app.addContainer({ name: 'metrics-proxy', image: 'ghcr.io/acme/proxy:1.0.0', portNumber: 9090 });
    expect(() => Testing.synth(chart)).toThrow('[test/task-api] containers[metrics-proxy].ports: 9090 is invalid; allowed: a port not used by the Dapr sidecar (metrics.port)');
  });

  test('a debug port is only reserved when debugging is on', () => {
    expect(() => make({ appPort: 40000 })).not.toThrow();
    expect(() => make({ appPort: 40000, debug: { enabled: true } })).toThrow('[test/task-api] appPort: 40000 is invalid; allowed: a port not used by the Dapr sidecar (40000 is debug.port)');
  });

  test('valid edge values pass', () => {
    expect(() => make({ appPort: 1, appId: 'a', sidecarResources: SidecarResources.of({ cpuRequest: '0.1', cpuLimit: '100m', memoryRequest: '1e3', memoryLimit: '1k' }) })).not.toThrow();
    expect(() => make({ appPort: 65535, shutdown: { blockShutdownDuration: '1h2m3.5s', gracefulShutdownSeconds: 29 } })).not.toThrow();
    expect(() => make({ sidecarImage: 'registry.local:5000/daprd@sha256:' + 'a'.repeat(64) })).not.toThrow();
    // every reference an image build can push to: IPv6 and upper-case registry hosts, tag and digest
    expect(() => make({ sidecarImage: '[::1]:5000/platform/daprd@sha256:' + 'a'.repeat(64) })).not.toThrow();
    expect(() => make({ sidecarImage: 'Registry.Acme.Example/daprd:1.18.3@sha256:' + 'a'.repeat(64) })).not.toThrow();
    expect(() => make({ sidecarImage: 'daprd' })).toThrow('sidecarImage: "daprd" is invalid; allowed: an image reference pinned by tag or digest');
    expect(() => make({ sidecarImage: 'ghcr.io/dapr/daprd:latest' })).toThrow('sidecarImage: "ghcr.io/dapr/daprd:latest" is invalid');
  });

  test('credential-like env names pass when named in the opt-out; others need none', () => {
    const chart = make({ sidecarEnv: { DEBUG_TOKEN: 'dev-only', REGION: 'eu' }, allowPlaintextSecrets: ['DEBUG_TOKEN'] });
    expect(Testing.synth(chart)[0].spec.template.metadata.annotations['dapr.io/env']).toBe('DEBUG_TOKEN=dev-only,REGION=eu');
  });

  test('env names that are Object.prototype members are no overlap with env from secret (found by fuzzing)', () => {
    const chart = make({ sidecarEnv: { constructor: 'x', toString: 'y' }, sidecarEnvFromSecret: { DB_PASSWORD: { secretName: 'db' } } });
    const annotations = Testing.synth(chart)[0].spec.template.metadata.annotations;
    expect(annotations['dapr.io/env']).toBe('constructor=x,toString=y');
    expect(annotations['dapr.io/env-from-secret']).toBe('DB_PASSWORD=db:DB_PASSWORD');
  });

  test('a pluggable component needs no readiness probe: daprd\'s readiness waits for its socket', () => {
    const chart = Testing.chart();
    new DaprValidation(chart, 'validation');
    new DaprControlPlane(chart, 'dapr');
    const app = new DaprApp(chart, 'task-api', { appId: 'task-api', appPort: 8000, image: IMAGE });
    app.addPluggableComponent({ name: 'store', image: 'ghcr.io/acme/store:1.0.0' });
    const worker = new DaprApp(chart, 'worker', { appId: 'worker', image: IMAGE });
    worker.addPluggableComponent({ name: 'store', image: 'ghcr.io/acme/store:1.0.0', readiness: kplus.Probe.fromCommand(['/bin/grpc-health-probe']) });
    const deployments = Testing.synth(chart).filter((o) => o.kind === 'Deployment' && o.metadata.namespace !== 'dapr-system');
    expect(deployments.map((d) => d.spec.template.spec.containers.length)).toEqual([2, 2]);
    // explicit small resources, not cdk8s-plus's 1-1.5 CPU and 0.5-2 GiB
    expect(deployments[0].spec.template.spec.containers[1].resources).toEqual({ limits: { cpu: '200m', memory: '256Mi' }, requests: { cpu: '50m', memory: '64Mi' } });
  });

  test('the readiness exemption is for pluggable containers of Dapr pods only', () => {
    const pod = (annotations: { [k: string]: string }) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'a', namespace: 'n' },
      spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' }, annotations }, spec: { containers: [{ name: 'store', image: 'x/y:1' }] } } },
    });
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'n' }, spec: { selector: { app: 'a' } } };
    const rules = (annotations: { [k: string]: string }) => checkWorkloadPolicy([pod(annotations), svc]).map((v) => v.rule);
    expect(rules({ 'dapr.io/enabled': 'true', 'dapr.io/pluggable-components': 'store' })).not.toContain('readiness-probe');
    expect(rules({ 'dapr.io/enabled': 'false', 'dapr.io/pluggable-components': 'store' })).toContain('readiness-probe');
    expect(rules({ 'dapr.io/enabled': 'true' })).toContain('readiness-probe');
  });

  test('the chart\'s namespace is checked like an explicit one (found by fuzzing)', () => {
    const chart = new Chart(Testing.app(), 'apps', { namespace: 'Team_A' });
    expect(() => new DaprApp(chart, 'task-api', { appId: 'task-api', image: IMAGE }))
      .toThrow('[apps/task-api] namespace: "Team_A" is invalid; allowed: an RFC 1123 label (lower case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)');
  });

  test('apps referenced by id are checked like the ones defined here', () => {
    const chart = Testing.chart();
    expect(() => DaprApp.fromAppId(chart, 'a', '9lives')).toThrow('[test/a] appId: "9lives" is invalid; allowed: an RFC 1035 label of at most 58 characters');
    expect(() => DaprApp.fromAppId(chart, 'b', 'billing', 'Team_A')).toThrow('[test/b] namespace: "Team_A" is invalid; allowed: an RFC 1123 label');
    expect(DaprApp.fromAppId(chart, 'c', 'billing', 'team-a').appId).toBe('billing');
  });

  test('validates options on any workload too', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'nightly', { containers: [{ image: IMAGE }] });
    expect(() => DaprSidecar.annotate(job, { appId: 'nightly', logging: { level: unknownValue(LogLevel, 'verbose') } }))
      .toThrow('[test/nightly] logging.level: "verbose" is invalid; allowed: one of "debug", "info", "warn", "error", "fatal"');
  });

  test('the lists of known values cannot be changed at run time', () => {
    expect(() => AppProtocol.ALL.push(unknownValue(AppProtocol, 'tcp'))).toThrow(TypeError);
    expect(() => LogLevel.ALL.push(unknownValue(LogLevel, 'trace'))).toThrow(TypeError);
    expect(AppProtocol.of('grpc')).toBe(AppProtocol.GRPC);
    expect(AppProtocol.ALL).toHaveLength(5);
    expect(LogLevel.ALL).toHaveLength(5);
  });

  test('one list of log levels: what dapr/kit\'s logger accepts, fatal included, for sidecars and the control plane', () => {
    const chart = Testing.chart();
    const job = new kplus.Job(chart, 'nightly', { containers: [{ image: IMAGE }] });
    const sidecar = DaprSidecar.annotate(job, { appId: 'nightly', logging: { level: LogLevel.FATAL } });
    expect(sidecar.annotations['dapr.io/log-level']).toBe('fatal');
    expect(LogLevel.of('fatal')).toBe(LogLevel.FATAL);
    const plane = new DaprControlPlane(Testing.chart(), 'dapr', { logLevel: LogLevel.FATAL });
    const args = Testing.synth(Chart.of(plane)).flatMap((o: any) => o.spec?.template?.spec?.containers ?? []).flatMap((c: any) => c.args ?? []);
    expect(args.join(' ')).toContain('--log-level fatal');
  });
});
