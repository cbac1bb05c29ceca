/**
 * The annotation that exempts a workload from named workload-policy rules, comma-separated
 * (see `checkWorkloadPolicy`). A leaf module, so constructs can set it without importing the checks.
 */
export const POLICY_EXEMPTIONS_ANNOTATION = 'policy.cdk8s-dapr.io/exemptions';
