import { frozenValues, knownValue } from '../core/enum-like';

/**
 * What the API server does with a pod when the sidecar injector's webhook cannot be reached.
 */
export class WebhookFailurePolicy {
  /** Admit the pod without a sidecar (Dapr's default: an outage of the injector does not block deployments). */
  public static readonly IGNORE = new WebhookFailurePolicy('Ignore');
  /** Refuse the pod: no Dapr-annotated pod ever starts without its sidecar. */
  public static readonly FAIL = new WebhookFailurePolicy('Fail');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: WebhookFailurePolicy[] = frozenValues([WebhookFailurePolicy.IGNORE, WebhookFailurePolicy.FAIL]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): WebhookFailurePolicy {
    return knownValue('WebhookFailurePolicy', value, WebhookFailurePolicy.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * When the kubelet pulls an image.
 */
export class ImagePullPolicy {
  /** Pull only when the node does not have the image (Dapr's default; tags are pinned). */
  public static readonly IF_NOT_PRESENT = new ImagePullPolicy('IfNotPresent');
  /** Pull on every container start. */
  public static readonly ALWAYS = new ImagePullPolicy('Always');
  /** Never pull; the image must be preloaded on the node. */
  public static readonly NEVER = new ImagePullPolicy('Never');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: ImagePullPolicy[] = frozenValues([ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.ALWAYS, ImagePullPolicy.NEVER]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): ImagePullPolicy {
    return knownValue('ImagePullPolicy', value, ImagePullPolicy.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * How strictly replicas of a control plane service are spread over the HA topology key.
 */
export class PodAntiAffinityPolicy {
  /** Spread when possible, co-locate when not (Dapr's default). */
  public static readonly PREFERRED = new PodAntiAffinityPolicy('preferredDuringSchedulingIgnoredDuringExecution');
  /** Never co-locate: a replica stays Pending when no other zone/node is free. */
  public static readonly REQUIRED = new PodAntiAffinityPolicy('requiredDuringSchedulingIgnoredDuringExecution');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: PodAntiAffinityPolicy[] = frozenValues([PodAntiAffinityPolicy.PREFERRED, PodAntiAffinityPolicy.REQUIRED]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): PodAntiAffinityPolicy {
    return knownValue('PodAntiAffinityPolicy', value, PodAntiAffinityPolicy.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * The type of a control plane Service.
 */
export class ServiceType {
  /** Reachable inside the cluster only (Dapr's default). */
  public static readonly CLUSTER_IP = new ServiceType('ClusterIP');
  /** Also on a port of every node. */
  public static readonly NODE_PORT = new ServiceType('NodePort');
  /** Also through the cloud's load balancer; annotate it to keep it internal. */
  public static readonly LOAD_BALANCER = new ServiceType('LoadBalancer');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: ServiceType[] = frozenValues([ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): ServiceType {
    return knownValue('ServiceType', value, ServiceType.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * The control plane service sidecars keep actor reminders in (the injector's `REMINDERS_SERVICE_NAME`).
 */
export class RemindersService {
  /** The scheduler. */
  public static readonly SCHEDULER = new RemindersService('scheduler', 'dapr-scheduler-server:50006');
  /** The placement service. */
  public static readonly PLACEMENT = new RemindersService('placement', 'dapr-placement-server:50005');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: RemindersService[] = frozenValues([RemindersService.SCHEDULER, RemindersService.PLACEMENT]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): RemindersService {
    return knownValue('RemindersService', value, RemindersService.ALL);
  }

  private constructor(
    /** The service name the injector passes to daprd. */
    public readonly value: string,
    /** Its in-cluster address (charts/dapr/templates/_address_*.tpl). */
    public readonly address: string) {}
}
