import { Chart, Duration, Testing } from 'cdk8s';
import {
  DaprApp, DaprControlPlane, MetadataValue, PubSub, Resiliency, SidecarResources, StateStore, Subscription,
} from '../../src';
import { checkDuration, MAX_GO_DURATION_MS, parseQuantity } from '../../src/core/validation';

/*
 * Issue 13, class 7: numbers and durations beyond what Go and Kubernetes accept. One rule set
 * (src/core/validation.ts: checkDuration, checkPlainNumber, checkInteger, parseQuantity) and
 * errors that name the construct and the prop, never cdk8s's own "cannot be converted" error.
 */

const image = 'ghcr.io/acme/app:1.0.0';

function chart() {
  return new Chart(Testing.app(), 'c', { namespace: 'shop' });
}

describe('durations', () => {
  test('NaN is the library\'s error with construct and prop, not a cdk8s error', () => {
    expect(() => new Resiliency(chart(), 'r', { timeouts: { fast: Duration.seconds(NaN) }, sharedByAllApps: true })).toThrow(
      '[c/r] timeouts.fast: "a Duration of no finite length" is invalid; allowed: a cdk8s Duration of finite length, e.g. Duration.seconds(5)');
    expect(() => StateStore.redis(chart(), 's', { redisHost: 'r:6379', initTimeout: Duration.millis(NaN) })).toThrow('[c/s] initTimeout: "a Duration of no finite length" is invalid');
    expect(() => StateStore.redis(chart(), 's', { redisHost: 'r:6379', idleTimeout: Duration.minutes(NaN) } as any)).toThrow('[c/s] idleTimeout: "a Duration of no finite length" is invalid');
    const c = chart();
    const pubsub = PubSub.redis(c, 'p', { redisHost: 'r:6379', sharedByAllApps: true });
    expect(() => new Subscription(c, 'sub', { pubsub, topic: 't', defaultRoute: '/t', sharedByAllApps: true, bulkSubscribe: { maxAwaitDuration: Duration.seconds(NaN) } }))
      .toThrow('[c/sub] bulkSubscribe.maxAwaitDuration: "a Duration of no finite length" is invalid');
    expect(() => new DaprApp(chart(), 'a', { appId: 'a', image, terminationGracePeriod: Duration.seconds(NaN) }))
      .toThrow('[c/a] terminationGracePeriod: "a Duration of no finite length" is invalid');
  });

  test('longer than Go\'s largest duration (math.MaxInt64 ns) fails', () => {
    expect(() => new Resiliency(chart(), 'r', { timeouts: { long: Duration.hours(2562048) }, sharedByAllApps: true })).toThrow(
      '[c/r] timeouts.long: "9223372800000ms" is invalid; allowed: a positive duration, at most 2562047h47m16s (Go\'s largest duration)');
    expect(checkDuration('t', 'd', Duration.millis(MAX_GO_DURATION_MS))).toBe('9223372036854ms');
    expect(checkDuration('t', 'd', Duration.hours(2562047))).toBe('2562047h');
  });

  test('rendered without float junk; fractions of a millisecond in whole micro- or nanoseconds', () => {
    expect(checkDuration('t', 'd', Duration.minutes(0.1))).toBe('6s');
    expect(checkDuration('t', 'd', Duration.seconds(0.1 + 0.2))).toBe('300ms');
    expect(checkDuration('t', 'd', Duration.millis(1.5))).toBe('1500us');
    expect(checkDuration('t', 'd', Duration.millis(0.000001))).toBe('1ns');
  });

  test('one formatter: MetadataValue.fromDuration and typed props render the same', () => {
    expect(MetadataValue.fromDuration(Duration.minutes(90)).value).toBe('90m');
    expect(() => MetadataValue.fromDuration(Duration.seconds(Infinity))).toThrow('[MetadataValue.fromDuration] value: "a Duration of no finite length" is invalid');
  });

  test('terminationGracePeriod is a whole number of seconds', () => {
    expect(() => new DaprApp(chart(), 'a', { appId: 'a', image, terminationGracePeriod: Duration.millis(1500) }))
      .toThrow('[c/a] terminationGracePeriod: "1500ms" is invalid; allowed: a whole number of seconds');
  });
});

describe('numbers', () => {
  test('metadata numbers are written without an exponent', () => {
    expect(() => MetadataValue.fromNumber(1e21)).toThrow('[MetadataValue.fromNumber] value: 1e+21 is invalid; allowed: a finite number written without an exponent');
    expect(() => MetadataValue.fromNumber(1e-7)).toThrow('value: 1e-7 is invalid');
    expect(MetadataValue.fromNumber(0.5).value).toBe('0.5');
    expect(() => StateStore.redis(chart(), 's', { redisHost: 'r:6379', ttlInSeconds: 1e21 })).toThrow('[c/s] ttlInSeconds: 1e+21 is invalid; allowed: a finite number written without an exponent');
  });

  test('Go integer metadata (ports, database index, counts) takes whole, non-negative numbers', () => {
    expect(() => StateStore.redis(chart(), 's', { redisHost: 'r:6379', redisDB: 1.5 })).toThrow(
      '[c/s] metadata.redisDB: "1.5" is invalid; allowed: a whole number, 0 or more, such as "10"');
    expect(() => StateStore.redis(chart(), 's', { redisHost: 'r:6379', redisDB: -1 })).toThrow('metadata.redisDB: "-1" is invalid');
    expect(() => PubSub.rabbitMq(chart(), 'p', { connectionString: MetadataValue.fromSecret('amqp', 'url'), prefetchCount: 2.5 } as any)).toThrow('metadata.prefetchCount: "2.5" is invalid');
    expect(StateStore.redis(chart(), 's', { redisHost: 'r:6379', redisDB: 3 }).name).toBe('s');
  });

  test('int32 fields: replicas, ports', () => {
    expect(() => new DaprApp(chart(), 'a', { appId: 'a', image, replicas: 2 ** 31 })).toThrow('[c/a] replicas: 2147483648 is invalid; allowed: an integer from 0 to 2147483647');
    expect(() => new DaprApp(chart(), 'a', { appId: 'a', image, appPort: 8080.5 })).toThrow('[c/a] appPort: 8080.5 is invalid; allowed: an integer from 1 to 65535');
    expect(() => new DaprControlPlane(chart(), 'd', { metricsPort: NaN } as any)).toThrow('[c/d] metricsPort: NaN is invalid');
  });
});

describe('quantities', () => {
  test('GOMEMLIMIT never renders as 0MiB or in an exponent form', () => {
    expect(() => new DaprApp(chart(), 'a', { appId: 'a', image, goMemLimit: true, sidecarResources: SidecarResources.of({ memoryLimit: '1', memoryRequest: '1' }) }))
      .toThrow('[c/a] sidecarResources.memoryLimit: "1" is invalid; allowed: at least 2Mi with goMemLimit (GOMEMLIMIT is 90% of it, in whole MiB)');
    expect(() => new DaprApp(chart(), 'a', { appId: 'a', image, goMemLimit: true, sidecarResources: SidecarResources.of({ memoryLimit: '1e28', memoryRequest: '1' }) }))
      .toThrow('[c/a] sidecarResources.memoryLimit: "1e28" is invalid; allowed: a non-negative Kubernetes quantity');
    const app = new DaprApp(chart(), 'a', { appId: 'a', image, goMemLimit: true, sidecarResources: SidecarResources.of({ memoryLimit: '7Ei', memoryRequest: '1Mi' }) });
    expect(app.sidecar.annotations['dapr.io/env']).toMatch(/GOMEMLIMIT=\d+MiB$/);
  });

  test('quantities beyond int64 are refused', () => {
    expect(parseQuantity('7Ei')).toBe(7 * 2 ** 60);
    expect(parseQuantity('8Ei')).toBeUndefined();
    expect(parseQuantity('1e19')).toBeUndefined();
    expect(parseQuantity('1e18')).toBe(1e18);
  });
});
