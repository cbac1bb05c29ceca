/**
 * Options of a trust bundle kept in an existing Secret.
 */
export interface ExistingTrustBundleOptions {
  /**
   * The root certificate (PEM, public). When given it is written into the `dapr-trust-bundle`
   * ConfigMap, so the ConfigMap is fully declared and does not drift.
   * @default - Sentry copies it into the ConfigMap at startup
   */
  readonly rootCertificatePem?: string;
  /**
   * The key of the root certificate in the Secret.
   * @default "ca.crt"
   */
  readonly caFilename?: string;
  /**
   * The key of the issuer certificate in the Secret.
   * @default "issuer.crt"
   */
  readonly issuerCertificateFilename?: string;
  /**
   * The key of the issuer private key in the Secret.
   * @default "issuer.key"
   */
  readonly issuerKeyFilename?: string;
}

/**
 * Where Sentry, Dapr's certificate authority, gets its root and issuer certificates.
 *
 * Private keys never appear in the synthesized YAML: either Sentry generates them into the
 * `dapr-trust-bundle` Secret itself, or you create that Secret out of band (cert-manager,
 * External Secrets, sealed secrets, `kubectl create secret`).
 */
export class TrustBundle {
  /**
   * Sentry generates a self-signed root and issuer on first start and stores them in the
   * (initially empty) `dapr-trust-bundle` Secret and ConfigMap (Dapr's default).
   */
  public static generatedBySentry(): TrustBundle {
    return new TrustBundle(true, {});
  }

  /**
   * Your own root and issuer, in a Secret named `dapr-trust-bundle` in the control plane
   * namespace that you create before the control plane (keys `ca.crt`, `issuer.crt`,
   * `issuer.key` unless renamed). The Secret is not synthesized, so GitOps never overwrites it.
   */
  public static fromExistingSecret(options: ExistingTrustBundleOptions = {}): TrustBundle {
    return new TrustBundle(false, options);
  }

  private constructor(
    /** True when the Secret is synthesized (empty) for Sentry to fill. */
    public readonly sentryGenerated: boolean,
    /** Options of an existing Secret. */
    public readonly existing: ExistingTrustBundleOptions) {}
}
