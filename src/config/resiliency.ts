import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { CircuitBreakerScope } from './enums';
import { checkEnum, optionalInt } from './private';
import { CircuitBreakerOptions, renderCircuitBreaker, RetryPolicy } from './resiliency-policies';
import { IDaprApp } from '../core/dapr-app-ref';
import { checkResourceProps, DaprResourceProps, hasBrand, ScopedDaprResource, setBrand } from '../core/dapr-resource';
import { checkInstance, checkList, checkMap, checkStruct } from '../core/js-values';
import { IDaprComponentRef } from '../core/refs';
import { checkDuration, didYouMean, fail, validationMessage } from '../core/validation';

const RESILIENCY = Symbol.for('cdk8s-dapr.Resiliency');

/** The Kubernetes group/version of Dapr's Resiliency resource. */
export const RESILIENCY_API_VERSION = 'dapr.io/v1alpha1';

/**
 * Named policies applied to one target, by policy name.
 */
export interface TargetPolicies {
  /**
   * A timeout policy's name.
   * @default - no timeout
   */
  readonly timeout?: string;
  /**
   * A retry policy's name.
   * @default - no retries (beyond Dapr's built-in ones)
   */
  readonly retry?: string;
  /**
   * A circuit breaker's name.
   * @default - no circuit breaker
   */
  readonly circuitBreaker?: string;
}

/**
 * Policies for calls to an app (service invocation).
 */
export interface AppTargetPolicies extends TargetPolicies {
  /**
   * Circuit breakers kept in memory (one per app instance).
   * @default - Dapr's default: 100
   */
  readonly circuitBreakerCacheSize?: number;
}

/**
 * Policies for calls to an actor type.
 */
export interface ActorTargetPolicies extends AppTargetPolicies {
  /**
   * One breaker per actor id, per type, or both. Needed with a circuit breaker.
   * @default - CircuitBreakerScope.ID when a circuit breaker is set
   */
  readonly circuitBreakerScope?: CircuitBreakerScope;
}

/**
 * Policies for a component, per direction.
 */
export interface ComponentTargetPolicies {
  /**
   * Calls from the component into the app (pub/sub deliveries, input bindings).
   * @default - none
   */
  readonly inbound?: TargetPolicies;
  /**
   * Calls from the app to the component.
   * @default - none
   */
  readonly outbound?: TargetPolicies;
}

/**
 * Props of a `Resiliency`.
 */
export interface ResiliencyProps extends DaprResourceProps {
  /**
   * Timeout policies by name.
   * @default - none
   */
  readonly timeouts?: { [name: string]: Duration };
  /**
   * Retry policies by name. Naming one `DefaultRetryPolicy` (or `DefaultAppRetryPolicy` ...)
   * overrides Dapr's default.
   * @default - none
   */
  readonly retries?: { [name: string]: RetryPolicy };
  /**
   * Circuit breakers by name.
   * @default - none
   */
  readonly circuitBreakers?: { [name: string]: CircuitBreakerOptions };
  /**
   * The apps whose sidecars apply the policies (`scopes`). Needed unless `sharedByAllApps` is true.
   * @default - none; add them with `grant()`
   */
  readonly apps?: IDaprApp[];
  /**
   * Let every app of the namespace apply the policies. Dapr treats a Resiliency without
   * scopes that way; this makes that choice explicit.
   * @default false
   */
  readonly sharedByAllApps?: boolean;
}

const POLICY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const POLICY_NAME_RULE = 'a policy name of letters, digits, ".", "_" and "-"';

interface Target { key: string; prop: string; policies: TargetPolicies; extra: object }

/**
 * A Dapr Resiliency (`dapr.io/v1alpha1`): named timeouts, retries and circuit breakers, and
 * the apps, actors and components they apply to. The sidecars of the scoped apps apply it
 * to their outbound calls (and to inbound component deliveries).
 *
 * A Resiliency applies only to the apps it is scoped to (`apps`, `grant()`); one scoped to
 * no app fails synth unless `sharedByAllApps` says it is meant for every app of the namespace.
 *
 * For the common case use `app.withResiliency(target, { retry, timeout, circuitBreaker })`.
 */
export class Resiliency extends ScopedDaprResource {
  /**
   * Whether `x` is a `Resiliency` of this library, also when it comes from another copy of it.
   */
  public static isResiliency(x: any): x is Resiliency {
    return hasBrand(x, RESILIENCY);
  }

  private readonly timeouts = new Map<string, string>();
  private readonly retries = new Map<string, object>();
  private readonly breakers = new Map<string, object>();
  private readonly apps = new Map<string, Target>();
  private readonly actors = new Map<string, Target>();
  private readonly components = new Map<string, { inbound?: Target; outbound?: Target }>();

  constructor(scope: Construct, id: string, props: ResiliencyProps = {}) {
    checkResourceProps(scope, id, props, false);
    super(scope, id, {
      apiVersion: RESILIENCY_API_VERSION,
      kind: 'Resiliency',
      metadata: props.metadata,
      name: props.name,
      namespace: props.namespace,
      sharedByAllApps: props.sharedByAllApps,
    });
    setBrand(this, RESILIENCY);
    for (const [name, d] of Object.entries(checkMap(this, 'timeouts', props.timeouts, 'Durations'))) this.addTimeout(name, d);
    for (const [name, p] of Object.entries(checkMap(this, 'retries', props.retries, 'RetryPolicy'))) this.addRetry(name, p);
    for (const [name, cb] of Object.entries(checkMap(this, 'circuitBreakers', props.circuitBreakers, 'circuit breaker options'))) this.addCircuitBreaker(name, cb);
    for (const app of checkList(this, 'apps', props.apps, 'Dapr apps')) this.grant(app);
  }

  /**
   * Lets an app's sidecar apply these policies (adds it to `scopes`).
   * @deprecated use `grant(app)`
   */
  public addApp(app: IDaprApp): void {
    this.grant(app);
  }

  /** Adds a named timeout policy. */
  public addTimeout(name: string, timeout: Duration): void {
    this.checkPolicyName('timeouts', name, this.timeouts);
    this.timeouts.set(name, checkDuration(this, `timeouts.${name}`, timeout));
  }

  /** Adds a named retry policy. */
  public addRetry(name: string, policy: RetryPolicy): void {
    this.checkPolicyName('retries', name, this.retries);
    checkInstance(this, `retries.${name}`, policy, RetryPolicy, 'a RetryPolicy: RetryPolicy.constant() or RetryPolicy.exponential()');
    this.retries.set(name, policy._render(this, `retries.${name}`));
  }

  /** Adds a named circuit breaker. */
  public addCircuitBreaker(name: string, options: CircuitBreakerOptions): void {
    this.checkPolicyName('circuitBreakers', name, this.breakers);
    checkStruct(this, `circuitBreakers.${name}`, options, 'circuit breaker options (trip, interval, timeout, maxRequests)');
    this.breakers.set(name, renderCircuitBreaker(this, `circuitBreakers.${name}`, options));
  }

  /** Applies named policies to calls to an app (service invocation). */
  public targetApp(app: IDaprApp, policies: AppTargetPolicies): void {
    const prop = `targets.apps.${app.appId}`;
    this.checkTarget(prop, policies);
    const extra = { circuitBreakerCacheSize: optionalInt(this, `${prop}.circuitBreakerCacheSize`, policies.circuitBreakerCacheSize, 1) };
    this.apps.set(app.appId, { key: app.appId, prop, policies, extra });
  }

  /** Applies named policies to calls to an actor type. */
  public targetActor(actorType: string, policies: ActorTargetPolicies): void {
    if (typeof actorType !== 'string' || !/^\S+$/.test(actorType)) {
      fail(this, 'targets.actors', actorType, 'an actor type without white space');
    }
    const prop = `targets.actors.${actorType}`;
    this.checkTarget(prop, policies);
    const scope = policies.circuitBreakerScope ?? (policies.circuitBreaker ? CircuitBreakerScope.ID : undefined);
    if (scope && !policies.circuitBreaker) {
      fail(this, `${prop}.circuitBreakerScope`, scope.value, 'only together with circuitBreaker');
    }
    const extra = {
      circuitBreakerScope: scope ? checkEnum(this, `${prop}.circuitBreakerScope`, scope, CircuitBreakerScope.ALL) : undefined,
      circuitBreakerCacheSize: optionalInt(this, `${prop}.circuitBreakerCacheSize`, policies.circuitBreakerCacheSize, 1),
    };
    this.actors.set(actorType, { key: actorType, prop, policies, extra });
  }

  /**
   * Applies named policies to a component. Inbound policies apply only to pub/sub and
   * binding components, which call into the app.
   */
  public targetComponent(component: IDaprComponentRef, policies: ComponentTargetPolicies): void {
    const prop = `targets.components.${component.name}`;
    if (component.namespace !== this.namespace) {
      fail(this, prop, component.name, `a component in namespace "${this.namespace}" (it is in "${component.namespace}")`);
    }
    if (!policies.inbound && !policies.outbound) {
      fail(this, prop, policies, 'inbound or outbound policies, or both');
    }
    if (policies.inbound && !/^(pubsub|bindings)\./.test(component.type)) {
      fail(this, `${prop}.inbound`, component.type, 'inbound policies only on pubsub.* and bindings.* components, which call into the app');
    }
    const entry: { inbound?: Target; outbound?: Target } = {};
    for (const dir of ['inbound', 'outbound'] as const) {
      const p = policies[dir];
      if (!p) continue;
      this.checkTarget(`${prop}.${dir}`, p);
      entry[dir] = { key: component.name, prop: `${prop}.${dir}`, policies: p, extra: {} };
    }
    this.components.set(component.name, entry);
  }

  private checkPolicyName(kind: string, name: string, map: Map<string, unknown>): void {
    if (typeof name !== 'string' || !POLICY_NAME.test(name)) {
      fail(this, kind, name, POLICY_NAME_RULE);
    }
    if (map.has(name)) {
      fail(this, kind, name, 'each policy name once');
    }
  }

  private checkTarget(prop: string, p: TargetPolicies): void {
    if (!p.timeout && !p.retry && !p.circuitBreaker) {
      fail(this, prop, p, 'at least one of timeout, retry, circuitBreaker');
    }
  }

  private referenceErrors(t: Target): string[] {
    const errors: string[] = [];
    const check = (field: string, name: string | undefined, map: Map<string, unknown>, kind: string) => {
      if (name === undefined || map.has(name)) return;
      const known = [...map.keys()].sort();
      const guess = didYouMean(name, known);
      errors.push(validationMessage(this, `${t.prop}.${field}`, name,
        `the name of one of this Resiliency's ${kind}${guess ? ` (did you mean "${guess}"?)` : known.length > 0 ? `: ${known.join(', ')}` : ' (it has none)'}`));
    };
    check('timeout', t.policies.timeout, this.timeouts, 'timeouts');
    check('retry', t.policies.retry, this.retries, 'retries');
    check('circuitBreaker', t.policies.circuitBreaker, this.breakers, 'circuit breakers');
    return errors;
  }

  private allTargets(): Target[] {
    const comps = [...this.components.values()].flatMap((c) => [c.inbound, c.outbound].filter((x): x is Target => x !== undefined));
    return [...this.apps.values(), ...this.actors.values(), ...comps];
  }

  /** @internal */
  protected _noAppsAllowed(): string {
    return `at least one app: pass apps or call resiliency.grant(app) for each app whose calls it governs, or set sharedByAllApps: true to apply it to every app of namespace "${this.namespace}"`;
  }

  /** @internal */
  protected _validate(): string[] {
    const errors = this.allTargets().flatMap((t) => this.referenceErrors(t));
    if (this.timeouts.size + this.retries.size + this.breakers.size === 0) {
      errors.push(validationMessage(this, 'policies', {}, 'at least one timeout, retry or circuit breaker'));
    }
    return errors;
  }

  /** @internal */
  protected _renderSpec(): any {
    const sorted = <T>(m: Map<string, T>) => Object.fromEntries([...m.keys()].sort().map((k) => [k, m.get(k)]));
    const target = (t?: Target) => (t ? {
      timeout: t.policies.timeout,
      retry: t.policies.retry,
      circuitBreaker: t.policies.circuitBreaker,
      ...t.extra,
    } : undefined);
    const targets = (m: Map<string, Target>) => (m.size === 0 ? undefined
      : Object.fromEntries([...m.keys()].sort().map((k) => [k, target(m.get(k))])));
    return {
      policies: {
        timeouts: this.timeouts.size === 0 ? undefined : sorted(this.timeouts),
        retries: this.retries.size === 0 ? undefined : sorted(this.retries),
        circuitBreakers: this.breakers.size === 0 ? undefined : sorted(this.breakers),
      },
      targets: {
        apps: targets(this.apps),
        actors: targets(this.actors),
        components: this.components.size === 0 ? undefined : Object.fromEntries([...this.components.keys()].sort().map((k) => {
          const c = this.components.get(k)!;
          return [k, { inbound: target(c.inbound), outbound: target(c.outbound) }];
        })),
      },
    };
  }
}

