import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ControlPlaneContext, TRUST_ANCHORS_DIR, CONTROL_PLANE_POLICY_EXEMPTIONS } from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { ReplicatedServiceOptions } from './options';
import { ServiceIdentity } from './rbac';
import { checkInteger } from '../common/validation';

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

  constructor(scope: Construct, id: string, ctx: ControlPlaneContext, options: ReplicatedServiceOptions = {}) {
    super(scope, id);
    const replicas = ctx.ha ? ctx.haReplicas : checkInteger(this, 'operator.replicas', options.replicas ?? 1, 1, 15);
    const logLevel = ctx.checkLogLevel('operator.logLevel', options.logLevel) ?? ctx.logLevel;
    this.identity = new ServiceIdentity(this, 'Rbac', ctx, {
      name: NAME,
      clusterRoleName: 'dapr-operator-admin',
      clusterRules: [
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'patch'] },
        { apiGroups: ['apps'], resources: ['deployments', 'deployments/finalizers'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['apps'], resources: ['deployments/finalizers'], verbs: ['update'] },
        { apiGroups: ['apps'], resources: ['statefulsets', 'statefulsets/finalizers'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['apps'], resources: ['statefulsets/finalizers'], verbs: ['update'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete', 'watch'] },
        { apiGroups: [''], resources: ['services', 'services/finalizers'], verbs: ['get', 'list', 'watch', 'update', 'create'] },
        { apiGroups: [''], resources: ['services'], verbs: ['delete'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['dapr.io'], resources: DAPR_RESOURCE_PLURALS, verbs: ['get', 'list', 'watch'] },
      ],
      namespacedRules: [
        // Leader election: only its own two locks.
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'update', 'create'], resourceNames: ['operator.dapr.io', 'webhooks.dapr.io'] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'update', 'create'], resourceNames: ['operator.dapr.io', 'webhooks.dapr.io'] },
        // "create" cannot be limited by resourceNames: the name is unknown when it is authorized.
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        { apiGroups: [''], resources: ['configmaps', 'events'], verbs: ['create'] },
      ],
    });

    this.addService(ctx, 'ApiService', {
      name: 'dapr-api',
      labels: ctx.objectLabels(COMPONENT),
      annotations: ctx.prometheusAnnotationsMap(),
    }, {
      selector: { app: NAME },
      type: 'ClusterIP',
      ports: [
        { protocol: 'TCP', port: 443, targetPort: API_PORT, name: 'grpc' },
        // Older sidecars still dial port 80.
        { protocol: 'TCP', port: 80, targetPort: API_PORT, name: 'legacy' },
        ...ctx.metricsServicePorts(),
      ],
    });
    this.addService(ctx, 'WebhookService', { name: 'dapr-webhook', labels: ctx.objectLabels(COMPONENT) }, {
      type: 'ClusterIP',
      ports: [{ port: 443, targetPort: WEBHOOK_PORT, protocol: 'TCP' }],
      selector: { app: NAME },
    });

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
          metadata: ctx.podMetadata(NAME, COMPONENT, 'operator', options, 'operator'),
          spec: {
            containers: [{
              name: NAME,
              ...ctx.probes(),
              image: ctx.serviceImage(this, 'operator', 'operator', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              securityContext: ctx.containerSecurityContext(),
              env: [{ name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              ports: [{ containerPort: API_PORT }, ...ctx.metricsContainerPorts()],
              resources: ctx.resources('operator.resources', options.resources),
              volumeMounts: [
                ...ctx.trustMounts(true),
                // The root filesystem is read-only; controller-runtime writes webhook certs here.
                { name: 'dapr-operator-tmp', mountPath: '/tmp' },
              ],
              command: ['/operator'],
              args: [
                '--watch-interval', '0',
                '--max-pod-restarts-per-minute', '20',
                '--log-level', logLevel,
                '--trust-anchors-file', `${TRUST_ANCHORS_DIR}/ca.crt`,
                ...(ctx.logAsJson ? ['--log-as-json'] : []),
                ...ctx.metricsArgs(),
              ],
            }],
            serviceAccountName: NAME,
            volumes: [
              { name: 'dapr-operator-tmp', emptyDir: { sizeLimit: '64Mi', medium: 'Memory' } },
              ctx.trustBundleVolume(),
              ctx.identityTokenVolume(),
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
