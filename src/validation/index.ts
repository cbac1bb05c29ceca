export { PolicyViolation } from './policy';
export { ManifestProblem, ManifestValidator, ManifestValidatorProps } from './manifest-validator';
export { DaprValidation, DaprValidationProps } from './dapr-validation';
export { WorkloadPolicy } from './workload-policy';
