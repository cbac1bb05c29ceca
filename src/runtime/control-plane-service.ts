import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ControlPlaneContext } from './control-plane-context';
import { ServiceIdentity } from './rbac';

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

/** Name, labels and annotations of a Service. */
interface ServiceMetadata {
  readonly name: string;
  readonly labels: { [key: string]: string };
  readonly annotations?: { [key: string]: string };
}

/** Shared shape of the five services. @internal */
export abstract class ControlPlaneService extends Construct implements IDaprControlPlaneService {
  public abstract readonly workloadName: string;
  public abstract readonly workload: ApiObject;
  public abstract readonly identity: ServiceIdentity;
  public readonly services: ApiObject[] = [];
  public podDisruptionBudget?: ApiObject;

  public get serviceAccount(): ApiObject {
    return this.identity.serviceAccount;
  }

  /** A PodDisruptionBudget selecting the service's pods the way Dapr's chart does. */
  protected addDisruptionBudget(ctx: ControlPlaneContext, name: string, app: string, component: string): void {
    this.podDisruptionBudget = new ApiObject(this, 'PodDisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: ctx.namespace, labels: ctx.objectLabels(component, { app }) },
      spec: {
        [ctx.disruptionBudget.field]: /%$/.test(ctx.disruptionBudget.value) ? ctx.disruptionBudget.value : parseInt(ctx.disruptionBudget.value, 10),
        selector: { matchLabels: { ...ctx.labels, app, ...ctx.standardLabels(component) } },
      },
    });
  }

  /** A Service of the control plane namespace. */
  protected addService(ctx: ControlPlaneContext, id: string, metadata: ServiceMetadata, spec: object): ApiObject {
    const svc = new ApiObject(this, id, {
      apiVersion: 'v1', kind: 'Service', metadata: { namespace: ctx.namespace, ...metadata }, spec,
    });
    this.services.push(svc);
    return svc;
  }
}

