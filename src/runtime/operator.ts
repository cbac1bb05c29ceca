import { Construct } from 'constructs';
import { ControlPlaneService } from './control-plane-service';
import { checkAnnotations, ControlPlaneValues, TRUST_ANCHORS_DIR, TRUST_BUNDLE } from './control-plane-values';
import { OperatorOptions } from './dapr-control-plane-props';
import * as k8s from './kube';
import { podExtras, serviceExposure } from './pod-extras';
import { containerSecurityContext, identityTokenVolume, metricsContainerPorts, metricsServicePorts, servicePort, trustBundleVolume, trustMounts } from './pod-spec';
import { PolicyRule } from './rbac';
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
  constructor(scope: Construct, id: string, values: ControlPlaneValues, options: OperatorOptions = {}) {
    super(scope, id, NAME);
    const replicas = values.ha ? values.haReplicas : checkInteger(this, 'operator.replicas', options.replicas ?? 1, 1, 15);
    const logLevel = values.checkLogLevel('operator.logLevel', options.logLevel) ?? values.logLevel;
    const watchNamespace = options.watchNamespace === undefined ? undefined : checkDnsLabel(this, 'operator.watchNamespace', options.watchNamespace);
    const watchInterval = options.watchInterval === undefined ? '0' : checkDuration(this, 'operator.watchInterval', options.watchInterval);
    const maxRestarts = checkInteger(this, 'operator.maxPodRestartsPerMinute', options.maxPodRestartsPerMinute ?? 20, 0, 10000);
    const rules = operatorRules(values.namespacedRbac, options.watchdogCanPatchPodLabels ?? false, options.argoRolloutsServiceReconciler ?? false);
    const serviceAccountAnnotations = checkAnnotations(this, 'operator.serviceAccountAnnotations', options.serviceAccountAnnotations);
    const extras = podExtras(this, 'operator', options, ['dapr-operator-tmp', TRUST_BUNDLE, 'dapr-identity-token'], ['NAMESPACE'], containerSecurityContext(values));
    const api = serviceExposure(this, 'operator.apiService', options.apiService, values.prometheusAnnotationsMap());
    const webhook = serviceExposure(this, 'operator.webhookService', options.webhookService);

    this.build(values, {
      name: NAME,
      component: COMPONENT,
      prop: 'operator',
      options,
      binary: 'operator',
      replicas,
      identity: {
        name: NAME,
        clusterRoleName: 'dapr-operator-admin',
        clusterRules: rules.cluster,
        namespacedRules: rules.namespaced,
        serviceAccountAnnotations,
      },
      services: [{
        id: 'ApiService',
        name: 'dapr-api',
        appLabel: false,
        annotations: api.annotations,
        spec: {
          type: api.type,
          ports: [
            servicePort(443, API_PORT, { protocol: 'TCP', name: 'grpc' }),
            // Older sidecars still dial port 80.
            servicePort(80, API_PORT, { protocol: 'TCP', name: 'legacy' }),
            ...metricsServicePorts(values),
          ],
        },
      }, {
        id: 'WebhookService',
        name: 'dapr-webhook',
        appLabel: false,
        annotations: webhook.annotations,
        spec: { type: webhook.type, ports: [servicePort(443, WEBHOOK_PORT, { protocol: 'TCP' })] },
      }],
      container: {
        command: ['/operator'],
        args: [
          '--watch-interval', watchInterval,
          '--max-pod-restarts-per-minute', String(maxRestarts),
          '--log-level', logLevel,
          '--trust-anchors-file', `${TRUST_ANCHORS_DIR}/ca.crt`,
          ...(values.logAsJson ? ['--log-as-json'] : []),
          ...values.metricsArgs(),
          ...values.configArgs(),
          ...(watchNamespace ? ['--watch-namespace', watchNamespace] : []),
          ...((options.serviceReconciler ?? true) ? [] : ['--disable-service-reconciler']),
          ...(options.argoRolloutsServiceReconciler ? ['--enable-argo-rollout-service-reconciler'] : []),
          ...(options.watchdogCanPatchPodLabels ? ['--watchdog-can-patch-pod-labels'] : []),
        ],
        env: [{ name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
        ports: [{ containerPort: API_PORT }, ...metricsContainerPorts(values)],
        volumeMounts: [
          ...trustMounts(true),
          // The root filesystem is read-only; controller-runtime writes webhook certs here.
          { name: 'dapr-operator-tmp', mountPath: '/tmp' },
        ],
      },
      volumes: [
        { name: 'dapr-operator-tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('64Mi'), medium: 'Memory' } },
        trustBundleVolume(),
        identityTokenVolume(values),
      ],
      extras,
      spread: values.ha,
      // Any replicated service gets a budget, with or without HA (explicit `replicas` too).
      disruptionBudget: replicas > 1 ? 'dapr-operator-disruption-budget' : undefined,
    });
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
