import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DaprApp, MetadataValue, PubSub, Resiliency, RetryPolicy, SidecarResources } from '../../src';

/**
 * Pub/sub fan-out: an order service publishes `orders` events; billing, shipping and analytics
 * each receive them through a declarative Subscription with content-based routes; events that
 * fail end on a dead-letter topic that an ops app drains. RabbitMQ carries the events.
 */
export function pubsubFanoutExample(app: App): void {
  const chart = new Chart(app, 'orders', { namespace: 'orders', disableResourceNameHashes: true });

  const service = (appId: string, image: string) => new DaprApp(chart, appId, {
    appId,
    appPort: 8080,
    image,
    container: { liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }) },
    sidecarResources: SidecarResources.production(),
  });
  const orders = service('orders', 'ghcr.io/acme/orders:3.1.0');
  const billing = service('billing', 'ghcr.io/acme/billing:1.9.2');
  const shipping = service('shipping', 'ghcr.io/acme/shipping:2.2.0');
  const analytics = service('analytics', 'ghcr.io/acme/analytics:0.8.1');
  const ops = service('dead-letters', 'ghcr.io/acme/dead-letter-handler:1.0.0');

  const bus = PubSub.rabbitMq(chart, 'order-events', {
    connectionString: MetadataValue.fromSecret('rabbitmq', 'amqp-url'),
    durable: true,
    deliveryMode: 2,
    enableDeadLetter: true,
  });
  bus.grant(orders); // the publisher

  bus.subscribe(billing, 'orders', {
    rules: [{ match: 'event.type == "order.paid"', path: '/events/paid' }],
    defaultRoute: '/events/ignored',
    deadLetterTopic: 'orders-dead',
  });
  bus.subscribe(shipping, 'orders', {
    rules: [
      { match: 'event.type == "order.paid" && event.data.express == true', path: '/events/express' },
      { match: 'event.type == "order.paid"', path: '/events/standard' },
    ],
    defaultRoute: '/events/ignored',
    deadLetterTopic: 'orders-dead',
  });
  bus.subscribe(analytics, 'orders', {
    defaultRoute: '/events',
    bulkSubscribe: { maxMessagesCount: 100, maxAwaitDuration: Duration.seconds(1) },
    deadLetterTopic: 'orders-dead',
  });
  bus.subscribe(ops, 'orders-dead', { defaultRoute: '/dead-letters' });

  // Deliveries that fail are retried with backoff before they go to the dead-letter topic.
  const resiliency = new Resiliency(chart, 'delivery', {
    retries: { delivery: RetryPolicy.exponential({ maxRetries: 5, maxInterval: Duration.seconds(30) }) },
  });
  resiliency.targetComponent(bus, { inbound: { retry: 'delivery' } });
  for (const subscriber of [billing, shipping, analytics, ops]) {
    resiliency.grant(subscriber);
  }
}
