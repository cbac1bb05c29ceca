export { AppProtocol, InitEndpoint } from './enums';
export type {
  AppHealthCheck, DaprSidecarOptions, PluggableComponentsOptions, SidecarActors, SidecarDebug, SidecarHttp,
  SidecarLogging, SidecarMetrics, SidecarNetworking, SidecarPorts, SidecarProbe,
  SidecarSecurity, SidecarShutdown, SidecarVolumeMount,
} from './sidecar-options';
export type { AnnotateApiObjectOptions, InjectedPodOptions } from './sidecar-call-options';
export { DaprSidecar } from './dapr-sidecar';
export { DaprApp } from './dapr-app';
export type { DaprAppProps } from './dapr-app';
export type { AppResiliencyOptions } from './app-wiring';
