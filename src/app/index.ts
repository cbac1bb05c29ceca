export { IDaprApp } from './dapr-app-ref';
export { AppProtocol, InitEndpoint, LogLevel, SeccompProfile } from './enums';
export {
  AppHealthCheck, DaprSidecarOptions, PluggableComponentsOptions, SidecarActors, SidecarDebug, SidecarHttp,
  SidecarLogging, SidecarMetrics, SidecarNetworking, SidecarPorts, SidecarProbe, SidecarSecretEnv,
  SidecarSecurity, SidecarShutdown, SidecarVolumeMount,
} from './sidecar-options';
export { SidecarResources, SidecarResourcesProps } from './sidecar-resources';
export { AnnotateApiObjectOptions, InjectedPodOptions } from './sidecar-call-options';
export { DaprSidecar } from './dapr-sidecar';
export { DaprApp, DaprAppProps } from './dapr-app';
