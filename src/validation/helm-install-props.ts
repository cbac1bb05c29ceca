/**
 * Dapr installed with its official Helm chart (`helm install dapr dapr/dapr`), as the injector of
 * the apps' sidecars: the validator models the pods it injects from the chart values that reach
 * the injector's environment.
 */
export interface DaprHelmInstall {
  /**
   * The values given to `helm install` / `helm upgrade`, nested as in the chart's values.yaml
   * (a parsed values file, `--set` flags merged in): `{ dapr_sidecar_injector: {
   * sidecarDropALLCapabilities: true } }`. Values left out keep the chart's defaults. Read: the
   * `dapr_sidecar_injector` keys that shape the daprd container (image, pull policy, run as
   * non-root, read-only root filesystem, dropped capabilities, native sidecar, downward APIs,
   * cluster domain) and `global.registry`, `global.tag`, `global.mtls.enabled` and
   * `global.mtls.controlPlaneTrustDomain`. A misspelled `dapr_sidecar_injector` key fails: Helm
   * ignores it silently, so the chart's default would apply.
   * @default {} - the chart's defaults
   */
  readonly values?: { [key: string]: any };
  /**
   * The release namespace (`helm install --namespace`), where the control plane runs.
   * @default "dapr-system"
   */
  readonly namespace?: string;
}
