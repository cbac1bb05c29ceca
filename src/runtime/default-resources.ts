import { ControlPlaneResources } from './options';

/**
 * Requests and CPU limits each control plane service gets when its `resources` prop is unset:
 * Dapr's production guidelines for Kubernetes (Dapr's chart sets none). No memory limits, as the
 * guidelines advise, so a busy control plane is not OOM-killed. The scheduler has no row there:
 * it starts from placement's requests and gets no CPU limit, because throttling its embedded etcd
 * delays heartbeats and triggers leader elections. `noCpuLimit: true` removes any other limit.
 */
export const DEFAULT_CONTROL_PLANE_RESOURCES: { readonly [service: string]: ControlPlaneResources } = {
  operator: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '100Mi' },
  sidecarInjector: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '30Mi' },
  sentry: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '30Mi' },
  placement: { cpuRequest: '250m', cpuLimit: '1', memoryRequest: '75Mi' },
  scheduler: { cpuRequest: '250m', memoryRequest: '75Mi' },
};
