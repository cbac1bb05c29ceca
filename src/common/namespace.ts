import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/** The namespace Kubernetes puts an object in when neither the object nor its chart names one. */
export const DEFAULT_NAMESPACE = 'default';

/**
 * The namespace an object created in `scope` lands in: the explicit one, else the chart's,
 * else `default`. Scoping checks compare these resolved names.
 */
export function resolveNamespace(scope: IConstruct, explicit?: string): string {
  return explicit ?? Chart.of(scope).namespace ?? DEFAULT_NAMESPACE;
}
