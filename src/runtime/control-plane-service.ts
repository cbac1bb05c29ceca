import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkAnnotations, ControlPlaneValues, controlPlanePolicyExemptions } from './control-plane-values';
import * as k8s from './kube';
import { ControlPlaneServiceOptions } from './options';
import { PodExtras } from './pod-extras';
import { affinity, containerSecurityContext, podMetadata, podScheduling, probes, resourceRequirements } from './pod-spec';
import { ServiceIdentity, ServiceIdentityProps } from './rbac';

/**
 * One service of the Dapr control plane, with its main objects exposed for escape hatches
 * (`svc.workload.addJsonPatch(...)`).
 */
export interface IDaprControlPlaneService extends IConstruct {
  /** The workload's name, e.g. "dapr-operator". */
  readonly workloadName: string;
  /** The Deployment or StatefulSet. */
  readonly workload: ApiObject;
  /** The ServiceAccount the pods run as. */
  readonly serviceAccount: ApiObject;
  /** The Services in front of the pods. */
  readonly services: ApiObject[];
  /**
   * The PodDisruptionBudget, when the service is replicated.
   * @default - none
   */
  readonly podDisruptionBudget?: ApiObject;
}

/** A Service in front of a control plane workload; it selects the workload's pods. @internal */
export interface ServiceDescription {
  /** The construct id. */
  readonly id: string;
  readonly name: string;
  /** Whether the Service carries the `app` label (Dapr's chart sets it on some). */
  readonly appLabel: boolean;
  readonly annotations?: { [key: string]: string };
  /** The spec, without the selector. */
  readonly spec: k8s.ServiceSpec;
}

/** The StatefulSet fields of a stateful service. @internal */
export interface StatefulDescription {
  readonly volumeClaimTemplates?: k8s.KubePersistentVolumeClaimProps[];
}

/**
 * What one control plane service is made of; everything else of its shape (labels, selectors,
 * image, probes, security context, resources, scheduling, budget) is common to the five.
 * @internal
 */
export interface WorkloadDescription {
  /** The workload's name, its pods' `app` label. */
  readonly name: string;
  /** `app.kubernetes.io/component`. */
  readonly component: string;
  /** Where the service's options are in DaprControlPlaneProps (error messages), e.g. "sidecarInjector". */
  readonly prop: string;
  /** The service's options. */
  readonly options: ControlPlaneServiceOptions;
  /** The image name of the binary, e.g. "injector"; also the pods' `dapr.io/control-plane` annotation. */
  readonly binary: string;
  readonly replicas: number;
  /** A StatefulSet (placement, scheduler) instead of a Deployment. */
  readonly stateful?: StatefulDescription;
  readonly identity: ServiceIdentityProps;
  readonly services: ServiceDescription[];
  /** The container's own fields; name, image, probes, security context and resources are common. */
  readonly container: Pick<k8s.Container, 'command' | 'args' | 'env' | 'ports' | 'volumeMounts'>;
  /** The pod's own volumes, before the extra ones. */
  readonly volumes: k8s.Volume[];
  /** The operator's additions (extra env, volumes, mounts, init containers). */
  readonly extras: PodExtras;
  /** Where the extra variables go in the container's env (the injector's chart writes them after the third). */
  readonly extraEnvIndex?: number;
  readonly podSecurityContext?: k8s.PodSecurityContext;
  readonly hostNetwork?: boolean;
  /** Spread the replicas over the topology key. */
  readonly spread: boolean;
  /** Whether the spread follows `haPodAntiAffinity` (else it is preferred). */
  readonly spreadFollowsPolicy?: boolean;
  /** The PodDisruptionBudget's name, when the service gets one. */
  readonly disruptionBudget?: string;
  /** Objects created after the RBAC and before the Services (sentry's trust bundle). */
  readonly beforeServices?: () => void;
}

/**
 * The one skeleton of the five services: ServiceAccount and RBAC, Services, the Deployment or
 * StatefulSet, and the PodDisruptionBudget, built from a `WorkloadDescription`, in the order
 * Dapr's chart lists them.
 * @internal
 */
export abstract class ControlPlaneService extends Construct implements IDaprControlPlaneService {
  public readonly workloadName: string;
  public readonly services: ApiObject[] = [];
  private _workload?: ApiObject;
  private _budget?: ApiObject;
  private _identity?: ServiceIdentity;

  protected constructor(scope: Construct, id: string, name: string) {
    super(scope, id);
    this.workloadName = name;
  }

  public get workload(): ApiObject {
    return this._workload!;
  }

  public get identity(): ServiceIdentity {
    return this._identity!;
  }

  public get podDisruptionBudget(): ApiObject | undefined {
    return this._budget;
  }

  public get serviceAccount(): ApiObject {
    return this.identity.serviceAccount;
  }

  /** Builds the service's objects; called once from the subclass's constructor, after validation. */
  protected build(values: ControlPlaneValues, d: WorkloadDescription): void {
    const { name: app, component, prop, options } = d;
    this._identity = new ServiceIdentity(this, 'Rbac', values, d.identity);
    d.beforeServices?.();
    const selector = { app };
    for (const s of d.services) {
      this.services.push(new ApiObject(this, s.id, k8s.KubeService.manifest({
        metadata: {
          name: s.name,
          namespace: values.namespace,
          labels: values.objectLabels(component, s.appLabel ? { app } : {}),
          annotations: s.annotations && Object.keys(s.annotations).length ? s.annotations : undefined,
        },
        spec: { ...s.spec, selector },
      })));
    }

    const resources = values.resources(`${prop}.resources`, options.resources);
    const env = d.container.env ?? [];
    const at = d.extraEnvIndex ?? env.length;
    const template: k8s.PodTemplateSpec = {
      metadata: podMetadata(values, app, component, d.binary, checkAnnotations(this, `${prop}.podAnnotations`, options.podAnnotations)),
      spec: {
        hostNetwork: d.hostNetwork || undefined,
        securityContext: d.podSecurityContext,
        serviceAccountName: d.identity.name,
        initContainers: d.extras.initContainers,
        containers: [{
          name: app,
          ...probes(values.probeTimings(prop, options.probes)),
          image: values.serviceImage(this, prop, d.binary, options.image),
          imagePullPolicy: values.imagePullPolicy,
          securityContext: containerSecurityContext(values),
          command: d.container.command,
          args: d.container.args,
          env: [...env.slice(0, at), ...d.extras.env, ...env.slice(at)],
          ports: d.container.ports,
          resources: resourceRequirements(resources),
          volumeMounts: [...d.container.volumeMounts ?? [], ...d.extras.mounts],
        }],
        volumes: [...d.volumes, ...d.extras.volumes],
        affinity: affinity(values, app, d.spread, d.spreadFollowsPolicy),
        ...podScheduling(values),
      },
    };
    const metadata: k8s.ObjectMeta = {
      name: app,
      namespace: values.namespace,
      labels: values.objectLabels(component, { app }),
      annotations: controlPlanePolicyExemptions(resources, d.hostNetwork),
    };
    this._workload = d.stateful
      ? new ApiObject(this, 'StatefulSet', withClaimKinds(k8s.KubeStatefulSet.manifest({
        metadata,
        spec: {
          replicas: d.replicas,
          serviceName: app,
          podManagementPolicy: 'Parallel',
          selector: { matchLabels: selector },
          template,
          volumeClaimTemplates: d.stateful.volumeClaimTemplates,
        },
      })))
      : new ApiObject(this, 'Deployment', k8s.KubeDeployment.manifest({
        metadata,
        spec: { replicas: d.replicas, selector: { matchLabels: selector }, template },
      }));

    if (d.disruptionBudget !== undefined) {
      const budget = values.disruptionBudget;
      const count = /%$/.test(budget.value) ? k8s.IntOrString.fromString(budget.value) : k8s.IntOrString.fromNumber(parseInt(budget.value, 10));
      this._budget = new ApiObject(this, 'PodDisruptionBudget', k8s.KubePodDisruptionBudget.manifest({
        metadata: { name: d.disruptionBudget, namespace: values.namespace, labels: values.objectLabels(component, { app }) },
        spec: {
          [budget.field as 'maxUnavailable']: count,
          selector: { matchLabels: { ...values.labels, app, ...values.standardLabels(component) } },
        },
      }));
    }
  }
}

/**
 * The StatefulSet's claim templates with `apiVersion` and `kind`, as Dapr's chart writes them:
 * the typed props of a claim template (`KubePersistentVolumeClaimProps`) have neither.
 */
function withClaimKinds(manifest: any): any {
  const templates = manifest.spec.volumeClaimTemplates as object[] | undefined;
  if (templates) {
    manifest.spec.volumeClaimTemplates = templates.map((t) => ({ ...k8s.KubePersistentVolumeClaim.GVK, ...t }));
  }
  return manifest;
}
