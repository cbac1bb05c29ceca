import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DNS_LABEL_RULE, fail, isDnsLabel } from './validation';

/** The namespace Kubernetes puts an object in when neither the object nor its chart names one. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * The namespace an object created in `scope` lands in: the explicit one, else the chart's,
 * else `default`. Scoping checks compare these resolved names.
 */
export function resolveNamespace(scope: IConstruct, explicit?: string): string {
  const namespace = explicit ?? Chart.of(scope).namespace ?? DEFAULT_NAMESPACE;
  // cdk8s takes any chart namespace; the API server only takes RFC 1123 labels.
  if (!isDnsLabel(namespace)) {
    fail(scope, 'namespace', namespace, `${DNS_LABEL_RULE}${explicit === undefined ? ' (this is the chart\'s namespace)' : ''}`);
  }
  return namespace;
}
