// The public part of the bottom layer: the references every upper folder accepts, and the
// value classes more than one folder takes. The rest of core is internal.
export type { IDaprApp } from './dapr-app-ref';
export type { IConfiguration, IDaprComponentRef, InvocationAccessOptions } from './refs';
export type { ISecretStore } from './secret-store-ref';
export { MetadataValue } from './metadata-value';
export type { SecretKeyRef } from './metadata-value';
export { SidecarResources } from './sidecar-resources';
export type { SidecarResourcesProps } from './sidecar-resources';
export { ImageReference } from './image-reference';
export { HttpVerb, LogLevel, SeccompProfile } from './enums';
export type { SidecarSecretEnv } from './secret-env';
export { DaprResource, ScopedDaprResource } from './dapr-resource';
export type { DaprResourceObjectOptions, DaprResourceProps, ScopedDaprResourceObjectOptions } from './dapr-resource';
