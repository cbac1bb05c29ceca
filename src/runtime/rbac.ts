import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ControlPlaneValues } from './control-plane-values';
import * as k8s from './kube';
import { ClusterScopedApiObject } from '../core/cluster-scoped-object';

/** One RBAC policy rule. */
export type PolicyRule = k8s.PolicyRule;

/** The RBAC a control plane identity is granted. @internal */
export interface ServiceIdentityProps {
  /** The ServiceAccount's name, and the roles' unless `clusterRoleName` is set. */
  readonly name: string;
  readonly clusterRoleName?: string;
  /** Rules of a ClusterRole bound to the account; none without. */
  readonly clusterRules?: PolicyRule[];
  /** Rules of a Role in the control plane namespace bound to the account; none without. */
  readonly namespacedRules?: PolicyRule[];
  /** Annotations of the ServiceAccount (workload identity). */
  readonly serviceAccountAnnotations?: { [key: string]: string };
}

/**
 * The RBAC objects of one control plane identity: a ServiceAccount, and a ClusterRole and/or a
 * namespaced Role bound to it. Rules are listed exactly as narrow as Dapr's chart grants them.
 */
export class ServiceIdentity extends Construct {
  public readonly serviceAccount: ApiObject;
  public readonly clusterRole?: ApiObject;
  public readonly role?: ApiObject;

  constructor(scope: Construct, id: string, values: ControlPlaneValues, props: ServiceIdentityProps) {
    super(scope, id);
    const labels = values.objectLabels('rbac');
    const subjects: k8s.Subject[] = [{ kind: 'ServiceAccount', name: props.name, namespace: values.namespace }];
    const annotations = props.serviceAccountAnnotations ?? {};
    this.serviceAccount = new ApiObject(this, 'ServiceAccount', k8s.KubeServiceAccount.manifest({
      metadata: {
        name: props.name,
        namespace: values.namespace,
        annotations: Object.keys(annotations).length ? { ...annotations } : undefined,
        labels,
      },
    }));
    if (props.clusterRules) {
      const name = props.clusterRoleName ?? props.name;
      this.clusterRole = new ClusterScopedApiObject(this, 'ClusterRole', k8s.KubeClusterRole.manifest({ metadata: { name, labels }, rules: props.clusterRules }));
      new ClusterScopedApiObject(this, 'ClusterRoleBinding', k8s.KubeClusterRoleBinding.manifest({
        metadata: { name, labels },
        subjects,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      }));
    }
    if (props.namespacedRules) {
      this.role = new ApiObject(this, 'Role', k8s.KubeRole.manifest({ metadata: { name: props.name, namespace: values.namespace, labels }, rules: props.namespacedRules }));
      new ApiObject(this, 'RoleBinding', k8s.KubeRoleBinding.manifest({
        metadata: { name: props.name, namespace: values.namespace, labels },
        subjects,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: props.name },
      }));
    }
  }
}
