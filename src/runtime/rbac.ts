import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ControlPlaneContext } from './control-plane-context';
import { ClusterScopedApiObject } from '../core/cluster-scoped-object';

/** One RBAC policy rule. */
export interface PolicyRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
}

const RBAC = 'rbac.authorization.k8s.io/v1';

/**
 * The RBAC objects of one control plane identity: a ServiceAccount, and a ClusterRole and/or a
 * namespaced Role bound to it. Rules are listed exactly as narrow as Dapr's chart grants them.
 */
export class ServiceIdentity extends Construct {
  public readonly serviceAccount: ApiObject;
  public readonly clusterRole?: ApiObject;
  public readonly role?: ApiObject;

  constructor(scope: Construct, id: string, ctx: ControlPlaneContext, props: {
    readonly name: string;
    readonly clusterRoleName?: string;
    readonly clusterRules?: PolicyRule[];
    readonly namespacedRules?: PolicyRule[];
    /** Annotations of the ServiceAccount (workload identity). */
    readonly serviceAccountAnnotations?: { [key: string]: string };
  }) {
    super(scope, id);
    const labels = ctx.objectLabels('rbac');
    const subject = { kind: 'ServiceAccount', name: props.name, namespace: ctx.namespace };
    this.serviceAccount = new ApiObject(this, 'ServiceAccount', {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: {
        name: props.name,
        namespace: ctx.namespace,
        annotations: Object.keys(props.serviceAccountAnnotations ?? {}).length ? { ...props.serviceAccountAnnotations } : undefined,
        labels,
      },
    });
    if (props.clusterRules) {
      const name = props.clusterRoleName ?? props.name;
      this.clusterRole = new ClusterScopedApiObject(this, 'ClusterRole', {
        apiVersion: RBAC, kind: 'ClusterRole', metadata: { name, labels }, rules: props.clusterRules.map(rule),
      });
      new ClusterScopedApiObject(this, 'ClusterRoleBinding', {
        apiVersion: RBAC,
        kind: 'ClusterRoleBinding',
        metadata: { name, labels },
        subjects: [subject],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      });
    }
    if (props.namespacedRules) {
      this.role = new ApiObject(this, 'Role', {
        apiVersion: RBAC, kind: 'Role', metadata: { name: props.name, namespace: ctx.namespace, labels }, rules: props.namespacedRules.map(rule),
      });
      new ApiObject(this, 'RoleBinding', {
        apiVersion: RBAC,
        kind: 'RoleBinding',
        metadata: { name: props.name, namespace: ctx.namespace, labels },
        subjects: [subject],
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: props.name },
      });
    }
  }
}

function rule(r: PolicyRule): object {
  return { apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs], resourceNames: r.resourceNames && [...r.resourceNames] };
}
