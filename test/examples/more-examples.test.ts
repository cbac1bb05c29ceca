import { Testing } from 'cdk8s';
import { EXAMPLES } from '../../examples';

function synth(name: string): any[] {
  const app = Testing.app();
  EXAMPLES[name](app);
  return app.charts.flatMap((c) => Testing.synth(c));
}

describe('the pub/sub fan-out example', () => {
  const objects = synth('pubsub-fanout');

  test('synthesizes (snapshot)', () => {
    expect(objects).toMatchSnapshot();
  });

  test('every subscriber has its own scoped subscription with a dead-letter topic', () => {
    const subs = objects.filter((o) => o.kind === 'Subscription');
    expect(subs.map((s) => [s.scopes, s.spec.topic, s.spec.deadLetterTopic])).toEqual([
      [['billing'], 'orders', 'orders-dead'],
      [['shipping'], 'orders', 'orders-dead'],
      [['analytics'], 'orders', 'orders-dead'],
      [['dead-letters'], 'orders-dead', undefined],
    ]);
    const shipping = subs.find((s) => s.scopes[0] === 'shipping');
    expect(shipping.spec.routes.rules.map((r: any) => r.path)).toEqual(['/events/express', '/events/standard']);
    expect(subs.find((s) => s.scopes[0] === 'analytics').spec.bulkSubscribe).toMatchObject({ enabled: true, maxMessagesCount: 100 });
  });

  test('the broker is scoped to the publisher and the subscribers, with its URL from a secret', () => {
    const bus = objects.find((o) => o.kind === 'Component');
    expect(bus.scopes).toEqual(['analytics', 'billing', 'dead-letters', 'orders', 'shipping']);
    expect(bus.spec.metadata).toContainEqual({ name: 'connectionString', secretKeyRef: { name: 'rabbitmq', key: 'amqp-url' } });
  });

  test('deliveries are retried before they are dead-lettered', () => {
    const resiliency = objects.find((o) => o.kind === 'Resiliency');
    expect(resiliency.spec.targets.components['order-events']).toEqual({ inbound: { retry: 'delivery' } });
    expect(resiliency.scopes).toEqual(['analytics', 'billing', 'dead-letters', 'shipping']);
  });
});

describe('the workflow example', () => {
  const objects = synth('workflow');

  test('synthesizes (snapshot)', () => {
    expect(objects).toMatchSnapshot();
  });

  test('workflow state lives in an actor state store scoped to the workflow app', () => {
    const state = objects.find((o) => o.kind === 'Component');
    expect(state.spec.metadata).toContainEqual({ name: 'actorStateStore', value: 'true' });
    expect(state.scopes).toEqual(['order-processing']);
  });

  test('the workflow app loads its workflow settings and waits for placement', () => {
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'order-processing');
    expect(deployment.spec.template.metadata.annotations).toMatchObject({
      'dapr.io/config': 'order-processing-config',
      'dapr.io/actors-disseminate-timeout': '5s',
      'dapr.io/block-shutdown-duration': '15s',
    });
    const config = objects.find((o) => o.kind === 'Configuration' && o.metadata.name === 'order-processing-config');
    expect(config.spec.workflow).toEqual({ maxConcurrentWorkflowInvocations: 100, maxConcurrentActivityInvocations: 200 });
  });

  test('resiliency covers the inventory calls and the state store', () => {
    const resiliency = objects.find((o) => o.kind === 'Resiliency');
    expect(Object.keys(resiliency.spec.targets.apps)).toEqual(['inventory']);
    expect(resiliency.spec.targets.components['workflow-state']).toEqual({ outbound: { retry: 'state-retry' } });
  });

  test('only checkout may drive the workflows', () => {
    const policies = objects.filter((o) => o.kind === 'WorkflowAccessPolicy');
    expect(policies).toHaveLength(1);
    const policy = policies[0];
    // it protects the workflow app only, not every app of the namespace
    expect(policy.metadata).toEqual({ name: 'order-workflows', namespace: 'orders' });
    expect(policy.scopes).toEqual(['order-processing']);
    // one rule: checkout alone, and only schedule, terminate and get of OrderProcessing (no activities)
    expect(policy.spec.rules).toEqual([{
      callers: [{ appID: 'checkout' }],
      workflows: [{ name: 'OrderProcessing', operations: ['schedule', 'terminate', 'get'] }],
    }]);
  });
});
