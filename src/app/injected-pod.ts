import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../core/validation';
import { injectorSettingsOf, InjectorSettings } from '../runtime/injector-settings';

/*
 * A model of what Dapr 1.18.3's sidecar injector does to a pod, read from its source
 * (dapr v1.18.3 `pkg/injector/patcher/sidecar.go` for annotations and defaults,
 * `sidecar_patcher.go` for the patch, `sidecar_container.go` for the daprd container,
 * `sidecar_volumes.go` and `sidecar_components.go` for volumes and mounts,
 * `pkg/injector/service/pod_patch.go` for what comes from the injector's own settings).
 *
 * It works on plain JSON (a pod template as synthesized), so it serves DaprValidation, the
 * validator command and `DaprSidecar.injectedPod()` alike. Values only known in the cluster
 * (the trust anchors PEM) are shown as placeholders.
 */

/** Where the injector mounts the Sentry token projection (`consts.TokenVolumeKubernetesMountPath`). */
export const SENTRY_TOKEN_MOUNT = '/var/run/secrets/dapr.io/sentrytoken';
/** Where client-go's in-cluster config reads the Kubernetes API token and CA (`rest.InClusterConfig`). */
export const KUBE_API_TOKEN_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** Placeholder for the PEM the injector reads from the trust bundle at admission time. */
export const TRUST_ANCHORS_PLACEHOLDER = '<PEM of the dapr-trust-bundle root certificate, read by the injector at admission>';

/** Names of the daprd container and the volumes the injector adds (`pkg/injector/consts`). */
const DAPRD = 'daprd';
const TOKEN_VOLUME = 'dapr-identity-token';
const UDS_VOLUME = 'dapr-unix-domain-socket';
const UDS_DAPRD_PATH = '/var/run/dapr-sockets';
const COMPONENTS_VOLUME = 'dapr-components-unix-domain-socket';
const COMPONENTS_DEFAULT_FOLDER = '/tmp/dapr-components-sockets';

/** dapr/kit `strings.IsTruthy`, how the injector reads boolean annotations. */
export function isTruthy(value: string | undefined): boolean {
  return ['y', 'yes', 'true', 't', 'on', '1'].includes(String(value ?? '').trim().toLowerCase());
}

/** `strconv.ParseInt`, how the injector reads integer annotations; undefined keeps the default. */
function int(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^[-+]?\d+$/.test(value)) return fallback;
  return Number(value);
}

/** The sidecar config as the injector fills it: defaults, then its settings, then the annotations. */
interface SidecarConfig {
  readonly a: { readonly [key: string]: string };
  has(key: string): boolean;
  str(key: string, fallback?: string): string;
  bool(key: string, fallback?: boolean): boolean;
  int(key: string, fallback: number): number;
}

function configOf(annotations: { [key: string]: string }): SidecarConfig {
  const key = (k: string) => `dapr.io/${k}`;
  return {
    a: annotations,
    has: (k) => annotations[key(k)] !== undefined,
    str: (k, fallback = '') => annotations[key(k)] ?? fallback,
    bool: (k, fallback = false) => (annotations[key(k)] === undefined ? fallback : isTruthy(annotations[key(k)])),
    int: (k, fallback) => int(annotations[key(k)], fallback),
  };
}

/** Whether the injector patches a pod template with these annotations (`NeedsPatching`). */
export function isInjected(template: any): boolean {
  const annotations = template?.metadata?.annotations ?? {};
  const spec = template?.spec ?? {};
  const hasDaprd = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].some((c: any) => c?.name === DAPRD);
  return isTruthy(annotations['dapr.io/enabled']) && !hasDaprd;
}

/**
 * The pod template (`{ metadata, spec }`) as the injector would patch it: the daprd container
 * added, volumes, labels, and the variables and mounts it adds to the other containers.
 * The template is never changed. A patched pod is a new object that shares what the patch does
 * not change with the template (copying every workload's template cost most of a validation's
 * injection); read it, or copy it before changing it. A template the injector leaves alone comes
 * back as a copy.
 *
 * @param template the pod template (or a Pod's `{ metadata, spec }`)
 * @param namespace the namespace the pod is created in
 * @param podName the pod's name, used when `dapr.io/app-id` is missing (the injector falls back to it)
 */
export function injectPod(template: any, namespace: string, settings: InjectorSettings, podName = ''): any {
  if (!isInjected(template)) return JSON.parse(JSON.stringify(template ?? {}));
  // what the patch below assigns into: the pod, its metadata and spec, the list of containers
  // (every container it changes is replaced by a copy, never changed in place)
  const pod = { ...template, metadata: { ...template.metadata }, spec: { ...template.spec } };
  if (Array.isArray(pod.spec.containers)) pod.spec.containers = [...pod.spec.containers];
  const c = configOf(pod.metadata.annotations ?? {});
  const spec = pod.spec;
  const originalVolumes: any[] = spec.volumes ?? [];
  const appId = c.str('app-id') || podName;

  // pluggable component containers and app containers (`splitContainers`)
  const componentNames = new Set(c.str('pluggable-components').split(','));
  const containers: any[] = spec.containers ?? [];
  const componentIdx = containers.map((x, i) => (componentNames.has(x?.name) ? i : -1)).filter((i) => i >= 0);
  const appIdx = containers.map((x, i) => (componentNames.has(x?.name) ? -1 : i)).filter((i) => i >= 0);

  // daprd's mounts: annotated mounts of volumes the pod has, the UDS folder, the Sentry token
  const mounts: any[] = [
    ...parseMounts(c.str('volume-mounts'), true),
    ...parseMounts(c.str('volume-mounts-rw'), false),
  ].filter((m) => originalVolumes.some((v) => v?.name === m.name));
  const newVolumes: any[] = [];
  const uds = c.str('unix-domain-socket-path');
  if (uds !== '') {
    newVolumes.push({ name: UDS_VOLUME, emptyDir: { medium: 'Memory' } });
    mounts.push({ name: UDS_VOLUME, mountPath: UDS_DAPRD_PATH });
  }
  // `DisableTokenVolume = !token.HasKubernetesToken()`: the injector runs in the cluster with a
  // token, so the projection is always added (dapr v1.18.3 pod_patch.go, sidecar_volumes.go getTokenVolume).
  newVolumes.push({
    name: TOKEN_VOLUME,
    projected: {
      defaultMode: 420,
      sources: [{ serviceAccountToken: { audience: `spiffe://${settings.trustDomain}/ns/${settings.controlPlaneNamespace}/dapr-sentry`, expirationSeconds: 7200, path: 'token' } }],
    },
  });
  mounts.push({ name: TOKEN_VOLUME, mountPath: SENTRY_TOKEN_MOUNT, readOnly: true });

  // pluggable components' shared socket folder (`componentsPatchOps`)
  let socketsMount: any;
  if (componentIdx.length > 0) {
    socketsMount = { name: COMPONENTS_VOLUME, mountPath: c.str('pluggable-components-sockets-folder') || COMPONENTS_DEFAULT_FOLDER };
  }

  const daprd = sidecarContainer(c, settings, namespace, appId, mounts, socketsMount, spec.tolerations ?? []);
  const native = c.bool('enable-native-sidecar', settings.nativeSidecar);

  // volumes: "add /spec/volumes [..]" when the pod had none, else append the ones not present
  if (originalVolumes.length === 0) {
    spec.volumes = [...newVolumes];
  } else {
    spec.volumes = [...originalVolumes, ...newVolumes.filter((v) => !originalVolumes.some((o) => o?.name === v.name))];
  }
  if (native) {
    spec.initContainers = [...(spec.initContainers ?? []), daprd];
  } else {
    spec.containers = [...containers, daprd];
  }
  pod.metadata.labels = {
    ...pod.metadata.labels,
    'dapr.io/sidecar-injected': 'true',
    'dapr.io/app-id': appId,
    'dapr.io/metrics-enabled': String(c.bool('enable-metrics', true)),
  };
  const appProtocol = appProtocolOf(c);
  const appEnv = [
    { name: 'DAPR_HTTP_PORT', value: '3500' },
    { name: 'DAPR_GRPC_PORT', value: String(c.int('grpc-port', 50001)) },
    ...(appProtocol !== '' ? [{ name: 'APP_PROTOCOL', value: appProtocol }] : []),
  ];
  for (const i of appIdx) {
    spec.containers[i] = { ...spec.containers[i], env: addMissing(spec.containers[i].env, appEnv, (e) => e.name) };
    if (uds !== '') {
      spec.containers[i].volumeMounts = addMounts(spec.containers[i].volumeMounts, [{ name: UDS_VOLUME, mountPath: uds }]);
    }
  }
  if (socketsMount) {
    // Upstream quirk, kept: with no volumes of its own the pod gets "add /spec/volumes
    // [socket volume]" after the first volumes patch, which replaces it (the token volume is lost).
    const socketVolume = { name: COMPONENTS_VOLUME, emptyDir: {} };
    spec.volumes = originalVolumes.length === 0 ? [socketVolume] : [...spec.volumes, socketVolume];
    for (const i of componentIdx) {
      spec.containers[i] = {
        ...spec.containers[i],
        env: addMissing(spec.containers[i].env, [{ name: 'DAPR_COMPONENT_SOCKETS_FOLDER', value: socketsMount.mountPath }], (e) => e.name),
        volumeMounts: addMounts(spec.containers[i].volumeMounts, [socketsMount]),
      };
    }
  }
  return pod;
}

/** `GetEnvPatchOperations`: a variable the container already has is left alone. */
function addMissing<T>(existing: T[] | undefined, add: T[], key: (t: T) => string): T[] {
  const have = new Set((existing ?? []).map(key));
  return [...(existing ?? []), ...add.filter((x) => !have.has(key(x)))];
}

/** `GetVolumeMountPatchOperations`: skipped when the path or the volume is already mounted. */
function addMounts(existing: any[] | undefined, add: any[]): any[] {
  const all = existing ?? [];
  return [...all, ...add.filter((m) => !all.some((e) => e?.mountPath === m.mountPath || e?.name === m.name))];
}

/** `parseVolumeMountsString`: "name:path,name:path". */
function parseMounts(value: string, readOnly: boolean): any[] {
  return value.split(',').map((v) => v.trim().split(':')).filter((p) => p.length === 2)
    .map(([name, mountPath]) => ({ name, mountPath, readOnly }));
}

/** `GetAppProtocol`, with `--app-ssl` folded in. */
function appProtocolOf(c: SidecarConfig): string {
  const p = c.str('app-protocol', 'http').toLowerCase();
  const ssl = c.bool('app-ssl');
  if (p === 'grpcs' || p === 'https' || p === 'h2c') return p;
  if (p === 'http' || p === '') return ssl ? 'https' : 'http';
  if (p === 'grpc') return ssl ? 'grpcs' : 'grpc';
  return '';
}

/** `parseEnvVars`: "A=1,B=2", split at ",NAME=". */
function parseEnv(value: string): Array<[string, string]> {
  if (value === '') return [];
  const parts: string[] = [];
  let last = value.length;
  const starts = [...value.matchAll(/(,)\s*[a-zA-Z_][a-zA-Z0-9_]*=/gm)].map((m) => m.index!);
  for (let i = starts.length - 1; i >= 0; i--) {
    parts.unshift(value.slice(starts[i] + 1, last).trim());
    last = starts[i];
  }
  parts.unshift(value.slice(0, last));
  return parts.map((s) => s.trim()).filter((s) => s.includes('='))
    .map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)]);
}

function secretSource(value: string): any {
  const clean = value.trim();
  if (clean.includes(':')) {
    const pair = clean.split(':');
    return pair.length === 2 ? { secretKeyRef: { name: pair[0].trim(), key: pair[1].trim() } } : undefined;
  }
  return { secretKeyRef: { name: clean, key: clean } };
}

function tolerationsMatch(pod: any[]): boolean {
  // the chart's IGNORE_ENTRYPOINT_TOLERATIONS, compared field by field like `utils.Contains`
  const keys = ['alibabacloud.com/eci', 'azure.com/aci', 'aws', 'huawei.com/cci'];
  return pod.some((t) => t && t.effect === 'NoSchedule' && keys.includes(t.key)
    && t.operator === undefined && t.value === undefined && t.tolerationSeconds === undefined);
}

/** `getSidecarContainer`. */
function sidecarContainer(c: SidecarConfig, s: InjectorSettings, namespace: string, appId: string,
  mounts: any[], socketsMount: any, tolerations: any[]): any {
  const grpc = c.int('grpc-port', 50001);
  const internal = c.int('internal-grpc-port', 50002);
  const metricsPort = c.int('metrics-port', 9090);
  const metrics = c.bool('enable-metrics', true);
  const ports: any[] = [
    { containerPort: 3500, name: 'dapr-http' },
    { containerPort: grpc, name: 'dapr-grpc' },
    { containerPort: internal, name: 'dapr-internal' },
    { containerPort: metricsPort, name: 'dapr-metrics' },
  ];
  const domain = s.clusterDomain;
  const cp = s.controlPlaneNamespace;
  let args: string[] = [
    '--dapr-http-port', '3500',
    '--dapr-grpc-port', String(grpc),
    '--dapr-internal-grpc-port', String(internal),
    '--dapr-listen-addresses', c.str('sidecar-listen-addresses', '[::1],127.0.0.1'),
    '--dapr-public-port', '3501',
    '--app-id', appId,
    '--app-protocol', c.str('app-protocol', 'http'),
    '--log-level', c.str('log-level', 'info'),
    '--dapr-graceful-shutdown-seconds', String(c.int('graceful-shutdown-seconds', -1)),
    '--mode', 'kubernetes',
    '--control-plane-address', `dapr-api.${cp}.svc.${domain}:443`,
    '--sentry-address', `dapr-sentry.${cp}.svc.${domain}:443`,
  ];
  const push = (...more: string[]) => { args.push(...more); };
  const appPort = c.int('app-port', 0);
  if (appPort > 0) push('--app-port', String(appPort));
  if (metrics) push('--enable-metrics', '--metrics-port', String(metricsPort));
  if (c.str('config') !== '') push('--config', c.str('config'));
  if (c.str('app-channel-address') !== '') push('--app-channel-address', c.str('app-channel-address'));
  // actors: the placement address defaults to the control plane's unless annotated (pod_patch.go)
  const placement = c.has('placement-host-address') ? c.str('placement-host-address').replace(/^["']+|["']+$/g, '').trim() : `dapr-placement-server.${cp}.svc.${domain}:50005`;
  if (placement !== '') push('--placement-host-address', placement);
  if (c.str('sentry-request-jwt-audiences') !== '') push('--sentry-request-jwt-audiences', c.str('sentry-request-jwt-audiences'));
  if (c.has('enable-api-logging')) push(`--enable-api-logging=${c.bool('enable-api-logging')}`);
  if (c.bool('disable-builtin-k8s-secret-store')) push('--disable-builtin-k8s-secret-store');
  if (c.bool('enable-app-health-check')) {
    push('--enable-app-health-check',
      '--app-health-check-path', c.str('app-health-check-path', '/healthz'),
      '--app-health-probe-interval', String(c.int('app-health-probe-interval', 5)),
      '--app-health-probe-timeout', String(c.int('app-health-probe-timeout', 500)),
      '--app-health-threshold', String(c.int('app-health-threshold', 3)));
  }
  if (c.has('app-binding-options-timeout')) push('--app-binding-options-timeout', c.str('app-binding-options-timeout'));
  if (c.bool('log-as-json')) push('--log-as-json');
  if (c.bool('enable-profiling')) push('--enable-profiling');
  if (s.mtlsEnabled) push('--enable-mtls');
  if (c.bool('app-ssl')) push('--app-ssl');
  if (c.has('app-max-concurrency') && /^[-+]?\d+$/.test(c.str('app-max-concurrency'))) push('--app-max-concurrency', String(c.int('app-max-concurrency', 0)));
  if (c.has('http-max-request-size') && /^[-+]?\d+$/.test(c.str('http-max-request-size'))) push('--dapr-http-max-request-size', String(c.int('http-max-request-size', 0)));
  if (c.str('max-body-size') !== '') push('--max-body-size', c.str('max-body-size'));
  if (c.has('http-read-buffer-size') && /^[-+]?\d+$/.test(c.str('http-read-buffer-size'))) push('--dapr-http-read-buffer-size', String(c.int('http-read-buffer-size', 0)));
  if (c.str('read-buffer-size') !== '') push('--read-buffer-size', c.str('read-buffer-size'));
  if (c.str('unix-domain-socket-path') !== '') push('--unix-domain-socket', UDS_DAPRD_PATH);
  if (c.has('block-shutdown-duration')) push('--dapr-block-shutdown-duration', c.str('block-shutdown-duration'));
  if (c.has('actors-disseminate-timeout')) push('--actors-disseminate-timeout', c.str('actors-disseminate-timeout'));
  if (c.has('scheduler-host-address')) {
    push('--scheduler-host-address', c.str('scheduler-host-address').replace(/^["']+|["']+$/g, '').trim());
  } else {
    // the control plane's injector runs with --scheduler-enabled=true
    push('--scheduler-host-address', `dapr-scheduler-server-a.${cp}.svc.${domain}:443`);
  }
  if (c.has('disable-init-endpoints')) push('--disable-init-endpoints', c.str('disable-init-endpoints'));
  let cmd = ['/daprd'];
  if (c.bool('enable-debug')) {
    const debugPort = c.int('debug-port', 40000);
    ports.push({ name: 'dapr-debug', containerPort: debugPort });
    cmd = ['/dlv'];
    args = ['--listen', `:${debugPort}`, '--accept-multiclient', '--headless=true', '--log', '--api-version=2', 'exec', '/daprd', '--', ...args];
  }

  const securityContext: any = {
    allowPrivilegeEscalation: false,
    runAsNonRoot: s.runAsNonRoot,
    readOnlyRootFilesystem: s.readOnlyRootFilesystem,
  };
  const seccomp = c.str('sidecar-seccomp-profile-type');
  if (seccomp !== '') securityContext.seccompProfile = { type: seccomp };
  if (s.dropAllCapabilities) securityContext.capabilities = { drop: ['ALL'] };

  const env: any[] = [
    { name: 'NAMESPACE', value: namespace },
    { name: 'DAPR_TRUST_ANCHORS', value: TRUST_ANCHORS_PLACEHOLDER },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'DAPR_CONTROLPLANE_NAMESPACE', value: cp },
    { name: 'DAPR_CONTROLPLANE_TRUST_DOMAIN', value: s.trustDomain },
  ];
  if (s.enableKubernetesDownwardApis) env.push({ name: 'DAPR_HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } });
  const plain = parseEnv(c.str('env'));
  const fromSecret = parseEnv(c.str('env-from-secret'));
  env.push(...plain.map(([name, value]) => ({ name, value })));
  env.push(...fromSecret.map(([name, value]) => ({ name, valueFrom: secretSource(value) })).filter((e) => e.valueFrom !== undefined));
  const keys = [...plain, ...fromSecret].map(([k]) => k);
  if (keys.length > 0) env.push({ name: 'DAPR_ENV_KEYS', value: keys.join(' ') });
  if (env.some((e) => e.name === 'SSL_CERT_DIR')) {
    // Windows root-store special case of the injector: it gives up non-root and the read-only root
    securityContext.windowsOptions = { runAsUserName: 'ContainerAdministrator' };
    securityContext.runAsNonRoot = false;
    securityContext.readOnlyRootFilesystem = false;
  }
  const volumeMounts = [...mounts];
  if (socketsMount) {
    volumeMounts.push(socketsMount);
    env.push({ name: 'DAPR_COMPONENT_SOCKETS_FOLDER', value: socketsMount.mountPath });
  }
  if (c.str('api-token-secret') !== '') env.push({ name: 'DAPR_API_TOKEN', valueFrom: { secretKeyRef: { key: 'token', name: c.str('api-token-secret') } } });
  if (c.str('app-token-secret') !== '') env.push({ name: 'APP_API_TOKEN', valueFrom: { secretKeyRef: { key: 'token', name: c.str('app-token-secret') } } });

  const container: any = {
    name: DAPRD,
    image: c.str('sidecar-image') || s.sidecarImage,
    imagePullPolicy: s.imagePullPolicy,
    securityContext,
    ports,
    env,
    volumeMounts,
    readinessProbe: {
      httpGet: { path: '/v1.0/healthz', port: 3501 },
      initialDelaySeconds: c.int('sidecar-readiness-probe-delay-seconds', 1),
      timeoutSeconds: c.int('sidecar-readiness-probe-timeout-seconds', 1),
      periodSeconds: c.int('sidecar-readiness-probe-period-seconds', 1),
      failureThreshold: c.int('sidecar-readiness-probe-threshold', 5),
    },
    livenessProbe: {
      tcpSocket: { port: 3501 },
      initialDelaySeconds: c.int('sidecar-liveness-probe-delay-seconds', 180),
      timeoutSeconds: c.int('sidecar-liveness-probe-timeout-seconds', 3),
      periodSeconds: c.int('sidecar-liveness-probe-period-seconds', 10),
      failureThreshold: c.int('sidecar-liveness-probe-threshold', 5),
    },
  };
  if (c.bool('enable-native-sidecar', s.nativeSidecar)) container.restartPolicy = 'Always';
  if (tolerationsMatch(tolerations)) {
    container.command = cmd;
    container.args = args;
  } else {
    container.args = [...cmd, ...args];
  }
  // `getResourceRequirements`: an unparsable quantity drops all of them (logged, not rejected)
  const resources: any = { limits: {}, requests: {} };
  const quantities: Array<[string, 'requests' | 'limits', 'cpu' | 'memory']> = [
    ['sidecar-cpu-request', 'requests', 'cpu'], ['sidecar-cpu-limit', 'limits', 'cpu'],
    ['sidecar-memory-request', 'requests', 'memory'], ['sidecar-memory-limit', 'limits', 'memory'],
  ];
  let parsable = true;
  for (const [key, group, what] of quantities) {
    const v = c.str(key);
    if (v === '') continue;
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i?|[mkMGTPE]|n|u)?$/.test(v)) parsable = false;
    resources[group][what] = v;
  }
  if (parsable && (Object.keys(resources.limits).length > 0 || Object.keys(resources.requests).length > 0)) {
    if (Object.keys(resources.limits).length === 0) delete resources.limits;
    if (Object.keys(resources.requests).length === 0) delete resources.requests;
    container.resources = resources;
  }
  return container;
}

/** Kinds whose pod template sits at `spec.template`. */
export const TEMPLATE_AT_SPEC = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'];

/** The JSON pointer of the pod template of a workload kind ("" for a Pod), or undefined for other kinds. */
export function podTemplatePointer(kind: string): string | undefined {
  if (kind === 'Pod') return '';
  if (kind === 'CronJob') return '/spec/jobTemplate/spec/template';
  return TEMPLATE_AT_SPEC.includes(kind) ? '/spec/template' : undefined;
}

/** The pod template of a synthesized workload (`{ metadata, spec }`), or undefined. */
export function podTemplateOfManifest(manifest: any): any {
  const pointer = podTemplatePointer(manifest?.kind);
  if (pointer === undefined) return undefined;
  if (pointer === '') return { metadata: manifest.metadata, spec: manifest.spec };
  return pointer.split('/').filter(Boolean).reduce((o: any, k) => o?.[k], manifest);
}

/**
 * The workload with its pod template as the injector patches it (a copy). Objects that are not
 * workloads, or whose pods are not injected, come back as they are.
 */
export function injectManifest(manifest: any, settings: InjectorSettings): any {
  const template = podTemplateOfManifest(manifest);
  if (template === undefined || !isInjected(template)) return manifest;
  const namespace = manifest.metadata?.namespace ?? 'default';
  const patched = injectPod(template, namespace, settings, manifest.kind === 'Pod' ? manifest.metadata?.name : '');
  const pointer = podTemplatePointer(manifest.kind)!;
  if (pointer === '') return { ...manifest, metadata: patched.metadata, spec: patched.spec };
  // copies only the objects on the way to the template: the manifest itself is not changed, and
  // the rest is shared, read only (a deep copy of every workload was most of this function's cost)
  const keys = pointer.split('/').filter(Boolean);
  const along = (o: any, i: number): any => (i === keys.length ? patched : { ...o, [keys[i]]: along(o[keys[i]], i + 1) });
  return along(manifest, 0);
}

/**
 * The pod template of a workload construct (a cdk8s-plus workload or an `ApiObject`) as the
 * injector of the same cdk8s app's `DaprControlPlane` (else the chart's defaults) would patch it.
 */
export function injectedPodOf(workload: IConstruct, fallback?: InjectorSettings): any {
  const apiObject = workload instanceof ApiObject ? workload : ApiObject.of(workload);
  const manifest = apiObject.toJson();
  const template = podTemplateOfManifest(manifest);
  if (template === undefined) {
    fail(workload, 'injectedPod', manifest.kind, `a workload with a pod template: Pod, CronJob, ${TEMPLATE_AT_SPEC.join(', ')}`);
  }
  return injectPod(template, manifest.metadata?.namespace ?? 'default', injectorSettingsOf(workload, fallback), manifest.kind === 'Pod' ? manifest.metadata?.name : '');
}
