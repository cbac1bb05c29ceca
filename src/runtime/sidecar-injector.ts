import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  checkAnnotations, checkEnumValue, ControlPlaneContext, HEALTHZ_PORT, TRUST_ANCHORS_DIR, TRUST_BUNDLE, controlPlanePolicyExemptions,
} from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { SidecarInjectionDefaults, SidecarInjectorOptions } from './dapr-control-plane-props';
import { ImagePullPolicy, RemindersService, WebhookFailurePolicy } from './enums';
import { CHART_INJECTOR_SETTINGS, injectorSettingsFromSidecar, registerInjectorSettings } from './injector-settings';
import { labelSelector, podExtras, serviceExposure } from './pod-extras';
import { ServiceIdentity } from './rbac';
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
  public readonly workloadName = NAME;
  public readonly identity: ServiceIdentity;
  public readonly workload: ApiObject;
  /** The MutatingWebhookConfiguration. */
  public readonly webhook: ApiObject;

  constructor(scope: Construct, id: string, ctx: ControlPlaneContext, props: DaprSidecarInjectorProps = {}) {
    super(scope, id);
    const options = props.options ?? {};
    const sidecar = props.sidecar ?? {};
    const replicas = ctx.ha ? ctx.haReplicas : checkInteger(this, 'sidecarInjector.replicas', options.replicas ?? 1, 1, 15);
    const logLevel = ctx.checkLogLevel('sidecarInjector.logLevel', options.logLevel) ?? ctx.logLevel;
    const failurePolicy = checkEnumValue(this, 'webhookFailurePolicy', props.failurePolicy ?? WebhookFailurePolicy.IGNORE, WebhookFailurePolicy.ALL);
    const sidecarImage = sidecar.image ?? ctx.image('daprd');
    if (!isPinnedImage(sidecarImage)) {
      fail(this, 'sidecar.image', sidecarImage, IMAGE_REF_RULE);
    }
    const sidecarPullPolicy = checkEnumValue(this, 'sidecar.imagePullPolicy', sidecar.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.ALL);
    // what DaprSidecar.injectedPod() and DaprValidation model the injected pods with
    registerInjectorSettings(this, injectorSettingsFromSidecar({ ...sidecar, image: sidecarImage }, {
      ...CHART_INJECTOR_SETTINGS,
      controlPlaneNamespace: ctx.namespace,
      trustDomain: ctx.trustDomain,
      clusterDomain: ctx.clusterDomain,
      mtlsEnabled: ctx.mtlsEnabled,
    }, `the DaprControlPlane at ${scope.node.path}`));

    // Namespaced RBAC moves the components read into the Role (charts/dapr/charts/dapr_rbac/templates/injector.yaml).
    const components = { apiGroups: ['dapr.io'], resources: ['components'], verbs: ['get', 'list'] };
    this.identity = new ServiceIdentity(this, 'Rbac', ctx, {
      name: 'dapr-injector',
      serviceAccountAnnotations: checkAnnotations(this, 'sidecarInjector.serviceAccountAnnotations', options.serviceAccountAnnotations),
      clusterRules: [
        { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
        // Writes its own serving CA into its own webhook, and nothing else.
        { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['patch'], resourceNames: [NAME] },
        ...(ctx.namespacedRbac ? [] : [components]),
      ],
      namespacedRules: [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: [TRUST_BUNDLE] },
        { apiGroups: ['dapr.io'], resources: ['configurations'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get'] },
        ...(ctx.namespacedRbac ? [components] : []),
      ],
    });

    const hostNetwork = options.hostNetwork ?? false;
    if (hostNetwork && ctx.enforcesRestricted) {
      fail(this, 'sidecarInjector.hostNetwork', true, 'false while the synthesized Namespace enforces "restricted" (set enforcePodSecurityStandard: false to run the injector on the host network)');
    }
    const securityContext = ctx.containerSecurityContext();
    const env = injectorEnv(this, ctx, sidecar, options, props.remindersService, sidecarImage, sidecarPullPolicy);
    const extras = podExtras(this, 'sidecarInjector', options, [TRUST_BUNDLE, 'dapr-identity-token'], env.map((e) => e.name), securityContext);

    const service = serviceExposure(this, 'sidecarInjector.service', options.service, ctx.prometheusAnnotationsMap());
    this.addService(ctx, 'Service', { name: NAME, labels: ctx.objectLabels(COMPONENT), annotations: service.annotations }, {
      selector: { app: NAME },
      type: service.type,
      ports: [{ port: 443, targetPort: 'https', protocol: 'TCP', name: 'https' }, ...ctx.metricsServicePorts()],
    });

    const resources = ctx.resources('sidecarInjector.resources', options.resources);
    this.workload = new ApiObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: NAME,
        namespace: ctx.namespace,
        labels: ctx.objectLabels(COMPONENT, { app: NAME }),
        annotations: controlPlanePolicyExemptions(resources, hostNetwork),
      },
      spec: {
        replicas,
        selector: { matchLabels: { app: NAME } },
        template: {
          metadata: ctx.podMetadata(NAME, COMPONENT, 'injector', options, 'sidecarInjector'),
          spec: {
            hostNetwork: hostNetwork || undefined,
            serviceAccountName: 'dapr-injector',
            initContainers: extras.initContainers,
            containers: [{
              name: NAME,
              ...ctx.probes('sidecarInjector', options.probes, HEALTHZ_PORT),
              image: ctx.serviceImage(this, 'sidecarInjector', 'injector', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              securityContext,
              command: ['/injector'],
              args: [
                ...ctx.logArgs(logLevel),
                ...ctx.metricsArgs(),
                '--healthz-port', String(HEALTHZ_PORT),
                `--scheduler-enabled=${ctx.schedulerEnabled}`,
              ],
              // The chart writes extra variables after the first three.
              env: [...env.slice(0, 3), ...extras.env, ...env.slice(3)],
              ports: [{ name: 'https', containerPort: WEBHOOK_PORT, protocol: 'TCP' }, ...ctx.metricsContainerPorts()],
              resources,
              volumeMounts: [...ctx.trustMounts(true), ...extras.mounts],
            }],
            volumes: [ctx.trustBundleVolume(), ctx.identityTokenVolume(), ...extras.volumes],
            affinity: ctx.affinity(NAME, ctx.ha),
            ...ctx.podScheduling(),
          },
        },
      },
    });
    // Any replicated service gets a budget, with or without HA (explicit `replicas` too).
    if (replicas > 1) {
      this.addDisruptionBudget(ctx, 'dapr-sidecar-injector-disruption-budget', NAME, COMPONENT);
    }

    this.webhook = new ClusterScopedApiObject(this, 'MutatingWebhookConfiguration', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'MutatingWebhookConfiguration',
      metadata: { name: NAME, labels: ctx.objectLabels(COMPONENT, { app: NAME }) },
      webhooks: [{
        name: 'sidecar-injector.dapr.io',
        reinvocationPolicy: 'IfNeeded',
        // No caBundle: the injector patches in the CA of its self-issued serving certificate at
        // startup (see DaprControlPlane.runtimeManagedFields()).
        clientConfig: { service: { namespace: ctx.namespace, name: NAME, path: '/mutate' } },
        rules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }],
        failurePolicy,
        sideEffects: 'None',
        admissionReviewVersions: ['v1', 'v1beta1'],
        namespaceSelector: options.namespaceSelector
          ? labelSelector(this, 'sidecarInjector.namespaceSelector', options.namespaceSelector)
          : failurePolicy === WebhookFailurePolicy.FAIL.value ? safeNamespaceSelector(ctx.namespace) : undefined,
        objectSelector: options.objectSelector && labelSelector(this, 'sidecarInjector.objectSelector', options.objectSelector),
      }],
    });
  }
}

/** An environment variable in wire form. */
type EnvVar = { name: string; value?: string; valueFrom?: object };

/**
 * The injector's environment, in the order of charts/dapr/charts/dapr_sidecar_injector/templates/
 * dapr_sidecar_injector_deployment.yaml; the variables are read by pkg/injector/service/config.go.
 */
function injectorEnv(scope: IConstruct, ctx: ControlPlaneContext, sidecar: SidecarInjectionDefaults, options: SidecarInjectorOptions,
  reminders: RemindersService | undefined, sidecarImage: string, sidecarPullPolicy: string): EnvVar[] {
  const bool = (v: boolean) => String(v);
  const runAsNonRoot = sidecar.runAsNonRoot ?? true;
  const tolerations = options.ignoreEntrypointTolerations === undefined
    ? DEFAULT_IGNORE_ENTRYPOINT_TOLERATIONS
    : options.ignoreEntrypointTolerations.map((t, i) => ctx.toleration(`sidecarInjector.ignoreEntrypointTolerations[${i}]`, t));
  const allowed = serviceAccountPatterns(scope, 'sidecarInjector.allowedServiceAccounts', options.allowedServiceAccounts);
  const allowedPrefixes = serviceAccountPatterns(scope, 'sidecarInjector.allowedServiceAccountPrefixes', options.allowedServiceAccountPrefixes);
  return [
    { name: 'DAPR_TRUST_ANCHORS_FILE', value: `${TRUST_ANCHORS_DIR}/ca.crt` },
    { name: 'DAPR_CONTROL_PLANE_TRUST_DOMAIN', value: ctx.trustDomain },
    { name: 'DAPR_SENTRY_ADDRESS', value: ctx.sentryAddress },
    { name: 'KUBE_CLUSTER_DOMAIN', value: ctx.clusterDomain },
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
    { name: 'ACTORS_ENABLED', value: bool(ctx.actorsEnabled) },
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
export function safeNamespaceSelector(controlPlaneNamespace: string): object {
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
