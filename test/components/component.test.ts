import { App, Chart, Duration, Testing } from 'cdk8s';
import { FakeApp } from './fake-app';
import { Component, DaprApp, ISecretStore, MetadataValue, PubSub, SecretStore, SidecarResources, StateStore } from '../../src';

function setup(namespace?: string): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'chart', { namespace });
  return { app, chart };
}

/** Runs the synth-time validations, as `cdk8s synth` does. */
function synth(app: App): string {
  return app.synthYaml();
}

const redis = (chart: Chart, extra: Record<string, MetadataValue> = {}) => new Component(chart, 'statestore', {
  type: 'state.redis',
  metadata: { redisHost: MetadataValue.fromString('redis:6379'), ...extra },
});

describe('Component', () => {
  test('generic component: every field lands where the CRD puts it', () => {
    const { chart } = setup('shop');
    const vault = SecretStore.fromName(chart, 'vault', 'vault');
    const c = new Component(chart, 'mysql', {
      type: 'bindings.mysql',
      version: 'v1',
      ignoreErrors: true,
      initTimeout: Duration.seconds(30),
      secretStore: vault,
      metadata: {
        url: MetadataValue.fromSecret('mysql', 'dsn'),
        maxIdleConns: MetadataValue.fromNumber(10),
        maxOpenConns: MetadataValue.fromNumber(20),
        connMaxLifetime: MetadataValue.fromDuration(Duration.minutes(5)),
        pemPath: MetadataValue.fromEnv('MYSQL_PEM_PATH'),
      },
    });
    c.grant(new FakeApp(chart, 'orders', 'orders', 'shop'));
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj.metadata).toEqual({ name: 'mysql', namespace: 'shop' });
    expect(obj.auth).toEqual({ secretStore: 'vault' });
    expect(obj.scopes).toEqual(['orders']);
    expect(obj.spec).toMatchObject({ type: 'bindings.mysql', version: 'v1', ignoreErrors: true, initTimeout: '30s' });
    expect(obj.spec.metadata).toEqual([
      { name: 'connMaxLifetime', value: '5m' },
      { name: 'maxIdleConns', value: '10' },
      { name: 'maxOpenConns', value: '20' },
      { name: 'pemPath', envRef: 'MYSQL_PEM_PATH' },
      { name: 'url', secretKeyRef: { name: 'mysql', key: 'dsn' } },
    ]);
    expect(c.name).toBe('mysql');
    expect(c.namespace).toBe('shop');
    expect(c.type).toBe('bindings.mysql');
    expect(c.apiObject.kind).toBe('Component');
  });

  test('secret references render as secretKeyRef, read from Kubernetes without a secret store', () => {
    const { app, chart } = setup();
    const c = StateStore.redis(chart, 'statestore', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password') });
    c.grant(new FakeApp(chart, 'a', 'orders'));
    const [obj] = Testing.synth(chart);
    expect(obj.spec.metadata).toContainEqual({ name: 'redisPassword', secretKeyRef: { name: 'redis', key: 'password' } });
    expect(obj.auth).toBeUndefined();
    expect(() => synth(app)).not.toThrow();
  });

  test('scopes are the granted app ids, sorted and de-duplicated', () => {
    const { chart } = setup();
    const c = redis(chart);
    const zeta = new FakeApp(chart, 'z', 'zeta');
    c.grant(zeta);
    c.grant(new FakeApp(chart, 'a', 'alpha'));
    c.grant(zeta);
    expect(c.scopes).toEqual(['alpha', 'zeta']);
    expect(Testing.synth(chart)[0].scopes).toEqual(['alpha', 'zeta']);
  });

  test('a component granted to no app fails synth instead of being loaded by every app', () => {
    const { app, chart } = setup();
    redis(chart);
    const message = /\[chart\/statestore\] scopes: \[\] is invalid; allowed: at least one app: call component.grant\(app\) .* or set sharedByAllApps: true/;
    expect(() => synth(app)).toThrow(message);
    // Even without validation, the object is never rendered unscoped.
    expect(() => Testing.synth(chart)).toThrow(message);
  });

  test('sharedByAllApps emits no scopes and refuses grants', () => {
    const { app, chart } = setup();
    const c = new Component(chart, 'statestore', { type: 'state.in-memory', sharedByAllApps: true });
    expect(Testing.synth(chart)[0].scopes).toBeUndefined();
    expect(() => synth(app)).not.toThrow();
    expect(() => c.grant(new FakeApp(chart, 'a', 'orders'))).toThrow(/grant: "orders" is invalid; allowed: no grants on a component with sharedByAllApps/);
  });

  test('granting to an app in another namespace fails', () => {
    const { chart } = setup('shop');
    const c = redis(chart);
    expect(() => c.grant(new FakeApp(chart, 'a', 'billing', 'finance'))).toThrow(
      /\[chart\/statestore\] grant: "billing" is invalid; allowed: an app in namespace "shop" \(app "billing" runs in "finance"/);
  });

  test.each([
    ['stat.redis', /type: "stat.redis" is invalid; allowed: "<category>.<name>" .* \(did you mean "state"\?\)/],
    ['redis', /type: "redis" is invalid; allowed: "<category>.<name>"/],
    ['nameresolution.kubernetes', /name resolution is configured on the Configuration resource/],
    ['middleware.oauth2', /type: "middleware.oauth2" is invalid; allowed: an HTTP middleware type "middleware.http.<name>"/],
  ])('type %s is rejected', (type, message) => {
    const { chart } = setup();
    expect(() => new Component(chart, 'c', { type })).toThrow(message);
  });

  test('version must be well-formed, and known for typed component types', () => {
    const { chart } = setup();
    expect(() => new Component(chart, 'a', { type: 'bindings.mysql', version: '1' })).toThrow(/version: "1" is invalid; allowed: a component version such as "v1"/);
    expect(() => new Component(chart, 'b', { type: 'state.redis', version: 'v2' })).toThrow(/version: "v2" is invalid; allowed: one of "v1" for state.redis/);
    expect(new Component(chart, 'c', { type: 'state.postgresql', version: 'v1', metadata: { host: MetadataValue.fromString('pg') } }).version).toBe('v1');
  });

  test('name and namespace must be valid Kubernetes names', () => {
    const { chart } = setup();
    expect(() => new Component(chart, 'StateStore', { type: 'state.in-memory' })).toThrow(
      /name: "StateStore" is invalid; allowed: an RFC 1123 subdomain .* \(set `objectMetadata.name` when the construct id is not one\)/);
    expect(() => new Component(chart, 'x', { type: 'state.in-memory', namespace: 'Shop' })).toThrow(/namespace: "Shop" is invalid; allowed: an RFC 1123 label/);
  });

  test('unknown metadata keys of a typed type fail with a suggestion', () => {
    const { chart } = setup();
    expect(() => redis(chart, { redisPasword: MetadataValue.fromSecret('redis', 'password') })).toThrow(
      /\[chart\/statestore\] metadata: "redisPasword" is invalid; allowed: a metadata key of state.redis v1 \(did you mean "redisPassword"\?\)/);
  });

  test('required metadata and one-of groups are checked at synth', () => {
    const a = setup();
    new Component(a.chart, 'statestore', { type: 'state.redis', sharedByAllApps: true });
    expect(() => synth(a.app)).toThrow(/metadata.redisHost: undefined is invalid; allowed: a value: state.redis requires it/);

    const b = setup();
    new Component(b.chart, 'statestore', { type: 'state.postgresql', version: 'v2', sharedByAllApps: true });
    expect(() => synth(b.app)).toThrow(/metadata: \[\] is invalid; allowed: metadata with at least one of "connectionString", "host"/);

    // a Kafka binding reads topics, writes to publishTopic, or both; with neither it does nothing
    const c = setup();
    new Component(c.chart, 'events', { type: 'bindings.kafka', metadata: { brokers: MetadataValue.fromString('kafka:9092') }, sharedByAllApps: true });
    expect(() => synth(c.app)).toThrow('metadata: ["brokers"] is invalid; allowed: metadata with at least one of "topics", "publishTopic"');
  });

  test('values outside allowedValues fail', () => {
    const { chart } = setup();
    expect(() => StateStore.redis(chart, 's', { redisHost: 'redis:6379', redisType: 'sentinel' })).toThrow(
      /metadata.redisType: "sentinel" is invalid; allowed: one of "node", "cluster"/);
  });

  test.each([
    ['redisDB', 'zero', /metadata.redisDB: "zero" is invalid; allowed: a whole number/],
    ['enableTLS', 'yes', /metadata.enableTLS: "yes" is invalid; allowed: a boolean/],
    ['dialTimeout', '5 seconds', /metadata.dialTimeout: "5 seconds" is invalid; allowed: a Go duration/],
  ])('malformed %s fails', (key, value, message) => {
    const { chart } = setup();
    expect(() => redis(chart, { [key]: MetadataValue.fromString(value) })).toThrow(message);
    // Well-formed values of the same keys pass.
    const ok = setup();
    expect(() => redis(ok.chart, { redisDB: MetadataValue.fromString('2'), enableTLS: MetadataValue.fromString('false'), dialTimeout: MetadataValue.fromString('5') }))
      .not.toThrow();
  });

  test('malformed byte sizes fail', () => {
    const { chart } = setup();
    expect(() => new Component(chart, 'h', { type: 'bindings.http', metadata: { url: MetadataValue.fromString('https://x'), maxResponseBodySize: MetadataValue.fromString('lots') } }))
      .toThrow(/metadata.maxResponseBodySize: "lots" is invalid; allowed: a byte size/);
  });

  test('a sensitive key with a plaintext value fails, without printing the value', () => {
    const { chart } = setup();
    let error: Error | undefined;
    try {
      StateStore.redis(chart, 's', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromString('hunter2') });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/metadata.redisPassword: <redacted: 7 characters> is invalid; allowed: a secret reference.* list "redisPassword" in allowPlaintextSecrets/);
    expect(error?.message).not.toContain('hunter2');
  });

  test('allowPlaintextSecrets accepts plaintext for the named sensitive keys only', () => {
    const { chart } = setup();
    const c = StateStore.redis(chart, 's', {
      redisHost: 'redis:6379', redisPassword: MetadataValue.fromString('dev'), allowPlaintextSecrets: ['redisPassword'], sharedByAllApps: true,
    });
    expect(Testing.synth(chart)[0].spec.metadata).toContainEqual({ name: 'redisPassword', value: 'dev' });
    expect(c.metadataKeys).toEqual(['redisHost', 'redisPassword']);
    // an opt-out that opts out of nothing (a typo, a stale entry) fails synth
    const other = Testing.chart();
    StateStore.redis(other, 't', {
      redisHost: 'redis:6379', redisPassword: MetadataValue.fromString('dev'), allowPlaintextSecrets: ['redisHost', 'redisPassword'], sharedByAllApps: true,
    });
    expect(() => Testing.synth(other)).toThrow(
      /allowPlaintextSecrets: "redisHost" is invalid; allowed: only names of the metadata of state.redis with a plaintext value refused as a credential \("redisPassword"\)/);
  });

  test('for types Dapr does not ship (pluggable components), credential-like keys are sensitive', () => {
    const { chart } = setup();
    // refused components stay in the tree they were added to (as in cdk8s-plus), so they go to another chart
    const refused = new Chart(new App(), 'refused');
    expect(() => new Component(refused, 'db', { type: 'bindings.my-pluggable-db', metadata: { password: MetadataValue.fromString('x') } })).toThrow(
      /metadata.password: <redacted: 1 characters> is invalid; allowed: a secret reference/);
    // the names Dapr's components mark sensitive, beyond passwords and tokens
    for (const key of ['accountKey', 'secretKey', 'clientKey', 'authKey', 'key', 'accessKeyID', 'private-key', 'tls_client_key', 'privateKeyPassphrase', 'seedKey', 'credentials']) {
      expect(() => new Component(refused, `c-${key.toLowerCase().replace(/_/g, '-')}`, { type: 'state.my-pluggable-store', metadata: { [key]: MetadataValue.fromString('x') }, sharedByAllApps: true }))
        .toThrow(`metadata.${key}: <redacted: 1 characters> is invalid; allowed: a secret reference`);
    }
    // names and flags are not credentials
    new Component(chart, 'plain', {
      type: 'state.my-pluggable-store',
      metadata: { partitionKey: MetadataValue.fromString('id'), objectKey: MetadataValue.fromString('o'), publicKey: MetadataValue.fromString('p'), multipleKeyValuesPerSecret: MetadataValue.fromString('true') },
      sharedByAllApps: true,
    });
    expect(Testing.synth(chart)).toHaveLength(1);
  });

  test('secret and env references must be complete', () => {
    expect(() => redis(setup().chart, { redisPassword: MetadataValue.fromSecret('redis', '') })).toThrow(
      /metadata.redisPassword.secretKeyRef: .* is invalid; allowed: a secret reference with a non-empty secret name and key/);
    expect(() => redis(setup().chart, { redisPassword: MetadataValue.fromEnv('1PASSWORD') })).toThrow(
      /metadata.redisPassword.envRef: "1PASSWORD" is invalid; allowed: an environment variable name/);
  });

  test('Kubernetes secret names are checked unless a secret store resolves them', () => {
    const a = setup();
    redis(a.chart, { redisPassword: MetadataValue.fromSecret('Redis_Secret', 'password') }).grant(new FakeApp(a.chart, 'a', 'orders'));
    expect(() => synth(a.app)).toThrow(/metadata.redisPassword.secretKeyRef.name: "Redis_Secret" is invalid; allowed: the name of a Kubernetes Secret/);

    const b = setup();
    const c = redis(b.chart, { redisPassword: MetadataValue.fromSecret('apps/Redis_Secret', 'password') });
    c.useSecretStore(SecretStore.fromName(b.chart, 'vault', 'vault'));
    c.grant(new FakeApp(b.chart, 'a', 'orders'));
    expect(() => synth(b.app)).not.toThrow();
  });

  test.each<[string, (chart: Chart) => ISecretStore, boolean]>([
    ['the built-in store, by name', (chart) => SecretStore.fromName(chart, 'builtin', 'kubernetes'), true],
    ['a Kubernetes store under another name', (chart) => SecretStore.kubernetes(chart, 'k8s', { sharedByAllApps: true }), true],
    ['a Vault store named "kubernetes"', (chart) => SecretStore.vault(chart, 'kubernetes', {
      vaultAddr: 'https://vault:8200', vaultToken: MetadataValue.fromEnv('VAULT_TOKEN'), sharedByAllApps: true,
    }), false],
  ])('Secret references through %s', (_what, makeStore, checked) => {
    const { app, chart } = setup();
    const c = redis(chart, { redisPassword: MetadataValue.fromSecret('apps/Redis_Secret', 'password') });
    c.useSecretStore(makeStore(chart));
    c.grant(new FakeApp(chart, 'a', 'orders'));
    if (checked) {
      expect(() => synth(app)).toThrow(/metadata.redisPassword.secretKeyRef.name: "apps\/Redis_Secret" is invalid; allowed: the name of a Kubernetes Secret/);
    } else {
      expect(() => synth(app)).not.toThrow();
    }
  });

  test('a secret store must share the namespace and be granted to the same apps', () => {
    const { app, chart } = setup('shop');
    const vault = SecretStore.vault(chart, 'vault', { vaultAddr: 'https://vault:8200', vaultTokenMountPath: '/token' });
    const orders = new FakeApp(chart, 'orders', 'orders', 'shop');
    const c = StateStore.redis(chart, 'statestore', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'pw'), secretStore: vault });
    c.grant(orders);
    expect(c.secretStore).toBe(vault);
    expect(() => synth(app)).toThrow(/\[chart\/statestore\] secretStore: "vault" is invalid; allowed: .* also grant "vault" to app "orders"/);
    vault.grant(orders);
    expect(() => synth(app)).not.toThrow();
    expect(Testing.synth(chart).find((o) => o.metadata.name === 'statestore').auth).toEqual({ secretStore: 'vault' });

    expect(() => c.useSecretStore(SecretStore.fromName(chart, 'other', 'vault', 'ops'))).toThrow(
      /secretStore: "vault" is invalid; allowed: a secret store in namespace "shop" \(it is in "ops"\)/);
  });

  test('building-block classes only accept their own category', () => {
    const { chart } = setup();
    expect(() => new StateStore(chart, 's', { type: 'pubsub.kafka' })).toThrow(/type: "pubsub.kafka" is invalid; allowed: a "state.<name>" type/);
    // components-contrib marks Pulsar's host sensitive (it may carry credentials), so it comes from a secret
    expect(new PubSub(chart, 'p', { type: 'pubsub.pulsar', metadata: { host: MetadataValue.fromSecret('pulsar', 'url') } }).type).toBe('pubsub.pulsar');
  });

  test('typed factories reject unknown props and validate additionalMetadata against the table', () => {
    const { chart } = setup();
    const untyped = { redisHost: 'redis:6379', redisHots: 'typo' } as any;
    expect(() => StateStore.redis(chart, 'a', untyped)).toThrow(/redisHots: <redacted: 4 characters> is invalid; allowed: a prop of state.redis \(did you mean "redisHost"\?\)/);
    const c = StateStore.redis(chart, 'b', {
      redisHost: 'redis:6379', additionalMetadata: { poolSize: MetadataValue.fromNumber(20), redisUsername: MetadataValue.fromSecret('redis', 'user') },
    });
    expect(c.metadataKeys).toEqual(['poolSize', 'redisHost', 'redisUsername']);
    expect(() => StateStore.redis(chart, 'c', { redisHost: 'redis:6379', additionalMetadata: { redisHost: MetadataValue.fromString('other:6379') } }))
      .toThrow(/metadata: "redisHost" is invalid; allowed: each key once/);
    expect(() => StateStore.redis(chart, 'd', { redisHost: 'redis:6379', additionalMetadata: { poolsize: MetadataValue.fromNumber(1) } }))
      .toThrow(/did you mean "poolSize"/);
  });

  test('component names are unique per namespace', () => {
    const { app, chart } = setup();
    new Component(chart, 'one', { name: 'statestore', type: 'state.in-memory', sharedByAllApps: true });
    new Component(chart, 'two', { name: 'statestore', type: 'state.in-memory', sharedByAllApps: true });
    expect(() => synth(app)).toThrow(/\[chart\/two\] name: "statestore" is invalid; allowed: a name unique among the components of namespace "default" \(chart\/one has it too\)/);
  });

  test('initTimeout must be positive', () => {
    const { chart } = setup();
    expect(() => new Component(chart, 'x', { type: 'state.in-memory', initTimeout: Duration.seconds(0) })).toThrow(
      /initTimeout: "0ms" is invalid; allowed: a positive duration/);
  });
});

describe('PubSub.subscribe', () => {
  test('grants the pub/sub to the app and creates a Subscription scoped to it', () => {
    const chart = Testing.chart();
    const app = new FakeApp(chart, 'orders', 'orders');
    const pubsub = PubSub.inMemory(chart, 'events');
    const sub = pubsub.subscribe(app, 'order.created', { defaultRoute: '/orders/created', deadLetterTopic: 'orders-dead' });
    const out = Testing.synth(chart);
    const subscription = out.find((o: any) => o.kind === 'Subscription');
    expect(sub.name).toBe('events-order.created-orders');
    expect(subscription).toMatchObject({
      apiVersion: 'dapr.io/v2alpha1',
      metadata: { name: 'events-order.created-orders' },
      spec: { pubsubname: 'events', topic: 'order.created', routes: { default: '/orders/created' }, deadLetterTopic: 'orders-dead' },
      scopes: ['orders'],
    });
    expect(out.find((o: any) => o.kind === 'Component').scopes).toEqual(['orders']);
  });

  test('subscribing an app to the same topic twice is a validation error, not a construct id clash', () => {
    const chart = Testing.chart();
    const app = new FakeApp(chart, 'orders', 'orders');
    const pubsub = PubSub.inMemory(chart, 'events');
    pubsub.subscribe(app, 'orders', { defaultRoute: '/orders' });
    expect(() => pubsub.subscribe(app, 'orders', { defaultRoute: '/orders' })).toThrow(
      '[test/events] subscribe: "events-orders-orders" is invalid; allowed: a subscription name this pub/sub has not used yet');
    // topics that differ only in case map to the same name: options.name tells them apart
    expect(() => pubsub.subscribe(app, 'ORDERS', { defaultRoute: '/orders' })).toThrow('subscribe: "events-orders-orders" is invalid');
    expect(pubsub.subscribe(app, 'ORDERS', { defaultRoute: '/orders', name: 'events-orders-upper' }).name).toBe('events-orders-upper');
  });
});

describe('found by fuzzing (test/validation/fuzz.test.ts)', () => {
  test('a non-finite number for a typed prop is a validation error naming the prop', () => {
    const { chart } = setup();
    expect(() => StateStore.redis(chart, 'cache', { redisHost: 'redis:6379', redisDB: NaN }))
      .toThrow('[chart/cache] redisDB: NaN is invalid; allowed: a finite number');
    expect(() => MetadataValue.fromNumber(Infinity)).toThrow('[MetadataValue.fromNumber] value: Infinity is invalid; allowed: a finite number');
  });

  test('a chart namespace that is not an RFC 1123 label is refused, as an explicit one is', () => {
    const { chart } = setup('Shop_EU');
    expect(() => new Component(chart, 'x', { type: 'state.in-memory', sharedByAllApps: true }))
      .toThrow('[chart/x] namespace: "Shop_EU" is invalid; allowed: an RFC 1123 label (lower case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters) (this is the chart\'s namespace)');
  });
});

describe('PostgreSQL connection props', () => {
  test('are shared by the state store, binding and configuration store, with a numeric port', () => {
    const chart = Testing.chart();
    const app = new FakeApp(chart, 'orders', 'orders');
    const connection = { host: 'pg.db.svc', port: 5432, database: 'orders', user: 'dapr', password: MetadataValue.fromSecret('pg', 'password') };
    const state = StateStore.postgresql(chart, 'pg-state', connection);
    state.grant(app);
    const metadata = Testing.synth(chart).find((o: any) => o.kind === 'Component').spec.metadata;
    expect(metadata).toContainEqual({ name: 'port', value: '5432' });
    expect(metadata).toContainEqual({ name: 'password', secretKeyRef: { name: 'pg', key: 'password' } });
  });
});

describe('Component.injectedContainer (pluggable components the injector adds)', () => {
  const IMAGE = 'registry.acme.example/my-store@sha256:' + 'b'.repeat(64);

  function pluggable(inject: boolean, container: Partial<ConstructorParameters<typeof Component>[2]['injectedContainer']> = {}) {
    const { app, chart } = setup('shop');
    const api = new DaprApp(chart, 'api', { appId: 'api', image: 'ghcr.io/acme/api:1.0.0', pluggableComponents: { inject } });
    const store = new Component(chart, 'my-store', { type: 'state.my-store', injectedContainer: { image: IMAGE, ...container } });
    store.grant(api);
    return { app, chart, store };
  }

  test('renders the container as JSON on the Component, with restricted-profile defaults', () => {
    const { chart } = pluggable(true, { env: { LOG_LEVEL: 'debug' }, args: ['--verbose'] });
    const component = Testing.synth(chart).find((o) => o.kind === 'Component');
    const container = JSON.parse(component.metadata.annotations['dapr.io/component-container']);
    expect(container).toEqual({
      name: 'my-store',
      image: IMAGE,
      args: ['--verbose'],
      env: [{ name: 'LOG_LEVEL', value: 'debug' }],
      resources: { limits: { cpu: '200m', memory: '256Mi' }, requests: { cpu: '50m', memory: '64Mi' } },
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    });
    expect(Testing.synth(chart).find((o) => o.kind === 'Deployment').spec.template.metadata.annotations['dapr.io/inject-pluggable-components']).toBe('true');
  });

  test('an app that does not let the injector add it fails synth: Dapr would ignore the container', () => {
    const { app } = pluggable(false);
    expect(() => synth(app)).toThrow('[chart/my-store] injectedContainer: "api" is invalid; allowed: apps that let the injector add it: set pluggableComponents.inject: true on app "api"');
  });

  test('the image is pinned, the name a label, the resources complete', () => {
    expect(() => pluggable(true, { image: 'my-store:latest' })).toThrow('[chart/my-store] injectedContainer.image: "my-store:latest" is invalid; allowed: an image reference pinned by tag or digest');
    expect(() => pluggable(true, { name: 'My_Store' })).toThrow('[chart/my-store] injectedContainer.name: "My_Store" is invalid; allowed: an RFC 1123 label');
    expect(() => pluggable(true, { resources: SidecarResources.of({ cpuRequest: '1', cpuLimit: '2' }) }))
      .toThrow('[chart/my-store] injectedContainer.resources.memoryRequest: undefined is invalid; allowed: a non-negative Kubernetes quantity');
    expect(() => pluggable(true, { resources: SidecarResources.of({ cpuRequest: '-100m', cpuLimit: '1', memoryRequest: '1Gi', memoryLimit: '1Gi' }) }))
      .toThrow('[chart/my-store] injectedContainer.resources.cpuRequest: "-100m" is invalid; allowed: a non-negative Kubernetes quantity');
    expect(() => pluggable(true, { resources: SidecarResources.of({ cpuRequest: '2', cpuLimit: '1', memoryRequest: '1Gi', memoryLimit: '1Gi' }) }))
      .toThrow('[chart/my-store] injectedContainer.resources.cpuRequest: "2" is invalid; allowed: at most injectedContainer.resources.cpuLimit (1)');
    expect(() => pluggable(true, { env: { 'BAD-NAME': 'x' } })).toThrow('[chart/my-store] injectedContainer.env: "BAD-NAME" is invalid');
  });
});

test('a component shared by all apps needs a secret store shared by all apps', () => {
  const { app, chart } = setup('shop');
  const vault = SecretStore.vault(chart, 'vault', { vaultAddr: 'https://vault:8200', vaultToken: MetadataValue.fromSecret('vault', 'token') });
  vault.grant(new FakeApp(chart, 'api', 'api', 'shop'));
  new Component(chart, 'db', { type: 'bindings.mysql', metadata: { url: MetadataValue.fromSecret('mysql', 'dsn') }, secretStore: vault, sharedByAllApps: true });
  expect(() => synth(app)).toThrow('[chart/db] secretStore: "vault" is invalid; allowed: a secret store that every app of this component can load: the component is shared by all apps of the namespace, so share "vault" with all apps too (sharedByAllApps: true), or grant the component only to apps granted "vault"');
});
