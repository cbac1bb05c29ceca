import { Testing } from 'cdk8s';
import { MetadataValue, StateStore } from '../../src';

// Typed factories take every ComponentOptions setting: a hand list of option keys once left out
// injectedContainer, so StateStore.redis(..., { injectedContainer }) was refused as an unknown prop.
describe('typed factory options', () => {
  test('injectedContainer reaches the Component like on the generic class', () => {
    const chart = Testing.chart();
    const store = StateStore.redis(chart, 'statestore', {
      redisHost: 'redis:6379',
      redisPassword: MetadataValue.fromSecret('redis', 'password'),
      injectedContainer: { image: 'ghcr.io/acme/redis-proxy:1.2.3' },
      sharedByAllApps: true,
    });
    const [obj] = Testing.synth(chart);
    expect(store.type).toBe('state.redis');
    expect(JSON.parse(obj.metadata.annotations['dapr.io/component-container'])).toMatchObject({ image: 'ghcr.io/acme/redis-proxy:1.2.3' });
    expect(obj.spec.metadata.map((m: { name: string }) => m.name)).toEqual(['redisHost', 'redisPassword']);
  });
});
