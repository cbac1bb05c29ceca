import { Construct } from 'constructs';
import { checkCategory, Component, ComponentProps } from './component';
import { KubernetesSecretsCryptoProviderProps, LocalStorageCryptoProviderProps } from './crypto-provider-props';
import { createTyped } from './typed-component';

/**
 * A cryptography provider (`crypto.*`): the keys behind the cryptography API.
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class CryptoProvider extends Component {
  /** Keys kept in Kubernetes Secrets. */
  public static kubernetesSecrets(scope: Construct, id: string, props: KubernetesSecretsCryptoProviderProps = {}): CryptoProvider {
    return createTyped(CryptoProvider, scope, id, 'crypto.dapr.kubernetes.secrets', 'v1', props);
  }

  /** Keys in a directory of the sidecar, e.g. a mounted Secret volume. */
  public static localStorage(scope: Construct, id: string, props: LocalStorageCryptoProviderProps): CryptoProvider {
    return createTyped(CryptoProvider, scope, id, 'crypto.dapr.localstorage', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'crypto');
  }
}
