import { Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { ServiceType } from './enums';
import { LogLevel } from '../core/enums';

/**
 * CPU and memory of one control plane container. Quantities use Kubernetes notation.
 */
export interface ControlPlaneResources {
  /**
   * CPU request, e.g. "100m".
   * @default - none
   */
  readonly cpuRequest?: string;
  /**
   * Memory request, e.g. "128Mi".
   * @default - none
   */
  readonly memoryRequest?: string;
  /**
   * CPU limit, e.g. "2".
   * @default - the service's default (see `ControlPlaneServiceOptions.resources`)
   */
  readonly cpuLimit?: string;
  /**
   * Remove the CPU limit (leaving `cpuLimit` unset keeps the default one). Cannot be combined
   * with `cpuLimit`.
   * @default false
   */
  readonly noCpuLimit?: boolean;
  /**
   * Memory limit, e.g. "512Mi".
   * @default - none
   */
  readonly memoryLimit?: string;
}

/**
 * A toleration of the control plane pods, to run them on tainted (e.g. dedicated system) nodes.
 */
export interface ControlPlaneToleration {
  /**
   * The taint key; empty with operator "Exists" tolerates every taint.
   * @default - every key (only with operator "Exists")
   */
  readonly key?: string;
  /**
   * "Equal" (key and value must match) or "Exists" (any value).
   * @default "Equal"
   */
  readonly operator?: string;
  /**
   * The taint value, for operator "Equal".
   * @default - empty
   */
  readonly value?: string;
  /**
   * The taint effect: "NoSchedule", "PreferNoSchedule" or "NoExecute".
   * @default - every effect
   */
  readonly effect?: string;
  /**
   * For "NoExecute": how long the pod stays after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/**
 * Settings shared by every control plane service.
 */
export interface ControlPlaneServiceOptions {
  /**
   * The service's image, pinned by tag or digest (never `latest` or untagged), e.g. the
   * `imageRef` of a `DaprImage` ("registry.acme.example/dapr/operator@sha256:<64 hex>").
   * Replaces `registry` and `version` for this one image; the container's command and args
   * stay Dapr's, so the image must hold the same Dapr binary. For the sidecar injector this is
   * the injector's own image; the daprd image it injects is `sidecar.image`.
   * @default - "<registry>/<name>:<version>", name being "operator", "injector", "sentry", "placement" or "scheduler"
   */
  readonly image?: string;
  /**
   * CPU and memory of the service's container, field by field over the defaults: setting the
   * memory limit keeps the default CPU request and limit; `noCpuLimit: true` removes the CPU limit.
   * @default - Dapr's production guidelines: CPU request (100m; 250m for placement and scheduler),
   *   CPU limit 1 for operator, injector, sentry and placement (none for the scheduler, whose embedded
   *   etcd must not be throttled), memory request (100Mi operator, 30Mi injector and sentry, 75Mi
   *   placement and scheduler), no memory limit
   */
  readonly resources?: ControlPlaneResources;
  /**
   * Log verbosity of this service.
   * @default - the control plane's `logLevel`
   */
  readonly logLevel?: LogLevel;
  /**
   * Extra annotations on the service's pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Annotations of the service's ServiceAccount, e.g. for workload identity
   * (`eks.amazonaws.com/role-arn`, `iam.gke.io/gcp-service-account`, `azure.workload.identity/client-id`).
   * @default - none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /**
   * Extra environment variables of the service's container. Literal values are for settings; a
   * variable whose name says it holds a credential (password, secret, token, key) must come from a
   * Secret (`valueFrom.secretKeyRef`).
   * @default - none
   */
  readonly extraEnv?: k8s.EnvVar[];
  /**
   * Extra pod volumes. Only volume types Pod Security Standards "restricted" admits (configMap, csi,
   * downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret).
   * @default - none
   */
  readonly extraVolumes?: k8s.Volume[];
  /**
   * Extra mounts of the service's container; each names a volume of the pod.
   * @default - none
   */
  readonly extraVolumeMounts?: k8s.VolumeMount[];
  /**
   * Init containers of the service's pods. Containers without a `securityContext` get the control
   * plane's restricted one.
   * @default - none
   */
  readonly initContainers?: k8s.Container[];
  /**
   * Liveness and readiness probe timings.
   * @default - Dapr's: liveness after 180s every 10s, 5 failures; readiness after 1s every 1s, 3 failures
   */
  readonly probes?: ControlPlaneProbes;
}

/**
 * Probe timings of a control plane container (both probes call `/healthz`).
 */
export interface ControlPlaneProbes {
  /**
   * Delay before the first liveness probe.
   * @default Duration.seconds(180)
   */
  readonly livenessInitialDelay?: Duration;
  /**
   * Interval of liveness probes.
   * @default Duration.seconds(10)
   */
  readonly livenessPeriod?: Duration;
  /**
   * Failed liveness probes in a row before the container is restarted.
   * @default 5
   */
  readonly livenessFailureThreshold?: number;
  /**
   * Delay before the first readiness probe.
   * @default Duration.seconds(1)
   */
  readonly readinessInitialDelay?: Duration;
  /**
   * Interval of readiness probes.
   * @default Duration.seconds(1)
   */
  readonly readinessPeriod?: Duration;
  /**
   * Failed readiness probes in a row before the pod is taken out of its Services.
   * @default 3
   */
  readonly readinessFailureThreshold?: number;
}

/**
 * How a control plane Service is exposed.
 */
export interface ControlPlaneServiceExposure {
  /**
   * The Service type.
   * @default ServiceType.CLUSTER_IP
   */
  readonly type?: ServiceType;
  /**
   * Extra annotations of the Service, e.g. for an internal load balancer.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * Settings of a control plane Deployment (operator, sidecar injector, sentry).
 */
export interface ReplicatedServiceOptions extends ControlPlaneServiceOptions {
  /**
   * Replicas when HA is off; with HA on, `haReplicas` applies.
   * @default 1
   */
  readonly replicas?: number;
}
