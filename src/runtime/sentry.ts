import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { ControlPlaneService } from './control-plane-service';
import { checkAnnotations, ControlPlaneValues, TRUST_BUNDLE } from './control-plane-values';
import { SentryJwtOptions, SentryOidcOptions, SentryOptions } from './dapr-control-plane-props';
import * as k8s from './kube';
import { podExtras, serviceExposure } from './pod-extras';
import { containerSecurityContext, metricsContainerPorts, metricsServicePorts, servicePort } from './pod-spec';
import { checkInteger, checkPort, fail, isDnsSubdomain } from '../core/validation';

const NAME = 'dapr-sentry';
const COMPONENT = 'sentry';
const GRPC_PORT = 50001;
/** Sentry's OIDC server port; the chart sets no `--oidc-server-listen-port`, so it is the binary's default. */
const OIDC_PORT = 9080;
const CREDENTIALS_DIR = '/var/run/secrets/dapr.io/credentials';

/**
 * dapr-sentry: the certificate authority that signs every sidecar's and control plane
 * service's workload certificate, and publishes the trust bundle.
 * @internal
 */
export class DaprSentry extends ControlPlaneService {
  private _secret?: ApiObject;
  private _configMap?: ApiObject;

  constructor(scope: Construct, id: string, values: ControlPlaneValues, options: SentryOptions = {}) {
    super(scope, id, NAME);
    const replicas = values.ha ? values.haReplicas : checkInteger(this, 'sentry.replicas', options.replicas ?? 1, 1, 15);
    const logLevel = values.checkLogLevel('sentry.logLevel', options.logLevel) ?? values.logLevel;
    const serviceAccountAnnotations = checkAnnotations(this, 'sentry.serviceAccountAnnotations', options.serviceAccountAnnotations);
    const extras = podExtras(this, 'sentry', options, ['credentials'], ['NAMESPACE'], containerSecurityContext(values));
    const oidc = options.oidc && oidcArgs(this, options.oidc, extras.mounts.map((m) => m.mountPath));
    const service = serviceExposure(this, 'sentry.service', options.service, values.prometheusAnnotationsMap());
    const jwt = options.jwt ? jwtArgs(this, options.jwt) : [];
    const files = values.trustBundle.existing;
    const issuerArgs = files.caFilename || files.issuerCertificateFilename || files.issuerKeyFilename
      ? ['--issuer-ca-filename', files.caFilename ?? 'ca.crt',
        '--issuer-certificate-filename', files.issuerCertificateFilename ?? 'issuer.crt',
        '--issuer-key-filename', files.issuerKeyFilename ?? 'issuer.key']
      : [];

    this.build(values, {
      name: NAME,
      component: COMPONENT,
      prop: 'sentry',
      options,
      binary: 'sentry',
      replicas,
      identity: {
        name: NAME,
        serviceAccountAnnotations,
        clusterRules: [
          // Validates the ServiceAccount tokens that pods present when asking for a certificate.
          { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
          // Namespaced RBAC drops the cluster-wide reads (charts/dapr/charts/dapr_rbac/templates/sentry.yaml).
          ...(values.namespacedRbac ? [] : [
            { apiGroups: ['dapr.io'], resources: ['configurations'], verbs: ['list', 'get', 'watch'] },
            { apiGroups: [''], resources: ['pods'], verbs: ['list', 'get', 'watch'] },
          ]),
        ],
        namespacedRules: [
          { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'update', 'delete'], resourceNames: [TRUST_BUNDLE] },
          { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update', 'watch', 'list'], resourceNames: [TRUST_BUNDLE] },
          { apiGroups: ['dapr.io'], resources: ['configurations'], verbs: ['list', 'get', 'watch'] },
        ],
      },
      beforeServices: () => this.addTrustBundle(values),
      services: [{
        id: 'Service',
        name: NAME,
        appLabel: false,
        annotations: service.annotations,
        spec: {
          type: service.type,
          ports: [
            servicePort(443, GRPC_PORT, { protocol: 'TCP', name: 'grpc' }),
            ...metricsServicePorts(values),
            ...(oidc ? [servicePort(oidc.servicePort, OIDC_PORT, { name: 'oidc', protocol: 'TCP' })] : []),
          ],
        },
      }],
      container: {
        command: ['/sentry'],
        args: [
          '--mode', 'kubernetes',
          ...values.logArgs(logLevel),
          ...values.metricsArgs(),
          '--trust-domain', values.trustDomain,
          ...issuerArgs,
          ...values.configArgs(),
          ...jwt,
          ...(oidc ? oidc.args : []),
        ],
        env: [{ name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }],
        ports: [
          { containerPort: GRPC_PORT },
          ...metricsContainerPorts(values),
          ...(oidc ? [{ name: 'oidc', containerPort: OIDC_PORT, protocol: 'TCP' }] : []),
        ],
        volumeMounts: [{ name: 'credentials', mountPath: CREDENTIALS_DIR, readOnly: true }],
      },
      volumes: [{ name: 'credentials', secret: { secretName: TRUST_BUNDLE } }],
      extras,
      spread: values.ha,
      // Any replicated service gets a budget, with or without HA (explicit `replicas` too).
      disruptionBudget: replicas > 1 ? 'dapr-sentry-budget' : undefined,
    });
  }

  /** The Secret Sentry keeps the root and issuer in, when synthesized. */
  public get trustBundleSecret(): ApiObject | undefined {
    return this._secret;
  }

  /** The ConfigMap every Dapr process reads the root certificate from. */
  public get trustBundleConfigMap(): ApiObject {
    return this._configMap!;
  }

  /** The trust bundle Secret (when Sentry generates it) and ConfigMap. */
  private addTrustBundle(values: ControlPlaneValues): void {
    const metadata = { name: TRUST_BUNDLE, namespace: values.namespace, labels: values.objectLabels(COMPONENT, { app: NAME }) };
    if (values.trustBundle.sentryGenerated) {
      // Empty on purpose: Sentry writes the generated root and issuer into it.
      this._secret = new ApiObject(this, 'TrustBundleSecret', k8s.KubeSecret.manifest({ metadata }));
    }
    const pem = values.trustBundle.existing.rootCertificatePem;
    this._configMap = new ApiObject(this, 'TrustBundleConfigMap', k8s.KubeConfigMap.manifest({
      metadata,
      data: pem !== undefined ? { 'ca.crt': pem.trim() + '\n' } : undefined,
    }));
  }
}

const FILE_NAME = /^[-._a-zA-Z0-9]{1,253}$/;
const JWT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * Sentry's JWT flags, as charts/dapr/charts/dapr_sentry/templates/dapr_sentry_deployment.yaml
 * writes them (flags in cmd/sentry/options/options.go). Key and JWKS are files of the credentials Secret.
 */
export function jwtArgs(scope: IConstruct, jwt: SentryJwtOptions): string[] {
  for (const key of ['keyFilename', 'jwksFilename'] as const) {
    if (jwt[key] !== undefined && !FILE_NAME.test(jwt[key])) fail(scope, `sentry.jwt.${key}`, jwt[key], 'a Secret key: letters, digits, "-", "_" and "."');
  }
  if (jwt.signingAlgorithm !== undefined && !JWT_ALGORITHMS.includes(jwt.signingAlgorithm)) {
    fail(scope, 'sentry.jwt.signingAlgorithm', jwt.signingAlgorithm, `one of ${JWT_ALGORITHMS.join(', ')}`);
  }
  if (jwt.issuer !== undefined && (jwt.issuer === '' || /\s/.test(jwt.issuer))) fail(scope, 'sentry.jwt.issuer', jwt.issuer, 'a non-empty issuer without spaces, e.g. "https://dapr.acme.example"');
  if (jwt.keyId !== undefined && (jwt.keyId === '' || /\s/.test(jwt.keyId))) fail(scope, 'sentry.jwt.keyId', jwt.keyId, 'a non-empty key ID without spaces');
  return [
    '--jwt-enabled=true',
    ...(jwt.keyFilename ? [`--jwt-key-filename=${jwt.keyFilename}`] : []),
    ...(jwt.jwksFilename ? [`--jwks-filename=${jwt.jwksFilename}`] : []),
    ...(jwt.issuer ? [`--jwt-issuer=${jwt.issuer}`] : []),
    ...(jwt.signingAlgorithm ? [`--jwt-signing-algorithm=${jwt.signingAlgorithm}`] : []),
    ...(jwt.keyId ? [`--jwt-key-id=${jwt.keyId}`] : []),
  ];
}

/**
 * Sentry's OIDC flags (same template). Unlike the chart, turning TLS off writes
 * `--oidc-server-tls-enabled=false`: the binary's default is true, so the chart's omission keeps TLS
 * on without certificate files and Sentry refuses to start.
 */
export function oidcArgs(scope: IConstruct, oidc: SentryOidcOptions, mountPaths: string[]): { args: string[]; servicePort: number } {
  const port = checkPort(scope, 'sentry.oidc.servicePort', oidc.servicePort ?? OIDC_PORT);
  const plaintext = oidc.plaintextHttp ?? false;
  for (const key of ['tlsCertFile', 'tlsKeyFile'] as const) {
    const file = oidc[key];
    if (plaintext && file !== undefined) fail(scope, `sentry.oidc.${key}`, file, 'no file with plaintextHttp: true');
    if (!plaintext && file === undefined) fail(scope, `sentry.oidc.${key}`, file, 'an absolute path under one of sentry.extraVolumeMounts (mount the certificate Secret there), or plaintextHttp: true');
    if (file !== undefined && !mountPaths.some((m) => file.startsWith(m.endsWith('/') ? m : `${m}/`))) {
      fail(scope, `sentry.oidc.${key}`, file, `a file under one of sentry.extraVolumeMounts (${mountPaths.join(', ') || 'none set'}): mount the certificate Secret there`);
    }
  }
  if (oidc.jwksUri !== undefined && !/^https:\/\/[^\s/]+(\/\S*)?$/.test(oidc.jwksUri)) fail(scope, 'sentry.oidc.jwksUri', oidc.jwksUri, 'an https:// URL');
  if (oidc.pathPrefix !== undefined && !/^\/[-._~/a-zA-Z0-9]*$/.test(oidc.pathPrefix)) fail(scope, 'sentry.oidc.pathPrefix', oidc.pathPrefix, 'a path starting with "/"');
  (oidc.allowedHosts ?? []).forEach((h, i) => {
    if (!isDnsSubdomain(h)) fail(scope, `sentry.oidc.allowedHosts[${i}]`, h, 'a host name');
  });
  return {
    servicePort: port,
    args: [
      '--oidc-enabled=true',
      '--oidc-server-listen-address=0.0.0.0',
      ...(oidc.jwksUri ? [`--oidc-jwks-uri=${oidc.jwksUri}`] : []),
      ...(oidc.pathPrefix ? [`--oidc-path-prefix=${oidc.pathPrefix}`] : []),
      ...(oidc.allowedHosts?.length ? [`--oidc-allowed-hosts=${oidc.allowedHosts.join(',')}`] : []),
      ...(oidc.tlsCertFile ? [`--oidc-server-tls-cert-file=${oidc.tlsCertFile}`] : []),
      ...(oidc.tlsKeyFile ? [`--oidc-server-tls-key-file=${oidc.tlsKeyFile}`] : []),
      plaintext ? '--oidc-server-tls-enabled=false' : '--oidc-server-tls-enabled=true',
    ],
  };
}
