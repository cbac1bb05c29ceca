import { Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { DaprControlPlaneProps } from './dapr-control-plane-props';
import { DaprVersion } from './dapr-version';
import { DEFAULT_CONTROL_PLANE_RESOURCES } from './default-resources';
import { DisruptionBudget } from './disruption-budget';
import { ImagePullPolicy, PodAntiAffinityPolicy } from './enums';
import * as k8s from './kube';
import { ControlPlaneProbes, ControlPlaneResources, ControlPlaneToleration } from './options';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from './runtime-managed-field';
import { TrustBundle } from './trust-bundle';
import { CONTROL_PLANE_CONFIGURATION } from '../core/configuration-names';
import { containsPrivateKey, redacted } from '../core/credentials';
import { LogLevel, SeccompProfile } from '../core/enums';
import { IMAGE_REF_RULE, isPinnedImage } from '../core/image-reference';
import { checkList } from '../core/js-values';
import { POLICY_EXEMPTIONS_ANNOTATION } from '../core/policy-annotation';
import { checkDnsLabel, checkDnsSubdomain, checkInteger, checkOneOf, checkPort, checkQuantity, checkRequestWithinLimit, fail, goDurationSeconds, checkAnnotationMap, checkDuration, checkedMillis, isQualifiedName, isLabelValue, LABEL_KEY_RULE, LABEL_VALUE_RULE } from '../core/validation';

/**
 * The workload policy rules a control plane workload is exempt from, by design: its services talk
 * to the Kubernetes API (they need their service account token), and Dapr advises against memory
 * limits on them. A container without a CPU limit (the scheduler by default, any service with
 * `noCpuLimit`) is exempt from "cpu-limit", and an injector on the host network (an explicit
 * opt-out) from "host-namespaces".
 */
export function controlPlanePolicyExemptions(resources: { limits?: { cpu?: string } }, hostNetwork: boolean = false): { [key: string]: string } {
  const rules = [
    ...(resources.limits?.cpu === undefined ? ['cpu-limit'] : []),
    ...(hostNetwork ? ['host-namespaces'] : []),
    'memory-limit',
    'service-account-token',
  ];
  return { [POLICY_EXEMPTIONS_ANNOTATION]: rules.join(',') };
}

/** Port every control plane service answers `/healthz` on. */
export const HEALTHZ_PORT = 8080;
/** Where the trust anchors (root certificate) are mounted in every service but sentry. */
export const TRUST_ANCHORS_DIR = '/var/run/secrets/dapr.io/tls';
/** Name of the Secret and ConfigMap holding the trust bundle; fixed by Dapr. */
export const TRUST_BUNDLE = 'dapr-trust-bundle';

/** The log levels Dapr's binaries accept: one list, `LogLevel.ALL`. */
const LOG_LEVELS = LogLevel.ALL.map((l) => l.value);

/** Ports the services listen on besides metrics; the metrics port must avoid them. */
const RESERVED_PORTS: { [port: number]: string } = {
  8080: 'the health port',
  4000: 'the injector webhook',
  6500: 'the operator API',
  19443: 'the operator webhook',
  50001: 'sentry',
  50005: 'placement',
  8201: 'placement raft',
  50006: 'the scheduler',
  2379: 'etcd clients',
  2380: 'etcd peers',
};

const COUNT_OR_PERCENT = /^(0|[1-9]\d*)%?$/;
const HOST_PORT = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:\d{1,5}$/;
const REGISTRY = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

type StringMap = { [key: string]: string };

export function checkLabels(scope: IConstruct, prop: string, labels: StringMap | undefined, reserved: string[] = []): StringMap {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!isQualifiedName(k)) {
      fail(scope, `${prop} key`, k, LABEL_KEY_RULE);
    }
    if (reserved.includes(k)) {
      fail(scope, `${prop} key`, k, `a key other than ${reserved.map((r) => JSON.stringify(r)).join(', ')} (set by the control plane; selectors depend on them)`);
    }
    if (!isLabelValue(v)) {
      fail(scope, `${prop}["${k}"]`, v, LABEL_VALUE_RULE);
    }
  }
  return { ...labels };
}

export function checkAnnotations(scope: IConstruct, prop: string, annotations: { [key: string]: string } | undefined): { [key: string]: string } {
  checkAnnotationMap(scope, prop, annotations);
  return { ...annotations };
}

/** Names an enum-like value in an error when it is not one of `all`. */
export function checkEnumValue(scope: IConstruct, prop: string, value: { value: string }, all: readonly { value: string }[]): string {
  return checkOneOf(scope, prop, value.value, all.map((a) => a.value));
}

/** Labels a control plane object of `component` carries (Dapr's chart's `k8sLabels`). */
export interface ObjectLabelOptions {
  /** The `app` label, for objects selecting or describing one service. */
  readonly app?: string;
}

/** Probe timings, resolved: seconds and failure counts. */
export interface ProbeTimings {
  readonly livenessInitialDelay: number;
  readonly livenessPeriod: number;
  readonly livenessFailureThreshold: number;
  readonly readinessInitialDelay: number;
  readonly readinessPeriod: number;
  readonly readinessFailureThreshold: number;
}

/** Requests and limits of a container, resolved and checked: resource name to quantity. */
export interface ResolvedResources {
  readonly requests?: StringMap;
  readonly limits?: StringMap;
}

/**
 * The DaprControlPlane's props, validated and resolved to the values every service is built
 * from (defaults applied, errors in the library's format). Building pod specs from them is
 * `pod-spec.ts`'s part.
 * @internal
 */
export class ControlPlaneValues {
  public readonly version: DaprVersion;
  public readonly namespace: string;
  public readonly registry: string;
  public readonly imagePullPolicy: string;
  public readonly imagePullSecrets: string[];
  public readonly ha: boolean;
  public readonly haReplicas: number;
  public readonly topologyKey: string;
  public readonly antiAffinity: PodAntiAffinityPolicy;
  public readonly disruptionBudget: DisruptionBudget;
  public readonly logLevel: string;
  public readonly logAsJson: boolean;
  public readonly mtlsEnabled: boolean;
  public readonly workloadCertTtl: string;
  public readonly allowedClockSkew: string;
  public readonly trustDomain: string;
  public readonly sentryAddress: string;
  public readonly clusterDomain: string;
  public readonly trustBundle: TrustBundle;
  public readonly metrics: boolean;
  public readonly metricsPort: number;
  public readonly prometheusAnnotations: boolean;
  public readonly nodeSelector: { [label: string]: string };
  public readonly tolerations: k8s.Toleration[];
  public readonly priorityClassName?: string;
  public readonly labels: { [key: string]: string };
  public readonly podAnnotations: { [key: string]: string };
  public readonly architecture?: string;
  public readonly seccompProfile: k8s.SeccompProfile;
  public readonly namespacedRbac: boolean;
  public readonly actorsEnabled: boolean;
  public readonly schedulerEnabled: boolean;
  /** The control plane Configuration's name. */
  public readonly configurationName: string;
  /** Whether the synthesized Namespace enforces Pod Security Standards "restricted". */
  public readonly enforcesRestricted: boolean;

  constructor(private readonly scope: Construct, props: DaprControlPlaneProps) {
    this.version = props.version ?? DaprVersion.LATEST;
    this.namespace = checkDnsLabel(scope, 'namespace', props.namespace ?? DEFAULT_CONTROL_PLANE_NAMESPACE);
    this.registry = props.registry ?? 'ghcr.io/dapr';
    if (!REGISTRY.test(this.registry)) {
      fail(scope, 'registry', this.registry, 'a registry host with optional port and path, without scheme or trailing "/", e.g. "ghcr.io/dapr" or "registry.internal:5000/mirror/dapr"');
    }
    this.imagePullPolicy = checkEnumValue(scope, 'imagePullPolicy', props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.ALL);
    this.imagePullSecrets = checkList(scope, 'imagePullSecrets', props.imagePullSecrets, 'Secret names').map((s, i) => checkDnsSubdomain(scope, `imagePullSecrets[${i}]`, s));
    this.ha = props.ha ?? false;
    this.haReplicas = checkInteger(scope, 'haReplicas', props.haReplicas ?? 3, 2, 15);
    this.topologyKey = props.haTopologyKey ?? 'topology.kubernetes.io/zone';
    checkLabels(scope, 'haTopologyKey', { [this.topologyKey]: '' });
    this.antiAffinity = props.haPodAntiAffinity ?? PodAntiAffinityPolicy.PREFERRED;
    this.disruptionBudget = props.disruptionBudget ?? DisruptionBudget.DEFAULT;
    if (!COUNT_OR_PERCENT.test(this.disruptionBudget.value) || parseInt(this.disruptionBudget.value, 10) > (this.disruptionBudget.value.endsWith('%') ? 100 : Infinity)) {
      fail(scope, `disruptionBudget.${this.disruptionBudget.field}`, this.disruptionBudget.value, 'a non-negative integer ("1") or a percentage from "0%" to "100%"');
    }
    this.logLevel = this.checkLogLevel('logLevel', props.logLevel) ?? 'info';
    this.logAsJson = props.logAsJson ?? false;

    const mtls = props.mtls ?? {};
    this.mtlsEnabled = mtls.enabled ?? true;
    this.trustDomain = checkDnsSubdomain(scope, 'mtls.controlPlaneTrustDomain', mtls.controlPlaneTrustDomain ?? 'cluster.local');
    this.clusterDomain = checkDnsSubdomain(scope, 'clusterDomain', props.clusterDomain ?? 'cluster.local');
    this.sentryAddress = mtls.sentryAddress ?? `dapr-sentry.${this.namespace}.svc.${this.clusterDomain}:443`;
    if (!HOST_PORT.test(this.sentryAddress) || !(parseInt(this.sentryAddress.split(':')[1], 10) <= 65535)) {
      fail(scope, 'mtls.sentryAddress', this.sentryAddress, '"host:port", e.g. "dapr-sentry.dapr-system.svc.cluster.local:443"');
    }
    this.workloadCertTtl = mtls.workloadCertTtl ? checkDuration(scope, 'mtls.workloadCertTtl', mtls.workloadCertTtl) : '24h';
    if (goDurationSeconds(this.workloadCertTtl) < 60) {
      fail(scope, 'mtls.workloadCertTtl', this.workloadCertTtl, 'a duration of at least 1 minute');
    }
    this.allowedClockSkew = mtls.allowedClockSkew ? checkDuration(scope, 'mtls.allowedClockSkew', mtls.allowedClockSkew, true) : '15m';
    if (goDurationSeconds(this.allowedClockSkew) >= goDurationSeconds(this.workloadCertTtl)) {
      fail(scope, 'mtls.allowedClockSkew', this.allowedClockSkew, `a duration shorter than workloadCertTtl (${this.workloadCertTtl})`);
    }
    this.trustBundle = props.trustBundle ?? TrustBundle.generatedBySentry();
    const pem = this.trustBundle.existing.rootCertificatePem;
    // the private key check comes first, and no message shows any part of the document
    if (pem !== undefined && containsPrivateKey(pem)) {
      fail(scope, 'trustBundle.rootCertificatePem', redacted(pem), 'PEM certificates only, never a private key: the root certificate is written into the dapr-trust-bundle ConfigMap every pod can read; the keys stay in the existing Secret');
    }
    if (pem !== undefined && (typeof pem !== 'string' || !/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/.test(pem.trim() + '\n'))) {
      fail(scope, 'trustBundle.rootCertificatePem', redacted(pem), 'PEM certificates only ("-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----"), never a private key');
    }
    for (const key of ['caFilename', 'issuerCertificateFilename', 'issuerKeyFilename'] as const) {
      const file = this.trustBundle.existing[key];
      if (file !== undefined && !/^[-._a-zA-Z0-9]{1,253}$/.test(file)) {
        fail(scope, `trustBundle.${key}`, file, 'a Secret key: letters, digits, "-", "_" and "."');
      }
    }

    this.metrics = props.metrics ?? true;
    this.metricsPort = checkPort(scope, 'metricsPort', props.metricsPort ?? 9090);
    if (RESERVED_PORTS[this.metricsPort]) {
      fail(scope, 'metricsPort', this.metricsPort, `a port not used by ${RESERVED_PORTS[this.metricsPort]} (reserved: ${Object.keys(RESERVED_PORTS).join(', ')})`);
    }
    this.prometheusAnnotations = this.metrics && (props.prometheusAnnotations ?? true);
    this.nodeSelector = checkLabels(scope, 'nodeSelector', props.nodeSelector);
    this.tolerations = (props.tolerations ?? []).map((t, i) => this.toleration(`tolerations[${i}]`, t));
    if (props.priorityClassName !== undefined) {
      this.priorityClassName = checkDnsSubdomain(scope, 'priorityClassName', props.priorityClassName);
    }
    this.labels = checkLabels(scope, 'labels', props.labels, ['app', 'app.kubernetes.io/name', 'app.kubernetes.io/version',
      'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/component']);
    this.podAnnotations = checkAnnotations(scope, 'podAnnotations', props.podAnnotations);
    if (props.architecture !== undefined) {
      // The architectures Dapr publishes control plane images for.
      this.architecture = checkOneOf(scope, 'architecture', props.architecture, ['amd64', 'arm64', 'arm']);
    }
    this.seccompProfile = this.checkSeccomp(props.seccompProfile ?? SeccompProfile.RUNTIME_DEFAULT, props.seccompLocalhostProfile,
      (props.createNamespace ?? true) && (props.enforcePodSecurityStandard ?? true));
    this.namespacedRbac = props.namespacedRbac ?? false;
    this.actorsEnabled = props.actorsEnabled ?? true;
    this.schedulerEnabled = props.schedulerEnabled ?? true;
    this.enforcesRestricted = (props.createNamespace ?? true) && (props.enforcePodSecurityStandard ?? true);
    this.configurationName = checkDnsSubdomain(scope, 'configurationName', props.configurationName ?? CONTROL_PLANE_CONFIGURATION);
    if (this.configurationName !== CONTROL_PLANE_CONFIGURATION && !this.mtlsEnabled) {
      // pkg/injector/service/pod_patch.go reads "daprsystem" by name, and takes mTLS as on when it is missing.
      fail(scope, 'configurationName', this.configurationName, `"${CONTROL_PLANE_CONFIGURATION}" while mTLS is off: the injector reads only that name, and would inject sidecars expecting mTLS`);
    }
  }

  /**
   * \`--config <name>\` for sentry and the operator when the Configuration is renamed. Dapr's chart
   * renames the object only, so both binaries keep reading "daprsystem" (cmd/sentry/options/options.go,
   * cmd/operator/options/options.go) and miss the settings.
   */
  public configArgs(): string[] {
    return this.configurationName === CONTROL_PLANE_CONFIGURATION ? [] : ['--config', this.configurationName];
  }

  private checkSeccomp(profile: SeccompProfile, localhostProfile: string | undefined, enforced: boolean): k8s.SeccompProfile {
    const type = checkOneOf(this.scope, 'seccompProfile', profile.value, ['RuntimeDefault', 'Localhost', 'Unconfined']);
    if (type === 'Unconfined' && enforced) {
      fail(this.scope, 'seccompProfile', type, '"RuntimeDefault" or "Localhost" while the Namespace enforces "restricted" (set enforcePodSecurityStandard: false to run unconfined)');
    }
    if ((type === 'Localhost') !== (localhostProfile !== undefined)) {
      fail(this.scope, 'seccompLocalhostProfile', localhostProfile, 'a profile path exactly when seccompProfile is LOCALHOST');
    }
    if (localhostProfile !== undefined && (!/^[-._/a-zA-Z0-9]{1,253}$/.test(localhostProfile) || localhostProfile.startsWith('/') || localhostProfile.split('/').includes('..'))) {
      fail(this.scope, 'seccompLocalhostProfile', localhostProfile, 'a relative path inside the kubelet\'s seccomp folder, e.g. "profiles/dapr.json"');
    }
    return { type, ...(localhostProfile !== undefined ? { localhostProfile } : {}) };
  }

  /** Validates a log level; undefined stays undefined. */
  public checkLogLevel(prop: string, level?: LogLevel): string | undefined {
    return level === undefined ? undefined : checkOneOf(this.scope, prop, (level as { value?: string } | null)?.value as string, LOG_LEVELS);
  }

  /** The image of a Dapr binary at the chosen version. */
  public image(name: string): string {
    return `${this.registry}/${name}:${this.version.version}`;
  }

  /**
   * The image of a service: its `image` option, which must be pinned by tag or digest (an
   * error names `<prop>.image`), else `image(name)`.
   */
  public serviceImage(scope: IConstruct, prop: string, name: string, override?: string): string {
    if (override === undefined) {
      return this.image(name);
    }
    if (!isPinnedImage(override)) {
      fail(scope, `${prop}.image`, override, IMAGE_REF_RULE);
    }
    return override;
  }

  /** Dapr's standard labels for an object of `component`, plus the user's. */
  public objectLabels(component: string, options: ObjectLabelOptions = {}): { [key: string]: string } {
    return { ...this.labels, ...(options.app ? { app: options.app } : {}), ...this.standardLabels(component) };
  }

  /** The `app.kubernetes.io/*` labels; PodDisruptionBudgets select on them. */
  public standardLabels(component: string): { [key: string]: string } {
    return {
      'app.kubernetes.io/component': component,
      'app.kubernetes.io/managed-by': 'cdk8s',
      'app.kubernetes.io/name': 'dapr',
      'app.kubernetes.io/part-of': 'dapr',
      'app.kubernetes.io/version': this.version.version,
    };
  }

  /** `prometheus.io/*` annotations, when enabled. */
  public prometheusAnnotationsMap(): { [key: string]: string } {
    return this.prometheusAnnotations
      ? { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(this.metricsPort), 'prometheus.io/path': '/' }
      : {};
  }

  /** The metrics flags of every Dapr binary. */
  public metricsArgs(): string[] {
    return this.metrics ? ['--enable-metrics', '--metrics-port', String(this.metricsPort)] : ['--enable-metrics=false'];
  }

  /** `--log-level <level>` and, if set, `--log-as-json`. */
  public logArgs(level: string): string[] {
    return ['--log-level', level, ...(this.logAsJson ? ['--log-as-json'] : [])];
  }

  /** Probe timings in seconds and counts: Dapr's chart's unless `<prop>.probes` sets them. */
  public probeTimings(prop: string, timings: ControlPlaneProbes = {}): ProbeTimings {
    const seconds = (field: keyof ControlPlaneProbes, d: number, min: number) => {
      const v = timings[field] as Duration | undefined;
      if (v === undefined) return d;
      checkDuration(this.scope, `${prop}.probes.${field}`, v, true);
      return checkInteger(this.scope, `${prop}.probes.${field}`, checkedMillis(v) / 1000, min, 3600);
    };
    const count = (field: keyof ControlPlaneProbes, d: number) => checkInteger(this.scope, `${prop}.probes.${field}`, (timings[field] as number | undefined) ?? d, 1, 100);
    return {
      livenessInitialDelay: seconds('livenessInitialDelay', 180, 0),
      livenessPeriod: seconds('livenessPeriod', 10, 1),
      livenessFailureThreshold: count('livenessFailureThreshold', 5),
      readinessInitialDelay: seconds('readinessInitialDelay', 1, 0),
      readinessPeriod: seconds('readinessPeriod', 1, 1),
      readinessFailureThreshold: count('readinessFailureThreshold', 3),
    };
  }

  /** The resources of a container: the given ones, else the service's production defaults. */
  public resources(prop: string, resources?: ControlPlaneResources): ResolvedResources {
    const service = prop.split('.')[0];
    // field by field over the defaults, so setting one value never drops the others' requests and limits
    const r: ControlPlaneResources = { ...DEFAULT_CONTROL_PLANE_RESOURCES[service], ...definedFields(resources) };
    if (resources?.noCpuLimit) {
      if (resources.cpuLimit !== undefined) {
        fail(this.scope, `${prop}.noCpuLimit`, true, `false when ${prop}.cpuLimit is set (${resources.cpuLimit})`);
      }
      delete (r as { cpuLimit?: string }).cpuLimit;
    }
    const requests: { [k: string]: string } = {};
    const limits: { [k: string]: string } = {};
    for (const [field, target, key] of [['cpuRequest', requests, 'cpu'], ['memoryRequest', requests, 'memory'],
      ['cpuLimit', limits, 'cpu'], ['memoryLimit', limits, 'memory']] as const) {
      const v = r[field];
      if (v !== undefined) {
        checkQuantity(this.scope, `${prop}.${field}`, v);
        target[key] = v;
      }
    }
    for (const what of ['cpu', 'memory'] as const) {
      const req = `${what}Request` as const;
      const fromDefault = resources?.[req] === undefined ? ` (${r[req]} is the default ${req}: set ${prop}.${req} too)` : '';
      checkRequestWithinLimit(this.scope, prop, what, r[req], r[`${what}Limit`], fromDefault);
    }
    return {
      ...(Object.keys(requests).length ? { requests } : {}),
      ...(Object.keys(limits).length ? { limits } : {}),
    };
  }

  /** A validated toleration, in the order of fields Kubernetes prints. */
  public toleration(prop: string, t: ControlPlaneToleration): k8s.Toleration {
    const operator = checkOneOf(this.scope, `${prop}.operator`, t.operator ?? 'Equal', ['Equal', 'Exists']);
    if (t.effect !== undefined) {
      checkOneOf(this.scope, `${prop}.effect`, t.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
    }
    if (operator === 'Exists' && t.value !== undefined) {
      fail(this.scope, `${prop}.value`, t.value, 'no value with operator "Exists"');
    }
    if (t.key === undefined && operator !== 'Exists') {
      fail(this.scope, `${prop}.key`, t.key, 'a taint key (only operator "Exists" may leave it out)');
    }
    if (t.key !== undefined) {
      checkLabels(this.scope, `${prop}.key`, { [t.key]: '' });
    }
    if (t.tolerationSeconds !== undefined) {
      if (t.effect !== 'NoExecute') {
        fail(this.scope, `${prop}.tolerationSeconds`, t.tolerationSeconds, 'only with effect "NoExecute"');
      }
      checkInteger(this.scope, `${prop}.tolerationSeconds`, t.tolerationSeconds, 0, 2 ** 31 - 1);
    }
    return { key: t.key, operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds };
  }
}

/** The fields of `o` that are set: an explicit `undefined` keeps the default. */
function definedFields<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
