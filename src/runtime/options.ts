import { LogLevel } from '../app/enums';

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
   * CPU limit, e.g. "1".
   * @default - none
   */
  readonly cpuLimit?: string;
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
   * memory limit keeps the default CPU request and limit.
   * @default - Dapr's production guidelines: CPU request (100m; 250m for placement and scheduler) and
   *   limit (1), memory request (100Mi operator, 30Mi injector and sentry, 75Mi placement and scheduler), no memory limit
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
