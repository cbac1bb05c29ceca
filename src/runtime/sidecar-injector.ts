import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterScopedApiObject } from './cluster-scoped-object';
import { checkEnumValue, ControlPlaneContext, HEALTHZ_PORT, TRUST_ANCHORS_DIR, TRUST_BUNDLE, CONTROL_PLANE_POLICY_EXEMPTIONS } from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { SidecarInjectionDefaults } from './dapr-control-plane-props';
import { ImagePullPolicy, WebhookFailurePolicy } from './enums';
import { ReplicatedServiceOptions } from './options';
import { ServiceIdentity } from './rbac';
import { IMAGE_REF_RULE, isPinnedImage } from '../app/annotations';
import { CHART_INJECTOR_SETTINGS, injectorSettingsFromSidecar, registerInjectorSettings } from '../app/injector-settings';
import { checkInteger, fail } from '../common/validation';

const NAME = 'dapr-sidecar-injector';
const COMPONENT = 'sidecar-injector';
const WEBHOOK_PORT = 4000;

/**
 * Taints of virtual-node providers; the injector does not copy pod entrypoints for pods that
 * tolerate them (Dapr's chart default, JSON as the injector parses it).
 */
const IGNORE_ENTRYPOINT_TOLERATIONS = JSON.stringify(['alibabacloud.com/eci', 'azure.com/aci', 'aws', 'huawei.com/cci']
  .map((key) => ({ effect: 'NoSchedule', key })));

/** Props of the injector. @internal */
export interface DaprSidecarInjectorProps {
  readonly options?: ReplicatedServiceOptions;
  readonly sidecar?: SidecarInjectionDefaults;
  readonly failurePolicy?: WebhookFailurePolicy;
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
    const failurePolicy = checkEnumValue(this, 'webhookFailurePolicy', props.failurePolicy ?? WebhookFailurePolicy.IGNORE, WebhookFailurePolicy._ALL);
    const sidecarImage = sidecar.image ?? ctx.image('daprd');
    if (!isPinnedImage(sidecarImage)) {
      fail(this, 'sidecar.image', sidecarImage, IMAGE_REF_RULE);
    }
    const sidecarPullPolicy = checkEnumValue(this, 'sidecar.imagePullPolicy', sidecar.imagePullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy._ALL);
    // what DaprSidecar.injectedPod() and DaprValidation model the injected pods with
    registerInjectorSettings(this, injectorSettingsFromSidecar({ ...sidecar, image: sidecarImage }, {
      ...CHART_INJECTOR_SETTINGS,
      controlPlaneNamespace: ctx.namespace,
      trustDomain: ctx.trustDomain,
      clusterDomain: ctx.clusterDomain,
      mtlsEnabled: ctx.mtlsEnabled,
    }, `the DaprControlPlane at ${scope.node.path}`));

    this.identity = new ServiceIdentity(this, 'Rbac', ctx, {
      name: 'dapr-injector',
      clusterRules: [
        { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
        // Writes its own serving CA into its own webhook, and nothing else.
        { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['patch'], resourceNames: [NAME] },
        { apiGroups: ['dapr.io'], resources: ['components'], verbs: ['get', 'list'] },
      ],
      namespacedRules: [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: [TRUST_BUNDLE] },
        { apiGroups: ['dapr.io'], resources: ['configurations'], verbs: ['get'] },
        { apiGroups: ['apps'], resources: ['statefulsets'], verbs: ['get'] },
      ],
    });

    this.addService(ctx, 'Service', { name: NAME, labels: ctx.objectLabels(COMPONENT), annotations: ctx.prometheusAnnotationsMap() }, {
      selector: { app: NAME },
      type: 'ClusterIP',
      ports: [{ port: 443, targetPort: 'https', protocol: 'TCP', name: 'https' }, ...ctx.metricsServicePorts()],
    });

    const bool = (v: boolean) => String(v);
    this.workload = new ApiObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: NAME, namespace: ctx.namespace, labels: ctx.objectLabels(COMPONENT, { app: NAME }), annotations: CONTROL_PLANE_POLICY_EXEMPTIONS,
      },
      spec: {
        replicas,
        selector: { matchLabels: { app: NAME } },
        template: {
          metadata: ctx.podMetadata(NAME, COMPONENT, 'injector', options, 'sidecarInjector'),
          spec: {
            serviceAccountName: 'dapr-injector',
            containers: [{
              name: NAME,
              ...ctx.probes(HEALTHZ_PORT),
              image: ctx.serviceImage(this, 'sidecarInjector', 'injector', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              securityContext: ctx.containerSecurityContext(),
              command: ['/injector'],
              args: [
                ...ctx.logArgs(logLevel),
                ...ctx.metricsArgs(),
                '--healthz-port', String(HEALTHZ_PORT),
                '--scheduler-enabled=true',
              ],
              env: [
                { name: 'DAPR_TRUST_ANCHORS_FILE', value: `${TRUST_ANCHORS_DIR}/ca.crt` },
                { name: 'DAPR_CONTROL_PLANE_TRUST_DOMAIN', value: ctx.trustDomain },
                { name: 'DAPR_SENTRY_ADDRESS', value: ctx.sentryAddress },
                { name: 'KUBE_CLUSTER_DOMAIN', value: ctx.clusterDomain },
                { name: 'SIDECAR_IMAGE', value: sidecarImage },
                { name: 'SIDECAR_IMAGE_PULL_POLICY', value: sidecarPullPolicy },
                { name: 'SIDECAR_RUN_AS_NON_ROOT', value: bool(sidecar.runAsNonRoot ?? true) },
                { name: 'ENABLE_K8S_DOWNWARD_APIS', value: bool(sidecar.enableKubernetesDownwardApis ?? false) },
                { name: 'SIDECAR_DROP_ALL_CAPABILITIES', value: bool(sidecar.dropAllCapabilities ?? true) },
                { name: 'SIDECAR_READ_ONLY_ROOT_FILESYSTEM', value: bool(sidecar.readOnlyRootFilesystem ?? true) },
                { name: 'NATIVE_SIDECAR_ENABLED', value: bool(sidecar.nativeSidecar ?? false) },
                { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'IGNORE_ENTRYPOINT_TOLERATIONS', value: IGNORE_ENTRYPOINT_TOLERATIONS },
                { name: 'ACTORS_ENABLED', value: 'true' },
                { name: 'ACTORS_SERVICE_NAME', value: 'placement' },
                { name: 'ACTORS_SERVICE_ADDRESS', value: 'dapr-placement-server:50005' },
              ],
              ports: [{ name: 'https', containerPort: WEBHOOK_PORT, protocol: 'TCP' }, ...ctx.metricsContainerPorts()],
              resources: ctx.resources('sidecarInjector.resources', options.resources),
              volumeMounts: ctx.trustMounts(true),
            }],
            volumes: [ctx.trustBundleVolume(), ctx.identityTokenVolume()],
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
      }],
    });
  }
}
