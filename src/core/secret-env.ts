/**
 * A secret key the injector exposes to daprd as an environment variable.
 */
export interface SidecarSecretEnv {
  /** The Kubernetes Secret's name, in the app's namespace. */
  readonly secretName: string;
  /**
   * The key within the Secret.
   * @default - the environment variable's name
   */
  readonly key?: string;
}
