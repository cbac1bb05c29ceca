export * from './policy';
export * from './manifest-validator';
export * from './dapr-validation';
export * from './helm-install-props';
