import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { checkAnnotations, ControlPlaneContext, TRUST_ANCHORS_DIR, TRUST_BUNDLE, controlPlanePolicyExemptions } from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { OperatorOptions } from './dapr-control-plane-props';
import { podExtras, serviceExposure } from './pod-extras';
import { PolicyRule, ServiceIdentity } from './rbac';
import { checkDnsLabel, checkDuration, checkInteger } from '../core/validation';

const NAME = 'dapr-operator';
const COMPONENT = 'operator';
const API_PORT = 6500;
const WEBHOOK_PORT = 19443;

/** The Kinds of Dapr resources the operator watches and serves to sidecars. */
export const DAPR_RESOURCE_PLURALS = ['components', 'configurations', 'subscriptions', 'resiliencies', 'httpendpoints', 'mcpservers', 'workflowaccesspolicies'];

/**
 * dapr-operator: serves Dapr resources (components, configurations ...) to sidecars, converts
 * Subscription versions, and keeps a Service in front of every Dapr-enabled Deployment.
 * @internal
 */
export class DaprOperator extends ControlPlaneService {
  public readonly workloadName = NAME;
  public readonly identity: ServiceIdentity;
  public readonly workload: ApiObject;

  constructor(scope: Construct, id: string, ctx: ControlPlaneContext, options: OperatorOptions = {}) {
    super(scope, id);
    const replicas = ctx.ha ? ctx.haReplicas : checkInteger(this, 'operator.replicas', options.replicas ?? 1, 1, 15);
    const logLevel = ctx.checkLogLevel('operator.logLevel', options.logLevel) ?? ctx.logLevel;
    const watchNamespace = options.watchNamespace === undefined ? undefined : checkDnsLabel(this, 'operator.watchNamespace', options.watchNamespace);
    const watchInterval = options.watchInterval === undefined ? '0' : checkDuration(this, 'operator.watchInterval', options.watchInterval);
    const maxRestarts = checkInteger(this, 'operator.maxPodRestartsPerMinute', options.maxPodRestartsPerMinute ?? 20, 0, 10000);
    const rules = operatorRules(ctx.namespacedRbac, options.watchdogCanPatchPodLabels ?? false, options.argoRolloutsServiceReconciler ?? false);
    this.identity = new ServiceIdentity(this, 'Rbac', ctx, {
      name: NAME,
      clusterRoleName: 'dapr-operator-admin',
      clusterRules: rules.cluster,
      namespacedRules: rules.namespaced,
      serviceAccountAnnotations: checkAnnotations(this, 'operator.serviceAccountAnnotations', options.serviceAccountAnnotations),
    });
    const securityContext = ctx.containerSecurityContext();
    const extras = podExtras(this, 'operator', options, ['dapr-operator-tmp', TRUST_BUNDLE, 'dapr-identity-token'], ['NAMESPACE'], securityContext);

    const api = serviceExposure(this, 'operator.apiService', options.apiService, ctx.prometheusAnnotationsMap());
    this.addService(ctx, 'ApiService', { name: 'dapr-api', labels: ctx.objectLabels(COMPONENT), annotations: api.annotations }, {
      selector: { app: NAME },
      type: api.type,
      ports: [
        { protocol: 'TCP', port: 443, targetPort: API_PORT, name: 'grpc' },
        // Older sidecars still dial port 80.
        { protocol: 'TCP', port: 80, targetPort: API_PORT, name: 'legacy' },
        ...ctx.metricsServicePorts(),
      ],
    });
    const webhook = serviceExposure(this, 'operator.webhookService', options.webhookService);
    this.addService(ctx, 'WebhookService', { name: 'dapr-webhook', labels: ctx.objectLabels(COMPONENT), annotations: webhook.annotations }, {
      type: webhook.type,
      ports: [{ port: 443, targetPort: WEBHOOK_PORT, protocol: 'TCP' }],
      selector: { app: NAME },
    });

    const resources = ctx.resources('operator.resources', options.resources);
    this.workload = new ApiObject(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: NAME,
        namespace: ctx.namespace,
        labels: ctx.objectLabels(COMPONENT, { app: NAME }),
        annotations: controlPlanePolicyExemptions(resources),
      },
      spec: {
        replicas,
        selector: { matchLabels: { app: NAME } },
        template: {
          metadata: ctx.podMetadata(NAME, COMPONENT, 'operator', options, 'operator'),
          spec: {
            initContainers: extras.initContainers,
            containers: [{
              name: NAME,
              ...ctx.probes('operator', options.probes),
              image: ctx.serviceImage(this, 'operator', 'operator', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              securityContext,
              env: [{ name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }, ...extras.env],
              ports: [{ containerPort: API_PORT }, ...ctx.metricsContainerPorts()],
              resources,
              volumeMounts: [
                ...ctx.trustMounts(true),
                // The root filesystem is read-only; controller-runtime writes webhook certs here.
                { name: 'dapr-operator-tmp', mountPath: '/tmp' },
                ...extras.mounts,
              ],
              command: ['/operator'],
              args: [
                '--watch-interval', watchInterval,
                '--max-pod-restarts-per-minute', String(maxRestarts),
                '--log-level', logLevel,
                '--trust-anchors-file', `${TRUST_ANCHORS_DIR}/ca.crt`,
                ...(ctx.logAsJson ? ['--log-as-json'] : []),
                ...ctx.metricsArgs(),
                ...ctx.configArgs(),
                ...(watchNamespace ? ['--watch-namespace', watchNamespace] : []),
                ...((options.serviceReconciler ?? true) ? [] : ['--disable-service-reconciler']),
                ...(options.argoRolloutsServiceReconciler ? ['--enable-argo-rollout-service-reconciler'] : []),
                ...(options.watchdogCanPatchPodLabels ? ['--watchdog-can-patch-pod-labels'] : []),
              ],
            }],
            serviceAccountName: NAME,
            volumes: [
              { name: 'dapr-operator-tmp', emptyDir: { sizeLimit: '64Mi', medium: 'Memory' } },
              ctx.trustBundleVolume(),
              ctx.identityTokenVolume(),
              ...extras.volumes,
            ],
            affinity: ctx.affinity(NAME, ctx.ha),
            ...ctx.podScheduling(),
          },
        },
      },
    });
    // Any replicated service gets a budget, with or without HA (explicit `replicas` too).
    if (replicas > 1) {
      this.addDisruptionBudget(ctx, 'dapr-operator-disruption-budget', NAME, COMPONENT);
    }
  }
}

/**
 * The operator's RBAC rules, as charts/dapr/charts/dapr_rbac/templates/operator.yaml grants them:
 * the watch rules go to a ClusterRole, or with namespaced RBAC into the Role (where pods lose
 * "watch", as in the chart); the watchdog's label patching adds "patch" on pods (cluster mode
 * only, as in the chart); the Argo Rollouts reconciler adds rules on rollouts to both roles.
 */
export function operatorRules(namespaced: boolean, watchdogPatch: boolean, argo: boolean): { cluster?: PolicyRule[]; namespaced: PolicyRule[] } {
  const watch = (podVerbs: string[]): PolicyRule[] => [
    { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'patch'] },
    { apiGroups: ['apps'], resources: ['deployments', 'deployments/finalizers'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['apps'], resources: ['deployments/finalizers'], verbs: ['update'] },
    { apiGroups: ['apps'], resources: ['statefulsets', 'statefulsets/finalizers'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['apps'], resources: ['statefulsets/finalizers'], verbs: ['update'] },
    { apiGroups: [''], resources: ['pods'], verbs: podVerbs },
    { apiGroups: [''], resources: ['services', 'services/finalizers'], verbs: ['get', 'list', 'watch', 'update', 'create'] },
    { apiGroups: [''], resources: ['services'], verbs: ['delete'] },
    { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
    { apiGroups: ['dapr.io'], resources: DAPR_RESOURCE_PLURALS, verbs: ['get', 'list', 'watch'] },
  ];
  const rollouts: PolicyRule[] = argo ? [
    { apiGroups: ['argoproj.io'], resources: ['rollouts'], verbs: ['get', 'list', 'watch', 'delete'] },
    { apiGroups: ['argoproj.io'], resources: ['rollouts/finalizers'], verbs: ['update'] },
  ] : [];
  const leaderElection: PolicyRule[] = [
    // Leader election: only its own two locks.
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'update', 'create'], resourceNames: ['operator.dapr.io', 'webhooks.dapr.io'] },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'update', 'create'], resourceNames: ['operator.dapr.io', 'webhooks.dapr.io'] },
    // "create" cannot be limited by resourceNames: the name is unknown when it is authorized.
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
    { apiGroups: [''], resources: ['configmaps', 'events'], verbs: ['create'] },
  ];
  return namespaced
    ? { namespaced: [...leaderElection, ...watch(['get', 'list', 'delete']), ...rollouts] }
    : { cluster: [...watch(['get', 'list', 'delete', 'watch', ...(watchdogPatch ? ['patch'] : [])]), ...rollouts], namespaced: [...leaderElection, ...rollouts] };
}
