import { ApiObjectMetadata, App, Chart, Duration, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import {
  Component, Configuration, DaprApp, DaprResource, HttpEndpoint, IConfiguration, IDaprApp, IDaprComponentRef, InvocationAccessOptions,
  McpServer, McpTransport, MetadataValue, PubSub, Resiliency, RetryPolicy, ScopedDaprResource, Subscription, WorkflowAccessPolicy,
} from '../../src';
import { FakeApp } from '../components/fake-app';

const IMAGE = 'ghcr.io/acme/app:1.0.0';
const LABELS = { 'app.kubernetes.io/part-of': 'shop', 'tier': 'backend' };
const ANNOTATIONS = { 'example.com/owner': 'team-a', 'note': 'any text: even spaces' };

type Meta = ApiObjectMetadata | undefined;

interface Kind {
  readonly kind: string;
  /** Builds a valid resource named `id` in `scope`, granted to no app unless `shared`. */
  make(scope: Construct, id: string, meta: Meta, shared: boolean, extra?: object): DaprResource;
}

/** A pub/sub shared with every app, in `namespace` (a Subscription must be in its pub/sub's namespace). */
function pubsubIn(scope: Construct, id: string, namespace?: string): PubSub {
  return new PubSub(scope, `pubsub-${id.toLowerCase().replace(/_/g, '-')}`, {
    type: 'pubsub.redis', metadata: { redisHost: MetadataValue.fromString('redis:6379') }, sharedByAllApps: true, objectMetadata: { namespace },
  });
}

const KINDS: Kind[] = [
  {
    kind: 'Component',
    make: (scope, id, meta, shared, extra) => new Component(scope, id, {
      type: 'state.redis', metadata: { redisHost: MetadataValue.fromString('redis:6379') }, objectMetadata: meta, sharedByAllApps: shared, ...extra,
    }),
  },
  {
    kind: 'Configuration',
    make: (scope, id, meta, _shared, extra) => new Configuration(scope, id, { metadata: meta, ...extra }),
  },
  {
    kind: 'Resiliency',
    make: (scope, id, meta, shared, extra) => new Resiliency(scope, id, {
      metadata: meta, timeouts: { fast: Duration.seconds(2) }, sharedByAllApps: shared, ...extra,
    }),
  },
  {
    kind: 'Subscription',
    make: (scope, id, meta, shared, extra) => new Subscription(scope, id, {
      pubsub: pubsubIn(scope, id, meta?.namespace ?? (extra as { namespace?: string } | undefined)?.namespace), topic: 'orders', defaultRoute: '/orders', objectMetadata: meta, sharedByAllApps: shared, ...extra,
    }),
  },
  {
    kind: 'HTTPEndpoint',
    make: (scope, id, meta, shared, extra) => new HttpEndpoint(scope, id, { baseUrl: 'https://api.example.com', metadata: meta, sharedByAllApps: shared, ...extra }),
  },
  {
    kind: 'MCPServer',
    make: (scope, id, meta, shared, extra) => new McpServer(scope, id, {
      transport: McpTransport.streamableHttp({ url: 'https://mcp.example.com/mcp' }), metadata: meta, sharedByAllApps: shared, ...extra,
    }),
  },
  {
    kind: 'WorkflowAccessPolicy',
    make: (scope, id, meta, shared, extra) => new WorkflowAccessPolicy(scope, id, {
      metadata: meta, sharedByAllApps: shared, rules: [{ callers: [new FakeApp(scope, `${id}-caller`, 'caller')], activities: [{ name: 'charge' }] }], ...extra,
    }),
  },
];
const SCOPED = KINDS.filter((k) => k.kind !== 'Configuration');

/** The metadata prop of a kind, as its props and messages name it. */
const metaProp = (kind: string) => (kind === 'Component' || kind === 'Subscription' ? 'objectMetadata' : 'metadata');

function chart(namespace?: string): Chart {
  return new Chart(new App(), 'test', { namespace });
}

function objectOf(c: Chart, kind: string): any {
  const found = Testing.synth(c).filter((o) => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

describe.each(KINDS.map((k) => [k.kind, k] as const))('%s derives from DaprResource', (kind, k) => {
  test('metadata labels and annotations appear in the output, beside the chart\'s labels', () => {
    const c = new Chart(new App(), 'test', { labels: { chart: 'yes' } });
    const r = k.make(c, 'res', { labels: LABELS, annotations: ANNOTATIONS }, true);
    expect(DaprResource.isDaprResource(r)).toBe(true);
    expect(r.kind).toBe(kind);
    const o = objectOf(c, kind);
    expect(o.metadata.labels).toEqual({ ...LABELS, chart: 'yes' });
    expect(o.metadata.annotations).toEqual(ANNOTATIONS);
    expect(o.metadata.name).toBe('res');
  });

  test('metadata.name and metadata.namespace name the object; the deprecated flat props still work', () => {
    const c = chart();
    const r = k.make(c, 'res', { name: 'from-meta', namespace: 'shop' }, true);
    expect([r.name, r.namespace]).toEqual(['from-meta', 'shop']);
    const o = objectOf(c, kind);
    expect([o.metadata.name, o.metadata.namespace]).toEqual(['from-meta', 'shop']);

    const c2 = chart();
    const flat = k.make(c2, 'res', undefined, true, { name: 'flat', namespace: 'shop' });
    expect([flat.name, flat.namespace]).toEqual(['flat', 'shop']);
  });

  test('a flat prop that disagrees with the metadata fails, naming both', () => {
    const prop = metaProp(kind);
    expect(() => k.make(chart(), 'res', { name: 'b' }, true, { name: 'a' })).toThrow(
      `[test/res] name: "a" is invalid; allowed: the same value as ${prop}.name ("b"), or only ${prop}.name: name is deprecated`);
    expect(() => k.make(chart(), 'res', { namespace: 'b' }, true, { namespace: 'a' })).toThrow(
      `[test/res] namespace: "a" is invalid; allowed: the same value as ${prop}.namespace ("b"), or only ${prop}.namespace: namespace is deprecated`);
    // agreeing values are fine
    expect(k.make(chart(), 'res', { name: 'same' }, true, { name: 'same' }).name).toBe('same');
  });

  test('bad metadata fails with the error format', () => {
    const prop = metaProp(kind);
    expect(() => k.make(chart(), 'res', { name: 'Not_A_Name' }, true)).toThrow(
      `[test/res] ${prop}.name: "Not_A_Name" is invalid; allowed: an RFC 1123 subdomain`);
    expect(() => k.make(chart(), 'Bad_Id', undefined, true)).toThrow(
      `[test/Bad_Id] name: "Bad_Id" is invalid; allowed: an RFC 1123 subdomain (lower case letters, digits, "-" and ".", at most 253 characters) (set \`${prop}.name\` when the construct id is not one)`);
    expect(() => k.make(chart(), 'res', { labels: { 'bad key!': 'x' } }, true)).toThrow(
      `[test/res] ${prop}.labels key: "bad key!" is invalid; allowed: a label key`);
    expect(() => k.make(chart(), 'res', { annotations: { 'a/b/c': 'x' } }, true)).toThrow(
      `[test/res] ${prop}.annotations key: "a/b/c" is invalid; allowed: an annotation key`);
    expect(() => k.make(chart(), 'res', 'labels' as unknown as Meta, true)).toThrow(
      `[test/res] ${prop}: "labels" is invalid; allowed: Kubernetes object metadata (name, namespace, labels, annotations)`);
  });

  test('labels added after construction (apiObject.metadata.addLabel) are checked at synth', () => {
    const c = chart();
    const r = k.make(c, 'res', undefined, true);
    r.apiObject.metadata.addLabel('ok', 'yes');
    expect(objectOf(c, kind).metadata.labels).toEqual({ ok: 'yes' });
    r.apiObject.metadata.addLabel('bad key', 'v');
    r.apiObject.metadata.addLabel('tier', 'not valid!');
    const prop = metaProp(kind);
    expect(() => Testing.synth(c)).toThrow(`[test/res] ${prop}.labels key: "bad key" is invalid; allowed: a label key`);
    expect(() => Testing.synth(c)).toThrow(`[test/res] ${prop}.labels.tier: "not valid!" is invalid; allowed: a label value`);
  });

  test('two resources of the kind with one name in one namespace fail synth, in any chart', () => {
    const app = new App();
    const one = new Chart(app, 'one');
    const two = new Chart(app, 'two');
    k.make(one, 'res', { name: 'dup' }, true);
    k.make(two, 'res', { name: 'dup' }, true);
    // the same name in another namespace is another object
    k.make(two, 'other', { name: 'dup', namespace: 'elsewhere' }, true);
    expect(() => app.synth()).toThrow(/\[two\/res\] name: "dup" is invalid; allowed: a name unique among the .+ of namespace "default" \(one\/res has it too\)/);
  });

  test('validation runs once per synth, through addValidation; rendering does not validate again', () => {
    const spy = jest.spyOn(DaprResource.prototype as any, '_validateResource');
    try {
      const c = chart();
      const r = k.make(c, 'res', undefined, true);
      Testing.synth(c);
      expect(spy.mock.contexts.filter((x) => x === r)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe.each(SCOPED.map((k) => [k.kind, k] as const))('%s is a ScopedDaprResource', (kind, k) => {
  test('grant(app) adds the app id to scopes, sorted and once', () => {
    const c = chart();
    const r = k.make(c, 'res', undefined, false) as ScopedDaprResource;
    expect(ScopedDaprResource.isScopedDaprResource(r)).toBe(true);
    r.grant(new FakeApp(c, 'b', 'billing'));
    r.grant(new FakeApp(c, 'a', 'audit'));
    r.grant(new FakeApp(c, 'a2', 'audit'));
    expect(r.appIds).toEqual(['audit', 'billing']);
    expect(objectOf(c, kind).scopes).toEqual(['audit', 'billing']);
  });

  test('granted to no app, it fails synth (and never renders unscoped); sharedByAllApps renders no scopes', () => {
    const c = chart();
    const r = k.make(c, 'res', undefined, false);
    expect(() => Testing.synth(c)).toThrow(/\[test\/res\] scopes: \[\] is invalid; allowed: at least one app: .*grant\(app\)/);
    expect(() => r.apiObject.toJson()).toThrow(/\[test\/res\] scopes: \[\] is invalid/);
    const shared = chart();
    k.make(shared, 'res', undefined, true);
    expect(objectOf(shared, kind).scopes).toBeUndefined();
  });

  test('grant refuses apps of another namespace, grants when shared, and what is not an app', () => {
    const c = chart();
    const r = k.make(c, 'res', undefined, false) as ScopedDaprResource;
    expect(() => r.grant(new FakeApp(c, 'x', 'orders', 'other'))).toThrow(
      '[test/res] grant: "orders" is invalid; allowed: an app in namespace "default" (app "orders" runs in "other"; Dapr only applies resources of the app\'s own namespace)');
    expect(() => r.grant(undefined as unknown as IDaprApp)).toThrow('[test/res] grant: undefined is invalid; allowed: a Dapr app');
    expect(() => r.grant({ appId: 'Bad', namespace: 'default' } as unknown as IDaprApp)).toThrow('[test/res] grant.appId: "Bad" is invalid');
    const s = k.make(chart(), 'res', undefined, true) as ScopedDaprResource;
    expect(() => s.grant(new FakeApp(s, 'x', 'orders'))).toThrow(
      /\[test\/res\] grant: "orders" is invalid; allowed: no grants on an? .+ with sharedByAllApps: it already applies to every app of the namespace/);
  });

  test('validation runs once, and sees mutations made after construction', () => {
    const spy = jest.spyOn(DaprResource.prototype as any, '_validateResource');
    try {
      const c = chart();
      const r = k.make(c, 'res', undefined, false) as ScopedDaprResource;
      // no app yet: invalid; granted before synth: valid, judged on the state at synth
      r.grant(new FakeApp(c, 'late', 'late-app'));
      expect(objectOf(c, kind).scopes).toEqual(['late-app']);
      expect(spy.mock.contexts.filter((x) => x === r)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the deprecated addApp() delegates to grant()', () => {
  test.each([
    ['Resiliency', (c: Chart) => new Resiliency(c, 'res', { timeouts: { t: Duration.seconds(1) } })],
    ['WorkflowAccessPolicy', (c: Chart) => new WorkflowAccessPolicy(c, 'res', { rules: [{ callers: [new FakeApp(c, 'caller', 'caller')], activities: [{ name: 'a' }] }] })],
    ['Subscription', (c: Chart) => new Subscription(c, 'res', { pubsub: pubsubIn(c, 'res'), topic: 't', defaultRoute: '/t' })],
  ] as const)('%s', (kind, make) => {
    const c = chart();
    const r = make(c);
    r.addApp(new FakeApp(c, 'o', 'orders'));
    expect(r.appIds).toEqual(['orders']);
    expect(objectOf(c, kind).scopes).toEqual(['orders']);
    expect(() => r.addApp(new FakeApp(c, 'x', 'x', 'other'))).toThrow('[test/res] grant: "x" is invalid; allowed: an app in namespace "default"');
  });
});

describe('late mutations are validated once, at synth, on the final state', () => {
  test('a Resiliency target naming a policy added later', () => {
    const c = chart();
    const r = new Resiliency(c, 'r', { timeouts: { t: Duration.seconds(1) }, apps: [new FakeApp(c, 'o', 'orders')] });
    r.targetApp(new FakeApp(c, 'b', 'billing'), { retry: 'retry-billing' });
    expect(() => Testing.synth(c)).toThrow(
      '[test/r] targets.apps.billing.retry: "retry-billing" is invalid; allowed: the name of one of this Resiliency\'s retries (it has none)');
    r.addRetry('retry-billing', RetryPolicy.constant({ maxRetries: 3 }));
    expect(objectOf(c, 'Resiliency').spec.targets.apps.billing.retry).toBe('retry-billing');
  });

  test('a Subscription whose app is granted the pub/sub only after the subscription was made', () => {
    const c = chart();
    const pubsub = new PubSub(c, 'ps', { type: 'pubsub.redis', metadata: { redisHost: MetadataValue.fromString('redis:6379') } });
    const app = new FakeApp(c, 'o', 'orders');
    new Subscription(c, 's', { pubsub, topic: 't', defaultRoute: '/t', apps: [app] });
    expect(() => Testing.synth(c)).toThrow(
      '[test/s] pubsub: "ps" is invalid; allowed: a pub/sub component that app "orders" loads: also grant "ps" to it (pubsub.grant(app))');
    pubsub.grant(app);
    expect(objectOf(c, 'Subscription').scopes).toEqual(['orders']);
  });
});

describe('brand checks hold across copies of the library', () => {
  const checks: Array<[string, (x: any) => boolean, string]> = [
    ['DaprResource', DaprResource.isDaprResource, 'cdk8s-dapr.DaprResource'],
    ['ScopedDaprResource', ScopedDaprResource.isScopedDaprResource, 'cdk8s-dapr.ScopedDaprResource'],
    ['Component', Component.isComponent, 'cdk8s-dapr.Component'],
    ['Configuration', Configuration.isConfiguration, 'cdk8s-dapr.Configuration'],
    ['Resiliency', Resiliency.isResiliency, 'cdk8s-dapr.Resiliency'],
    ['Subscription', Subscription.isSubscription, 'cdk8s-dapr.Subscription'],
    ['HttpEndpoint', HttpEndpoint.isHttpEndpoint, 'cdk8s-dapr.HttpEndpoint'],
    ['McpServer', McpServer.isMcpServer, 'cdk8s-dapr.McpServer'],
    ['WorkflowAccessPolicy', WorkflowAccessPolicy.isWorkflowAccessPolicy, 'cdk8s-dapr.WorkflowAccessPolicy'],
  ];

  test.each(checks)('%s: an object with the brand is one, others are not', (_name, is, brand) => {
    // what another copy's instance looks like from here: not an instance of this copy's class
    expect(is({ [Symbol.for(brand)]: true })).toBe(true);
    for (const other of [{}, null, undefined, 'Component', 42, { [Symbol(brand)]: true }, { [brand]: true }]) {
      expect(is(other)).toBe(false);
    }
  });

  test('each class is branded as itself and its bases only', () => {
    const c = chart();
    const instances = KINDS.map((k) => k.make(c, k.kind.toLowerCase(), undefined, true));
    for (const r of instances) {
      expect(DaprResource.isDaprResource(r)).toBe(true);
      expect(ScopedDaprResource.isScopedDaprResource(r)).toBe(!Configuration.isConfiguration(r));
      const own = checks.slice(2).filter(([, is]) => is(r)).map(([name]) => name);
      expect(own).toHaveLength(1);
    }
    // a typed component is a Component
    expect(Component.isComponent((instances[3] as Subscription).pubsub)).toBe(true);
  });

  test('a scoped component of another copy counts by its brand: its grants are checked', () => {
    const c = chart();
    class OtherCopyPubSub extends Construct implements IDaprComponentRef {
      public readonly namespace = 'default';
      public readonly type = 'pubsub.redis';
      public readonly sharedByAllApps = false;
      public readonly appIds = ['audit'];
      constructor(scope: Construct, public readonly name: string) {
        super(scope, name);
        Object.defineProperty(this, Symbol.for('cdk8s-dapr.ScopedDaprResource'), { value: true });
      }
    }
    new Subscription(c, 's', { pubsub: new OtherCopyPubSub(c, 'events'), topic: 't', defaultRoute: '/t', apps: [new FakeApp(c, 'o', 'orders')] });
    expect(() => Testing.synth(c)).toThrow('[test/s] pubsub: "events" is invalid; allowed: a pub/sub component that app "orders" loads: also grant "events" to it');
  });
});

describe('IConfiguration: any implementation is accepted through its members', () => {
  class TeamConfiguration extends Construct implements IConfiguration {
    public readonly trustDomain = 'team.example';
    public readonly middleware: IDaprComponentRef[] = [];
    public readonly callers: string[] = [];
    constructor(scope: Construct, public readonly name: string, public readonly namespace = 'default') {
      super(scope, name);
    }
    public allowInvocationFrom(caller: IDaprApp, _options?: InvocationAccessOptions): void {
      this.callers.push(caller.appId);
    }
  }

  test('an app loads it, and access control goes through it', () => {
    const c = chart();
    const config = new TeamConfiguration(c, 'team-config');
    const app = new DaprApp(c, 'orders', { appId: 'orders', image: IMAGE, appPort: 8080, configuration: config });
    app.allowInvocationFrom(new FakeApp(c, 'b', 'billing'));
    expect(config.callers).toEqual(['billing']);
    const deployment = Testing.synth(c).find((o) => o.kind === 'Deployment');
    expect(deployment.spec.template.metadata.annotations['dapr.io/config']).toBe('team-config');
  });

  test('one of another namespace, or of another cdk8s app, still fails with the error format', () => {
    const c = chart();
    new DaprApp(c, 'orders', { appId: 'orders', image: IMAGE, appPort: 8080, configuration: new TeamConfiguration(c, 'team-config', 'other') });
    expect(() => Testing.synth(c)).toThrow(
      /configuration: "other\/team-config" is invalid; allowed: a Configuration in the app's namespace "default"/);
    const c2 = chart();
    new DaprApp(c2, 'orders', { appId: 'orders', image: IMAGE, appPort: 8080, configuration: new TeamConfiguration(chart(), 'team-config') });
    expect(() => Testing.synth(c2)).toThrow(/configuration: "default\/team-config" is invalid; allowed: a Configuration built in the same cdk8s app/);
  });
});

describe('metadata labels (property)', () => {
  const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
  const inner = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.'.split(''));
  // a qualified name part: 1 to 63 characters, alphanumeric at both ends
  const namePart = fc.tuple(alnum, fc.array(inner, { maxLength: 61 }), alnum, fc.boolean())
    .map(([a, mid, z, short]) => (short ? a : `${a}${mid.join('')}${z}`));
  const dnsLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
  const prefix = fc.array(dnsLabel, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('.'));
  const validKey = fc.tuple(fc.option(prefix, { nil: undefined }), namePart).map(([p, n]) => (p ? `${p}/${n}` : n));
  const validValue = fc.oneof(fc.constant(''), namePart);

  test('valid label keys and values are accepted and emitted', () => {
    fc.assert(fc.property(fc.dictionary(validKey, validValue, { maxKeys: 4 }), (labels) => {
      const c = chart();
      new Configuration(c, 'cfg', { metadata: { labels } });
      expect(objectOf(c, 'Configuration').metadata.labels ?? {}).toEqual(labels);
    }), { numRuns: 60 });
  });

  test('invalid label keys are refused with the error format', () => {
    const badKey = fc.oneof(
      fc.tuple(namePart, fc.constantFrom(' ', '!', '@', '#', '$', '%', '*', ':', ',')).map(([n, bad]) => `${n}${bad}`),
      fc.tuple(alnum, fc.array(inner, { minLength: 62, maxLength: 80 }), alnum).map(([a, m, z]) => `${a}${m.join('')}${z}`),
      fc.constantFrom('', '-lead', 'trail-', 'a/b/c', '/name', 'UPPER.example/name'),
    );
    fc.assert(fc.property(badKey, (key) => {
      expect(() => new Configuration(chart(), 'cfg', { metadata: { labels: { [key]: 'v' } } })).toThrow(
        `[test/cfg] metadata.labels key: ${JSON.stringify(key)} is invalid; allowed: a label key: optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_", ".", starting and ending alphanumeric`);
    }), { numRuns: 60 });
  });

  test('invalid label values are refused with the error format', () => {
    const badValue = fc.oneof(
      fc.tuple(namePart, fc.constantFrom(' ', '/', '!', ':', '=')).map(([n, bad]) => `${bad}${n}`),
      fc.tuple(alnum, fc.array(inner, { minLength: 62, maxLength: 80 }), alnum).map(([a, m, z]) => `${a}${m.join('')}${z}`),
    );
    fc.assert(fc.property(badValue, (value) => {
      expect(() => new Configuration(chart(), 'cfg', { metadata: { labels: { tier: value } } })).toThrow(
        `[test/cfg] metadata.labels.tier: ${JSON.stringify(value)} is invalid; allowed: a label value: at most 63 letters, digits, "-", "_", ".", starting and ending alphanumeric`);
    }), { numRuns: 60 });
  });
});

describe('Component metadata', () => {
  test('the annotation of an injected container is the component\'s own: setting it too fails', () => {
    const c = chart();
    const injectedContainer = { image: 'ghcr.io/acme/store:1.0.0' };
    const store = new Component(c, 'store', { type: 'state.my-store', injectedContainer, objectMetadata: { annotations: { team: 'a' } }, sharedByAllApps: true });
    expect(Object.keys(objectOf(c, 'Component').metadata.annotations).sort()).toEqual(['dapr.io/component-container', 'team']);
    expect(store.apiObject.metadata.getLabel('x')).toBeUndefined();
    expect(() => new Component(chart(), 'store', {
      type: 'state.my-store', injectedContainer, objectMetadata: { annotations: { 'dapr.io/component-container': '{}' } },
    })).toThrow('[test/store] objectMetadata.annotations: "dapr.io/component-container" is invalid; allowed: an annotation the component does not write itself');
  });
});
