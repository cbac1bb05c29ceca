export * from './dapr-namespace';
export * from './dapr-stage';
export * from './dapr-staged-output';
export * from './flux-kustomization-props';
