import { Duration, Testing } from 'cdk8s';
import { FakeApp, FakeComponent, one } from './fakes';
import { Subscription, SubscriptionVersion } from '../../src';
import { Component } from '../../src/components/component';
import { MetadataValue } from '../../src/core/metadata-value';

describe('Subscription', () => {
  test('v2alpha1 with ordered rules, default route, dead letter and bulk (snapshot)', () => {
    const chart = Testing.chart();
    const pubsub = new FakeComponent(chart, 'orders-pubsub', 'pubsub.kafka');
    const sub = new Subscription(chart, 'order-events', {
      pubsub,
      topic: 'orders',
      rules: [{ match: 'event.type == "order.shipped"', path: '/orders/shipped' }],
      defaultRoute: '/orders',
      deadLetterTopic: 'orders-dead',
      bulkSubscribe: { maxMessagesCount: 100, maxAwaitDuration: Duration.seconds(1) },
      metadata: { rawPayload: 'true' },
      apps: [new FakeApp(chart, 'shipping'), new FakeApp(chart, 'billing')],
    });
    sub.addRule({ match: 'event.type == "order.created"', path: '/orders/created' });
    const synthesized = Testing.synth(chart);
    expect(synthesized).toMatchSnapshot();
    const s = synthesized[0];
    expect(s.apiVersion).toBe('dapr.io/v2alpha1');
    expect(s.spec.routes.rules.map((r: any) => r.path)).toEqual(['/orders/shipped', '/orders/created']);
    expect(s.spec.bulkSubscribe).toEqual({ enabled: true, maxMessagesCount: 100, maxAwaitDurationMs: 1000 });
    expect(s.scopes).toEqual(['billing', 'shipping']);
  });

  test('v1alpha1 has a single route and no rules', () => {
    const chart = Testing.chart();
    const pubsub = new FakeComponent(chart, 'ps', 'pubsub.redis');
    new Subscription(chart, 's', { pubsub, topic: 't', defaultRoute: '/t', version: SubscriptionVersion.V1ALPHA1, apps: [new FakeApp(chart, 'a')] });
    const s = one(chart, 'Subscription');
    expect(s.apiVersion).toBe('dapr.io/v1alpha1');
    expect(s.spec).toEqual({ pubsubname: 'ps', topic: 't', route: '/t' });
    expect(() => new Subscription(chart, 's2', { pubsub, topic: 't', version: SubscriptionVersion.V1ALPHA1, rules: [{ match: 'true', path: '/x' }] }))
      .toThrow(/\[test\/s2\] rules: "true" is invalid; allowed: no rules in a v1alpha1 Subscription/);
  });

  test('needs subscribing apps unless every app of the namespace subscribes', () => {
    const chart = Testing.chart();
    const pubsub = new FakeComponent(chart, 'ps', 'pubsub.redis');
    new Subscription(chart, 's', { pubsub, topic: 't', defaultRoute: '/t' });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/s\] scopes: \[\] is invalid; allowed: at least one app: pass apps or call subscription\.grant\(app\), or set sharedByAllApps: true/);
    const chart2 = Testing.chart();
    new Subscription(chart2, 's', { pubsub: new FakeComponent(chart2, 'ps', 'pubsub.redis'), topic: 't', defaultRoute: '/t', sharedByAllApps: true });
    expect(one(chart2, 'Subscription').scopes).toBeUndefined();
  });

  test('needs a route', () => {
    const chart = Testing.chart();
    new Subscription(chart, 's', { pubsub: new FakeComponent(chart, 'ps', 'pubsub.redis'), topic: 't', apps: [new FakeApp(chart, 'a')] });
    expect(() => Testing.synth(chart)).toThrow(/defaultRoute: undefined is invalid; allowed: a default route or at least one rule/);
  });

  test('the pub/sub must be a pubsub component of the namespace', () => {
    const chart = Testing.chart();
    expect(() => new Subscription(chart, 's1', { pubsub: new FakeComponent(chart, 'store', 'state.redis'), topic: 't' }))
      .toThrow(/\[test\/s1\] pubsub: "store" is invalid; allowed: a "pubsub\.<name>" component \(it is "state\.redis"\)/);
    expect(() => new Subscription(chart, 's2', { pubsub: new FakeComponent(chart, 'ps', 'pubsub.redis', { namespace: 'a' }), namespace: 'b', topic: 't' }))
      .toThrow(/\[test\/s2\] pubsub: "ps" is invalid; allowed: a component in namespace "b" \(it is in "a"\)/);
    expect(() => new Subscription(chart, 's3', { pubsub: new FakeComponent(chart, 'ps3', 'pubsub.redis'), topic: 'has space' }))
      .toThrow(/topic: "has space" is invalid/);
  });

  test('subscribing apps must be granted the pub/sub component', () => {
    const chart = Testing.chart();
    const pubsub = new Component(chart, 'orders-pubsub', { type: 'pubsub.redis', metadata: { redisHost: MetadataValue.fromString('redis:6379') } });
    const shipping = new FakeApp(chart, 'shipping');
    pubsub.grant(new FakeApp(chart, 'billing'));
    new Subscription(chart, 's', { pubsub, topic: 'orders', defaultRoute: '/orders', apps: [shipping] });
    expect(() => Testing.synth(chart)).toThrow(/pubsub: "orders-pubsub" is invalid; allowed: a pub\/sub component that app "shipping" loads: also grant "orders-pubsub" to it/);
    pubsub.grant(shipping);
    expect(one(chart, 'Subscription').spec.pubsubname).toBe('orders-pubsub');
  });

  test('rule matches are not empty and not repeated', () => {
    const chart = Testing.chart();
    const sub = new Subscription(chart, 's', { pubsub: new FakeComponent(chart, 'ps', 'pubsub.redis'), topic: 't' });
    expect(() => sub.addRule({ match: '', path: '/a' })).toThrow(/rules\.match: "" is invalid; allowed: a non-empty CEL expression/);
    sub.addRule({ match: 'true', path: '/a' });
    expect(() => sub.addRule({ match: 'true', path: '/b' })).toThrow(/rules\.match: "true" is invalid; allowed: each match expression once/);
  });
});
