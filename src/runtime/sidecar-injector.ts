import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ControlPlaneService } from './control-plane-service';
import { checkAnnotations, checkEnumValue, ControlPlaneValues, HEALTHZ_PORT, TRUST_ANCHORS_DIR, TRUST_BUNDLE } from './control-plane-values';
import { SidecarInjectionDefaults, SidecarInjectorOptions } from './dapr-control-plane-props';
import { ImagePullPolicy, RemindersService, WebhookFailurePolicy } from './enums';
import { CHART_INJECTOR_SETTINGS, injectorSettingsFromSidecar, registerInjectorSettings } from './injector-settings';
import * as k8s from './kube';
import { labelSelector, podExtras, serviceExposure } from './pod-extras';
import { containerSecurityContext, identityTokenVolume, metricsContainerPorts, metricsServicePorts, servicePort, trustBundleVolume, trustMounts } from './pod-spec';
import { ClusterScopedApiObject } from '../core/cluster-scoped-object';
import { IMAGE_REF_RULE, isPinnedImage } from '../core/image-reference';
import { checkInteger, fail } from '../core/validation';

const NAME = 'dapr-sidecar-injector';
const COMPONENT = 'sidecar-injector';
const WEBHOOK_PORT = 4000;

/**
 * Taints of virtual-node providers; the injector does not copy pod entrypoints for pods that
 * tolerate them (Dapr's chart default).
 */
const DEFAULT_IGNORE_ENTRYPOINT_TOLERATIONS = ['alibabacloud.com/eci', 'azure.com/aci', 'aws', 'huawei.com/cci']
  .map((key) => ({ effect: 'NoSchedule', key }));

/** Props of the injector. @internal */
export interface DaprSidecarInjectorProps {
  readonly options?: SidecarInjectorOptions;
  readonly sidecar?: SidecarInjectionDefaults;
  readonly failurePolicy?: WebhookFailurePolicy;
  readonly remindersService?: RemindersService;
}

/**
 * dapr-sidecar-injector: the mutating admission webhook that adds daprd to every pod
 * annotated `dapr.io/enabled: "true"`.
 * @internal
 */
export class DaprSidecarInjector extends ControlPlaneService {
  /** The MutatingWebhookConfiguration. */
  public readonly webhook: ApiObject;

  constructor(scope: Construct, id: string, values: ControlPlaneValues, props: DaprSidecarInjectorProps = {}) {
    super(scope, id, NAME);
    const options = props.options ?? {};
    const sidecar = props.sidecar ?? {};
    const replicas = values.ha ? values.haReplicas : checkInteger(this, 'sidecarInjector.replicas', options.replicas ?? 1, 1, 15);
    const logLevel = values.checkLogLevel('sidecarInjector.logLevel', options.logLevel) ?? values.logLevel;
    const failurePolicy = checkEnumValue(this, 'webhookFailurePolicy', props.failurePolicy ?? WebhookFailurePolicy.IGNORE, WebhookFailurePolicy.ALL);
    const sidecarImage = sidecar.image ?? values.image('daprd');
    if (!isPinnedImage(sidecarImage)) {
      fail(this, 'sidecar.image', sidecarImage, IMAGE_REF_RULE);
    }
    const sidecarPullPolicy = checkEnumValue(this, 'sidecar.imagePullPolicy', sidecar.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.ALL);
    // what DaprSidecar.injectedPod() and DaprValidation model the injected pods with
    registerInjectorSettings(this, injectorSettingsFromSidecar({ ...sidecar, image: sidecarImage }, {
      ...CHART_INJECTOR_SETTINGS,
      controlPlaneNamespace: values.namespace,
      trustDomain: values.trustDomain,
      clusterDomain: values.clusterDomain,
      mtlsEnabled: values.mtlsEnabled,
    }, `the DaprControlPlane at ${scope.node.path}`));

    // Namespaced RBAC moves the components read into the Role (charts/dapr/charts/dapr_rbac/templates/injector.yaml).
    const components = { apiGroups: ['dapr.io'], resources: ['components'], verbs: ['get', 'list'] };
    const serviceAccountAnnotations = checkAnnotations(this, 'sidecarInjector.serviceAccountAnnotations', options.serviceAccountAnnotations);
    const hostNetwork = options.hostNetwork ?? false;
    if (hostNetwork && values.enforcesRestricted) {
      fail(this, 'sidecarInjector.hostNetwork', true, 'false while the synthesized Namespace enforces "restricted" (set enforcePodSecurityStandard: false to run the injector on the host network)');
    }
    const env = injectorEnv(this, values, sidecar, options, props.remindersService, sidecarImage, sidecarPullPolicy);
    const extras = podExtras(this, 'sidecarInjector', options, [TRUST_BUNDLE, 'dapr-identity-token'], env.map((e) => e.name), containerSecurityContext(values));
    const service = serviceExposure(this, 'sidecarInjector.service', options.service, values.prometheusAnnotationsMap());
    const namespaceSelector = options.namespaceSelector
      ? labelSelector(this, 'sidecarInjector.namespaceSelector', options.namespaceSelector)
      : failurePolicy === WebhookFailurePolicy.FAIL.value ? safeNamespaceSelector(values.namespace) : undefined;
    const objectSelector = options.objectSelector && labelSelector(this, 'sidecarInjector.objectSelector', options.objectSelector);

    this.build(values, {
      name: NAME,
      component: COMPONENT,
      prop: 'sidecarInjector',
      options,
      binary: 'injector',
      replicas,
      identity: {
        name: 'dapr-injector',
        serviceAccountAnnotations,
        clusterRules: [
          { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
          // Writes its own serving CA into its own webhook, and nothing else.
          { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['patch'], resourceNames: [NAME] },
          ...(values.namespacedRbac ? [] : [components]),
        ],
        namespacedRules: [
          { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: [TRUST_BUNDLE] },
          { apiGroups: ['dapr.io'], resources: ['configurations'], verbs: ['get'] },
          { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get'] },
          ...(values.namespacedRbac ? [components] : []),
        ],
      },
      services: [{
        id: 'Service',
        name: NAME,
        appLabel: false,
        annotations: service.annotations,
        spec: {
          type: service.type,
          ports: [servicePort(443, 'https', { protocol: 'TCP', name: 'https' }), ...metricsServicePorts(values)],
        },
      }],
      container: {
        command: ['/injector'],
        args: [
          ...values.logArgs(logLevel),
          ...values.metricsArgs(),
          '--healthz-port', String(HEALTHZ_PORT),
          `--scheduler-enabled=${values.schedulerEnabled}`,
        ],
        env,
        ports: [{ name: 'https', containerPort: WEBHOOK_PORT, protocol: 'TCP' }, ...metricsContainerPorts(values)],
        volumeMounts: trustMounts(true),
      },
      volumes: [trustBundleVolume(), identityTokenVolume(values)],
      extras,
      // The chart writes extra variables after the first three.
      extraEnvIndex: 3,
      hostNetwork,
      spread: values.ha,
      // Any replicated service gets a budget, with or without HA (explicit `replicas` too).
      disruptionBudget: replicas > 1 ? 'dapr-sidecar-injector-disruption-budget' : undefined,
    });

    this.webhook = new ClusterScopedApiObject(this, 'MutatingWebhookConfiguration', k8s.KubeMutatingWebhookConfiguration.manifest({
      metadata: { name: NAME, labels: values.objectLabels(COMPONENT, { app: NAME }) },
      webhooks: [{
        name: 'sidecar-injector.dapr.io',
        reinvocationPolicy: 'IfNeeded',
        // No caBundle: the injector patches in the CA of its self-issued serving certificate at
        // startup (see DaprControlPlane.runtimeManagedFields()).
        clientConfig: { service: { namespace: values.namespace, name: NAME, path: '/mutate' } },
        rules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }],
        failurePolicy,
        sideEffects: 'None',
        admissionReviewVersions: ['v1', 'v1beta1'],
        namespaceSelector,
        objectSelector,
      }],
    }));
  }
}

/**
 * The injector's environment, in the order of charts/dapr/charts/dapr_sidecar_injector/templates/
 * dapr_sidecar_injector_deployment.yaml; the variables are read by pkg/injector/service/config.go.
 */
function injectorEnv(scope: IConstruct, values: ControlPlaneValues, sidecar: SidecarInjectionDefaults, options: SidecarInjectorOptions,
  reminders: RemindersService | undefined, sidecarImage: string, sidecarPullPolicy: string): k8s.EnvVar[] {
  const bool = (v: boolean) => String(v);
  const runAsNonRoot = sidecar.runAsNonRoot ?? true;
  const tolerations = options.ignoreEntrypointTolerations === undefined
    ? DEFAULT_IGNORE_ENTRYPOINT_TOLERATIONS
    : options.ignoreEntrypointTolerations.map((t, i) => values.toleration(`sidecarInjector.ignoreEntrypointTolerations[${i}]`, t));
  const allowed = serviceAccountPatterns(scope, 'sidecarInjector.allowedServiceAccounts', options.allowedServiceAccounts);
  const allowedPrefixes = serviceAccountPatterns(scope, 'sidecarInjector.allowedServiceAccountPrefixes', options.allowedServiceAccountPrefixes);
  return [
    { name: 'DAPR_TRUST_ANCHORS_FILE', value: `${TRUST_ANCHORS_DIR}/ca.crt` },
    { name: 'DAPR_CONTROL_PLANE_TRUST_DOMAIN', value: values.trustDomain },
    { name: 'DAPR_SENTRY_ADDRESS', value: values.sentryAddress },
    { name: 'KUBE_CLUSTER_DOMAIN', value: values.clusterDomain },
    { name: 'SIDECAR_IMAGE', value: sidecarImage },
    { name: 'SIDECAR_IMAGE_PULL_POLICY', value: sidecarPullPolicy },
    { name: 'SIDECAR_RUN_AS_NON_ROOT', value: bool(runAsNonRoot) },
    ...sidecarRunAs(scope, runAsNonRoot, sidecar.runAsUser, sidecar.runAsGroup),
    { name: 'ENABLE_K8S_DOWNWARD_APIS', value: bool(sidecar.enableKubernetesDownwardApis ?? false) },
    { name: 'SIDECAR_DROP_ALL_CAPABILITIES', value: bool(sidecar.dropAllCapabilities ?? true) },
    { name: 'SIDECAR_READ_ONLY_ROOT_FILESYSTEM', value: bool(sidecar.readOnlyRootFilesystem ?? true) },
    { name: 'NATIVE_SIDECAR_ENABLED', value: bool(sidecar.nativeSidecar ?? false) },
    { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    // Valid JSON, as the injector parses it (the chart's default is not, and is ignored).
    { name: 'IGNORE_ENTRYPOINT_TOLERATIONS', value: JSON.stringify(tolerations) },
    { name: 'ACTORS_ENABLED', value: bool(values.actorsEnabled) },
    { name: 'ACTORS_SERVICE_NAME', value: 'placement' },
    { name: 'ACTORS_SERVICE_ADDRESS', value: RemindersService.PLACEMENT.address },
    ...(reminders ? [
      { name: 'REMINDERS_SERVICE_NAME', value: reminders.value },
      { name: 'REMINDERS_SERVICE_ADDRESS', value: reminders.address },
    ] : []),
    ...(allowed ? [{ name: 'ALLOWED_SERVICE_ACCOUNTS', value: allowed }] : []),
    ...(allowedPrefixes ? [{ name: 'ALLOWED_SERVICE_ACCOUNTS_PREFIX_NAMES', value: allowedPrefixes }] : []),
  ];
}

/**
 * With failure policy "Fail", pods of the control plane's own namespace and of kube-system skip
 * the webhook: otherwise, with every injector replica down, the injector's replacement pods (and
 * the cluster's system pods) cannot be created, and nothing brings it back.
 */
export function safeNamespaceSelector(controlPlaneNamespace: string): k8s.LabelSelector {
  const values = [...new Set([controlPlaneNamespace, 'kube-system'])].sort();
  return { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values }] };
}

/**
 * `SIDECAR_RUN_AS_USER`/`_GROUP`, with the chart's rules (dapr_sidecar_injector_deployment.yaml
 * fails the render on these): a positive user while daprd must run as non-root, user 0 otherwise.
 */
export function sidecarRunAs(scope: IConstruct, runAsNonRoot: boolean, user?: number, group?: number): Array<{ name: string; value: string }> {
  if (user !== undefined) {
    checkInteger(scope, 'sidecar.runAsUser', user, runAsNonRoot ? 1 : 0, runAsNonRoot ? 2 ** 31 - 1 : 0);
  }
  if (group !== undefined) {
    checkInteger(scope, 'sidecar.runAsGroup', group, 0, 2 ** 31 - 1);
  }
  return [
    ...(user ? [{ name: 'SIDECAR_RUN_AS_USER', value: String(user) }] : []),
    ...(group ? [{ name: 'SIDECAR_RUN_AS_GROUP', value: String(group) }] : []),
  ];
}

/**
 * "namespace:name" patterns, joined as the injector splits them (pkg/injector/service/serviceaccountmatcher.go:
 * exactly one ":", not both sides empty, glob syntax).
 */
export function serviceAccountPatterns(scope: IConstruct, prop: string, patterns?: string[]): string | undefined {
  (patterns ?? []).forEach((p, i) => {
    const parts = p.split(':');
    if (parts.length !== 2 || (parts[0] === '' && parts[1] === '') || !/^[-a-z0-9.*?[\]]*$/.test(parts[0]) || !/^[-a-z0-9.*?[\]]*$/.test(parts[1])
      || /\[[^\]]*$/.test(parts[0]) || /\[[^\]]*$/.test(parts[1])) {
      fail(scope, `${prop}[${i}]`, p, '"namespace:name", each side a name or glob ("*", "?", "[...]"), e.g. "argocd:argocd-*"');
    }
  });
  return patterns?.length ? patterns.join(',') : undefined;
}
