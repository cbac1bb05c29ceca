export * from './dapr-app-ref';
export * from './enums';
export * from './sidecar-options';
export * from './sidecar-resources';
export * from './sidecar-call-options';
export * from './dapr-sidecar';
export * from './dapr-app';
