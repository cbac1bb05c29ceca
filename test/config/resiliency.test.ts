import { Duration, Testing } from 'cdk8s';
import { FakeApp, FakeComponent, one } from './fakes';
import { CircuitBreakerScope, Resiliency, RetryPolicy } from '../../src';

describe('Resiliency', () => {
  test('policies and targets for apps, actors and components (snapshot)', () => {
    const chart = Testing.chart();
    const orders = new FakeApp(chart, 'orders');
    const pubsub = new FakeComponent(chart, 'orders-pubsub', 'pubsub.redis');
    const store = new FakeComponent(chart, 'statestore', 'state.redis');
    const r = new Resiliency(chart, 'orders-resiliency', {
      timeouts: { general: Duration.seconds(5), long: Duration.minutes(1) },
      retries: {
        retryForever: RetryPolicy.exponential({ maxInterval: Duration.seconds(15), maxRetries: -1 }),
        important: RetryPolicy.constant({ interval: Duration.millis(500), maxRetries: 5, matching: { httpStatusCodes: ['429', '500-599'], grpcStatusCodes: ['14'] } }),
      },
      circuitBreakers: { simpleCB: { trip: 'consecutiveFailures >= 5', interval: Duration.seconds(8), timeout: Duration.seconds(45), maxRequests: 1 } },
      apps: [orders],
    });
    r.targetApp(new FakeApp(chart, 'payments'), { timeout: 'general', retry: 'important', circuitBreaker: 'simpleCB', circuitBreakerCacheSize: 50 });
    r.targetActor('Cart', { timeout: 'general', circuitBreaker: 'simpleCB' });
    r.targetComponent(pubsub, { inbound: { retry: 'retryForever' }, outbound: { retry: 'important', timeout: 'long' } });
    r.targetComponent(store, { outbound: { retry: 'retryForever' } });
    const synthesized = Testing.synth(chart);
    expect(synthesized).toMatchSnapshot();
    const spec = synthesized[0].spec;
    expect(spec.policies.timeouts).toEqual({ general: '5s', long: '1m' });
    expect(spec.policies.retries.important).toEqual({ policy: 'constant', duration: '500ms', maxRetries: 5, matching: { httpStatusCodes: '429,500-599', gRPCStatusCodes: '14' } });
    expect(spec.targets.actors.Cart).toEqual({ timeout: 'general', circuitBreaker: 'simpleCB', circuitBreakerScope: 'id' });
    expect(synthesized[0].scopes).toEqual(['orders']);
  });

  test('targets must name policies of the resource', () => {
    const chart = Testing.chart();
    const r = new Resiliency(chart, 'r', { retries: { retryForever: RetryPolicy.constant() }, apps: [new FakeApp(chart, 'orders')] });
    r.targetApp(new FakeApp(chart, 'payments'), { retry: 'retryForver' });
    expect(() => Testing.synth(chart)).toThrow(
      /\[test\/r\] targets\.apps\.payments\.retry: "retryForver" is invalid; allowed: the name of one of this Resiliency's retries \(did you mean "retryForever"\?\)/);
  });

  test('retry counts and status codes are checked', () => {
    const chart = Testing.chart();
    const r = new Resiliency(chart, 'r');
    expect(() => r.addRetry('a', RetryPolicy.constant({ maxRetries: -2 })))
      .toThrow(/retries\.a\.maxRetries: -2 is invalid; allowed: an integer of 0 or more, or -1 to retry forever/);
    expect(() => r.addRetry('b', RetryPolicy.exponential({ matching: { httpStatusCodes: ['600'] } })))
      .toThrow(/retries\.b\.matching\.httpStatusCodes: "600" is invalid; allowed: a code from 100 to 599/);
    expect(() => r.addRetry('c', RetryPolicy.exponential({ matching: { grpcStatusCodes: ['5-2'] } })))
      .toThrow(/retries\.c\.matching\.grpcStatusCodes: "5-2" is invalid; allowed: a code from 0 to 16/);
    expect(() => r.addTimeout('d', Duration.seconds(0))).toThrow(/timeouts\.d: "0ms" is invalid; allowed: a positive duration/);
    expect(() => r.addTimeout('bad name', Duration.seconds(1))).toThrow(/timeouts: "bad name" is invalid; allowed: a policy name/);
  });

  test('circuit breaker trip expressions are not empty and use the counters', () => {
    const r = new Resiliency(Testing.chart(), 'r');
    expect(() => r.addCircuitBreaker('a', { trip: ' ' })).toThrow(/circuitBreakers\.a\.trip: " " is invalid; allowed: a CEL expression such as "consecutiveFailures >= 5"/);
    expect(() => r.addCircuitBreaker('b', { trip: 'failures > 3' }))
      .toThrow(/circuitBreakers\.b\.trip: "failures > 3" is invalid; allowed: a CEL expression over requests, totalSuccesses/);
    expect(() => r.addCircuitBreaker('c', { trip: 'consecutiveFailures > 3', maxRequests: 0 }))
      .toThrow(/circuitBreakers\.c\.maxRequests: 0 is invalid; allowed: an integer of 1 or more/);
  });

  test('inbound policies only on components that call the app', () => {
    const chart = Testing.chart();
    const r = new Resiliency(chart, 'r', { retries: { x: RetryPolicy.constant() } });
    expect(() => r.targetComponent(new FakeComponent(chart, 'store', 'state.redis'), { inbound: { retry: 'x' } }))
      .toThrow(/targets\.components\.store\.inbound: "state\.redis" is invalid; allowed: inbound policies only on pubsub\.\* and bindings\.\* components/);
    expect(() => r.targetApp(new FakeApp(chart, 'a'), {})).toThrow(/targets\.apps\.a: \{\} is invalid; allowed: at least one of timeout, retry, circuitBreaker/);
    expect(() => r.targetActor('Cart', { retry: 'x', circuitBreakerScope: CircuitBreakerScope.TYPE }))
      .toThrow(/targets\.actors\.Cart\.circuitBreakerScope: "type" is invalid; allowed: only together with circuitBreaker/);
  });

  test('scoped apps live in the namespace; a resource without policies fails', () => {
    const chart = Testing.chart();
    const r = new Resiliency(chart, 'r');
    expect(() => r.addApp(new FakeApp(chart, 'elsewhere', 'other')))
      .toThrow(/\[test\/r\] grant: "elsewhere" is invalid; allowed: an app in namespace "default"/);
    r.addApp(new FakeApp(chart, 'orders'));
    expect(() => Testing.synth(chart)).toThrow(/\[test\/r\] policies: \{\} is invalid; allowed: at least one timeout, retry or circuit breaker/);
  });

  test('a Resiliency scoped to no app fails synth, and is never rendered unscoped', () => {
    const chart = Testing.chart();
    const r = new Resiliency(chart, 'r', { timeouts: { general: Duration.seconds(5) } });
    r.targetComponent(new FakeComponent(chart, 'orders-pubsub', 'pubsub.redis'), { outbound: { timeout: 'general' } });
    const expected = '[test/r] scopes: [] is invalid; allowed: at least one app: pass apps or call resiliency.grant(app) for each app whose calls it governs, '
      + 'or set sharedByAllApps: true to apply it to every app of namespace "default"';
    expect(() => Testing.synth(chart)).toThrow(expected);
    expect(() => r.apiObject.toJson()).toThrow(expected);
    // targets do not scope it: only apps granted it do
    r.addApp(new FakeApp(chart, 'orders'));
    expect(one(chart, 'Resiliency').scopes).toEqual(['orders']);
    expect(r.appIds).toEqual(['orders']);
  });

  test('sharedByAllApps applies it to every app of the namespace explicitly', () => {
    const chart = Testing.chart();
    const r = new Resiliency(chart, 'r', { retries: { x: RetryPolicy.constant() }, sharedByAllApps: true });
    r.targetApp(new FakeApp(chart, 'payments'), { retry: 'x' });
    const synthesized = one(chart, 'Resiliency');
    expect(synthesized.scopes).toBeUndefined();
    expect(synthesized.spec.targets.apps).toEqual({ payments: { retry: 'x' } });
    expect(() => r.addApp(new FakeApp(chart, 'orders')))
      .toThrow('[test/r] grant: "orders" is invalid; allowed: no grants on a Resiliency with sharedByAllApps: it already applies to every app of the namespace');
    expect(() => new Resiliency(chart, 'r2', { sharedByAllApps: true, apps: [new FakeApp(chart, 'billing')] }))
      .toThrow(/\[test\/r2\] grant: "billing" is invalid; allowed: no grants on a Resiliency with sharedByAllApps/);
  });
});
