import { IConstruct } from 'constructs';
import { APP_ID_RULE, didYouMean, fail } from '../core/validation';

/*
 * Plain JavaScript callers get no compiler check of props: a misspelled key (`appID`) would be
 * ignored and a missing app id would reach the output as `scopes: [null]`. These lists, checked
 * against the interfaces by a test, let the constructors refuse unknown keys with a suggestion.
 */

/** The keys of `DaprSidecarOptions`, and of its nested option structs. */
export const SIDECAR_OPTION_KEYS: readonly string[] = [
  'appId', 'enabled', 'appPort', 'appProtocol', 'appSsl', 'appChannelAddress', 'appMaxConcurrency', 'appBindingOptionsTimeout',
  'configName', 'configuration', 'sidecarImage', 'sidecarResources', 'goMemLimit', 'sidecarEnv', 'allowPlaintextSecrets', 'allowPlaintextSecretEnv',
  'sidecarEnvFromSecret', 'ports', 'logging', 'metrics', 'debug', 'sidecarLivenessProbe', 'sidecarReadinessProbe', 'appHealthCheck',
  'shutdown', 'http', 'networking', 'security', 'sidecarVolumeMounts', 'pluggableComponents', 'actors', 'disableInitEndpoints', 'nativeSidecar',
];

const PROBE_KEYS = ['delaySeconds', 'timeoutSeconds', 'periodSeconds', 'threshold'];

/** Keys of the nested structs, by the option holding them. */
export const NESTED_OPTION_KEYS: { readonly [option: string]: readonly string[] } = {
  ports: ['grpcPort', 'internalGrpcPort'],
  logging: ['level', 'json', 'apiLogging'],
  metrics: ['enabled', 'port'],
  debug: ['enabled', 'port', 'profiling'],
  sidecarLivenessProbe: PROBE_KEYS,
  sidecarReadinessProbe: PROBE_KEYS,
  appHealthCheck: ['path', 'probeIntervalSeconds', 'probeTimeoutMillis', 'threshold'],
  shutdown: ['gracefulShutdownSeconds', 'blockShutdownDuration'],
  http: ['maxBodySize', 'readBufferSize', 'maxRequestSizeMb', 'readBufferSizeKb'],
  networking: ['listenAddresses', 'unixDomainSocketPath', 'serviceAnnotations'],
  security: ['apiTokenSecret', 'appTokenSecret', 'disableBuiltinK8sSecretStore', 'kubernetesSecretNames', 'sentryJwtAudiences', 'seccompProfile'],
  pluggableComponents: ['containers', 'socketsFolder', 'inject'],
  actors: ['placementHostAddresses', 'schedulerHostAddresses', 'disseminateTimeout'],
};

/** The keys `DaprAppProps` adds to the sidecar options: its own and cdk8s-plus-28's `DeploymentProps`. */
export const DAPR_APP_EXTRA_KEYS: readonly string[] = [
  'image', 'container', 'service', 'podDisruptionBudget',
  // kplus.DeploymentProps, WorkloadProps, AbstractPodProps, ResourceProps
  'replicas', 'strategy', 'minReady', 'progressDeadline', 'podMetadata', 'select', 'spread', 'containers', 'initContainers', 'volumes',
  'restartPolicy', 'serviceAccount', 'securityContext', 'hostAliases', 'dns', 'dockerRegistryAuth', 'automountServiceAccountToken',
  'isolate', 'hostNetwork', 'terminationGracePeriod', 'metadata',
];

function checkKeys(scope: IConstruct, prefix: string, value: unknown, allowed: readonly string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const guess = didYouMean(key, allowed);
    fail(scope, `${prefix}${key}`, (value as any)[key], `a known option${guess ? ` (did you mean "${prefix}${guess}"?)` : `: ${[...allowed].sort().join(', ')}`}`);
  }
}

/**
 * Refuses unknown keys (with a did-you-mean) and a missing app id, as plain JavaScript may pass them.
 * @param extra keys the caller accepts besides the sidecar options (DaprApp's)
 */
export function checkOptionKeys(scope: IConstruct, options: unknown, extra: readonly string[] = []): void {
  if (options === null || typeof options !== 'object') {
    fail(scope, 'options', options, 'an object of sidecar options with at least appId');
  }
  checkKeys(scope, '', options, [...SIDECAR_OPTION_KEYS, ...extra]);
  for (const [option, keys] of Object.entries(NESTED_OPTION_KEYS)) {
    const nested = (options as any)[option];
    // enum-like classes and other class instances are not option structs
    if (nested !== null && typeof nested === 'object' && nested.constructor === Object) checkKeys(scope, `${option}.`, nested, keys);
  }
  const appId = (options as any).appId;
  if (typeof appId !== 'string') {
    fail(scope, 'appId', appId, APP_ID_RULE);
  }
}
