import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ControlPlaneContext, TRUST_BUNDLE, CONTROL_PLANE_POLICY_EXEMPTIONS } from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { ReplicatedServiceOptions } from './options';
import { ServiceIdentity } from './rbac';
import { checkInteger } from '../common/validation';

const NAME = 'dapr-sentry';
const COMPONENT = 'sentry';
const GRPC_PORT = 50001;

/**
 * dapr-sentry: the certificate authority that signs every sidecar's and control plane
 * service's workload certificate, and publishes the trust bundle.
 * @internal
 */
export class DaprSentry extends ControlPlaneService {
  public readonly workloadName = NAME;
  public readonly identity: ServiceIdentity;
  public readonly workload: ApiObject;
  /** The Secret Sentry keeps the root and issuer in, when synthesized. */
  public readonly trustBundleSecret?: ApiObject;
  /** The ConfigMap every Dapr process reads the root certificate from. */
  public readonly trustBundleConfigMap: ApiObject;

  constructor(scope: Construct, id: string, ctx: ControlPlaneContext, options: ReplicatedServiceOptions = {}) {
    super(scope, id);
    const replicas = ctx.ha ? ctx.haReplicas : checkInteger(this, 'sentry.replicas', options.replicas ?? 1, 1, 15);
    const logLevel = ctx.checkLogLevel('sentry.logLevel', options.logLevel) ?? ctx.logLevel;
    this.identity = new ServiceIdentity(this, 'Rbac', ctx, {
      name: NAME,
      clusterRules: [
        // Validates the ServiceAccount tokens that pods present when asking for a certificate.
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
        { apiGroups: ['dapr.io'], resources: ['configurations'], verbs: ['list', 'get', 'watch'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['list', 'get', 'watch'] },
      ],
      namespacedRules: [
        { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'update', 'delete'], resourceNames: [TRUST_BUNDLE] },
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update', 'watch', 'list'], resourceNames: [TRUST_BUNDLE] },
        { apiGroups: ['dapr.io'], resources: ['configurations'], verbs: ['list', 'get', 'watch'] },
      ],
    });

    const bundleLabels = ctx.objectLabels(COMPONENT, { app: NAME });
    if (ctx.trustBundle.sentryGenerated) {
      // Empty on purpose: Sentry writes the generated root and issuer into it.
      this.trustBundleSecret = new ApiObject(this, 'TrustBundleSecret', {
        apiVersion: 'v1', kind: 'Secret', metadata: { name: TRUST_BUNDLE, namespace: ctx.namespace, labels: bundleLabels },
      });
    }
    const pem = ctx.trustBundle.existing.rootCertificatePem;
    this.trustBundleConfigMap = new ApiObject(this, 'TrustBundleConfigMap', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: TRUST_BUNDLE, namespace: ctx.namespace, labels: bundleLabels },
      data: pem !== undefined ? { 'ca.crt': pem.trim() + '\n' } : undefined,
    });

    this.addService(ctx, 'Service', { name: NAME, labels: ctx.objectLabels(COMPONENT), annotations: ctx.prometheusAnnotationsMap() }, {
      selector: { app: NAME },
      type: 'ClusterIP',
      ports: [{ protocol: 'TCP', port: 443, targetPort: GRPC_PORT, name: 'grpc' }, ...ctx.metricsServicePorts()],
    });

    const files = ctx.trustBundle.existing;
    const issuerArgs = files.caFilename || files.issuerCertificateFilename || files.issuerKeyFilename
      ? ['--issuer-ca-filename', files.caFilename ?? 'ca.crt',
        '--issuer-certificate-filename', files.issuerCertificateFilename ?? 'issuer.crt',
        '--issuer-key-filename', files.issuerKeyFilename ?? 'issuer.key']
      : [];
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
          metadata: ctx.podMetadata(NAME, COMPONENT, 'sentry', options, 'sentry'),
          spec: {
            containers: [{
              name: NAME,
              ...ctx.probes(),
              image: ctx.serviceImage(this, 'sentry', 'sentry', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              securityContext: ctx.containerSecurityContext(),
              env: [{ name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
              ports: [{ containerPort: GRPC_PORT }, ...ctx.metricsContainerPorts()],
              resources: ctx.resources('sentry.resources', options.resources),
              volumeMounts: [{ name: 'credentials', mountPath: '/var/run/secrets/dapr.io/credentials', readOnly: true }],
              command: ['/sentry'],
              args: [
                '--mode', 'kubernetes',
                ...ctx.logArgs(logLevel),
                ...ctx.metricsArgs(),
                '--trust-domain', ctx.trustDomain,
                ...issuerArgs,
              ],
            }],
            serviceAccountName: NAME,
            volumes: [{ name: 'credentials', secret: { secretName: TRUST_BUNDLE } }],
            affinity: ctx.affinity(NAME, ctx.ha),
            ...ctx.podScheduling(),
          },
        },
      },
    });
    // Any replicated service gets a budget, with or without HA (explicit `replicas` too).
    if (replicas > 1) {
      this.addDisruptionBudget(ctx, 'dapr-sentry-budget', NAME, COMPONENT);
    }
  }
}
