import { TypedComponentOptions } from './typed-component';

/**
 * Props of Keys in Kubernetes Secrets (`crypto.dapr.kubernetes.secrets`).
 */
export interface KubernetesSecretsCryptoProviderProps extends TypedComponentOptions {
  /**
   * Namespace of the Secrets that hold the keys, when a key name does not say.
   * @default - not set
   */
  readonly defaultNamespace?: string;
}

/**
 * Props of Keys in a local directory (`crypto.dapr.localstorage`).
 */
export interface LocalStorageCryptoProviderProps extends TypedComponentOptions {
  /**
   * Directory that holds the keys (PEM or JWK files), e.g. a mounted Secret.
   */
  readonly path: string;
}
