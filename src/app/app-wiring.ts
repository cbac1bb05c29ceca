import { Duration } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Configuration } from '../config/configuration';
import { Resiliency } from '../config/resiliency';
import { CircuitBreakerOptions, RetryPolicy } from '../config/resiliency-policies';
import { componentScopes } from '../core/component-scopes';
import { IDaprApp } from '../core/dapr-app-ref';
import { IConfiguration } from '../core/refs';
import { fail, validationMessage } from '../core/validation';

/*
 * The logic behind DaprApp's configuration, access-control and resiliency helpers.
 */

/**
 * Resiliency of one app's calls to another (`app.withResiliency(target, options)`).
 */
export interface AppResiliencyOptions {
  /**
   * Retry failed calls.
   * @default - no retries beyond Dapr's built-in ones
   */
  readonly retry?: RetryPolicy;
  /**
   * Give up on a call after this long.
   * @default - no timeout
   */
  readonly timeout?: Duration;
  /**
   * Stop calling a failing target for a while.
   * @default - no circuit breaker
   */
  readonly circuitBreaker?: CircuitBreakerOptions;
}

const OWN_CONFIGURATION_ID = 'Configuration';
const OWN_RESILIENCY_ID = 'Resiliency';

/**
 * Why an app cannot load this Configuration: it must be built in the same cdk8s app (a
 * missing Configuration makes the sidecar exit) and live in the app's namespace. Messages
 * name `scope`, the construct whose props chose the Configuration (the app's workload).
 */
export function configurationErrors(scope: IConstruct, app: IDaprApp, config: IConfiguration): string[] {
  const prop = 'configuration';
  const errors: string[] = [];
  const where = `Configuration "${config.name}" of namespace "${config.namespace}"`;
  if (config.node.root !== app.node.root) {
    errors.push(validationMessage(scope, prop, `${config.namespace}/${config.name}`,
      `a Configuration built in the same cdk8s app (${where} is not: the sidecar would not start); for one managed elsewhere pass configName`));
  }
  if (config.namespace !== app.namespace) {
    errors.push(validationMessage(scope, prop, `${config.namespace}/${config.name}`,
      `a Configuration in the app's namespace "${app.namespace}" (${where} is not: Dapr only loads Configurations of the app's namespace)`));
  }
  // any IConfiguration: the members it promises are all that is read
  for (const mw of config.middleware ?? []) {
    const scopes = componentScopes(mw);
    if (scopes !== undefined && !scopes.includes(app.appId)) {
      errors.push(validationMessage(scope, `${prop}.middleware`, mw.name,
        `middleware the app loads: grant "${mw.name}" to app "${app.appId}" (component.grant(app)), as ${where} uses it`));
    }
  }
  return errors;
}

/**
 * The Configuration an app's access-control policies go into: the one it loads, or a new
 * `<appId>-config` created next to it. `created` says whether `dapr.io/config` must be added.
 */
export function configurationForAccessControl(app: IDaprApp, current: IConfiguration | undefined, configName: string | undefined):
{ configuration: IConfiguration; created: boolean } {
  if (current !== undefined) {
    return { configuration: current, created: false };
  }
  if (configName !== undefined) {
    fail(app, 'configName', configName,
      'a `configuration` built here instead of a name: access-control policies cannot be added to a Configuration managed elsewhere');
  }
  const existing = app.node.tryFindChild(OWN_CONFIGURATION_ID);
  if (Configuration.isConfiguration(existing)) {
    return { configuration: existing, created: false };
  }
  const configuration = new Configuration(app as unknown as Construct, OWN_CONFIGURATION_ID, {
    metadata: { name: `${app.appId}-config`, namespace: app.namespace },
  });
  return { configuration, created: true };
}

/**
 * Applies retry, timeout and circuit-breaker policies to `app`'s calls to `target`, in a
 * Resiliency `<appId>-resiliency` scoped to `app` (created on first use).
 */
export function addAppResiliency(app: IDaprApp, target: IDaprApp, options: AppResiliencyOptions): Resiliency {
  if (!options.retry && !options.timeout && !options.circuitBreaker) {
    fail(app, 'withResiliency', target.appId, 'options with at least one of retry, timeout, circuitBreaker');
  }
  const existing = app.node.tryFindChild(OWN_RESILIENCY_ID);
  let resiliency: Resiliency;
  if (Resiliency.isResiliency(existing)) {
    resiliency = existing;
  } else {
    resiliency = new Resiliency(app as unknown as Construct, OWN_RESILIENCY_ID, {
      metadata: { name: `${app.appId}-resiliency`, namespace: app.namespace },
      apps: [app],
    });
  }
  const base = target.appId;
  const names: { retry?: string; timeout?: string; circuitBreaker?: string } = {};
  if (options.retry) {
    names.retry = `${base}-retry`;
    resiliency.addRetry(names.retry, options.retry);
  }
  if (options.timeout) {
    names.timeout = `${base}-timeout`;
    resiliency.addTimeout(names.timeout, options.timeout);
  }
  if (options.circuitBreaker) {
    names.circuitBreaker = `${base}-circuit-breaker`;
    resiliency.addCircuitBreaker(names.circuitBreaker, options.circuitBreaker);
  }
  resiliency.targetApp(target, names);
  return resiliency;
}

