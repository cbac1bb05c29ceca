import { Construct } from 'constructs';
import { checkCategory, Component, ComponentProps } from './component';
import { AwsSecretsManagerSecretStoreProps, AzureKeyVaultSecretStoreProps, GcpSecretManagerSecretStoreProps, KubernetesSecretStoreProps, LocalEnvSecretStoreProps, VaultSecretStoreProps } from './secret-store-props';
import { createTyped } from './typed-component';
import { resolveNamespace } from '../core/namespace';
import { ISecretStore } from '../core/secret-store-ref';
import { checkDnsSubdomain } from '../core/validation';

/** A secret store defined outside this cdk8s app. */
class ImportedSecretStore extends Construct implements ISecretStore {
  constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string) {
    super(scope, id);
    // the name goes into auth.secretStore references and the local twin's file names: a Component
    // name as the API server takes it (custom resources: NameIsDNSSubdomain, apiextensions-apiserver)
    checkDnsSubdomain(this, 'name', name);
  }
}

/**
 * A secret store (`secretstores.*`): serves the secrets API and the secret references of other components that name it (`component.useSecretStore(store)`).
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class SecretStore extends Component implements ISecretStore {
  /**
   * A secret store defined elsewhere (another chart or repository), by name, so components can
   * read their secrets from it. Use the name "kubernetes" for the store Dapr provides itself.
   *
   * @param namespace the store's namespace; defaults to the chart's namespace, else "default"
   */
  public static fromName(scope: Construct, id: string, name: string, namespace?: string): ISecretStore {
    return new ImportedSecretStore(scope, id, name, resolveNamespace(scope, namespace));
  }

  /** Kubernetes Secrets of the namespace, under a name of your own (Dapr also provides one named "kubernetes" without a component). */
  public static kubernetes(scope: Construct, id: string, props: KubernetesSecretStoreProps = {}): SecretStore {
    return createTyped(SecretStore, scope, id, 'secretstores.kubernetes', 'v1', props);
  }

  /** HashiCorp Vault (KV engine). */
  public static vault(scope: Construct, id: string, props: VaultSecretStoreProps): SecretStore {
    return createTyped(SecretStore, scope, id, 'secretstores.hashicorp.vault', 'v1', props);
  }

  /** AWS Secrets Manager. */
  public static awsSecretsManager(scope: Construct, id: string, props: AwsSecretsManagerSecretStoreProps = {}): SecretStore {
    return createTyped(SecretStore, scope, id, 'secretstores.aws.secretmanager', 'v1', props);
  }

  /** Azure Key Vault. */
  public static azureKeyVault(scope: Construct, id: string, props: AzureKeyVaultSecretStoreProps): SecretStore {
    return createTyped(SecretStore, scope, id, 'secretstores.azure.keyvault', 'v1', props);
  }

  /** Google Cloud Secret Manager. */
  public static gcpSecretManager(scope: Construct, id: string, props: GcpSecretManagerSecretStoreProps): SecretStore {
    return createTyped(SecretStore, scope, id, 'secretstores.gcp.secretmanager', 'v1', props);
  }

  /** daprd's own environment variables. */
  public static localEnv(scope: Construct, id: string, props: LocalEnvSecretStoreProps = {}): SecretStore {
    return createTyped(SecretStore, scope, id, 'secretstores.local.env', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'secretstores');
  }
}
