import { SidecarInjectionDefaults } from '../runtime/dapr-control-plane-props';

/**
 * Options of `DaprSidecar.injectedPod()`.
 */
export interface InjectedPodOptions {
  /**
   * The sidecar settings of the control plane that injects the pod, used when the cdk8s app
   * holds no `DaprControlPlane`: the `sidecar` props of that `DaprControlPlane` (`{}` for its defaults).
   * @default - the DaprControlPlane's of this cdk8s app, else Dapr's chart defaults
   */
  readonly sidecarInjection?: SidecarInjectionDefaults;
}

/**
 * Options of `DaprSidecar.annotateApiObject()`.
 */
export interface AnnotateApiObjectOptions {
  /**
   * Replace `dapr.io/*` annotations the object already has with the options' values.
   * @default false - a differing existing annotation fails synth
   */
  readonly overwrite?: boolean;
}
