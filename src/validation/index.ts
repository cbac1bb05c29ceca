export * from './policy';
export * from './manifest-validator';
export * from './dapr-validation';
