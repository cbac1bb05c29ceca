import { ApiObjectMetadata, Duration } from 'cdk8s';
import { MetadataValue } from './metadata-value';
import { SidecarSecretEnv } from './secret-env';
import { ISecretStore } from './secret-store-ref';
import { SidecarResources } from './sidecar-resources';

/*
 * The options every component takes, in core because the generated props of the typed factories
 * (src/generated/component-props.ts) extend them, and generated facts sit below src/components.
 */

/**
 * Settings every component accepts, typed factories included.
 */
export interface ComponentOptions {
  /**
   * Kubernetes metadata of the Component resource: name, namespace, labels, annotations.
   * The name is what apps pass to the Dapr API (`/v1.0/state/<name>`), and what subscriptions
   * and other components refer to; only apps in the component's namespace can use it.
   *
   * Not called `metadata`: that is the component's own metadata (`spec.metadata`).
   * @default - the name is the construct id, the namespace the chart's (else "default")
   */
  readonly objectMetadata?: ApiObjectMetadata;

  /**
   * The component's name.
   * @default - `objectMetadata.name`, else the construct id
   * @deprecated use `objectMetadata.name`
   */
  readonly name?: string;

  /**
   * The namespace of the component.
   * @default - `objectMetadata.namespace`, else the chart's namespace, else "default"
   * @deprecated use `objectMetadata.namespace`
   */
  readonly namespace?: string;

  /**
   * Let daprd start even if this component fails to initialize.
   * @default - not set (Dapr's default: false, a failing component stops the sidecar)
   */
  readonly ignoreErrors?: boolean;

  /**
   * How long daprd waits for the component to initialize.
   * @default - not set (Dapr's default: 5s)
   */
  readonly initTimeout?: Duration;

  /**
   * The Dapr secret store that this component's secret references (`MetadataValue.fromSecret`)
   * are read from (`auth.secretStore`). Apps granted this component must be granted the store too.
   * @default - Kubernetes Secrets in the component's namespace
   */
  readonly secretStore?: ISecretStore;

  /**
   * Load the component in every app of its namespace, instead of only in the apps it is
   * granted to (`component.grant(app)`). Dapr loads a component without scopes everywhere,
   * so this is an explicit opt-out of least privilege; it cannot be combined with grants.
   * @default false
   */
  readonly sharedByAllApps?: boolean;

  /**
   * Metadata keys that may nevertheless hold a plaintext credential, by name, e.g.
   * `['redisPassword']` for a throwaway development Redis: the explicit opt-out.
   *
   * Without it, a plaintext value fails synth when the key is sensitive (Dapr marks the field
   * so, or its name says credential: `*password*`, `*secret*`, `*token*`, `accessKey`, `tlsKey`,
   * `connectionString` ...) or when the value holds a credential (a private key, a URL with a
   * password). Each name listed must be such a key with a plaintext value.
   * @default - none: every credential must be a secret or environment reference
   */
  readonly allowPlaintextSecrets?: string[];

  /**
   * For a pluggable component: the container the sidecar injector adds to the pods of the apps
   * using this component (`dapr.io/component-container`). Those apps must set
   * `pluggableComponents.inject: true`, or Dapr ignores it.
   * @default - none: the component is built in, or its container is in the app's pod already
   */
  readonly injectedContainer?: InjectedComponentContainer;
}

/**
 * Settings of every typed factory (`StateStore.redis()`, `PubSub.kafka()`, ...): the common
 * component options plus metadata the typed props do not cover.
 */
export interface TypedComponentOptions extends ComponentOptions {
  /**
   * Further metadata, by Dapr metadata key: keys the typed props do not cover, or a secret or
   * environment reference for a key whose typed prop takes a plain value. Checked against the
   * component type's known metadata like every other key.
   * @default - none
   */
  readonly additionalMetadata?: { [key: string]: MetadataValue };
}

/**
 * The container of a pluggable component that the sidecar injector adds to the pods of the apps
 * using the component (`dapr.io/component-container` on the Component, read when the app sets
 * `pluggableComponents.inject`). The injector mounts the shared socket folder into it.
 */
export interface InjectedComponentContainer {
  /**
   * The image, pinned by tag or digest (e.g. `DaprImage.imageRef`).
   */
  readonly image: string;
  /**
   * The container's name in the app's pod.
   * @default - the component's name
   */
  readonly name?: string;
  /**
   * Arguments for the image's entrypoint. A credential in them (`--api-key=...`, `--token <value>`,
   * a URL with a password) is refused: pass it in `envFromSecret`.
   * @default - the image's own
   */
  readonly args?: string[];
  /**
   * Environment variables, in plaintext on the Component resource. A variable whose name says
   * credential or whose value holds one is refused: take it from a Secret with `envFromSecret`,
   * or name it in `allowPlaintextSecrets`.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Environment variables read from Kubernetes Secrets of the component's namespace (the pod's),
   * by variable name: `valueFrom.secretKeyRef` in the container spec.
   * @default - none
   */
  readonly envFromSecret?: { [name: string]: SidecarSecretEnv };
  /**
   * `env` variables, and `args` flags (`api-key` for `--api-key=...`), whose plaintext credentials
   * are accepted on purpose (the explicit opt-out). Each must be one that would be refused without it.
   * @default - none: credentials must come from `envFromSecret`
   */
  readonly allowPlaintextSecrets?: string[];
  /**
   * CPU and memory requests and limits.
   * @default - 50m/200m CPU, 64Mi/256Mi memory
   */
  readonly resources?: SidecarResources;
}
