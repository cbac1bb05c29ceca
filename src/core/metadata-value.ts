import { Duration } from 'cdk8s';
import { checkDuration, checkPlainNumber } from './validation';

/**
 * Where a secret value lives: a key inside a named secret.
 *
 * Without `auth.secretStore` on the component, Dapr reads it from the Kubernetes Secret
 * `name` in the component's namespace; with one, from that Dapr secret store.
 */
export interface SecretKeyRef {
  /** The secret's name (a Kubernetes Secret, or a secret in the component's secret store). */
  readonly name: string;
  /** The key inside that secret. */
  readonly key: string;
}

/**
 * The value of one component metadata item: plaintext, a secret reference, or an
 * environment variable of the daprd process.
 *
 * Sensitive fields (passwords, keys, tokens) must be secret references; a plaintext value
 * for them fails synth unless the component opts out for that field by name
 * (`allowPlaintextSecrets`).
 */
export class MetadataValue {
  /** A plaintext value. */
  public static fromString(value: string): MetadataValue {
    return new MetadataValue(value, undefined, undefined);
  }

  /** A number, written as its decimal string (Dapr reads every metadata value as a string). */
  public static fromNumber(value: number): MetadataValue {
    return new MetadataValue(checkPlainNumber('MetadataValue.fromNumber', 'value', value), undefined, undefined);
  }

  /** A boolean, written as "true" or "false". */
  public static fromBoolean(value: boolean): MetadataValue {
    return new MetadataValue(value ? 'true' : 'false', undefined, undefined);
  }

  /** A duration, written the way Go's time.ParseDuration reads it ("500ms", "30s", "5m", "2h"). */
  public static fromDuration(value: Duration): MetadataValue {
    return new MetadataValue(checkDuration('MetadataValue.fromDuration', 'value', value, true), undefined, undefined);
  }

  /**
   * A value read from a secret at runtime: `secretKeyRef: { name, key }`.
   *
   * @param secretName the secret's name (a Kubernetes Secret unless the component uses a secret store)
   * @param key the key inside the secret
   */
  public static fromSecret(secretName: string, key: string): MetadataValue {
    return new MetadataValue(undefined, { name: secretName, key }, undefined);
  }

  /**
   * A value daprd reads from one of its own environment variables (`envRef`), e.g. one set on
   * the sidecar through `dapr.io/env` or injected from a Secret.
   *
   * @param variableName the environment variable's name
   */
  public static fromEnv(variableName: string): MetadataValue {
    return new MetadataValue(undefined, undefined, variableName);
  }

  /** The plaintext value, if this is one. */
  public readonly value?: string;
  /** The secret reference, if this is one. */
  public readonly secretKeyRef?: SecretKeyRef;
  /** The environment variable name, if this is one. */
  public readonly envRef?: string;

  private constructor(value: string | undefined, secretKeyRef: SecretKeyRef | undefined, envRef: string | undefined) {
    this.value = value;
    this.secretKeyRef = secretKeyRef;
    this.envRef = envRef;
  }

  /** True when the value is not written into the manifest (a secret or environment reference). */
  public get isReference(): boolean {
    return this.value === undefined;
  }
}
