import { Duration, Testing } from 'cdk8s';
import { LogLevel } from '../../src/core/enums';
import {
  ControlPlaneStorage, DaprControlPlane, DaprControlPlaneProps, DaprVersion, DisruptionBudget, ImagePullPolicy,
  TrustBundle, WebhookFailurePolicy,
} from '../../src/runtime';
import { unknownValue } from '../unknown-value';

const build = (props: DaprControlPlaneProps) => () => new DaprControlPlane(Testing.chart(), 'dapr', props);

describe('DaprControlPlane validation', () => {
  test.each<[string, DaprControlPlaneProps, RegExp]>([
    ['namespace', { namespace: 'Dapr_System' }, /\[test\/dapr\] namespace: "Dapr_System" is invalid; allowed: an RFC 1123 label/],
    ['registry', { registry: 'https://ghcr.io/dapr/' }, /registry: "https:\/\/ghcr.io\/dapr\/" is invalid; allowed: a registry host/],
    ['image pull policy', { imagePullPolicy: unknownValue(ImagePullPolicy, 'Sometimes') }, /imagePullPolicy: "Sometimes" is invalid; allowed: one of "IfNotPresent", "Always", "Never"/],
    ['image pull secret', { imagePullSecrets: ['Reg Cred'] }, /imagePullSecrets\[0\]: <redacted: 8 characters> is invalid/],
    ['HA replicas', { ha: true, haReplicas: 1 }, /haReplicas: 1 is invalid; allowed: an integer from 2 to 15/],
    ['replicas', { operator: { replicas: 0 } }, /operator.replicas: 0 is invalid; allowed: an integer from 1 to 15/],
    ['scheduler replicas even', { scheduler: { replicas: 4 } }, /scheduler.replicas: 4 is invalid; allowed: 1, 3, 5 or 7/],
    ['log level', { logLevel: unknownValue(LogLevel, 'verbose') }, /logLevel: "verbose" is invalid; allowed: one of "debug", "info", "warn", "error", "fatal"/],
    ['service log level', { placement: { logLevel: unknownValue(LogLevel, 'trace') } }, /placement.logLevel: "trace" is invalid/],
    ['webhook failure policy', { webhookFailurePolicy: unknownValue(WebhookFailurePolicy, 'ignore') }, /webhookFailurePolicy: "ignore" is invalid; allowed: one of "Ignore", "Fail"/],
    ['cert TTL', { mtls: { workloadCertTtl: Duration.seconds(30) } }, /mtls.workloadCertTtl: "30s" is invalid; allowed: a duration of at least 1 minute/],
    ['clock skew', { mtls: { workloadCertTtl: Duration.hours(1), allowedClockSkew: Duration.hours(2) } }, /mtls.allowedClockSkew: "2h" is invalid; allowed: a duration shorter than workloadCertTtl \(1h\)/],
    ['trust domain', { mtls: { controlPlaneTrustDomain: 'Acme Corp' } }, /mtls.controlPlaneTrustDomain: "Acme Corp" is invalid/],
    ['sentry address', { mtls: { sentryAddress: 'dapr-sentry' } }, /mtls.sentryAddress: "dapr-sentry" is invalid; allowed: "host:port"/],
    ['metrics port collision', { metricsPort: 8080 }, /metricsPort: 8080 is invalid; allowed: a port not used by the health port/],
    ['metrics port range', { metricsPort: 70000 }, /metricsPort: 70000 is invalid; allowed: an integer from 1 to 65535/],
    ['resource quantity', { sentry: { resources: { memoryLimit: '1 GB' } } }, /sentry.resources.memoryLimit: "1 GB" is invalid; allowed: a non-negative Kubernetes quantity/],
    ['request above limit', { operator: { resources: { cpuRequest: '2', cpuLimit: '500m' } } }, /operator.resources.cpuRequest: "2" is invalid; allowed: at most operator.resources.cpuLimit \(500m\)/],
    ['storage size', { scheduler: { storage: ControlPlaneStorage.persistent({ size: '0' }) } }, /scheduler.storage.size: "0" is invalid; allowed: a positive Kubernetes quantity/],
    ['storage size format', { scheduler: { storage: ControlPlaneStorage.persistent({ size: '16GB' }) } }, /scheduler.storage.size: "16GB" is invalid/],
    ['storage class', { scheduler: { storage: ControlPlaneStorage.persistent({ storageClassName: 'Fast SSD' }) } }, /scheduler.storage.storageClassName: "Fast SSD" is invalid/],
    ['disruption budget', { disruptionBudget: DisruptionBudget.maxUnavailable('150%') }, /disruptionBudget.maxUnavailable: "150%" is invalid; allowed: a non-negative integer/],
    ['toleration operator', { tolerations: [{ key: 'k', operator: 'In' }] }, /tolerations\[0\].operator: "In" is invalid; allowed: one of "Equal", "Exists"/],
    ['toleration value with Exists', { tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }, /tolerations\[0\].value: "v" is invalid; allowed: no value with operator "Exists"/],
    ['toleration seconds', { tolerations: [{ key: 'k', effect: 'NoSchedule', tolerationSeconds: 5 }] }, /tolerations\[0\].tolerationSeconds: 5 is invalid; allowed: only with effect "NoExecute"/],
    ['reserved label', { labels: { app: 'mine' } }, /labels key: "app" is invalid; allowed: a key other than/],
    ['label value', { labels: { team: 'platform team' } }, /labels\["team"\]: "platform team" is invalid/],
    ['priority class', { priorityClassName: 'High' }, /priorityClassName: "High" is invalid/],
    ['sidecar image', { sidecar: { image: 'ghcr.io/dapr/daprd:latest' } }, /sidecar.image: "ghcr.io\/dapr\/daprd:latest" is invalid; allowed: an image reference pinned by tag or digest/],
    ['operator image latest', { operator: { image: 'ghcr.io/dapr/operator:latest' } },
      /\[test\/dapr\/Operator\] operator.image: "ghcr.io\/dapr\/operator:latest" is invalid; allowed: an image reference pinned by tag or digest, e.g. "ghcr.io\/dapr\/daprd:1.18.3" or "repo\/daprd@sha256:<64 hex>", not "latest"/],
    ['injector image untagged', { sidecarInjector: { image: 'ghcr.io/dapr/injector' } }, /\[test\/dapr\/SidecarInjector\] sidecarInjector.image: "ghcr.io\/dapr\/injector" is invalid; allowed: an image reference pinned/],
    ['sentry image short digest', { sentry: { image: 'ghcr.io/dapr/sentry@sha256:abc' } }, /\[test\/dapr\/Sentry\] sentry.image: "ghcr.io\/dapr\/sentry@sha256:abc" is invalid; allowed: an image reference pinned/],
    ['placement image with scheme', { placement: { image: 'https://ghcr.io/dapr/placement:1.18.3' } }, /\[test\/dapr\/Placement\] placement.image: "https:\/\/ghcr.io\/dapr\/placement:1.18.3" is invalid/],
    ['scheduler image empty', { scheduler: { image: '' } }, /\[test\/dapr\/Scheduler\] scheduler.image: "" is invalid; allowed: an image reference pinned/],
    ['root certificate with a private key', { trustBundle: TrustBundle.fromExistingSecret({ rootCertificatePem: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----' }) },
      /trustBundle.rootCertificatePem: .* is invalid; allowed: PEM certificates only/],
    ['secret reader namespace', { secretReader: true, secretReaderNamespace: 'Apps' }, /secretReaderNamespace: "Apps" is invalid/],
  ])('%s', (_name, props, error) => {
    expect(build(props)).toThrow(error);
  });

  test('DaprVersion.of refuses non-release strings', () => {
    expect(() => DaprVersion.of('v1.18.3')).toThrow(/\[DaprVersion\] version: "v1.18.3" is invalid; allowed: a release number such as "1.18.3"/);
    expect(() => DaprVersion.of('latest')).toThrow(/version: "latest" is invalid/);
    expect(DaprVersion.of('1.19.0-rc.1').version).toBe('1.19.0-rc.1');
  });
});
