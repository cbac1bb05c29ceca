import { App, Chart, Duration, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import {
  Binding, Component, Configuration, DaprApp, DaprControlPlane, DaprCrds, DaprLocalRun, DaprTopology, HttpEndpoint, HttpVerb, LogLevel,
  McpServer, McpTransport, MetadataValue, PubSub, Resiliency, RetryPolicy, SecretStore, SidecarResources, StateStore, Subscription,
  TracingProtocol, WorkflowAccessPolicy, WorkflowOperation,
} from '../../src';

/*
 * Issue 13, class 10: plain JavaScript misuse. A caller without the TypeScript compiler can pass
 * anything: undefined where a value is required, a number where a string belongs, null in an
 * array, an object where a MetadataValue belongs. Every public construct must then either accept
 * the value or throw the library's own error (`[path] prop: value is invalid; allowed: ...`),
 * never a TypeError or RangeError from inside the library.
 *
 * Each case takes a well-formed set of props of one construct, replaces ONE value somewhere in it
 * (a top-level prop, or a field of a nested object, map or array) with a wrong-typed value, builds
 * the construct and synthesizes the chart. Seeded: a failure prints its counterexample, shrunk.
 */

const SEED = 1310;
const RUNS = process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : 1500;
const TIMEOUT = 120_000;

/** One error as the library formats it: `[path] prop: value is invalid; allowed: <rule>`. */
const LIBRARY_ERROR = /^\[[^\]]*\] [^[\s].*?: .* is invalid; allowed: \S/s;
const CDK8S_VALIDATION_HEADER = 'Validation failed with the following errors:\n';

function isLibraryError(e: unknown): boolean {
  if (!(e instanceof Error) || e.constructor !== Error) return false;
  if (e.message.startsWith(CDK8S_VALIDATION_HEADER)) {
    const errors = e.message.slice(CDK8S_VALIDATION_HEADER.length).split(/\n {2}(?=\[)/).map((s) => s.replace(/^ {2}/, ''));
    return errors.length > 0 && errors.every((m) => LIBRARY_ERROR.test(m));
  }
  return LIBRARY_ERROR.test(e.message);
}

/** The wrong-typed values a JavaScript caller passes by mistake. */
const HOSTILE: readonly unknown[] = [
  undefined, null, 0, -1, 1.5, NaN, Infinity, '', ' ', 'x', '../../x', true, false, [], [null], [undefined], [1], {}, { a: undefined },
  { value: 5 }, { toString: 'x' },
];

/** A hostile value for a failure message (String() itself throws on some of them). */
function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

interface Subject {
  readonly name: string;
  /** Well-formed props; must synthesize as they are. */
  readonly props: (chart: Chart) => any;
  readonly build: (chart: Chart, props: any) => void;
}

const image = 'ghcr.io/acme/app:1.0.0';
const peerApp = (chart: Chart) => DaprApp.fromAppId(chart, 'peer', 'peer', chart.namespace ?? 'default');

const SUBJECTS: Subject[] = [
  {
    name: 'DaprApp',
    props: () => ({
      appId: 'web',
      appPort: 8080,
      image,
      replicas: 2,
      logging: { level: LogLevel.INFO, json: true },
      appHealthCheck: { path: '/healthz' },
      sidecarResources: SidecarResources.production(),
      goMemLimit: true,
      sidecarEnv: { A: 'b' },
      terminationGracePeriod: Duration.seconds(30),
      metadata: { labels: { team: 'a' }, annotations: { 'example.com/note': 'n' } },
      sidecarEnvFromSecret: { DB_HOST: { secretName: 'db', key: 'host' } },
      ports: { grpcPort: 50001 },
      metrics: { enabled: true, port: 9090 },
      sidecarLivenessProbe: { delaySeconds: 3, periodSeconds: 6 },
      shutdown: { gracefulShutdownSeconds: 5 },
      http: { maxBodySize: '4Mi' },
      networking: { listenAddresses: ['0.0.0.0'] },
      security: { sentryJwtAudiences: ['a'] },
      actors: { placementHostAddresses: ['placement:50005'] },
      container: { envVariables: {} },
    }),
    build: (chart, props) => new DaprApp(chart, 'app', props),
  },
  {
    name: 'StateStore.redis',
    props: () => ({ redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password'), redisDB: 1, enableTLS: true, sharedByAllApps: true, initTimeout: Duration.seconds(5) }),
    build: (chart, props) => StateStore.redis(chart, 'state', props),
  },
  {
    name: 'PubSub.kafka',
    props: () => ({ brokers: 'kafka:9092', authType: 'password', saslUsername: 'u', saslPassword: MetadataValue.fromSecret('kafka', 'password'), consumerGroup: 'g', sharedByAllApps: true }),
    build: (chart, props) => PubSub.kafka(chart, 'pubsub', props),
  },
  {
    name: 'SecretStore.vault',
    props: () => ({ vaultAddr: 'https://vault:8200', vaultToken: MetadataValue.fromSecret('vault', 'token'), sharedByAllApps: true }),
    build: (chart, props) => SecretStore.vault(chart, 'vault', props),
  },
  {
    name: 'Component',
    props: () => ({ type: 'bindings.http', version: 'v1', metadata: { url: MetadataValue.fromString('https://x'), maxResponseBodySize: MetadataValue.fromString('1Mi') }, sharedByAllApps: true }),
    build: (chart, props) => new Binding(chart, 'binding', props),
  },
  {
    name: 'Component (raw)',
    props: () => ({ type: 'state.redis', metadata: { redisHost: MetadataValue.fromString('redis:6379') }, allowPlaintextSecrets: [], sharedByAllApps: true }),
    build: (chart, props) => new Component(chart, 'raw', props),
  },
  {
    name: 'Configuration',
    props: () => ({
      tracing: { samplingRate: 0.5, otel: { endpointAddress: 'otel:4317', protocol: TracingProtocol.GRPC } },
      metrics: { enabled: true, rules: [{ name: 'dapr_runtime', labels: [{ name: 'method', regex: { orders: '/orders/.+' } }] }] },
    }),
    build: (chart, props) => new Configuration(chart, 'config', props),
  },
  {
    name: 'Resiliency',
    props: (chart) => ({
      timeouts: { fast: Duration.seconds(2) },
      retries: { again: RetryPolicy.exponential({ maxRetries: 3, maxInterval: Duration.seconds(10) }) },
      circuitBreakers: { cb: { trip: 'consecutiveFailures >= 5', interval: Duration.seconds(30), timeout: Duration.seconds(60), maxRequests: 1 } },
      apps: [peerApp(chart)],
    }),
    build: (chart, props) => new Resiliency(chart, 'resiliency', props),
  },
  {
    name: 'Subscription',
    props: (chart) => ({
      pubsub: PubSub.redis(chart, 'events', { redisHost: 'redis:6379', sharedByAllApps: true }),
      topic: 'orders',
      defaultRoute: '/orders',
      rules: [{ match: 'event.type == "x"', path: '/x' }],
      metadata: { rawPayload: 'true' },
      deadLetterTopic: 'dead',
      bulkSubscribe: { maxMessagesCount: 10, maxAwaitDuration: Duration.seconds(1) },
      apps: [peerApp(chart)],
    }),
    build: (chart, props) => new Subscription(chart, 'sub', props),
  },
  {
    name: 'HttpEndpoint',
    props: (chart) => ({ baseUrl: 'https://api.example.com', headers: { Accept: MetadataValue.fromString('json'), token: MetadataValue.fromSecret('gh', 'token') }, apps: [peerApp(chart)], allowPlaintextSecrets: [] }),
    build: (chart, props) => new HttpEndpoint(chart, 'endpoint', props),
  },
  {
    name: 'McpServer',
    props: (chart) => ({
      transport: McpTransport.streamableHttp({ url: 'https://mcp.example.com/mcp', headers: { 'X-Tenant': MetadataValue.fromString('acme') }, timeout: Duration.seconds(30) }),
      apps: [peerApp(chart)],
    }),
    build: (chart, props) => new McpServer(chart, 'mcp', props),
  },
  {
    name: 'McpTransport.stdio',
    props: (chart) => ({ command: 'npx', args: ['-y', 'files-mcp'], env: { TOKEN: MetadataValue.fromSecret('files', 'token') }, apps: [peerApp(chart)] }),
    build: (chart, props) => {
      const { apps, ...stdio } = props ?? {};
      new McpServer(chart, 'mcp', { transport: McpTransport.stdio(stdio), apps });
    },
  },
  {
    name: 'WorkflowAccessPolicy',
    props: (chart) => ({
      apps: [peerApp(chart)],
      rules: [{ callers: [DaprApp.fromAppId(chart, 'caller', 'caller', chart.namespace ?? 'default')], workflows: [{ name: 'order', operations: [WorkflowOperation.SCHEDULE] }], activities: [{ name: 'charge' }] }],
    }),
    build: (chart, props) => new WorkflowAccessPolicy(chart, 'policy', props),
  },
  {
    name: 'DaprControlPlane',
    props: () => ({
      ha: true,
      logLevel: LogLevel.INFO,
      imagePullSecrets: ['regcred'],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      labels: { team: 'platform' },
      podAnnotations: { 'example.com/note': 'n' },
      haReplicas: 3,
      metricsPort: 9090,
      mtls: { workloadCertTtl: Duration.hours(24), allowedClockSkew: Duration.minutes(15) },
    }),
    build: (chart, props) => new DaprControlPlane(chart, 'dapr', props),
  },
  {
    name: 'DaprCrds',
    props: () => ({ controlPlaneNamespace: 'dapr-system' }),
    build: (chart, props) => new DaprCrds(chart, 'crds', props),
  },
  {
    name: 'MetadataValue factories',
    props: () => ({ fromString: 'v', fromNumber: 3, fromBoolean: true, fromDuration: Duration.seconds(3), fromSecret: ['redis', 'password'], fromEnv: 'REDIS_HOST' }),
    build: (chart, props) => {
      const p = props ?? {};
      const metadata: any = {
        redisHost: MetadataValue.fromString(p.fromString),
        redisDB: MetadataValue.fromNumber(p.fromNumber),
        enableTLS: MetadataValue.fromBoolean(p.fromBoolean),
        idleTimeout: MetadataValue.fromDuration(p.fromDuration),
        redisPassword: MetadataValue.fromSecret(...((Array.isArray(p.fromSecret) ? p.fromSecret : [p.fromSecret]) as [string, string])),
        redisUsername: MetadataValue.fromEnv(p.fromEnv),
      };
      new Component(chart, 'm', { type: 'state.redis', metadata, sharedByAllApps: true });
    },
  },
  {
    name: 'references (fromName, fromAppId, allowInvocationFrom)',
    props: () => ({ store: 'vault', appId: 'peer', namespace: 'default', operations: ['/orders'], verbs: [HttpVerb.GET] }),
    build: (chart, props) => {
      const p = props ?? {};
      SecretStore.fromName(chart, 'store', p.store, p.namespace);
      const peer = DaprApp.fromAppId(chart, 'peer', p.appId, p.namespace);
      const web = new DaprApp(chart, 'web', { appId: 'web', image, metadata: { namespace: p.namespace } } as any);
      web.allowInvocationFrom(peer, { operations: p.operations, verbs: p.verbs });
    },
  },
  {
    name: 'DaprLocalRun and DaprTopology',
    props: () => ({ apps: { web: { appDirPath: 'web', command: ['node', 'main.js'], env: { A: 'b' } } }, secretsDir: 'secrets', title: 'T' }),
    build: (chart, props) => {
      new DaprApp(chart, 'web', { appId: 'web', image });
      const p = props ?? {};
      new DaprLocalRun(chart, 'local', { apps: p.apps, secretsDir: p.secretsDir }).files('out');
      new DaprTopology(chart, 'topology', { title: p.title }).toMarkdown();
    },
  },
];

/** Every place in `props` a value can be replaced: [] is the props object itself. */
function paths(value: unknown, depth = 0, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (depth >= 3 || value === null || typeof value !== 'object') return out;
  // only plain objects and arrays: class instances (MetadataValue, Duration, constructs) are values
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return out;
  for (const key of Object.keys(value)) {
    const k = Array.isArray(value) ? Number(key) : key;
    out.push(...paths((value as any)[key], depth + 1, [...at, k]));
  }
  return out;
}

/**
 * Paths left out: a missing or misspelled `appId` of DaprApp is another change's work (the
 * Deployment then has no name; DaprValidation reports it).
 */
const SKIPPED = new Set(['DaprApp appId']);

function replaceAt(root: any, at: (string | number)[], replacement: unknown): any {
  if (at.length === 0) return replacement;
  const [head, ...rest] = at;
  const copy: any = Array.isArray(root) ? [...root] : { ...root };
  copy[head] = replaceAt(root[head], rest, replacement);
  return copy;
}

function run(subject: Subject, mutate: (props: any) => any): void {
  const app = new App();
  const chart = new Chart(app, 'fuzz', { namespace: 'shop' });
  subject.build(chart, mutate(subject.props(chart)));
  Testing.synth(chart);
}

describe('plain JavaScript misuse (fuzz)', () => {
  test.each(SUBJECTS.map((s) => [s.name, s] as const))('%s: the well-formed props synthesize', (_name, subject) => {
    expect(() => run(subject, (p) => p)).not.toThrow();
  });

  test('one wrong-typed value anywhere: accepted, or the library\'s own error', () => {
    const outcomes = { accepted: 0, refused: 0 };
    const caseArb = fc.integer({ min: 0, max: SUBJECTS.length - 1 }).chain((i) => {
      const subject = SUBJECTS[i];
      const all = paths(subject.props(new Chart(new App(), 'probe', { namespace: 'shop' })))
        .filter((at) => !SKIPPED.has(`${subject.name} ${at.join('.')}`));
      return fc.record({
        subject: fc.constant(subject),
        at: fc.constantFrom(...all),
        value: fc.constantFrom(...HOSTILE),
      });
    });
    fc.assert(fc.property(caseArb, ({ subject, at, value }) => {
      try {
        run(subject, (p) => replaceAt(p, at, value));
        outcomes.accepted++;
      } catch (e) {
        if (!isLibraryError(e)) {
          throw new Error(`${subject.name} with ${at.join('.') || '(props)'} = ${describeValue(value)}: not the library's error:\n`
            + `${(e as Error)?.constructor?.name}: ${(e as Error)?.message}\n${String((e as Error)?.stack).split('\n').slice(1, 5).join('\n')}`);
        }
        outcomes.refused++;
      }
    }), { seed: SEED, numRuns: RUNS });
    expect(outcomes.refused).toBeGreaterThan(0);
  }, TIMEOUT);
});
