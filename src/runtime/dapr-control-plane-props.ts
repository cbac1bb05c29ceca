import { ControlPlaneStorage } from './control-plane-storage';
import { DaprVersion } from './dapr-version';
import { DisruptionBudget } from './disruption-budget';
import { ImagePullPolicy, PodAntiAffinityPolicy, WebhookFailurePolicy } from './enums';
import { ControlPlaneServiceOptions, ControlPlaneToleration, ReplicatedServiceOptions } from './options';
import { TrustBundle } from './trust-bundle';
import { LogLevel } from '../app/enums';
import { ConfigurationMtlsOptions } from '../config/configuration-options';

/**
 * What the sidecar injector puts into every daprd container it injects.
 */
export interface SidecarInjectionDefaults {
  /**
   * The daprd image, pinned by tag or digest.
   * @default - "<registry>/daprd:<version>"
   */
  readonly image?: string;
  /**
   * Pull policy of the daprd image.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Run daprd as a non-root user. `false` is an opt-out of Pod Security Standards "restricted".
   * @default true
   */
  readonly runAsNonRoot?: boolean;
  /**
   * Mount daprd's root filesystem read-only.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Drop every Linux capability of daprd, as Pod Security Standards "restricted" requires.
   * Dapr's chart leaves this off; this library turns it on. `false` is the opt-out.
   * @default true
   */
  readonly dropAllCapabilities?: boolean;
  /**
   * Inject daprd as a native sidecar (an init container with `restartPolicy: Always`, Kubernetes 1.29+).
   * @default false
   */
  readonly nativeSidecar?: boolean;
  /**
   * Pass pod name and namespace to daprd through the Kubernetes downward API.
   * @default false
   */
  readonly enableKubernetesDownwardApis?: boolean;
}

/**
 * Props of the placement service.
 */
export interface PlacementOptions extends ControlPlaneServiceOptions {
  /**
   * Where the HA raft log lives (only used with `ha: true`; a single replica keeps it in memory).
   * @default ControlPlaneStorage.persistent({ size: '1Gi' })
   */
  readonly raftLogStorage?: ControlPlaneStorage;
}

/**
 * Props of the scheduler service.
 */
export interface SchedulerOptions extends ControlPlaneServiceOptions {
  /**
   * Replicas of the embedded etcd cluster; odd, so a majority survives a failure.
   * @default 3 (with and without HA, like Dapr's chart)
   */
  readonly replicas?: number;
  /**
   * Where the embedded etcd keeps jobs, reminders and workflow timers.
   * @default ControlPlaneStorage.persistent({ size: '16Gi' })
   */
  readonly storage?: ControlPlaneStorage;
}

/**
 * Props of `DaprControlPlane`. Every default matches Dapr's Helm chart, except where the chart is
 * not secure by default (noted on the prop).
 */
export interface DaprControlPlaneProps {
  /**
   * The Dapr release to run.
   * @default DaprVersion.LATEST
   */
  readonly version?: DaprVersion;
  /**
   * The namespace of the control plane.
   * @default "dapr-system"
   */
  readonly namespace?: string;
  /**
   * Synthesize the Namespace object. Turn off when the namespace is created elsewhere.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Label the synthesized Namespace `pod-security.kubernetes.io/enforce: restricted`;
   * every control plane pod meets that profile.
   * @default true
   */
  readonly enforcePodSecurityStandard?: boolean;
  /**
   * The image registry (and path) of every Dapr image.
   * @default "ghcr.io/dapr"
   */
  readonly registry?: string;
  /**
   * Pull policy of the control plane images.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Names of Secrets (in the control plane namespace) to pull the images with.
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * High availability: `haReplicas` of the operator, sentry and injector, three placement
   * replicas with a persistent raft log, pod anti-affinity and PodDisruptionBudgets.
   * @default false
   */
  readonly ha?: boolean;
  /**
   * Replicas of the operator, sentry and injector with HA on.
   * @default 3
   */
  readonly haReplicas?: number;
  /**
   * The node label replicas are spread over with HA on.
   * @default "topology.kubernetes.io/zone"
   */
  readonly haTopologyKey?: string;
  /**
   * Whether spreading replicas is preferred or required.
   * @default PodAntiAffinityPolicy.PREFERRED
   */
  readonly haPodAntiAffinity?: PodAntiAffinityPolicy;
  /**
   * The PodDisruptionBudget of each replicated service (HA services and the scheduler).
   * @default DisruptionBudget.DEFAULT (maxUnavailable 25%)
   */
  readonly disruptionBudget?: DisruptionBudget;
  /**
   * Log verbosity of every control plane service (override per service).
   * @default LogLevel.INFO
   */
  readonly logLevel?: LogLevel;
  /**
   * Log in JSON instead of text.
   * @default false
   */
  readonly logAsJson?: boolean;
  /**
   * mTLS between sidecars and the control plane, written to the `daprsystem` Configuration.
   * Turning it off is an explicit opt-out.
   * @default - enabled, workload certificates valid 24h, 15m clock skew, trust domain "cluster.local"
   */
  readonly mtls?: ConfigurationMtlsOptions;
  /**
   * Where Sentry's root and issuer certificates come from.
   * @default TrustBundle.generatedBySentry()
   */
  readonly trustBundle?: TrustBundle;
  /**
   * Expose Prometheus metrics from every service.
   * @default true
   */
  readonly metrics?: boolean;
  /**
   * The metrics port of every service.
   * @default 9090
   */
  readonly metricsPort?: number;
  /**
   * Annotate pods and Services with `prometheus.io/scrape|port|path` (when metrics are on).
   * @default true
   */
  readonly prometheusAnnotations?: boolean;
  /**
   * Node selector of every control plane pod (they always select `kubernetes.io/os: linux` too).
   * @default - none
   */
  readonly nodeSelector?: { [label: string]: string };
  /**
   * Tolerations of every control plane pod.
   * @default - none
   */
  readonly tolerations?: ControlPlaneToleration[];
  /**
   * PriorityClass of every control plane pod, e.g. "system-cluster-critical".
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * Extra labels on every object and pod.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Extra annotations on every control plane pod.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * The DNS domain of the cluster.
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
  /**
   * What happens to a pod when the injector webhook cannot be reached.
   * @default WebhookFailurePolicy.IGNORE
   */
  readonly webhookFailurePolicy?: WebhookFailurePolicy;
  /**
   * What the injector puts into every injected daprd.
   * @default - Dapr's defaults, with all capabilities dropped
   */
  readonly sidecar?: SidecarInjectionDefaults;
  /**
   * Let the default ServiceAccount of `secretReaderNamespace` read every Secret there, so apps
   * running as that account can use Dapr's secrets API on the built-in Kubernetes store (Dapr's
   * chart does this by default). Off by default here: least privilege; grant apps their own
   * ServiceAccount a Role for the Secrets they need instead. Component `secretKeyRef`s do not
   * need it (the operator resolves them).
   * @default false
   */
  readonly secretReader?: boolean;
  /**
   * The namespace of the secret-reader Role.
   * @default "default"
   */
  readonly secretReaderNamespace?: string;
  /**
   * The operator.
   * @default - Dapr's defaults
   */
  readonly operator?: ReplicatedServiceOptions;
  /**
   * The sidecar injector.
   * @default - Dapr's defaults
   */
  readonly sidecarInjector?: ReplicatedServiceOptions;
  /**
   * Sentry, the certificate authority.
   * @default - Dapr's defaults
   */
  readonly sentry?: ReplicatedServiceOptions;
  /**
   * The actor placement service.
   * @default - Dapr's defaults
   */
  readonly placement?: PlacementOptions;
  /**
   * The scheduler (jobs, reminders, workflow timers).
   * @default - Dapr's defaults
   */
  readonly scheduler?: SchedulerOptions;
}
