import { ControlPlaneResources } from './options';

/**
 * Requests and CPU limits each control plane service gets when its `resources` prop is unset:
 * Dapr's production guidelines (Dapr's chart sets none). No memory limits, as the guidelines
 * advise, so a busy control plane is not OOM-killed; the scheduler has no row there and starts
 * from placement's values.
 */
export const DEFAULT_CONTROL_PLANE_RESOURCES: { readonly [service: string]: ControlPlaneResources } = {
  operator: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '100Mi' },
  sidecarInjector: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '30Mi' },
  sentry: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '30Mi' },
  placement: { cpuRequest: '250m', cpuLimit: '1', memoryRequest: '75Mi' },
  scheduler: { cpuRequest: '250m', cpuLimit: '1', memoryRequest: '75Mi' },
};
