import { IConstruct } from 'constructs';
import type { SidecarInjectionDefaults } from './dapr-control-plane-props';
import { DaprVersion } from './dapr-version';

/**
 * What the sidecar injector knows besides a pod's annotations: its own environment (Dapr's
 * chart sets it from `dapr_sidecar_injector` values) and the control plane it belongs to.
 * dapr v1.18.3 `pkg/injector/service/config.go` (Config) and `pod_patch.go` (how each value
 * reaches the sidecar).
 * @internal
 */
export interface InjectorSettings {
  /** `SIDECAR_IMAGE`: the daprd image unless `dapr.io/sidecar-image` says otherwise. */
  readonly sidecarImage: string;
  /** `SIDECAR_IMAGE_PULL_POLICY`. */
  readonly imagePullPolicy: string;
  /** `SIDECAR_RUN_AS_NON_ROOT` (chart: true). */
  readonly runAsNonRoot: boolean;
  /** `SIDECAR_READ_ONLY_ROOT_FILESYSTEM` (chart: true). */
  readonly readOnlyRootFilesystem: boolean;
  /** `SIDECAR_DROP_ALL_CAPABILITIES` (chart: false; this library's control plane: true). */
  readonly dropAllCapabilities: boolean;
  /** `NATIVE_SIDECAR_ENABLED` (chart: false). */
  readonly nativeSidecar: boolean;
  /** `ENABLE_K8S_DOWNWARD_APIS` (chart: false). */
  readonly enableKubernetesDownwardApis: boolean;
  /** The control plane's namespace (`NAMESPACE` of the injector pod). */
  readonly controlPlaneNamespace: string;
  /** `DAPR_CONTROL_PLANE_TRUST_DOMAIN`. */
  readonly trustDomain: string;
  /** `KUBE_CLUSTER_DOMAIN`. */
  readonly clusterDomain: string;
  /** mTLS of the `daprsystem` Configuration (`--enable-mtls`). */
  readonly mtlsEnabled: boolean;
  /** Where these settings come from, for messages. */
  readonly source: string;
}

/** Dapr 1.18.3's chart defaults (`charts/dapr/values.yaml`, `charts/dapr/charts/dapr_sidecar_injector/values.yaml`). */
export const CHART_INJECTOR_SETTINGS: InjectorSettings = {
  sidecarImage: `ghcr.io/dapr/daprd:${DaprVersion.LATEST.version}`,
  imagePullPolicy: 'IfNotPresent',
  runAsNonRoot: true,
  readOnlyRootFilesystem: true,
  dropAllCapabilities: false,
  nativeSidecar: false,
  enableKubernetesDownwardApis: false,
  controlPlaneNamespace: 'dapr-system',
  trustDomain: 'cluster.local',
  clusterDomain: 'cluster.local',
  mtlsEnabled: true,
  source: 'the Dapr 1.18.3 chart defaults',
};

/** The control plane's injector settings, per cdk8s app (construct tree root). */
const REGISTERED = new WeakMap<IConstruct, InjectorSettings[]>();

/**
 * Records the injector settings of a `DaprControlPlane`, so sidecars of the same cdk8s app
 * are modelled with them.
 * @internal
 */
export function registerInjectorSettings(scope: IConstruct, settings: InjectorSettings): void {
  const root = scope.node.root;
  REGISTERED.set(root, [...(REGISTERED.get(root) ?? []), settings]);
}

/**
 * The injector settings that apply to sidecars under `scope`'s cdk8s app: the control plane's
 * when the app holds one, else the chart's defaults.
 * @internal
 */
export function injectorSettingsOf(scope: IConstruct, fallback: InjectorSettings = CHART_INJECTOR_SETTINGS): InjectorSettings {
  return REGISTERED.get(scope.node.root)?.[0] ?? fallback;
}

/**
 * Injector settings from a control plane's `sidecar` props (as `DaprControlPlane` applies them:
 * capabilities dropped unless turned off), on top of `base` for what the props do not hold.
 * @internal
 */
export function injectorSettingsFromSidecar(sidecar: SidecarInjectionDefaults, base: InjectorSettings, source: string): InjectorSettings {
  return {
    ...base,
    sidecarImage: sidecar.image ?? base.sidecarImage,
    imagePullPolicy: sidecar.imagePullPolicy?.value ?? base.imagePullPolicy,
    runAsNonRoot: sidecar.runAsNonRoot ?? true,
    readOnlyRootFilesystem: sidecar.readOnlyRootFilesystem ?? true,
    dropAllCapabilities: sidecar.dropAllCapabilities ?? true,
    nativeSidecar: sidecar.nativeSidecar ?? false,
    enableKubernetesDownwardApis: sidecar.enableKubernetesDownwardApis ?? false,
    source,
  };
}
