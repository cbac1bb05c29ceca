

export type { PolicyViolation } from './policy';
export { ManifestValidator } from './manifest-validator';
export type { ManifestProblem, ManifestValidatorProps } from './manifest-validator';
export { DaprValidation } from './dapr-validation';
export type { DaprValidationProps } from './dapr-validation';
export { WorkloadPolicy } from './workload-policy';
export type { DaprHelmInstall } from './helm-install-props';
