import { AppProtocol, InitEndpoint } from './enums';
import { DaprSidecarOptions, SidecarProbe, SidecarVolumeMount } from './sidecar-options';
import { COMPONENT_CONTAINER_ANNOTATION, CONTAINER_SPEC_RULE, isContainerSpec } from '../components/injected-container';
import { redacted } from '../core/credentials';
import { LogLevel, SeccompProfile } from '../core/enums';
import { IMAGE_REF_RULE, isPinnedImage } from '../core/image-reference';
import { SidecarSecretEnv } from '../core/secret-env';
import { SidecarResourcesProps } from '../core/sidecar-resources';
import { isConfigMapKey, isGoDuration, parseQuantity, PORT_RULE, GO_DURATION_RULE, QUANTITY_RULE, DNS_LABEL_RULE, isDnsLabel, isDnsSubdomain, DNS_SUBDOMAIN_RULE, APP_ID_RULE, isAppId, isEnvName } from '../core/validation';

/**
 * The one table of `dapr.io/*` annotations the sidecar injector reads.
 *
 * Each row says which option feeds the annotation, how the value is checked and encoded,
 * and the injector's default. The typed options, the emitted keys and the validation all
 * come from here; tests check the table against the injector's full list.
 */

/** Checks and encodes one option value into an annotation value. */
export interface AnnotationCodec {
  /** What is allowed, for error messages. */
  readonly rule: string;
  /** The annotation value, or undefined when `value` breaks the rule. */
  encode(value: unknown): string | undefined;
  /**
   * For maps: the entry that breaks the rule, as [prop suffix, value to show, rule], so that a
   * message shows that entry only and never the whole map (other entries may be credentials).
   */
  locate?(value: unknown): [string, unknown, string] | undefined;
}

export interface AnnotationRow {
  /** The annotation key. */
  readonly key: string;
  /** The option path users set, as written in error messages (e.g. `logging.level`). */
  readonly prop: string;
  /** Reads the option's value; undefined means "leave the annotation out". */
  readonly read: (options: DaprSidecarOptions) => unknown;
  readonly codec: AnnotationCodec;
  /** The injector's default, for documentation. */
  readonly injectorDefault?: string;
  /**
   * Where the injector reads it. `component` rows belong on Component resources (the
   * injector reads them there), so they are never written onto a pod.
   */
  readonly readFrom: 'pod' | 'component';
}

const bool: AnnotationCodec = {
  rule: 'true or false',
  encode: (v) => (typeof v === 'boolean' ? String(v) : undefined),
};

function integer(min: number, max: number, rule?: string): AnnotationCodec {
  return {
    rule: rule ?? `an integer from ${min} to ${max}`,
    encode: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? String(v) : undefined),
  };
}

const port = integer(1, 65535, PORT_RULE);
const seconds = integer(0, 2147483647, 'a whole number of seconds, 0 or more');
const positive = integer(1, 2147483647, 'an integer of 1 or more');

const duration: AnnotationCodec = {
  rule: GO_DURATION_RULE,
  encode: (v) => (typeof v === 'string' && isGoDuration(v) && !v.startsWith('-') ? v : undefined),
};

function quantity(rule: string, wholeBytes = false): AnnotationCodec {
  return {
    rule,
    encode: (v) => {
      if (typeof v !== 'string') return undefined;
      const n = parseQuantity(v);
      if (n === undefined || n < 0 || (wholeBytes && !Number.isInteger(n))) return undefined;
      return v;
    },
  };
}

const cpu = quantity(`${QUANTITY_RULE} (CPU, e.g. "100m" or "0.5")`);
const memory = quantity(`${QUANTITY_RULE} (memory, e.g. "250Mi" or "1Gi")`, true);
const byteSize = quantity('a byte quantity such as "4Ki", "4Mi" or "16Mi"', true);

function text(rule: string, test: (s: string) => boolean): AnnotationCodec {
  return { rule, encode: (v) => (typeof v === 'string' && test(v) ? v : undefined) };
}

const absolutePath = text('an absolute path without "," or ":" such as "/mnt/certs"', (s) => /^\/[^,:\s]*$/.test(s));
const httpPath = text('an absolute HTTP path such as "/healthz"', (s) => /^\/[^\s?#]*$/.test(s));
const host = text('a host name or IP address, without scheme or port', (s) => /^([a-zA-Z0-9]([-a-zA-Z0-9.]*[a-zA-Z0-9])?|\[[0-9a-fA-F:.]+\])$/.test(s));
const dnsLabel = text(DNS_LABEL_RULE, isDnsLabel);
const dnsSubdomain = text(DNS_SUBDOMAIN_RULE, isDnsSubdomain);
const appId = text(APP_ID_RULE, isAppId);
/** `host:port`, the port 1 to 65535. */
const hostPort = text('a host:port address with a port from 1 to 65535', (s) => {
  const m = /^[^\s,:]+:(\d{1,5})$/.exec(s);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= 65535;
});

const image = text(IMAGE_REF_RULE, isPinnedImage);

function enumOf(values: readonly { value: string }[]): AnnotationCodec {
  const names = values.map((v) => v.value);
  return {
    rule: `one of ${names.map((n) => JSON.stringify(n)).join(', ')}`,
    encode: (v) => {
      const name = (v as { value?: unknown } | undefined)?.value;
      return typeof name === 'string' && names.includes(name) ? name : undefined;
    },
  };
}

function list(item: AnnotationCodec, allowEmpty: boolean): AnnotationCodec {
  return {
    rule: `a${allowEmpty ? '' : ' non-empty'} list of ${item.rule}`,
    encode: (v) => {
      if (!Array.isArray(v) || (!allowEmpty && v.length === 0)) return undefined;
      const parts = v.map((x) => item.encode(x));
      return parts.every((p) => p !== undefined) ? parts.join(',') : undefined;
    },
  };
}

/** A value the injector would split into two variables: it cuts at ",NAME=". */
const ENV_SPLIT = /,\s*[A-Za-z_][A-Za-z0-9_]*=/;

function sortedEntries<T>(map: { [key: string]: T }): [string, T][] {
  return Object.keys(map).sort().map((k) => [k, map[k]]);
}

/**
 * A map codec: checks each entry's key and value, and reports the first bad entry alone.
 * @param keyRule what a key must be; @param valueRule what a value must be
 */
function mapOf<T>(rule: string, keyRule: string, isKey: (k: string) => boolean, valueRule: string, isValue: (v: T) => boolean,
  render: (k: string, v: T) => string, locateIn?: (v: T) => [string, unknown, string]): AnnotationCodec {
  const entriesOf = (v: unknown): [string, T][] | undefined =>
    (typeof v === 'object' && v !== null && !Array.isArray(v) ? sortedEntries(v as { [key: string]: T }) : undefined);
  return {
    rule,
    encode: (v) => {
      const entries = entriesOf(v);
      if (entries === undefined || entries.length === 0) return undefined;
      return entries.every(([k, val]) => isKey(k) && isValue(val)) ? entries.map(([k, val]) => render(k, val)).join(',') : undefined;
    },
    locate: (v) => {
      const entries = entriesOf(v);
      if (entries === undefined || entries.length === 0) return ['', entries ? {} : redacted(v), rule];
      const badKey = entries.find(([k]) => !isKey(k));
      if (badKey) return ['', badKey[0], keyRule];
      const badValue = entries.find(([, val]) => !isValue(val));
      if (!badValue) return undefined;
      const [suffix, shownValue, why] = locateIn?.(badValue[1]) ?? ['', badValue[1], valueRule];
      return [`.${badValue[0]}${suffix}`, shownValue, why];
    },
  };
}

const ENV_NAME_RULE = 'environment variable names ([A-Za-z_][A-Za-z0-9_]*)';

const envMap = mapOf<unknown>('a map of environment variable names ([A-Za-z_][A-Za-z0-9_]*) to values that do not contain ",NAME="',
  ENV_NAME_RULE, isEnvName, 'a string that does not contain ",NAME=" (the injector would split it into two variables)',
  (val) => typeof val === 'string' && !ENV_SPLIT.test(val), (k, val) => `${k}=${val}`);

const secretEnvMap = mapOf<SidecarSecretEnv>(
  'a map of environment variable names ([A-Za-z_][A-Za-z0-9_]*) to { secretName: an RFC 1123 subdomain, key: a Secret key ([-._a-zA-Z0-9]+) }',
  ENV_NAME_RULE, isEnvName, '{ secretName: an RFC 1123 subdomain, key: a Secret key ([-._a-zA-Z0-9]+) }',
  (ref) => typeof ref?.secretName === 'string' && isDnsSubdomain(ref.secretName) && (ref.key === undefined || isConfigMapKey(ref.key)),
  (k, ref) => `${k}=${ref.secretName}:${ref.key ?? k}`,
  (ref) => (typeof ref?.secretName !== 'string' || !isDnsSubdomain(ref.secretName)
    ? ['.secretName', ref?.secretName, DNS_SUBDOMAIN_RULE] : ['.key', ref.key, 'a Secret key ([-._a-zA-Z0-9]+)']));

const ANNOTATION_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const annotationMap = mapOf<unknown>('a map of Kubernetes annotation keys to values without ","',
  'Kubernetes annotation keys', (k) => ANNOTATION_KEY.test(k), 'a string without ","',
  (val) => typeof val === 'string' && !val.includes(','), (k, val) => `${k}=${val}`);

const volumeMounts: AnnotationCodec = {
  rule: 'a list of { volumeName: an RFC 1123 label, mountPath: an absolute path without "," or ":" }',
  encode: (v) => {
    const all = v as SidecarVolumeMount[];
    const ok = all.every((m) => isDnsLabel(m.volumeName) && absolutePath.encode(m.mountPath) !== undefined);
    return ok ? all.map((m) => `${m.volumeName}:${m.mountPath}`).join(',') : undefined;
  },
};

/** The mounts with the given access mode, or undefined when there are none. */
function mountsWith(o: DaprSidecarOptions, readWrite: boolean): SidecarVolumeMount[] | undefined {
  const chosen = (o.sidecarVolumeMounts ?? []).filter((m) => (m.readWrite ?? false) === readWrite);
  return chosen.length > 0 ? chosen : undefined;
}

function probeRows(kind: 'liveness' | 'readiness', pick: (o: DaprSidecarOptions) => SidecarProbe | undefined, defaults: [string, string, string, string]): AnnotationRow[] {
  const prop = `sidecar${kind === 'liveness' ? 'Liveness' : 'Readiness'}Probe`;
  return [
    { key: `dapr.io/sidecar-${kind}-probe-delay-seconds`, prop: `${prop}.delaySeconds`, read: (o) => pick(o)?.delaySeconds, codec: seconds, injectorDefault: defaults[0], readFrom: 'pod' },
    { key: `dapr.io/sidecar-${kind}-probe-timeout-seconds`, prop: `${prop}.timeoutSeconds`, read: (o) => pick(o)?.timeoutSeconds, codec: positive, injectorDefault: defaults[1], readFrom: 'pod' },
    { key: `dapr.io/sidecar-${kind}-probe-period-seconds`, prop: `${prop}.periodSeconds`, read: (o) => pick(o)?.periodSeconds, codec: positive, injectorDefault: defaults[2], readFrom: 'pod' },
    { key: `dapr.io/sidecar-${kind}-probe-threshold`, prop: `${prop}.threshold`, read: (o) => pick(o)?.threshold, codec: positive, injectorDefault: defaults[3], readFrom: 'pod' },
  ];
}

const containerSpec: AnnotationCodec = {
  rule: CONTAINER_SPEC_RULE,
  encode: (v) => (isContainerSpec(v) ? v as string : undefined),
};

/**
 * The injector copies the annotation into `seccompProfile.type` and nothing else
 * (dapr v1.18.3 `pkg/injector/patcher/sidecar_container.go`), and the API server rejects
 * `Localhost` without `localhostProfile`: only the two types it can express are accepted.
 */
const seccompType: AnnotationCodec = {
  rule: '"RuntimeDefault", or "Unconfined" as an explicit opt-out; not "Localhost": the injector sets only the type, and Kubernetes rejects a Localhost profile without localhostProfile',
  encode: (v) => {
    const name = (v as { value?: unknown } | undefined)?.value ?? v;
    return name === SeccompProfile.RUNTIME_DEFAULT.value || name === SeccompProfile.UNCONFINED.value ? name as string : undefined;
  },
};

/**
 * The daprd resources when none are given: Dapr's production guidance for the sidecar
 * (docs "Production guidelines on Kubernetes", sidecar resource settings): 100m CPU and 250Mi
 * requested, limits of 300m CPU and 1000Mi. The injector sets none by default
 * (`getResourceRequirements` returns nil), which leaves daprd unbounded and the pod outside
 * the workload policy; these values bound it yet fit a sidecar serving moderate traffic.
 */
export const DEFAULT_SIDECAR_RESOURCES: SidecarResourcesProps = { cpuRequest: '100m', cpuLimit: '300m', memoryRequest: '250Mi', memoryLimit: '1000Mi' };

/** The sidecar resources of these options: the given ones, else `DEFAULT_SIDECAR_RESOURCES`. */
export function sidecarResourcesOf(o: DaprSidecarOptions): SidecarResourcesProps {
  return o.sidecarResources ?? DEFAULT_SIDECAR_RESOURCES;
}

function row(key: string, prop: string, read: (o: DaprSidecarOptions) => unknown, codec: AnnotationCodec, injectorDefault?: string): AnnotationRow {
  return { key: `dapr.io/${key}`, prop, read, codec, injectorDefault, readFrom: 'pod' };
}

/** Every annotation the Dapr 1.18 sidecar injector reads, in the injector's order. */
export const DAPR_ANNOTATIONS: readonly AnnotationRow[] = [
  // app
  row('enabled', 'enabled', (o) => o.enabled ?? true, bool),
  row('app-port', 'appPort', (o) => o.appPort, port),
  row('config', 'configName', (o) => o.configuration?.name ?? o.configName, dnsSubdomain),
  row('app-protocol', 'appProtocol', (o) => o.appProtocol, enumOf(AppProtocol.ALL), 'http'),
  row('app-ssl', 'appSsl', (o) => o.appSsl, bool),
  row('app-id', 'appId', (o) => o.appId, appId),
  // logging, metrics, debugging
  row('enable-profiling', 'debug.profiling', (o) => o.debug?.profiling, bool),
  row('log-level', 'logging.level', (o) => o.logging?.level, enumOf(LogLevel.ALL), 'info'),
  // secrets and tokens
  row('api-token-secret', 'security.apiTokenSecret', (o) => o.security?.apiTokenSecret, dnsSubdomain),
  row('app-token-secret', 'security.appTokenSecret', (o) => o.security?.appTokenSecret, dnsSubdomain),
  row('log-as-json', 'logging.json', (o) => o.logging?.json, bool),
  row('app-max-concurrency', 'appMaxConcurrency', (o) => o.appMaxConcurrency, positive),
  row('enable-metrics', 'metrics.enabled', (o) => o.metrics?.enabled, bool, 'true'),
  row('metrics-port', 'metrics.port', (o) => o.metrics?.port, port, '9090'),
  row('enable-debug', 'debug.enabled', (o) => o.debug?.enabled, bool, 'false'),
  row('debug-port', 'debug.port', (o) => o.debug?.port, port, '40000'),
  row('env', 'sidecarEnv', (o) => o.sidecarEnv, envMap),
  row('env-from-secret', 'sidecarEnvFromSecret', (o) => o.sidecarEnvFromSecret, secretEnvMap),
  // ports
  row('grpc-port', 'ports.grpcPort', (o) => o.ports?.grpcPort, port, '50001'),
  row('internal-grpc-port', 'ports.internalGrpcPort', (o) => o.ports?.internalGrpcPort, port, '50002'),
  // sidecar resources
  row('sidecar-cpu-request', 'sidecarResources.cpuRequest', (o) => sidecarResourcesOf(o).cpuRequest, cpu),
  row('sidecar-cpu-limit', 'sidecarResources.cpuLimit', (o) => sidecarResourcesOf(o).cpuLimit, cpu),
  row('sidecar-memory-request', 'sidecarResources.memoryRequest', (o) => sidecarResourcesOf(o).memoryRequest, memory),
  row('sidecar-memory-limit', 'sidecarResources.memoryLimit', (o) => sidecarResourcesOf(o).memoryLimit, memory),
  // networking
  row('sidecar-listen-addresses', 'networking.listenAddresses', (o) => o.networking?.listenAddresses, list(host, false), '[::1],127.0.0.1'),
  // probes
  ...probeRows('liveness', (o) => o.sidecarLivenessProbe, ['180', '3', '10', '5']),
  ...probeRows('readiness', (o) => o.sidecarReadinessProbe, ['1', '1', '1', '5']),
  row('sidecar-image', 'sidecarImage', (o) => o.sidecarImage, image),
  row('sidecar-seccomp-profile-type', 'security.seccompProfile', (o) => o.security?.seccompProfile ?? SeccompProfile.RUNTIME_DEFAULT, seccompType),
  // protocol limits
  row('http-max-request-size', 'http.maxRequestSizeMb', (o) => o.http?.maxRequestSizeMb, positive),
  row('max-body-size', 'http.maxBodySize', (o) => o.http?.maxBodySize, byteSize, '4Mi'),
  row('http-read-buffer-size', 'http.readBufferSizeKb', (o) => o.http?.readBufferSizeKb, positive),
  row('read-buffer-size', 'http.readBufferSize', (o) => o.http?.readBufferSize, byteSize, '4Ki'),
  // shutdown
  row('graceful-shutdown-seconds', 'shutdown.gracefulShutdownSeconds', (o) => o.shutdown?.gracefulShutdownSeconds, seconds, '-1 (daprd: 5)'),
  row('block-shutdown-duration', 'shutdown.blockShutdownDuration', (o) => o.shutdown?.blockShutdownDuration, duration),
  row('enable-api-logging', 'logging.apiLogging', (o) => o.logging?.apiLogging, bool),
  row('unix-domain-socket-path', 'networking.unixDomainSocketPath', (o) => o.networking?.unixDomainSocketPath, absolutePath),
  // volumes
  row('volume-mounts', 'sidecarVolumeMounts', (o) => mountsWith(o, false), volumeMounts),
  row('volume-mounts-rw', 'sidecarVolumeMounts', (o) => mountsWith(o, true), volumeMounts),
  row('disable-builtin-k8s-secret-store', 'security.disableBuiltinK8sSecretStore', (o) => o.security?.disableBuiltinK8sSecretStore ?? true, bool),
  // app health checks
  row('enable-app-health-check', 'appHealthCheck', (o) => (o.appHealthCheck ? true : undefined), bool),
  row('app-health-check-path', 'appHealthCheck.path', (o) => o.appHealthCheck?.path, httpPath, '/healthz'),
  row('app-health-probe-interval', 'appHealthCheck.probeIntervalSeconds', (o) => o.appHealthCheck?.probeIntervalSeconds, positive, '5'),
  row('app-health-probe-timeout', 'appHealthCheck.probeTimeoutMillis', (o) => o.appHealthCheck?.probeTimeoutMillis, positive, '500'),
  row('app-health-threshold', 'appHealthCheck.threshold', (o) => o.appHealthCheck?.threshold, positive, '3'),
  row('app-binding-options-timeout', 'appBindingOptionsTimeout', (o) => o.appBindingOptionsTimeout, duration),
  // placement and scheduler
  row('placement-host-address', 'actors.placementHostAddresses', (o) => o.actors?.placementHostAddresses, list(hostPort, true)),
  row('actors-disseminate-timeout', 'actors.disseminateTimeout', (o) => o.actors?.disseminateTimeout, duration),
  row('scheduler-host-address', 'actors.schedulerHostAddresses', (o) => o.actors?.schedulerHostAddresses, list(hostPort, true)),
  // pluggable components
  row('pluggable-components', 'pluggableComponents.containers', (o) => o.pluggableComponents?.containers, list(dnsLabel, false)),
  row('pluggable-components-sockets-folder', 'pluggableComponents.socketsFolder', (o) => o.pluggableComponents?.socketsFolder, absolutePath, '/tmp/dapr-components-sockets'),
  { key: COMPONENT_CONTAINER_ANNOTATION, prop: 'injectedContainer', read: () => undefined, codec: containerSpec, readFrom: 'component' },
  row('inject-pluggable-components', 'pluggableComponents.inject', (o) => o.pluggableComponents?.inject, bool),
  // networking, identity
  row('app-channel-address', 'appChannelAddress', (o) => o.appChannelAddress, host),
  row('sentry-request-jwt-audiences', 'security.sentryJwtAudiences', (o) => o.security?.sentryJwtAudiences, list(text('an audience without "," or spaces', (s) => /^[^\s,]+$/.test(s)), false)),
  row('sidecar-svc-annotations', 'networking.serviceAnnotations', (o) => o.networking?.serviceAnnotations, annotationMap),
  row('disable-init-endpoints', 'disableInitEndpoints', (o) => o.disableInitEndpoints, list(enumOf([InitEndpoint.CONFIG, InitEndpoint.SUBSCRIBE]), false)),
  row('enable-native-sidecar', 'nativeSidecar', (o) => o.nativeSidecar, bool, 'false'),
];

/** Ports daprd always binds: HTTP API and public health endpoint. */
export const SIDECAR_FIXED_PORTS: { readonly [port: number]: string } = { 3500: 'the Dapr HTTP API', 3501: 'the Dapr public/health port' };
