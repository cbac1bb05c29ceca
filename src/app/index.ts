export type { IDaprApp } from './dapr-app-ref';
export { AppProtocol, InitEndpoint, LogLevel, SeccompProfile } from './enums';
export type {
  AppHealthCheck, DaprSidecarOptions, PluggableComponentsOptions, SidecarActors, SidecarDebug, SidecarHttp,
  SidecarLogging, SidecarMetrics, SidecarNetworking, SidecarPorts, SidecarProbe, SidecarSecretEnv,
  SidecarSecurity, SidecarShutdown, SidecarVolumeMount,
} from './sidecar-options';
export { SidecarResources } from './sidecar-resources';
export type { SidecarResourcesProps } from './sidecar-resources';
export type { AnnotateApiObjectOptions, InjectedPodOptions } from './sidecar-call-options';
export { DaprSidecar } from './dapr-sidecar';
export { DaprApp } from './dapr-app';
export type { DaprAppProps } from './dapr-app';
