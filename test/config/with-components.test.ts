import { Testing } from 'cdk8s';
import { app, one } from './fakes';
import { Configuration, HttpMiddleware, PubSub, Subscription } from '../../src';

describe('with the real components', () => {
  test('a rate-limit middleware in the pipeline and a subscription on a Redis pub/sub', () => {
    const chart = Testing.chart();
    const orders = app(chart, 'orders');
    const ratelimit = HttpMiddleware.rateLimit(chart, 'ratelimit', { maxRequestsPerSecond: 10 });
    const config = new Configuration(chart, 'orders-config', { httpPipeline: [{ middleware: ratelimit }] });
    const pubsub = PubSub.redis(chart, 'orders-pubsub', { redisHost: 'redis:6379' });
    new Subscription(chart, 'orders-sub', { pubsub, topic: 'orders', defaultRoute: '/orders', apps: [orders] });
    const shipping = app(chart, 'shipping', { configuration: config });

    // neither app was granted the components yet
    expect(() => Testing.synth(chart)).toThrow(/configuration\.middleware: "ratelimit" is invalid|pubsub: "orders-pubsub" is invalid/);
    ratelimit.grant(shipping);
    pubsub.grant(orders);
    expect(one(chart, 'Configuration').spec.httpPipeline).toEqual({ handlers: [{ name: 'ratelimit', type: 'middleware.http.ratelimit' }] });
    expect(one(chart, 'Subscription').scopes).toEqual(['orders']);
  });
});
