// The public part of the bottom layer: the references every upper folder accepts, and the
// value classes more than one folder takes. The rest of core is internal.
export { DEFAULT_NAMESPACE } from './namespace';
export { IDaprApp } from './dapr-app-ref';
export { IConfiguration, IDaprComponentRef, InvocationAccessOptions } from './refs';
export { ISecretStore } from './secret-store-ref';
export * from './metadata-value';
export * from './sidecar-resources';
export { ImageReference } from './image-reference';
export { HttpVerb, LogLevel, SeccompProfile } from './enums';
export { SidecarSecretEnv } from './secret-env';
export {
  DaprResource, DaprResourceObjectOptions, DaprResourceProps, ScopedDaprResource, ScopedDaprResourceObjectOptions,
} from './dapr-resource';
