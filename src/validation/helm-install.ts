import { DaprHelmInstall } from './helm-install-props';
import { didYouMean, fail, isDnsLabel } from '../core/validation';
import { DaprVersion } from '../runtime/dapr-version';
import { CHART_INJECTOR_SETTINGS, InjectorSettings } from '../runtime/injector-settings';

/**
 * The `dapr_sidecar_injector` keys the 1.18.3 chart reads (its values.yaml and the
 * `.Values` its templates use: dapr v1.18.3 `charts/dapr/charts/dapr_sidecar_injector/`).
 */
const INJECTOR_KEYS = [
  'allowedServiceAccounts', 'allowedServiceAccountsPrefixNames', 'component', 'debug', 'deploymentAnnotations',
  'enableK8sDownwardAPIs', 'enabled', 'extraEnvVars', 'fullnameOverride', 'healthzPort', 'hostNetwork',
  'ignoreEntrypointTolerations', 'image', 'injectorImage', 'kubeClusterDomain', 'livenessProbe', 'logLevel',
  'nameOverride', 'namespaceSelector', 'nativeSidecar', 'objectSelector', 'readinessProbe', 'replicaCount',
  'resources', 'runAsNonRoot', 'service', 'sidecarDropALLCapabilities', 'sidecarImagePullPolicy',
  'sidecarReadOnlyRootFilesystem', 'sidecarRunAsGroup', 'sidecarRunAsNonRoot', 'sidecarRunAsUser', 'webhookFailurePolicy',
];

const isObject = (v: unknown): v is { [key: string]: any } => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The injector settings of a Helm-installed Dapr 1.18.3. The chart writes each value into the
 * injector's environment with `toString` (`dapr_sidecar_injector_deployment.yaml`: SIDECAR_IMAGE,
 * SIDECAR_IMAGE_PULL_POLICY, SIDECAR_RUN_AS_NON_ROOT, SIDECAR_READ_ONLY_ROOT_FILESYSTEM,
 * SIDECAR_DROP_ALL_CAPABILITIES, NATIVE_SIDECAR_ENABLED, ENABLE_K8S_DOWNWARD_APIS,
 * KUBE_CLUSTER_DOMAIN, DAPR_CONTROL_PLANE_TRUST_DOMAIN), which the injector reads as booleans with
 * `utils.IsTruthy` (`pkg/injector/service/config.go`) and applies in
 * `pkg/injector/patcher/sidecar_container.go` (capabilities are dropped only when asked). The
 * sidecar's seccomp profile is not a chart value: it comes from `dapr.io/sidecar-seccomp-profile-type`
 * (`global.seccompProfile` is the control plane's own pods).
 * @internal
 */
export function injectorSettingsFromHelm(install: DaprHelmInstall, where: string): InjectorSettings {
  if (!isObject(install)) fail(where, 'helm', install, 'a DaprHelmInstall: { values: {...}, namespace: "dapr-system" }');
  const values = install.values ?? {};
  if (!isObject(values)) fail(where, 'helm.values', values, 'the chart values as an object, nested as in values.yaml');
  const namespace = install.namespace ?? 'dapr-system';
  if (!isDnsLabel(namespace)) fail(where, 'helm.namespace', namespace, 'a namespace name (RFC 1123 label)');

  const section = (path: string[]): { [key: string]: any } => {
    let node: any = values;
    for (let i = 0; i < path.length; i++) {
      node = node?.[path[i]];
      if (node === undefined || node === null) return {};
      if (!isObject(node)) fail(where, `helm.values.${path.slice(0, i + 1).join('.')}`, node, 'a map of chart values');
    }
    return node;
  };
  const global = section(['global']);
  const mtls = section(['global', 'mtls']);
  const injector = section(['dapr_sidecar_injector']);
  for (const key of Object.keys(injector)) {
    if (INJECTOR_KEYS.includes(key)) continue;
    const hint = didYouMean(key, INJECTOR_KEYS);
    fail(where, `helm.values.dapr_sidecar_injector.${key}`, key, `a key of the Dapr ${DaprVersion.LATEST.version} chart's dapr_sidecar_injector values${hint ? ` (did you mean "${hint}"?)` : ''}; Helm ignores others silently`);
  }

  // as the chart's `toString` and the injector's utils.IsTruthy read it
  const flag = (node: { [key: string]: any }, prefix: string, key: string, fallback: boolean): boolean => {
    const v = node[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'boolean') return v;
    // `--set x=1` gives a number, which the chart's toString writes as "1"
    if ((typeof v === 'string' || v === 0 || v === 1) && /^(y|yes|true|t|on|1|n|no|false|f|off|0|)$/i.test(String(v).trim())) {
      return ['y', 'yes', 'true', 't', 'on', '1'].includes(String(v).trim().toLowerCase());
    }
    return fail(where, `helm.values.${prefix}.${key}`, v, 'true or false');
  };
  const text = (node: { [key: string]: any }, prefix: string, key: string, fallback: string, allowed?: string[]): string => {
    const v = node[key];
    if (v === undefined || v === null) return fallback;
    if ((typeof v !== 'string' && typeof v !== 'number') || String(v).trim() === '' || (allowed && !allowed.includes(String(v)))) {
      return fail(where, `helm.values.${prefix}.${key}`, v, allowed ? `one of ${allowed.join(', ')}` : 'a non-empty string');
    }
    return String(v);
  };

  if (!flag(injector, 'dapr_sidecar_injector', 'enabled', true)) {
    fail(where, 'helm.values.dapr_sidecar_injector.enabled', false, 'true: without the sidecar injector no pod gets daprd');
  }
  const registry = text(global, 'global', 'registry', 'ghcr.io/dapr');
  const tag = text(global, 'global', 'tag', DaprVersion.LATEST.version);
  const image = isObject(injector.image) ? text(injector.image, 'dapr_sidecar_injector.image', 'name', 'daprd') : 'daprd';
  const d = CHART_INJECTOR_SETTINGS;
  const settings: InjectorSettings = {
    // the chart: a name with "/" is a whole image reference, else registry/name:tag
    sidecarImage: image.includes('/') ? image : `${registry}/${image}:${tag}`,
    imagePullPolicy: text(injector, 'dapr_sidecar_injector', 'sidecarImagePullPolicy', d.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']),
    runAsNonRoot: flag(injector, 'dapr_sidecar_injector', 'sidecarRunAsNonRoot', d.runAsNonRoot),
    readOnlyRootFilesystem: flag(injector, 'dapr_sidecar_injector', 'sidecarReadOnlyRootFilesystem', d.readOnlyRootFilesystem),
    dropAllCapabilities: flag(injector, 'dapr_sidecar_injector', 'sidecarDropALLCapabilities', d.dropAllCapabilities),
    nativeSidecar: flag(injector, 'dapr_sidecar_injector', 'nativeSidecar', d.nativeSidecar),
    enableKubernetesDownwardApis: flag(injector, 'dapr_sidecar_injector', 'enableK8sDownwardAPIs', d.enableKubernetesDownwardApis),
    controlPlaneNamespace: namespace,
    trustDomain: text(mtls, 'global.mtls', 'controlPlaneTrustDomain', d.trustDomain),
    clusterDomain: text(injector, 'dapr_sidecar_injector', 'kubeClusterDomain', d.clusterDomain),
    mtlsEnabled: flag(mtls, 'global.mtls', 'enabled', d.mtlsEnabled),
    source: Object.keys(values).length === 0 && namespace === d.controlPlaneNamespace ? d.source
      : `the Dapr ${DaprVersion.LATEST.version} Helm chart with the values given`,
  };
  return settings;
}
