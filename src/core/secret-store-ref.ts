import { IConstruct } from 'constructs';

/**
 * A Dapr secret store that components can read their secret references from
 * (`auth.secretStore`). Implemented by `SecretStore`; use `SecretStore.fromName()` for a store
 * defined elsewhere.
 */
export interface ISecretStore extends IConstruct {
  /** The secret store component's name, which `auth.secretStore` refers to. */
  readonly name: string;

  /** The namespace of the secret store component. */
  readonly namespace: string;
}
