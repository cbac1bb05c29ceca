import { checkWorkloadPolicy, POLICY_EXEMPTIONS_ANNOTATION, POLICY_RULES, PolicyViolation } from './policy';

/**
 * The workload policy (the Pod Security Standards "restricted" profile and the common kube-score /
 * kube-linter checks) for objects you already have, a parsed YAML file say. `DaprValidation` runs
 * the same checks over what an app synthesizes.
 */
export class WorkloadPolicy {
  /**
   * The annotation that exempts a workload from named rules: `"<rule>,<rule>"` on the
   * workload's own metadata.
   */
  public static readonly EXEMPTIONS_ANNOTATION: string = POLICY_EXEMPTIONS_ANNOTATION;

  /** The rule ids, with what each demands. */
  public static readonly RULES: { [rule: string]: string } = POLICY_RULES;

  /**
   * Checks every workload in `manifests` and lists each violation.
   * @param manifests Kubernetes objects as plain JSON (e.g. the documents of a parsed YAML file)
   */
  public static check(manifests: any[]): PolicyViolation[] {
    return checkWorkloadPolicy(manifests);
  }

  private constructor() {}
}
