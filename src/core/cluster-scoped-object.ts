import { ApiObject } from 'cdk8s';

/**
 * An ApiObject that never carries `metadata.namespace`: cdk8s copies the chart's namespace onto
 * every object, which is wrong for cluster-scoped kinds (CRDs, ClusterRoles, webhooks) and makes
 * GitOps tools report a difference against the live object forever.
 */
export class ClusterScopedApiObject extends ApiObject {
  public toJson(): any {
    const json = super.toJson();
    if (json.metadata) {
      delete json.metadata.namespace;
    }
    return json;
  }
}
