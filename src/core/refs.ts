import { IConstruct } from 'constructs';

/**
 * A Dapr component that configuration resources point at by name: the pub/sub of a
 * Subscription, the middleware of a pipeline, the secret store of an HTTPEndpoint.
 *
 * Every `Component` (`PubSub`, `StateStore`, `SecretStore`, `HttpMiddleware`, ...) is one.
 */
export interface IDaprComponentRef extends IConstruct {
  /** The component's name (`metadata.name`). */
  readonly name: string;
  /** The namespace of the component. */
  readonly namespace: string;
  /** The component type, e.g. `pubsub.redis` or `middleware.http.oauth2`. */
  readonly type: string;
}

/**
 * A Dapr Configuration resource that apps load through `dapr.io/config`.
 * Implemented by `Configuration`.
 */
export interface IConfiguration extends IConstruct {
  /** The Configuration's name, what `dapr.io/config` holds. */
  readonly name: string;
  /** The namespace of the Configuration; only apps in this namespace can load it. */
  readonly namespace: string;
}
