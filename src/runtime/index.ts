export { DaprVersion } from './dapr-version';
export { ImagePullPolicy, PodAntiAffinityPolicy, RemindersService, ServiceType, WebhookFailurePolicy } from './enums';
export type {
  ControlPlaneProbes, ControlPlaneResources, ControlPlaneServiceExposure, ControlPlaneServiceOptions,
  ControlPlaneToleration, ReplicatedServiceOptions,
} from './options';
export { ControlPlaneStorage } from './control-plane-storage';
export type { PersistentStorageOptions } from './control-plane-storage';
export { DisruptionBudget } from './disruption-budget';
export { TrustBundle } from './trust-bundle';
export type { ExistingTrustBundleOptions } from './trust-bundle';
export type { RuntimeManagedField } from './runtime-managed-field';
export type {
  DaprControlPlaneProps, ExternalEtcdPasswordSecret, OperatorOptions, PlacementOptions, SchedulerEtcdTuning,
  SchedulerExternalEtcd, SchedulerOptions, SentryJwtOptions, SentryOidcOptions, SentryOptions,
  SidecarInjectionDefaults, SidecarInjectorOptions,
} from './dapr-control-plane-props';
export type { IDaprControlPlaneService } from './control-plane-service';
export { DaprControlPlane } from './dapr-control-plane';
export { DaprCrds } from './dapr-crds';
export type { DaprCrdsProps } from './dapr-crds';
