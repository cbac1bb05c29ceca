import { Duration, Testing } from 'cdk8s';
import { Configuration, DaprApp, HttpVerb, RetryPolicy } from '../../src';
import { app, FakeComponent, kinds, one } from '../config/fakes';

function podAnnotations(chart: any, appId: string): Record<string, string> {
  return kinds(chart, 'Deployment').find((d) => d.metadata.name === appId).spec.template.metadata.annotations;
}

describe('DaprApp and Configuration', () => {
  test('configuration writes dapr.io/config', () => {
    const chart = Testing.chart();
    const config = new Configuration(chart, 'tracing');
    const a = app(chart, 'orders', { configuration: config });
    expect(podAnnotations(chart, 'orders')['dapr.io/config']).toBe('tracing');
    expect(a.sidecar.annotations['dapr.io/config']).toBe('tracing');
    expect(a.configuration).toBe(config);
  });

  test('configName and configuration together fail', () => {
    const chart = Testing.chart();
    const config = new Configuration(chart, 'tracing');
    expect(() => app(chart, 'orders', { configuration: config, configName: 'other' }))
      .toThrow(/\[test\/orders\] configName: "other" is invalid; allowed: not together with configuration \(it names "tracing"\)/);
  });

  test('a Configuration of another namespace fails at synth', () => {
    const chart = Testing.chart();
    const config = new Configuration(chart, 'tracing', { namespace: 'observability' });
    app(chart, 'orders', { configuration: config });
    expect(() => Testing.synth(chart)).toThrow(
      /\[test\/orders\] configuration: "observability\/tracing" is invalid; allowed: a Configuration in the app's namespace "default" \(Configuration "tracing" of namespace "observability" is not/);
  });

  test('a Configuration of another cdk8s app fails at synth', () => {
    const otherConfig = new Configuration(Testing.chart(), 'tracing');
    const chart = Testing.chart();
    app(chart, 'orders', { configuration: otherConfig });
    expect(() => Testing.synth(chart)).toThrow(
      /\[test\/orders\] configuration: "default\/tracing" is invalid; allowed: a Configuration built in the same cdk8s app .*for one managed elsewhere pass configName/);
  });

  test('pipeline middleware must be granted to the app', () => {
    const chart = Testing.chart();
    const mw = new FakeComponent(chart, 'ratelimit', 'middleware.http.ratelimit', { scopes: ['other'] });
    const config = new Configuration(chart, 'pipeline', { httpPipeline: [{ middleware: mw }] });
    app(chart, 'orders', { configuration: config });
    expect(() => Testing.synth(chart)).toThrow(/configuration\.middleware: "ratelimit" is invalid; allowed: middleware the app loads: grant "ratelimit" to app "orders"/);
  });
});

describe('allowInvocationFrom', () => {
  test('creates <appId>-config with a deny-by-default policy and loads it (snapshot)', () => {
    const chart = Testing.chart();
    const orders = app(chart, 'orders');
    const checkout = app(chart, 'checkout');
    const web = DaprApp.fromAppId(chart, 'web', 'web', 'frontend');
    orders.allowInvocationFrom(checkout, { operations: ['/orders', '/orders/*'], verbs: [HttpVerb.POST] });
    orders.allowInvocationFrom(web);
    const synthesized = Testing.synth(chart);
    expect(synthesized).toMatchSnapshot();
    expect(podAnnotations(chart, 'orders')['dapr.io/config']).toBe('orders-config');
    expect(podAnnotations(chart, 'checkout')['dapr.io/config']).toBeUndefined();
    expect(Object.keys(orders.sidecar.annotations)).toEqual([...Object.keys(orders.sidecar.annotations)].sort());
    const config = one(chart, 'Configuration');
    expect(config.metadata.name).toBe('orders-config');
    expect(config.spec.accessControl.defaultAction).toBe('deny');
    expect(config.spec.accessControl.policies.map((p: any) => `${p.namespace}/${p.appId}:${p.defaultAction}`))
      .toEqual(['default/checkout:deny', 'frontend/web:allow']);
  });

  test('uses the caller\'s trust domain', () => {
    const chart = Testing.chart();
    const callerConfig = new Configuration(chart, 'caller-config', { accessControl: { trustDomain: 'payments.acme' } });
    const caller = app(chart, 'checkout', { configuration: callerConfig });
    app(chart, 'orders').allowInvocationFrom(caller);
    const config = kinds(chart, 'Configuration').find((c) => c.metadata.name === 'orders-config');
    expect(config.spec.accessControl.policies[0].trustDomain).toBe('payments.acme');
  });

  test('adds to the Configuration the app already loads', () => {
    const chart = Testing.chart();
    const shared = new Configuration(chart, 'shared');
    const orders = app(chart, 'orders', { configuration: shared });
    orders.allowInvocationFrom(app(chart, 'checkout'));
    expect(kinds(chart, 'Configuration')).toHaveLength(1);
    expect(one(chart, 'Configuration').spec.accessControl.policies[0].appId).toBe('checkout');
  });

  test('an app loading a Configuration by name cannot get policies', () => {
    const chart = Testing.chart();
    const orders = app(chart, 'orders', { configName: 'managed-elsewhere' });
    expect(() => orders.allowInvocationFrom(app(chart, 'checkout')))
      .toThrow(/\[test\/orders\] configName: "managed-elsewhere" is invalid; allowed: a `configuration` built here instead of a name/);
  });
});

describe('withResiliency', () => {
  test('retries calls to another app 3 times with back-off (snapshot)', () => {
    const chart = Testing.chart();
    const orders = app(chart, 'orders');
    const notifications = app(chart, 'notification-service');
    const payments = app(chart, 'payments');
    orders.withResiliency(notifications, { retry: RetryPolicy.exponential({ maxRetries: 3, maxInterval: Duration.seconds(10) }) });
    orders.withResiliency(payments, {
      timeout: Duration.seconds(5),
      circuitBreaker: { trip: 'consecutiveFailures >= 5', timeout: Duration.seconds(30) },
    });
    const synthesized = Testing.synth(chart);
    expect(synthesized.filter((o) => o.kind === 'Resiliency')).toMatchSnapshot();
    const r = one(chart, 'Resiliency');
    expect(r.metadata.name).toBe('orders-resiliency');
    expect(r.scopes).toEqual(['orders']);
    expect(r.spec.policies.retries['notification-service-retry']).toEqual({ policy: 'exponential', maxRetries: 3, maxInterval: '10s' });
    expect(r.spec.targets.apps).toEqual({
      'notification-service': { retry: 'notification-service-retry' },
      'payments': { timeout: 'payments-timeout', circuitBreaker: 'payments-circuit-breaker' },
    });
  });

  test('needs at least one policy and each target once', () => {
    const chart = Testing.chart();
    const orders = app(chart, 'orders');
    const n = app(chart, 'notifications');
    expect(() => orders.withResiliency(n, {})).toThrow(/withResiliency: "notifications" is invalid; allowed: options with at least one of retry, timeout, circuitBreaker/);
    orders.withResiliency(n, { retry: RetryPolicy.constant({ maxRetries: 3 }) });
    expect(() => orders.withResiliency(n, { retry: RetryPolicy.constant() }))
      .toThrow(/retries: "notifications-retry" is invalid; allowed: each policy name once/);
  });
});
