import { IConstruct } from 'constructs';

/**
 * A Dapr-enabled application: something with a Dapr app id, living in a namespace.
 *
 * Components, configurations and policies are granted to an `IDaprApp`; the app id
 * is what Dapr matches in scopes and access-control policies.
 *
 * Implemented by `DaprApp`, `DaprSidecar` and `DaprApp.fromAppId()`, all constructs: an
 * implementation must extend `Construct` (as every `IConstruct` must, so that it keeps up with
 * the members newer `constructs` releases add, such as `with()` in 10.7).
 */
export interface IDaprApp extends IConstruct {
  /** The Dapr app id (`dapr.io/app-id`). */
  readonly appId: string;

  /** The namespace the app's pods run in. */
  readonly namespace: string;
}
