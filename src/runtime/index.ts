export { DaprVersion } from './dapr-version';
export { ImagePullPolicy, PodAntiAffinityPolicy, RemindersService, ServiceType, WebhookFailurePolicy } from './enums';
export {
  ControlPlaneProbes, ControlPlaneResources, ControlPlaneServiceExposure, ControlPlaneServiceOptions,
  ControlPlaneToleration, ReplicatedServiceOptions,
} from './options';
export { ControlPlaneStorage, PersistentStorageOptions } from './control-plane-storage';
export { DisruptionBudget } from './disruption-budget';
export { ExistingTrustBundleOptions, TrustBundle } from './trust-bundle';
export { RuntimeManagedField } from './runtime-managed-field';
export {
  DaprControlPlaneProps, ExternalEtcdPasswordSecret, OperatorOptions, PlacementOptions, SchedulerEtcdTuning,
  SchedulerExternalEtcd, SchedulerOptions, SentryJwtOptions, SentryOidcOptions, SentryOptions,
  SidecarInjectionDefaults, SidecarInjectorOptions,
} from './dapr-control-plane-props';
export { IDaprControlPlaneService } from './control-plane-service';
export { DaprControlPlane } from './dapr-control-plane';
export { DaprCrds, DaprCrdsProps } from './dapr-crds';
