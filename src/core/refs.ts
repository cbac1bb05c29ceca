import { IConstruct } from 'constructs';
import { IDaprApp } from './dapr-app-ref';
import { HttpVerb } from './enums';

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
 * A Dapr Configuration resource of this cdk8s app that apps load through `dapr.io/config`.
 * Implemented by `Configuration`; the library uses only these members, so any construct that
 * emits a Configuration resource may implement it.
 */
export interface IConfiguration extends IConstruct {
  /** The Configuration's name, what `dapr.io/config` holds. */
  readonly name: string;
  /** The namespace of the Configuration; only apps in this namespace can load it. */
  readonly namespace: string;
  /** The trust domain of the apps loading it, part of their SPIFFE identity. */
  readonly trustDomain: string;
  /** The HTTP middleware components of its pipelines: every app loading it must be granted them. */
  readonly middleware: IDaprComponentRef[];

  /**
   * Lets `caller` invoke the apps loading this Configuration (its access control).
   *
   * @param caller the calling app
   * @param options which operations and verbs it may call
   */
  allowInvocationFrom(caller: IDaprApp, options?: InvocationAccessOptions): void;
}

/**
 * Options for letting one app call another (`target.allowInvocationFrom(caller, options)`).
 */
export interface InvocationAccessOptions {
  /**
   * The operations the caller may invoke. Calls to other operations are denied.
   * @default - every operation of the target
   */
  readonly operations?: string[];
  /**
   * The HTTP verbs allowed on those operations.
   * @default [HttpVerb.ANY]
   */
  readonly verbs?: HttpVerb[];
  /**
   * The caller's trust domain, part of its SPIFFE identity.
   * @default - the trust domain of the caller's Configuration, else "public"
   */
  readonly trustDomain?: string;
}
