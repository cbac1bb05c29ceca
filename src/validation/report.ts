import { ManifestValidator } from './manifest-validator';
import { checkWorkloadPolicy } from './policy';

/**
 * Every schema problem and policy violation of the objects of one document (a chart or a file),
 * one line each, as `DaprValidation` and `cdk8s-dapr-validate` report them.
 *
 * @param validator the schema check, or undefined to skip it
 * @param policy whether to check the workload policy
 * @param positions the position of each object in its document, when it is not its index + 1
 *   (a YAML file with empty or broken documents)
 */
export function manifestProblems(
  objects: any[], document: string, validator: ManifestValidator | undefined, policy: boolean, positions?: number[],
): string[] {
  const lines = (validator?.validate(objects, document, positions) ?? []).map((p) => `${p.document} ${p.object} ${p.path}: ${p.message}`);
  if (policy) {
    lines.push(...checkWorkloadPolicy(objects).map((v) => `${document} ${v.object} ${v.path}: [${v.rule}] ${v.message}`));
  }
  return lines;
}
