import { TypedComponentOptions } from './typed-component';
import { MetadataValue } from '../core/metadata-value';

/**
 * Props of Kubernetes Secrets (`secretstores.kubernetes`).
 */
export interface KubernetesSecretStoreProps extends TypedComponentOptions {
}

/**
 * Props of HashiCorp Vault (`secretstores.hashicorp.vault`).
 */
export interface VaultSecretStoreProps extends TypedComponentOptions {
  /**
   * Vault address.
   * @default - not set (Dapr's default: https://127.0.0.1:8200)
   */
  readonly vaultAddr?: string;
  /**
   * Vault token.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly vaultToken?: MetadataValue;
  /**
   * Path of a file holding the Vault token, e.g. a mounted Secret.
   * @default - not set
   */
  readonly vaultTokenMountPath?: string;
  /**
   * Prefix of the secrets' path in the KV engine.
   * @default - not set (Dapr's default: dapr)
   */
  readonly vaultKVPrefix?: string;
  /**
   * Mount path of the KV secrets engine.
   * @default - not set (Dapr's default: secret)
   */
  readonly enginePath?: string;
  /**
   * CA certificate (PEM) of the Vault server.
   * @default - not set
   */
  readonly caPem?: string;
  /**
   * Skip TLS certificate verification (testing only).
   * @default - not set (Dapr's default: false)
   */
  readonly skipVerify?: string;
}

/**
 * Props of AWS Secrets Manager (`secretstores.aws.secretmanager`).
 */
export interface AwsSecretsManagerSecretStoreProps extends TypedComponentOptions {
  /**
   * AWS region of the resource.
   * @default - not set
   */
  readonly region?: string;
  /**
   * AWS access key id; omit it to use the pod's IAM role (IRSA).
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly accessKey?: MetadataValue;
  /**
   * AWS secret access key; omit it to use the pod's IAM role (IRSA).
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly secretKey?: MetadataValue;
  /**
   * Custom service endpoint, e.g. for a local emulator.
   * @default - not set
   */
  readonly endpoint?: string;
  /**
   * Read a JSON secret as several key/value pairs.
   * @default - not set
   */
  readonly multipleKeyValuesPerSecret?: boolean;
}

/**
 * Props of Azure Key Vault (`secretstores.azure.keyvault`).
 */
export interface AzureKeyVaultSecretStoreProps extends TypedComponentOptions {
  /**
   * Name of the Key Vault.
   */
  readonly vaultName: string;
  /**
   * Client id of the Azure AD identity (workload or managed identity).
   * @default - not set
   */
  readonly azureClientId?: string;
  /**
   * Azure AD tenant id.
   * @default - not set
   */
  readonly azureTenantId?: string;
  /**
   * Client secret of the Azure AD application.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly azureClientSecret?: MetadataValue;
}

/**
 * Props of Google Cloud Secret Manager (`secretstores.gcp.secretmanager`).
 */
export interface GcpSecretManagerSecretStoreProps extends TypedComponentOptions {
  /**
   * GCP project id.
   */
  readonly projectID: string;
  /**
   * Private key id of the service account key.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly privateKeyID?: MetadataValue;
  /**
   * Private key of the service account key.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly privateKey?: MetadataValue;
  /**
   * Email of the service account.
   * @default - not set
   */
  readonly clientEmail?: string;
}

/**
 * Props of daprd's own environment variables (`secretstores.local.env`).
 */
export interface LocalEnvSecretStoreProps extends TypedComponentOptions {
  /**
   * Only environment variables with this prefix are visible, without the prefix.
   * @default - not set
   */
  readonly prefix?: string;
}
