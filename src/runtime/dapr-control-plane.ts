import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { IDaprControlPlaneService } from './control-plane-service';
import { checkEnumValue, ControlPlaneValues, TRUST_BUNDLE } from './control-plane-values';
import { DaprControlPlaneProps } from './dapr-control-plane-props';
import { DaprVersion } from './dapr-version';
import { RemindersService } from './enums';
import * as k8s from './kube';
import { DaprOperator } from './operator';
import { DaprPlacement } from './placement';
import { RuntimeManagedField } from './runtime-managed-field';
import { DaprScheduler } from './scheduler';
import { DaprSentry } from './sentry';
import { DaprSidecarInjector } from './sidecar-injector';
import { renderTokenValidators } from '../config/token-validators';
import { ClusterScopedApiObject } from '../core/cluster-scoped-object';
import { CONFIGURATION_API_VERSION } from '../core/configuration-names';
import { checkProps } from '../core/js-values';
import { declareNamespace } from '../core/namespace-registry';
import { checkDnsLabel } from '../core/validation';

/**
 * Dapr's control plane: everything `helm install dapr dapr/dapr` puts on a cluster (operator,
 * sidecar injector and its webhook, sentry, placement, scheduler, their Services, RBAC and
 * PodDisruptionBudgets, and the `daprsystem` Configuration), as plain manifests.
 *
 * Equivalent to Dapr's official chart for the same settings, with deliberate differences that
 * make it secure by default and GitOps-friendly (the README lists them all): every container
 * gets `seccompProfile: RuntimeDefault` and injected sidecars drop all capabilities (Pod
 * Security Standards "restricted"); the chart's secret-reader Role is opt-in; every replicated
 * service has a PodDisruptionBudget; objects are labelled `app.kubernetes.io/managed-by: cdk8s`;
 * the Namespace is synthesized with the "restricted" enforcement label.
 *
 * The CRDs are not part of it: add `DaprCrds` to a chart this one depends on.
 *
 * Some fields are written by the control plane after it starts (the webhook's CA bundle, the
 * trust bundle): `runtimeManagedFields()` lists them for GitOps tools.
 */
export class DaprControlPlane extends Construct {
  /** The Dapr release. */
  public readonly version: DaprVersion;
  /** The control plane namespace. */
  public readonly namespace: string;
  /** The Namespace object, when synthesized. */
  public readonly namespaceObject?: ApiObject;
  /** dapr-operator. */
  public readonly operator: IDaprControlPlaneService;
  /** dapr-sidecar-injector. */
  public readonly sidecarInjector: IDaprControlPlaneService;
  /** The injector's MutatingWebhookConfiguration. */
  public readonly webhook: ApiObject;
  /** dapr-sentry. */
  public readonly sentry: IDaprControlPlaneService;
  /** The `dapr-trust-bundle` ConfigMap (root certificate for every Dapr process). */
  public readonly trustBundleConfigMap: ApiObject;
  /** The `dapr-trust-bundle` Secret, when Sentry generates the certificates. */
  public readonly trustBundleSecret?: ApiObject;
  /** dapr-placement-server, unless `actorsEnabled` is false. */
  public readonly placement?: IDaprControlPlaneService;
  /** dapr-scheduler-server, unless `schedulerEnabled` is false. */
  public readonly scheduler?: IDaprControlPlaneService;
  /** The control plane's Configuration (`daprsystem` unless renamed), holding the mTLS settings. */
  public readonly configuration: ApiObject;
  /** The ResourceQuota that admits `system-*-critical` pods into the namespace, when that class is used. */
  public readonly priorityClassQuota?: ApiObject;

  private readonly values: ControlPlaneValues;

  constructor(scope: Construct, id: string, props: DaprControlPlaneProps = {}) {
    super(scope, id);
    checkProps(this, props, false);
    const values = new ControlPlaneValues(this, props);
    this.values = values;
    this.version = values.version;
    this.namespace = values.namespace;

    if (props.createNamespace ?? true) {
      // the apps' automatic Namespaces leave this one out
      declareNamespace(this, values.namespace, true);
      this.namespaceObject = new ClusterScopedApiObject(this, 'Namespace', k8s.KubeNamespace.manifest({
        metadata: {
          name: values.namespace,
          labels: {
            ...values.objectLabels('namespace'),
            ...((props.enforcePodSecurityStandard ?? true) ? { 'pod-security.kubernetes.io/enforce': 'restricted' } : {}),
          },
        },
      }));
    }

    const sentry = new DaprSentry(this, 'Sentry', values, props.sentry);
    this.sentry = sentry;
    this.trustBundleConfigMap = sentry.trustBundleConfigMap;
    this.trustBundleSecret = sentry.trustBundleSecret;
    this.operator = new DaprOperator(this, 'Operator', values, props.operator);
    const reminders = props.remindersService;
    if (reminders !== undefined) {
      const provided = [
        ...(values.schedulerEnabled ? [RemindersService.SCHEDULER] : []),
        ...(values.actorsEnabled ? [RemindersService.PLACEMENT] : []),
      ];
      checkEnumValue(this, 'remindersService', reminders, provided);
    }
    const injector = new DaprSidecarInjector(this, 'SidecarInjector', values, {
      options: props.sidecarInjector, sidecar: props.sidecar, failurePolicy: props.webhookFailurePolicy, remindersService: reminders,
    });
    this.sidecarInjector = injector;
    this.webhook = injector.webhook;
    if (values.actorsEnabled) {
      this.placement = new DaprPlacement(this, 'Placement', values, props.placement);
    }
    if (values.schedulerEnabled) {
      this.scheduler = new DaprScheduler(this, 'Scheduler', values, props.scheduler);
    }

    this.configuration = new ApiObject(this, 'Configuration', {
      apiVersion: CONFIGURATION_API_VERSION,
      kind: 'Configuration',
      metadata: {
        name: values.configurationName,
        namespace: values.namespace,
        labels: values.objectLabels('config'),
      },
      spec: {
        mtls: {
          enabled: values.mtlsEnabled,
          workloadCertTTL: values.workloadCertTtl,
          allowedClockSkew: values.allowedClockSkew,
          controlPlaneTrustDomain: values.trustDomain,
          sentryAddress: values.sentryAddress,
          tokenValidators: renderTokenValidators(this, 'mtls.tokenValidators', props.mtls?.tokenValidators),
        },
      },
    });

    if (values.priorityClassName === 'system-node-critical' || values.priorityClassName === 'system-cluster-critical') {
      // Kubernetes admits pods of these two classes only into namespaces whose quota names them.
      this.priorityClassQuota = new ApiObject(this, 'PriorityClassQuota', k8s.KubeResourceQuota.manifest({
        metadata: { name: 'system-critical-quota', namespace: values.namespace, labels: values.objectLabels('rbac') },
        spec: { scopeSelector: { matchExpressions: [{ operator: 'In', scopeName: 'PriorityClass', values: [values.priorityClassName] }] } },
      }));
    }

    if (props.secretReader ?? false) {
      const ns = checkDnsLabel(this, 'secretReaderNamespace', props.secretReaderNamespace ?? 'default');
      const labels = values.objectLabels('rbac');
      new ApiObject(this, 'SecretReaderRole', k8s.KubeRole.manifest({
        metadata: { name: 'secret-reader', namespace: ns, labels },
        rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
      }));
      new ApiObject(this, 'SecretReaderRoleBinding', k8s.KubeRoleBinding.manifest({
        metadata: { name: 'dapr-secret-reader', namespace: ns, labels },
        subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: ns }],
        roleRef: { kind: 'Role', name: 'secret-reader', apiGroup: 'rbac.authorization.k8s.io' },
      }));
    }
  }

  /** The services it runs (five unless actors or the scheduler are off), in a fixed order. */
  public get services(): IDaprControlPlaneService[] {
    return [this.operator, this.sidecarInjector, this.sentry, this.placement, this.scheduler]
      .filter((s): s is IDaprControlPlaneService => s !== undefined);
  }

  /**
   * Fields the control plane writes into its own objects after they are applied. Ignore them
   * in your GitOps tool (the entries map 1:1 to Argo CD `ignoreDifferences`), and never sync
   * these objects with a replace strategy: that would wipe the generated certificates.
   */
  public runtimeManagedFields(): RuntimeManagedField[] {
    const fields: RuntimeManagedField[] = [{
      group: 'admissionregistration.k8s.io',
      kind: 'MutatingWebhookConfiguration',
      name: 'dapr-sidecar-injector',
      jsonPointers: ['/webhooks/0/clientConfig/caBundle'],
      reason: 'the sidecar injector patches in the CA of its serving certificate at startup',
    }];
    if (this.trustBundleSecret) {
      fields.push({
        group: '',
        kind: 'Secret',
        name: TRUST_BUNDLE,
        namespace: this.namespace,
        jsonPointers: ['/data'],
        reason: 'Sentry stores the root and issuer certificates and key it generates',
      });
    }
    if (this.values.trustBundle.existing.rootCertificatePem === undefined) {
      fields.push({
        group: '',
        kind: 'ConfigMap',
        name: TRUST_BUNDLE,
        namespace: this.namespace,
        jsonPointers: ['/data'],
        reason: 'Sentry publishes the root certificate (trust anchors) here',
      });
    }
    return fields;
  }
}
