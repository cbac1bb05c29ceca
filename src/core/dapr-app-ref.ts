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

/*
 * What a Dapr app of this library tells the resources granted to it, without their importing
 * src/app: registered under a global-symbol brand by DaprSidecar and DaprApp, read by
 * components. An IDaprApp defined elsewhere (`DaprApp.fromAppId`, another construct) has none.
 */
const APP_FACTS = Symbol.for('cdk8s-dapr.DaprAppFacts');

/** What a sidecar of this library says about the app. */
interface DaprAppFacts {
  /** Whether the injector adds the containers of pluggable components (`dapr.io/inject-pluggable-components`). */
  injectsComponentContainers(): boolean;
}

/** Registers the facts of an app whose sidecar this library models (DaprSidecar, DaprApp). */
export function registerDaprAppFacts(app: IDaprApp, facts: DaprAppFacts): void {
  Object.defineProperty(app, APP_FACTS, { value: facts, enumerable: false });
}

/**
 * Whether the injector adds pluggable component containers to `app`'s pods: undefined for an
 * app whose sidecar is not modelled here.
 */
export function injectsComponentContainers(app: IDaprApp): boolean | undefined {
  return (app as { [APP_FACTS]?: DaprAppFacts })[APP_FACTS]?.injectsComponentContainers();
}
