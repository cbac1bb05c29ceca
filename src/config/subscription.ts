import { ApiObjectMetadata, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkComponentRef, nonEmpty } from './private';
import { componentScopes } from '../core/component-scopes';
import { IDaprApp } from '../core/dapr-app-ref';
import { checkResourceProps, hasBrand, ScopedDaprResource, setBrand } from '../core/dapr-resource';
import { frozenValues, knownValue } from '../core/enum-like';
import { checkList, checkMap, checkObject } from '../core/js-values';
import { IDaprComponentRef } from '../core/refs';
import { checkDuration, checkedMillis, fail, validationMessage } from '../core/validation';

const SUBSCRIPTION = Symbol.for('cdk8s-dapr.Subscription');

/**
 * The API version of a Subscription resource.
 */
export class SubscriptionVersion {
  /** `dapr.io/v2alpha1`: routing rules with CEL matches and a default route. */
  public static readonly V2ALPHA1 = new SubscriptionVersion('dapr.io/v2alpha1');
  /** `dapr.io/v1alpha1`: a single route, no rules. */
  public static readonly V1ALPHA1 = new SubscriptionVersion('dapr.io/v1alpha1');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: SubscriptionVersion[] = frozenValues([SubscriptionVersion.V2ALPHA1, SubscriptionVersion.V1ALPHA1]);

  /** The constant with this API version, e.g. "dapr.io/v2alpha1"; an unknown value throws. Prefer the constants. */
  public static of(value: string): SubscriptionVersion {
    return knownValue('SubscriptionVersion', value, SubscriptionVersion.ALL);
  }

  /** @param value the API version, e.g. "dapr.io/v2alpha1" */
  private constructor(public readonly value: string) {}
}

/**
 * A routing rule: events matching the CEL expression go to the path. Rules are tested in order.
 */
export interface SubscriptionRoute {
  /** A CEL expression over the CloudEvent, e.g. `event.type == "order.created"`. */
  readonly match: string;
  /** The app's HTTP path (or gRPC method) that receives matching events, e.g. "/orders/created". */
  readonly path: string;
}

/**
 * Bulk delivery of messages to the app.
 */
export interface BulkSubscribeOptions {
  /**
   * The most messages per bulk delivery.
   * @default - the broker's default (100)
   */
  readonly maxMessagesCount?: number;
  /**
   * The longest wait before a partial bulk is delivered (whole milliseconds).
   * @default - the broker's default (1s)
   */
  readonly maxAwaitDuration?: Duration;
}

/**
 * Options of a subscription, without the pub/sub component (for `pubsub.subscribe(...)`).
 */
export interface SubscriptionOptions {
  /**
   * Kubernetes metadata of the Subscription resource: name, namespace, labels, annotations.
   * Not called `metadata`: that is the subscription's own metadata (`spec.metadata`).
   * @default - the name is the construct id (`<pubsub>-<topic>-<app id>` from `pubsub.subscribe()`),
   * the namespace the pub/sub component's
   */
  readonly objectMetadata?: ApiObjectMetadata;
  /**
   * The resource's name.
   * @default - `objectMetadata.name`, else the construct id
   * @deprecated use `objectMetadata.name`
   */
  readonly name?: string;
  /**
   * The app's path for events no rule matches (`routes.default`; `route` in v1alpha1).
   * @default - none; then `rules` must route every event you want
   */
  readonly defaultRoute?: string;
  /**
   * Routing rules, tested in the order given.
   * @default - none
   */
  readonly rules?: SubscriptionRoute[];
  /**
   * Topic that undeliverable events are sent to.
   * @default - none: the broker's own handling
   */
  readonly deadLetterTopic?: string;
  /**
   * Deliver messages in bulk.
   * @default - one message per delivery
   */
  readonly bulkSubscribe?: BulkSubscribeOptions;
  /**
   * Subscription metadata, e.g. `{ rawPayload: "true" }`.
   * @default - none
   */
  readonly metadata?: { [key: string]: string };
  /**
   * The subscribing apps (`scopes`). Needed unless `sharedByAllApps` is true.
   * @default - none; add them with `grant()`
   */
  readonly apps?: IDaprApp[];
  /**
   * Subscribe every app of the namespace instead of the listed ones. Dapr treats a
   * subscription without scopes that way; this makes that choice explicit.
   * @default false
   */
  readonly sharedByAllApps?: boolean;
  /**
   * The resource's API version.
   * @default SubscriptionVersion.V2ALPHA1
   */
  readonly version?: SubscriptionVersion;
}

/**
 * Props of a `Subscription`.
 */
export interface SubscriptionProps extends SubscriptionOptions {
  /** The pub/sub component (`pubsub.<name>`). */
  readonly pubsub: IDaprComponentRef;
  /** The topic. */
  readonly topic: string;
  /**
   * The namespace; it must be the pub/sub component's.
   * @default - `objectMetadata.namespace`, else the pub/sub component's namespace
   * @deprecated use `objectMetadata.namespace`
   */
  readonly namespace?: string;
}

const TOPIC = /^\S+$/;

/**
 * A declarative Dapr Subscription (`dapr.io/v2alpha1`, or `v1alpha1`): the scoped apps receive
 * the topic's events on the routes given. Apps must also be granted the pub/sub component.
 */
export class Subscription extends ScopedDaprResource {
  /**
   * Whether `x` is a `Subscription` of this library, also when it comes from another copy of it.
   */
  public static isSubscription(x: any): x is Subscription {
    return hasBrand(x, SUBSCRIPTION);
  }

  /** The topic. */
  public readonly topic: string;
  /** The pub/sub component. */
  public readonly pubsub: IDaprComponentRef;

  private readonly rules: SubscriptionRoute[] = [];
  private readonly version: SubscriptionVersion;
  private readonly defaultRoute?: string;
  private readonly deadLetterTopic?: string;
  private readonly bulk?: BulkSubscribeOptions;
  private readonly awaitMs?: number;
  private readonly metadata?: { [key: string]: string };

  constructor(scope: Construct, id: string, props: SubscriptionProps) {
    checkResourceProps(scope, id, props, true);
    checkObject(`${scope.node.path ? `${scope.node.path}/` : ''}${id}`, 'pubsub', props.pubsub, 'a pub/sub component (PubSub, or another IDaprComponentRef)');
    const version = props.version ?? SubscriptionVersion.V2ALPHA1;
    super(scope, id, {
      apiVersion: (version as SubscriptionVersion | undefined)?.value ?? '',
      kind: 'Subscription',
      metadata: props.objectMetadata,
      metadataProp: 'objectMetadata',
      name: props.name,
      namespace: props.namespace,
      // follows the pub/sub's namespace when that is not the chart's
      defaultNamespace: props.pubsub.namespace,
      sharedByAllApps: props.sharedByAllApps,
    });
    setBrand(this, SUBSCRIPTION);
    this.pubsub = props.pubsub;
    checkComponentRef(this, 'pubsub', props.pubsub, this.namespace, 'pubsub.');
    if (typeof props.topic !== 'string' || !TOPIC.test(props.topic)) {
      fail(this, 'topic', props.topic, 'a non-empty topic name without white space');
    }
    this.topic = props.topic;
    this.version = version;
    if (this.version !== SubscriptionVersion.V1ALPHA1 && this.version !== SubscriptionVersion.V2ALPHA1) {
      fail(this, 'version', (this.version as SubscriptionVersion | undefined)?.value, 'SubscriptionVersion.V2ALPHA1 or SubscriptionVersion.V1ALPHA1');
    }
    this.defaultRoute = props.defaultRoute === undefined ? undefined : checkPath(this, 'defaultRoute', props.defaultRoute);
    if (props.deadLetterTopic !== undefined && (typeof props.deadLetterTopic !== 'string' || !TOPIC.test(props.deadLetterTopic))) {
      fail(this, 'deadLetterTopic', props.deadLetterTopic, 'a non-empty topic name without white space');
    }
    if (props.deadLetterTopic === props.topic) {
      fail(this, 'deadLetterTopic', props.deadLetterTopic, 'a topic other than the subscribed one');
    }
    this.deadLetterTopic = props.deadLetterTopic;
    const bulk = props.bulkSubscribe;
    const count = bulk?.maxMessagesCount;
    if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > 2147483647)) {
      fail(this, 'bulkSubscribe.maxMessagesCount', count, 'an integer from 1 to 2147483647');
    }
    // checked as a Go duration first: a NaN or fractional Duration made cdk8s throw its own error here
    if (bulk?.maxAwaitDuration !== undefined) checkDuration(this, 'bulkSubscribe.maxAwaitDuration', bulk.maxAwaitDuration);
    const awaitMs = bulk?.maxAwaitDuration === undefined ? undefined : checkedMillis(bulk.maxAwaitDuration);
    if (awaitMs !== undefined && (!Number.isInteger(awaitMs) || awaitMs < 1 || awaitMs > 2147483647)) {
      fail(this, 'bulkSubscribe.maxAwaitDuration', `${awaitMs}ms`, 'a whole number of milliseconds from 1 to 2147483647');
    }
    this.bulk = bulk;
    this.awaitMs = awaitMs;
    for (const [k, v] of Object.entries(checkMap(this, 'metadata', props.metadata, 'strings'))) {
      nonEmpty(this, 'metadata', k, 'a non-empty key');
      if (typeof v !== 'string') fail(this, `metadata.${k}`, v, 'a string');
    }
    this.metadata = props.metadata;
    for (const r of checkList(this, 'rules', props.rules, 'routing rules')) this.addRule(r);
    for (const app of checkList(this, 'apps', props.apps, 'Dapr apps')) this.grant(app);
  }

  /** @internal */
  protected _renderSpec(): any {
    return {
      pubsubname: this.pubsub.name,
      topic: this.topic,
      ...(this.version === SubscriptionVersion.V1ALPHA1
        ? { route: this.defaultRoute }
        : { routes: { rules: this.renderRules(), default: this.defaultRoute } }),
      deadLetterTopic: this.deadLetterTopic,
      bulkSubscribe: this.bulk ? { enabled: true, maxMessagesCount: this.bulk.maxMessagesCount, maxAwaitDurationMs: this.awaitMs } : undefined,
      metadata: this.metadata && Object.keys(this.metadata).length > 0 ? this.metadata : undefined,
    };
  }

  /** Appends a routing rule; rules are tested in order, so add the most specific first. */
  public addRule(rule: SubscriptionRoute): void {
    if (this.version === SubscriptionVersion.V1ALPHA1) {
      fail(this, 'rules', rule.match, 'no rules in a v1alpha1 Subscription: use SubscriptionVersion.V2ALPHA1');
    }
    nonEmpty(this, 'rules.match', rule.match, 'a non-empty CEL expression such as `event.type == "order.created"`');
    checkPath(this, 'rules.path', rule.path);
    if (this.rules.some((r) => r.match === rule.match)) {
      fail(this, 'rules.match', rule.match, 'each match expression once (later duplicates never match)');
    }
    this.rules.push(rule);
  }

  private renderRules(): object[] | undefined {
    return this.rules.length === 0 ? undefined : this.rules.map((r) => ({ match: r.match, path: r.path }));
  }

  /**
   * Subscribes an app (adds it to `scopes`).
   * @deprecated use `grant(app)`
   */
  public addApp(app: IDaprApp): void {
    this.grant(app);
  }

  /** @internal */
  protected _noun(): string {
    return 'subscription';
  }

  /** @internal */
  protected _noAppsAllowed(): string {
    return `at least one app: pass apps or call subscription.grant(app), or set sharedByAllApps: true to apply it to every app of namespace "${this.namespace}"`;
  }

  /** @internal */
  protected _validate(): string[] {
    const errors: string[] = [];
    if (this.defaultRoute === undefined && this.rules.length === 0) {
      errors.push(validationMessage(this, 'defaultRoute', undefined,
        this.version === SubscriptionVersion.V1ALPHA1 ? 'a route (v1alpha1 requires one)' : 'a default route or at least one rule'));
    }
    const granted = componentScopes(this.pubsub);
    if (granted !== undefined) {
      for (const appId of this.appIds) {
        if (!granted.includes(appId)) {
          errors.push(validationMessage(this, 'pubsub', this.pubsub.name, `a pub/sub component that app "${appId}" loads: also grant "${this.pubsub.name}" to it (pubsub.grant(app))`));
        }
      }
    }
    return errors;
  }
}

function checkPath(scope: Construct, prop: string, path: string): string {
  if (typeof path !== 'string' || !/^\/?[^\s?#]+$/.test(path)) {
    fail(scope, prop, path, 'an app route such as "/orders" (no white space, query or fragment)');
  }
  return path;
}
