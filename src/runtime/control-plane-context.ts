import { Construct, IConstruct } from 'constructs';
import { DaprControlPlaneProps } from './dapr-control-plane-props';
import { DaprVersion } from './dapr-version';
import { DEFAULT_CONTROL_PLANE_RESOURCES } from './default-resources';
import { DisruptionBudget } from './disruption-budget';
import { ImagePullPolicy, PodAntiAffinityPolicy } from './enums';
import { ControlPlaneResources, ControlPlaneServiceOptions, ControlPlaneToleration } from './options';
import { DEFAULT_CONTROL_PLANE_NAMESPACE } from './runtime-managed-field';
import { TrustBundle } from './trust-bundle';
import { IMAGE_REF_RULE, isPinnedImage } from '../app/annotations';
import { LogLevel } from '../app/enums';
import { POLICY_EXEMPTIONS_ANNOTATION } from '../common/policy-annotation';
import {
  checkDnsLabel, checkDnsSubdomain, checkInteger, checkOneOf, checkPort, checkQuantity, checkRequestWithinLimit, fail, goDurationSeconds,
  isDnsSubdomain, toGoDuration,
} from '../common/validation';

/**
 * The workload policy rules the control plane is exempt from, by design: its services talk to
 * the Kubernetes API (they need their service account token), and Dapr advises against memory
 * limits on them.
 */
export const CONTROL_PLANE_POLICY_EXEMPTIONS = { [POLICY_EXEMPTIONS_ANNOTATION]: 'memory-limit,service-account-token' };

/** Port every control plane service answers `/healthz` on. */
export const HEALTHZ_PORT = 8080;
/** Where the trust anchors (root certificate) are mounted in every service but sentry. */
export const TRUST_ANCHORS_DIR = '/var/run/secrets/dapr.io/tls';
/** Name of the Secret and ConfigMap holding the trust bundle; fixed by Dapr. */
export const TRUST_BUNDLE = 'dapr-trust-bundle';

/** The log levels Dapr's control plane binaries accept. */
const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'];

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

const LABEL_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const LABEL_KEY_RULE = 'a label key: optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_", "."';
const LABEL_VALUE_RULE = 'a label value: at most 63 letters, digits, "-", "_", ".", starting and ending alphanumeric';
const COUNT_OR_PERCENT = /^(0|[1-9]\d*)%?$/;
const HOST_PORT = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:\d{1,5}$/;
const REGISTRY = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;

type StringMap = { [key: string]: string };

export function checkLabels(scope: IConstruct, prop: string, labels: StringMap | undefined, reserved: string[] = []): StringMap {
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (!LABEL_NAME.test(k) || (k.includes('/') && !isDnsSubdomain(k.split('/')[0]))) {
      fail(scope, `${prop} key`, k, LABEL_KEY_RULE);
    }
    if (reserved.includes(k)) {
      fail(scope, `${prop} key`, k, `a key other than ${reserved.map((r) => JSON.stringify(r)).join(', ')} (set by the control plane; selectors depend on them)`);
    }
    if (!LABEL_VALUE.test(v)) {
      fail(scope, `${prop}["${k}"]`, v, LABEL_VALUE_RULE);
    }
  }
  return { ...labels };
}

export function checkAnnotations(scope: IConstruct, prop: string, annotations: { [key: string]: string } | undefined): { [key: string]: string } {
  for (const k of Object.keys(annotations ?? {})) {
    if (!LABEL_NAME.test(k) || (k.includes('/') && !isDnsSubdomain(k.split('/')[0]))) {
      fail(scope, `${prop} key`, k, 'an annotation key: optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_", "."');
    }
  }
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

/**
 * The validated settings every control plane service is built from, and the pieces of pod
 * spec they share (probes, security context, trust bundle volumes, affinity).
 * @internal
 */
export class ControlPlaneContext {
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
  public readonly tolerations: object[];
  public readonly priorityClassName?: string;
  public readonly labels: { [key: string]: string };
  public readonly podAnnotations: { [key: string]: string };

  constructor(private readonly scope: Construct, props: DaprControlPlaneProps) {
    this.version = props.version ?? DaprVersion.LATEST;
    this.namespace = checkDnsLabel(scope, 'namespace', props.namespace ?? DEFAULT_CONTROL_PLANE_NAMESPACE);
    this.registry = props.registry ?? 'ghcr.io/dapr';
    if (!REGISTRY.test(this.registry)) {
      fail(scope, 'registry', this.registry, 'a registry host with optional port and path, without scheme or trailing "/", e.g. "ghcr.io/dapr" or "registry.internal:5000/mirror/dapr"');
    }
    this.imagePullPolicy = checkEnumValue(scope, 'imagePullPolicy', props.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy._ALL);
    this.imagePullSecrets = (props.imagePullSecrets ?? []).map((s, i) => checkDnsSubdomain(scope, `imagePullSecrets[${i}]`, s));
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
    this.workloadCertTtl = mtls.workloadCertTtl ? toGoDuration(mtls.workloadCertTtl) : '24h';
    if (goDurationSeconds(this.workloadCertTtl) < 60) {
      fail(scope, 'mtls.workloadCertTtl', this.workloadCertTtl, 'a duration of at least 1 minute');
    }
    this.allowedClockSkew = mtls.allowedClockSkew ? toGoDuration(mtls.allowedClockSkew) : '15m';
    if (goDurationSeconds(this.allowedClockSkew) >= goDurationSeconds(this.workloadCertTtl)) {
      fail(scope, 'mtls.allowedClockSkew', this.allowedClockSkew, `a duration shorter than workloadCertTtl (${this.workloadCertTtl})`);
    }
    this.trustBundle = props.trustBundle ?? TrustBundle.generatedBySentry();
    const pem = this.trustBundle.existing.rootCertificatePem;
    if (pem !== undefined && (!/^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n?$/.test(pem.trim() + '\n') || /PRIVATE KEY/.test(pem))) {
      fail(scope, 'trustBundle.rootCertificatePem', pem.length > 40 ? pem.slice(0, 40) + '...' : pem, 'PEM certificates only ("-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----"), never a private key');
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
  }

  /** Validates a log level; undefined stays undefined. */
  public checkLogLevel(prop: string, level?: LogLevel): string | undefined {
    return level === undefined ? undefined : checkOneOf(this.scope, prop, level.value, LOG_LEVELS);
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

  /** The container port of the metrics endpoint, when on. */
  public metricsContainerPorts(): object[] {
    return this.metrics ? [{ name: 'metrics', containerPort: this.metricsPort, protocol: 'TCP' }] : [];
  }

  /** The Service port of the metrics endpoint, when on. */
  public metricsServicePorts(): object[] {
    return this.metrics ? [{ name: 'metrics', port: this.metricsPort, targetPort: this.metricsPort, protocol: 'TCP' }] : [];
  }

  /** Liveness and readiness probes on `/healthz`, with Dapr's timings. */
  public probes(port: number = HEALTHZ_PORT): { livenessProbe: object; readinessProbe: object } {
    return {
      livenessProbe: { httpGet: { path: '/healthz', port }, initialDelaySeconds: 180, periodSeconds: 10, failureThreshold: 5 },
      readinessProbe: { httpGet: { path: '/healthz', port }, initialDelaySeconds: 1, periodSeconds: 1, failureThreshold: 3 },
    };
  }

  /**
   * The container security context: Pod Security Standards "restricted". Dapr's chart sets
   * everything but the seccomp profile; it is added here so the pods pass "restricted".
   */
  public containerSecurityContext(): object {
    return {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    };
  }

  /** The resources of a container: the given ones, else the service's production defaults. */
  public resources(prop: string, resources?: ControlPlaneResources): object {
    const service = prop.split('.')[0];
    // field by field over the defaults, so setting one value never drops the others' requests and limits
    const r: ControlPlaneResources = { ...DEFAULT_CONTROL_PLANE_RESOURCES[service], ...definedFields(resources) };
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

  /** The ConfigMap volume with the root certificate. */
  public trustBundleVolume(): object {
    return { name: TRUST_BUNDLE, configMap: { name: TRUST_BUNDLE } };
  }

  /** The projected ServiceAccount token services present to sentry. */
  public identityTokenVolume(): object {
    return {
      name: 'dapr-identity-token',
      projected: {
        sources: [{
          serviceAccountToken: {
            path: 'token',
            expirationSeconds: 600,
            audience: `spiffe://${this.trustDomain}/ns/${this.namespace}/dapr-sentry`,
          },
        }],
      },
    };
  }

  /** Mounts of the two volumes above. */
  public trustMounts(identityReadOnly: boolean): object[] {
    return [
      { name: TRUST_BUNDLE, mountPath: TRUST_ANCHORS_DIR, readOnly: true },
      { name: 'dapr-identity-token', mountPath: '/var/run/secrets/dapr.io/sentrytoken', ...(identityReadOnly ? { readOnly: true } : {}) },
    ];
  }

  /** Linux nodes only, and spread over the topology key when `spread`. */
  public affinity(app: string, spread: boolean): object {
    const term = { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [app] }] }, topologyKey: this.topologyKey };
    const antiAffinity = this.antiAffinity === PodAntiAffinityPolicy.REQUIRED
      ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
      : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] };
    return {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }],
        },
      },
      ...(spread ? { podAntiAffinity: antiAffinity } : {}),
    };
  }

  /** Scheduling fields shared by every pod: pull secrets, node selector, tolerations, priority. */
  public podScheduling(): object {
    return {
      imagePullSecrets: this.imagePullSecrets.length ? this.imagePullSecrets.map((name) => ({ name })) : undefined,
      nodeSelector: Object.keys(this.nodeSelector).length ? this.nodeSelector : undefined,
      tolerations: this.tolerations.length ? this.tolerations : undefined,
      priorityClassName: this.priorityClassName,
    };
  }

  /** The pod template metadata of a service. */
  public podMetadata(app: string, component: string, controlPlaneName: string, options: ControlPlaneServiceOptions, prop: string): object {
    return {
      labels: { ...this.labels, app, ...this.standardLabels(component) },
      annotations: {
        ...this.podAnnotations,
        ...checkAnnotations(this.scope, `${prop}.podAnnotations`, options.podAnnotations),
        'dapr.io/control-plane': controlPlaneName,
        ...this.prometheusAnnotationsMap(),
      },
    };
  }

  private toleration(prop: string, t: ControlPlaneToleration): object {
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
