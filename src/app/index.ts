export * from './enums';
export * from './sidecar-options';
export * from './sidecar-call-options';
export * from './dapr-sidecar';
export * from './dapr-app';
export { AppResiliencyOptions } from './app-wiring';
