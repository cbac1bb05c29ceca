import { App, Chart, Duration, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import {
  AppProtocol, Binding, Component, Configuration, ControlPlaneResources, ControlPlaneStorage, ControlPlaneToleration, DaprApp,
  DaprControlPlane, DaprControlPlaneProps, DisruptionBudget, IDaprApp, ImagePullPolicy, InitEndpoint, ISecretStore,
  JwksSource, LogLevel, MetadataValue, PodAntiAffinityPolicy, PubSub, SeccompProfile, SecretStore, SidecarResources, StateStore,
  TokenValidator, WebhookFailurePolicy,
} from '../../src';
import { ManifestValidator, PolicyViolation } from '../../src/validation';
import { checkWorkloadPolicy } from '../../src/validation/policy';
import { unknownValue } from '../unknown-value';

/*
 * Property-based fuzzing of the main prop surfaces: DaprApp, the components, DaprControlPlane,
 * and pluggable components the injector adds with Sentry's token validators. Every generated case must either
 *  (a) be refused with the library's own validation error ("[path] prop: value is invalid; allowed: ..."),
 *  or (b) synthesize manifests that survive a YAML round trip, match their schemas
 *      (`ManifestValidator`), hold names, namespaces and labels the API server takes, and (for
 *      workloads) meet the workload policy.
 * A crash of any other kind, or output that is broken, is a bug. The generated cases print as
 * fast-check counterexamples, shrunk, when the property fails.
 *
 * Each case is either "clean" (drawn only from well-formed values that fit together) or "dirty"
 * (mostly well-formed, with malformed values mixed in). Clean cases must synthesize: that catches
 * the library refusing good input, which (a)/(b) alone would let through.
 *
 * Deterministic: a fixed seed, overridable with FUZZ_SEED; FUZZ_RUNS overrides the case count of
 * every property.
 */

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 42;
const runs = (n: number) => (process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : n);
const TIMEOUT = 120_000;

// ---------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------

/** One error as the library formats it: `[path] prop: value is invalid; allowed: <rule>`. */
const LIBRARY_ERROR = /^\[[^\]]*\] [^[\s].*?: .* is invalid; allowed: \S/s;
const CDK8S_VALIDATION_HEADER = 'Validation failed with the following errors:\n';

/**
 * True when `e` is the library's validation error: thrown directly by a construct, or collected
 * by cdk8s from `addValidation()` checks at synth (then every listed error must be one).
 */
function isLibraryValidationError(e: unknown): e is Error {
  if (!(e instanceof Error) || e.constructor !== Error) {
    return false;
  }
  if (e.message.startsWith(CDK8S_VALIDATION_HEADER)) {
    const errors = e.message.slice(CDK8S_VALIDATION_HEADER.length).split(/\n {2}(?=\[)/).map((s) => s.replace(/^ {2}/, ''));
    return errors.length > 0 && errors.every((m) => LIBRARY_ERROR.test(m));
  }
  return LIBRARY_ERROR.test(e.message);
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    return `${e.constructor.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  }
  return `a thrown non-Error: ${String(e)}`;
}

interface Tally {
  synthesized: number;
  rejected: number;
}

interface FuzzCase {
  /** Only well-formed, compatible values: must synthesize. */
  readonly clean: boolean;
  /** The chart's namespace. */
  readonly namespace?: string;
}

/** The YAML cdk8s writes must read back (as YAML 1.1, like cdk8s and kubectl) to the same objects. */
function assertYamlRoundTrip(objects: any[]): void {
  const text = Yaml.stringify(...objects);
  const docs = parseAllDocuments(text, { version: '1.1' });
  const errors = docs.flatMap((d) => d.errors.map((err) => err.message));
  if (errors.length > 0) {
    throw new Error(`synthesized YAML does not parse: ${errors.join('; ')}\n${text}`);
  }
  expect(docs.map((d) => d.toJS())).toStrictEqual(objects);
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/**
 * What the API server checks beyond the schema, for the fields users feed: object names and
 * namespaces, label keys and values, annotation keys. Returns one line per problem.
 */
function apiServerProblems(objects: any[]): string[] {
  const out: string[] = [];
  const metadata = (where: string, m: any) => {
    for (const [k, v] of Object.entries(m?.labels ?? {})) {
      if (!LABEL_KEY.test(k) || !LABEL_VALUE.test(String(v))) out.push(`${where} label ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    }
    for (const k of Object.keys(m?.annotations ?? {})) {
      if (!LABEL_KEY.test(k)) out.push(`${where} annotation key ${JSON.stringify(k)}`);
    }
  };
  for (const o of objects) {
    const where = `${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    const name = String(o.metadata?.name);
    const nameOk = ['Service', 'Namespace'].includes(o.kind) ? (o.kind === 'Service' ? DNS_1035_LABEL : DNS_LABEL).test(name) : DNS_SUBDOMAIN.test(name);
    if (!nameOk) out.push(`${where} name`);
    if (o.metadata?.namespace !== undefined && !DNS_LABEL.test(o.metadata.namespace)) out.push(`${where} namespace`);
    metadata(where, o.metadata);
    metadata(`${where} pod template`, o.spec?.template?.metadata);
  }
  return out;
}

interface CheckOptions {
  /** Check the workload policy. */
  readonly policy: boolean;
  /** Policy violations the case asked for explicitly, through a documented opt-out prop. */
  readonly optedOut?: (v: PolicyViolation) => boolean;
}

/** Builds one case in a fresh app and chart and checks the property; counts the outcome. */
function checkCase(tally: Tally, c: FuzzCase, build: (chart: Chart) => void, options: CheckOptions): void {
  const app = new App();
  const chart = new Chart(app, 'fuzz', { namespace: c.namespace });
  let objects: any[];
  try {
    build(chart);
    objects = Testing.synth(chart);
  } catch (e) {
    if (!isLibraryValidationError(e)) {
      throw new Error(`not a library validation error ("[path] prop: value is invalid; allowed: ..."):\n${describeError(e)}`);
    }
    if (c.clean) {
      throw new Error(`a well-formed case was refused:\n${e.message}`);
    }
    tally.rejected++;
    return;
  }
  assertYamlRoundTrip(objects);
  const problems = new ManifestValidator().validate(objects, 'fuzz');
  if (problems.length > 0) {
    throw new Error(`synthesized manifests break their schemas:\n${problems.map((p) => `${p.object} ${p.path}: ${p.message}`).join('\n')}`);
  }
  const invalid = apiServerProblems(objects);
  if (invalid.length > 0) {
    throw new Error(`synthesized manifests hold values the API server refuses:\n${invalid.join('\n')}`);
  }
  if (options.policy) {
    const violations = checkWorkloadPolicy(objects).filter((v) => !options.optedOut?.(v));
    if (violations.length > 0) {
      throw new Error(`synthesized workloads break the policy:\n${violations.map((v) => `${v.rule} ${v.object} ${v.path}: ${v.message}`).join('\n')}`);
    }
  }
  tally.synthesized++;
}

/** Runs a property and checks that both outcomes were reached. */
function fuzz<T extends FuzzCase>(name: string, numRuns: number, arb: fc.Arbitrary<T>, run: (tally: Tally, c: T) => void): void {
  const tally: Tally = { synthesized: 0, rejected: 0 };
  const started = Date.now();
  fc.assert(fc.property(arb, (c) => run(tally, c)), { seed: SEED, numRuns });
  // eslint-disable-next-line no-console
  console.log(`fuzz ${name}: ${numRuns} cases, ${tally.synthesized} synthesized, ${tally.rejected} rejected (seed ${SEED}, ${Date.now() - started} ms)`);
  expect(tally.synthesized + tally.rejected).toBe(numRuns);
  expect(tally.synthesized).toBeGreaterThan(0);
  expect(tally.rejected).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------------
// Generator helpers
// ---------------------------------------------------------------------------------------------

/**
 * Clean: only `good`. Dirty: mostly `good`, now and then `bad`; rare enough that a dirty case
 * often has a single bad value, which must then be caught on its own.
 */
function pick<T, U>(clean: boolean, good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>): fc.Arbitrary<T | U> {
  return clean ? good : fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: bad });
}

/** A value from `good`, or from `bad` in dirty cases. */
function from<T, U>(clean: boolean, good: readonly T[], bad: readonly U[]): fc.Arbitrary<T | U> {
  return pick(clean, fc.constantFrom(...good), fc.constantFrom(...bad));
}

/** Absent half of the time. */
function maybe<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq: 2 });
}

/** A plain object map (normal prototype, as users write them) from unique keys. */
function mapOf<V>(keys: fc.Arbitrary<string>, values: fc.Arbitrary<V>, minKeys = 1, maxKeys = 3): fc.Arbitrary<{ [k: string]: V }> {
  return fc.uniqueArray(fc.tuple(keys, values), { minLength: minKeys, maxLength: maxKeys, selector: ([k]) => k })
    .map((entries) => Object.fromEntries(entries));
}

/** Drops undefined fields, so generated props look like what users write. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** App ids: RFC 1035 labels short enough for the "-dapr" Service suffix. */
const appIds = fc.oneof(fc.stringMatching(/^[a-z]([-a-z0-9]{0,14}[a-z0-9])?$/), fc.constant('a'.repeat(58)));
const BAD_LABELS = ['', 'Task_API', 'a'.repeat(59), 'a'.repeat(64), '0leading-digit', '-leading', 'trailing-', 'has.dot', 'has space', 'ünïcode', 'UPPER', 'a\nb'];
const GOOD_NAMESPACES = ['apps', 'default', 'team-a'];
const BAD_NUMBERS = [NaN, Infinity, -Infinity];

const DIGEST = 'sha256:' + 'a'.repeat(64);
const GOOD_IMAGES = ['ghcr.io/acme/app:1.0.0', 'nginx:1.25.3', 'localhost:5000/team/app:v2', `registry.example.com/a/b@${DIGEST}`, `app:1@${DIGEST}`];
const BAD_IMAGES = ['ghcr.io/acme/app:latest', 'ghcr.io/acme/app', 'nginx', 'Ghcr.io/Acme/App:1', '', 'app:tag with space', 'https://ghcr.io/acme/app:1', 'app@sha256:abc'];

const GOOD_DURATIONS = ['5s', '1m30s', '500ms', '2h', '0', '1.5h', '+5s', '10µs', '1h0m0s'];
const BAD_DURATIONS = ['5 minutes', '10', '', 's', '1d', '-1s', '5S', ' 5s'];

// ---------------------------------------------------------------------------------------------
// 1. DaprApp
// ---------------------------------------------------------------------------------------------

/** Ports daprd binds by default (HTTP, health, gRPC, internal gRPC, metrics, debug, profiling). */
const SIDECAR_PORTS = [3500, 3501, 50001, 50002, 9090, 40000, 7777];
const ODD_PORTS = [0, -1, 65536, 70000, 80.5, ...BAD_NUMBERS, ...SIDECAR_PORTS, 8080, 1, 65535];
/** App ports that collide with nothing the clean cases configure (their own sidecar ports are moved above 50010). */
const cleanAppPort = fc.oneof(fc.constantFrom(1, 80, 443, 8080, 65535),
  fc.integer({ min: 1024, max: 29999 }).filter((p) => ![...SIDECAR_PORTS, 9091, 9191].includes(p)));

const GOOD_CPU_REQUESTS = ['100m', '0.1', '250m', '1m', '.2'];
const GOOD_CPU_LIMITS = ['1', '500m', '2', '1.5', '1e3'];
const GOOD_MEMORY_REQUESTS = ['128Mi', '250Mi', '64M', '100000000'];
const GOOD_MEMORY_LIMITS = ['512Mi', '1Gi', '1000Mi', '2G', '1e9'];
const BAD_QUANTITIES = ['100 millicores', '', '-1', 'abc', '1.2.3', '0x10', '1GB', 'Mi', '-1Gi'];
/** Fractional bytes: fine for CPU, not for memory. */
const FRACTIONAL_BYTES = ['100m', '0.5', '1.5'];

/** `DEBUG_TOKEN` looks like a credential: plaintext only when listed in allowPlaintextSecretEnv. */
const ENV_NAMES = ['LOG_LEVEL', 'MY_VAR', '_X', 'a1', 'constructor', 'toString', 'DEBUG_TOKEN'];
const SECRET_ENV_NAMES = ['DB_PASSWORD', 'API_KEY', 'hasOwnProperty'];
const BAD_ENV_NAMES = ['MY-VAR', '1ABC', '', 'a b', 'ä', 'GOMEMLIMIT', 'DB_PASSWORD'];
const ENV_VALUES = ['x', 'info', 'a b', '', '1,2', 'a=b', 'ünï', 'path/to', 'multi\nline'];
const BAD_ENV_VALUES = ['a,B=c', 'x, Y=1'];

const HOSTS = ['127.0.0.1', 'localhost', 'my-app.ns.svc', '[::1]'];
const BAD_HOSTS = ['http://x', 'host:80', '', 'a b'];
const HOST_PORTS = ['dapr-placement-server.dapr-system.svc.cluster.local:50005', '10.0.0.1:50006'];
const BAD_HOST_PORTS = ['noport', 'a b:1', 'x:123456', ''];

interface AppCase extends FuzzCase {
  readonly props: { [key: string]: unknown };
  /** emptyDir volumes added to the pod, by name. */
  readonly volumes: string[];
  /** Containers added with `addPluggableComponent`. */
  readonly pluggable: { name: string; image: string; readiness: boolean }[];
}

function appCase(clean: boolean): fc.Arbitrary<AppCase> {
  const port = pick(clean, cleanAppPort, fc.constantFrom(...ODD_PORTS));
  const positive = (max: number) => pick(clean, fc.integer({ min: 1, max }), fc.constantFrom(0, -1, 1.5, ...BAD_NUMBERS));
  const duration = from(clean, GOOD_DURATIONS, BAD_DURATIONS);
  const quantity = (good: string[], bad: string[]) => from(clean, good, bad);
  const probe = maybe(fc.record({
    delaySeconds: maybe(pick(clean, fc.integer({ min: 0, max: 300 }), fc.constantFrom(-1, 1.5))),
    timeoutSeconds: maybe(positive(60)),
    periodSeconds: maybe(positive(60)),
    threshold: maybe(positive(10)),
  }).map(compact));
  const volumes = fc.uniqueArray(fc.constantFrom<string>('certs', 'scratch', 'config'), { maxLength: 2 });
  const record = fc.record({
    namespace: maybe(from(clean, GOOD_NAMESPACES, ['Bad_NS', 'a'.repeat(64)])),
    volumes,
    appId: pick(clean, appIds, fc.oneof(fc.constantFrom(...BAD_LABELS), fc.string({ maxLength: 8 }))),
    image: from(clean, GOOD_IMAGES, BAD_IMAGES),
    appPort: maybe(port),
    appProtocol: maybe(pick(clean, fc.constantFrom(...AppProtocol.ALL), fc.constantFrom('tcp', 'HTTP', '').map((v) => unknownValue(AppProtocol, v)))),
    appSsl: maybe(fc.boolean()),
    appChannelAddress: maybe(from(clean, HOSTS, BAD_HOSTS)),
    appMaxConcurrency: maybe(positive(1000)),
    appBindingOptionsTimeout: maybe(duration),
    configName: maybe(from(clean, ['appconfig', 'tracing.v1'], ['Bad Config', '', 'a_b'])),
    sidecarImage: maybe(from(clean, GOOD_IMAGES, BAD_IMAGES)),
    sidecarResources: maybe(fc.oneof(
      fc.constant(SidecarResources.production()),
      fc.record({
        cpuRequest: maybe(quantity(GOOD_CPU_REQUESTS, BAD_QUANTITIES.concat(GOOD_CPU_LIMITS))),
        cpuLimit: maybe(quantity(GOOD_CPU_LIMITS, BAD_QUANTITIES.concat(['1m']))),
        memoryRequest: maybe(quantity(GOOD_MEMORY_REQUESTS, BAD_QUANTITIES.concat(FRACTIONAL_BYTES, ['2Gi']))),
        memoryLimit: maybe(quantity(GOOD_MEMORY_LIMITS, BAD_QUANTITIES.concat(FRACTIONAL_BYTES, ['1Mi']))),
      }).map((r) => SidecarResources.of(compact(r))),
    )),
    goMemLimit: maybe(fc.boolean()),
    sidecarEnv: maybe(pick(clean,
      mapOf(fc.constantFrom(...ENV_NAMES), fc.constantFrom(...ENV_VALUES)),
      mapOf(fc.constantFrom(...ENV_NAMES, ...BAD_ENV_NAMES), fc.constantFrom(...ENV_VALUES, ...BAD_ENV_VALUES), 0))),
    allowPlaintextSecretEnv: pick(clean, fc.constant(undefined), fc.subarray(['DEBUG_TOKEN', 'DB_PASSWORD', 'NOT_SET'], { minLength: 1 })),
    sidecarEnvFromSecret: maybe(pick(clean,
      mapOf(fc.constantFrom(...SECRET_ENV_NAMES), fc.record({
        secretName: from(clean, ['db-secret', 'a.b'], ['Bad Secret', '']),
        key: maybe(from(clean, ['password', 'tls.crt', 'KEY_1'], ['a/b', '', 'a b'])),
      }).map(compact)),
      mapOf(fc.constantFrom(...ENV_NAMES, ...BAD_ENV_NAMES), fc.constant({ secretName: 'db-secret' }), 0))),
    ports: maybe(fc.record({
      grpcPort: maybe(pick(clean, fc.constantFrom(50011, 50021), fc.constantFrom(...ODD_PORTS))),
      internalGrpcPort: maybe(pick(clean, fc.constantFrom(50012, 50022), fc.constantFrom(...ODD_PORTS))),
    }).map(compact)),
    logging: maybe(fc.record({
      level: maybe(pick(clean, fc.constantFrom(...LogLevel.ALL), fc.constantFrom('trace', 'INFO', '', 'fatal').map((v) => unknownValue(LogLevel, v)))),
      json: maybe(fc.boolean()),
      apiLogging: maybe(fc.boolean()),
    }).map(compact)),
    metrics: maybe(fc.record({
      enabled: maybe(fc.boolean()),
      port: maybe(pick(clean, fc.constantFrom(9091, 9191), fc.constantFrom(...ODD_PORTS))),
    }).map(compact)),
    debug: maybe(fc.record({
      enabled: maybe(fc.boolean()),
      port: maybe(pick(clean, fc.constantFrom(40001), fc.constantFrom(...ODD_PORTS))),
      profiling: maybe(fc.boolean()),
    }).map(compact)),
    sidecarLivenessProbe: probe,
    sidecarReadinessProbe: probe,
    appHealthCheck: maybe(fc.record({
      path: maybe(from(clean, ['/healthz', '/v1/health', '/'], ['healthz', '/a b', '/x?y=1', ''])),
      probeIntervalSeconds: maybe(pick(clean, fc.integer({ min: 1, max: 10 }), fc.constantFrom(0, -1, 0.5))),
      probeTimeoutMillis: maybe(pick(clean, fc.integer({ min: 100, max: 999 }), fc.constantFrom(0, 5000, 10000))),
      threshold: maybe(positive(5)),
    }).map(compact)),
    shutdown: maybe(fc.record({
      gracefulShutdownSeconds: maybe(pick(clean, fc.integer({ min: 0, max: 20 }), fc.constantFrom(-1, 1.5, 30, 45, NaN))),
      blockShutdownDuration: maybe(duration),
    }).map(compact)),
    terminationGracePeriod: maybe(pick(clean, fc.constantFrom(30, 60), fc.constantFrom(1, 10)).map((s) => Duration.seconds(s))),
    http: maybe(fc.record({
      maxBodySize: maybe(from(clean, ['4Mi', '16Mi', '1024', '1Gi'], ['4MB', '1.5', '-4Mi', '100m', ''])),
      readBufferSize: maybe(from(clean, ['4Ki', '64Ki', '8192'], ['4KB', '0.5', 'x'])),
      maxRequestSizeMb: maybe(positive(64)),
      readBufferSizeKb: maybe(positive(64)),
    }).map(compact)),
    networking: maybe(fc.record({
      listenAddresses: maybe(pick(clean,
        fc.uniqueArray(fc.constantFrom('[::1]', '127.0.0.1', '0.0.0.0'), { minLength: 1, maxLength: 2 }),
        fc.constantFrom([], ['http://x'], ['a b'], ['127.0.0.1', '']))),
      unixDomainSocketPath: maybe(from(clean, ['/tmp', '/var/run/dapr'], ['tmp', '/a:b', '/a,b', ''])),
      serviceAnnotations: maybe(pick(clean,
        mapOf(fc.constantFrom('prometheus.io/scrape', 'team', 'example.com/owner'), fc.constantFrom('true', 'a', '')),
        fc.constantFrom({ 'bad key': 'x' }, { k: 'a,b' }, {}, { '/x': 'y' }))),
    }).map(compact)),
    security: maybe(fc.record({
      apiTokenSecret: maybe(from(clean, ['dapr-api-token'], ['Bad Secret', ''])),
      appTokenSecret: maybe(from(clean, ['app-token.v1'], ['app_token'])),
      disableBuiltinK8sSecretStore: maybe(fc.boolean()),
      sentryJwtAudiences: maybe(pick(clean, fc.constantFrom(['aud1'], ['a', 'b']), fc.constantFrom([], ['a b'], ['a,b']))),
      seccompProfile: maybe(from(clean, [SeccompProfile.RUNTIME_DEFAULT, SeccompProfile.UNCONFINED], [SeccompProfile.LOCALHOST])),
    }).map(compact)),
    sidecarVolumeMounts: maybe(fc.uniqueArray(fc.record({
      volumeName: from(clean, ['certs', 'scratch', 'config'], ['missing', 'Bad_Vol']),
      mountPath: from(clean, ['/mnt/certs', '/mnt/scratch', '/etc/x'], ['relative', '/a:b', '/a,b']),
      readWrite: maybe(fc.boolean()),
    }).map(compact), { minLength: 1, maxLength: 2, selector: (m) => (clean ? m.mountPath : m) })),
    pluggableComponents: maybe(fc.record({
      containers: clean ? fc.constant(undefined) : maybe(fc.constantFrom(['missing'], [], ['Bad Name'])),
      socketsFolder: maybe(from(clean, ['/tmp/sockets'], ['sockets'])),
      inject: maybe(fc.boolean()),
    }).map(compact)),
    pluggable: fc.uniqueArray(fc.record({
      name: from(clean, ['comp-a', 'comp-b'], ['Bad Name', 'app', '']),
      image: from(clean, GOOD_IMAGES, BAD_IMAGES),
      readiness: pick(clean, fc.constant(true), fc.constant(false)),
    }), { maxLength: 2, selector: (p) => (clean ? p.name : p) }),
    actors: maybe(fc.record({
      placementHostAddresses: maybe(pick(clean, fc.subarray(HOST_PORTS), fc.constantFrom(...BAD_HOST_PORTS).map((h) => [h]))),
      schedulerHostAddresses: maybe(pick(clean, fc.subarray(HOST_PORTS), fc.constantFrom(...BAD_HOST_PORTS).map((h) => [h]))),
      disseminateTimeout: maybe(duration),
    }).map(compact)),
    disableInitEndpoints: maybe(pick(clean,
      fc.constantFrom([InitEndpoint.CONFIG], [InitEndpoint.SUBSCRIBE], [InitEndpoint.CONFIG, InitEndpoint.SUBSCRIBE]),
      fc.constant([]))),
    nativeSidecar: maybe(fc.boolean()),
    enabled: maybe(fc.boolean()),
    replicas: maybe(pick(clean, fc.integer({ min: 0, max: 5 }), fc.constantFrom(-1, 1.5, ...BAD_NUMBERS))),
    podDisruptionBudget: maybe(fc.boolean()),
    service: maybe(fc.boolean()),
    metadata: maybe(fc.record({ namespace: from(clean, ['other-ns', 'default'], ['Other_NS', '']) })),
    /** Dirty cases mostly fit their values together too, so that single bad values stand out. */
    fit: clean ? fc.constant(true) : fc.constantFrom(true, true, true, false),
  });
  return record.map(({ namespace, volumes: vols, pluggable, fit, ...props }) => {
    if (fit) {
      // Fit the clean values together: the cross-field rules of the sidecar and the pod.
      if (props.appPort === undefined) {
        delete props.appHealthCheck;
        if (props.service) delete props.service;
      }
      if (props.goMemLimit && props.sidecarResources?.memoryLimit === undefined) delete props.goMemLimit;
      if (props.sidecarEnv?.DEBUG_TOKEN !== undefined) {
        props.allowPlaintextSecretEnv = [...new Set(['DEBUG_TOKEN', ...props.allowPlaintextSecretEnv ?? []])];
      }
      if (props.appSsl !== undefined && props.appProtocol !== undefined) delete props.appSsl;
      if (props.sidecarVolumeMounts) {
        props.sidecarVolumeMounts = props.sidecarVolumeMounts.filter((m) => vols.includes(m.volumeName));
        if (props.sidecarVolumeMounts.length === 0) delete props.sidecarVolumeMounts;
      }
    }
    return { clean, namespace, volumes: vols, pluggable, props: compact(props) };
  });
}

function buildApp(chart: Chart, c: AppCase): void {
  const volumes = c.volumes.map((name) => kplus.Volume.fromEmptyDir(chart, `volume-${name}`, name));
  const app = new DaprApp(chart, 'app', { ...c.props, volumes } as any);
  for (const p of c.pluggable) {
    const readiness = p.readiness ? kplus.Probe.fromCommand(['/bin/grpc-health-probe', `-addr=unix:///tmp/dapr-components-sockets/${p.name}.sock`]) : undefined;
    app.addPluggableComponent({ name: p.name, image: p.image, readiness });
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Components
// ---------------------------------------------------------------------------------------------

/** A metadata value, described so that clean cases can list their plaintext secrets. */
type Value = { plain: string } | { secret: [string, string] } | { env: string };

function toMetadata(v: Value): MetadataValue {
  if ('plain' in v) return MetadataValue.fromString(v.plain);
  if ('secret' in v) return MetadataValue.fromSecret(v.secret[0], v.secret[1]);
  return MetadataValue.fromEnv(v.env);
}

function sensitiveValue(clean: boolean): fc.Arbitrary<Value> {
  return pick(clean,
    fc.oneof(
      { weight: 3, arbitrary: fc.record({ secret: fc.tuple(fc.constantFrom('redis-auth', 'db.creds'), fc.constantFrom('password', 'token')) }) },
      { weight: 1, arbitrary: fc.record({ env: fc.constantFrom('REDIS_PASSWORD', '_TOKEN') }) },
      { weight: 1, arbitrary: fc.record({ plain: fc.constantFrom('hunter2', '') }) },
    ),
    fc.oneof(
      fc.record({ secret: fc.constantFrom<[string, string]>(['', 'k'], ['name', ''], ['Bad Name', 'k']) }),
      fc.record({ env: fc.constantFrom('1BAD', 'a-b', '') }),
    ));
}

function metadataOf(values: { [key: string]: Value }): { [key: string]: MetadataValue } {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toMetadata(v)]));
}

const plainValue = (values: string[]): fc.Arbitrary<Value> => fc.constantFrom(...values).map((plain) => ({ plain }));

type Factory = 'redisState' | 'postgresState' | 'kafka' | 'redisPubSub' | 'vault' | 'kubernetesStore' | 'cron' | 'generic';

interface ComponentDef {
  readonly factory: Factory;
  readonly name?: string;
  readonly namespace?: string;
  readonly ignoreErrors?: boolean;
  readonly initTimeoutMs?: number;
  readonly sharedByAllApps?: boolean;
  readonly allowPlaintextSecrets?: string[];
  /** Typed props (plain values or `Value`s for MetadataValue props), or for `generic` the type, version and metadata. */
  readonly props: { [key: string]: unknown };
  readonly additionalMetadata?: { [key: string]: Value };
  /** Apps granted, by app id; `elsewhere` puts the app in another namespace. */
  readonly grants: { appId: string; elsewhere: boolean }[];
  readonly secretStore?: 'kubernetes' | 'imported' | 'sibling' | 'foreign';
  /** For pub/subs: `subscribe(app, topic)` calls, the app picked among the granted ones. */
  readonly subscriptions?: { topic: string; app: number; defaultRoute?: string }[];
}

const SENSITIVE_PROPS: { [f in Factory]: string[] } = {
  redisState: ['redisPassword'],
  postgresState: ['connectionString', 'password'],
  kafka: ['saslPassword', 'clientKey'],
  redisPubSub: ['redisPassword'],
  vault: ['vaultToken'],
  kubernetesStore: [],
  cron: [],
  generic: [],
};
const LOOKS_SENSITIVE = ['password', 'apiKey', 'connectionString', 'token'];
/** Types Dapr does not ship (pluggable components): every shipped type is checked against its generated table. */
const NO_TABLE_TYPES = ['bindings.acme-db', 'state.acme', 'pubsub.acme.queue', 'secretstores.acme', 'middleware.http.acme',
  'configuration.acme', 'crypto.acme', 'conversation.acme', 'lock.acme'];
const BAD_TYPES = ['', 'state', 'State.Redis', 'nameresolution.mdns', 'middleware.oauth2', 'statestore.redis', 'state.redis ', 'bindings..x', 'pubsub.'];

function typedProps(factory: Factory, clean: boolean): fc.Arbitrary<{ [key: string]: unknown }> {
  const secret = maybe(sensitiveValue(clean));
  const number = (good: number[]) => maybe(pick(clean, fc.constantFrom(...good), fc.constantFrom(...BAD_NUMBERS)));
  const seconds = maybe(pick(clean, fc.integer({ min: 1, max: 120 }), fc.constant(0)).map((s) => Duration.seconds(s)));
  const required = <T>(arb: fc.Arbitrary<T>) => (clean ? arb : maybe(arb));
  switch (factory) {
    case 'redisState':
      return fc.record({
        redisHost: required(fc.constantFrom('redis:6379', 'redis-master.data.svc:6379', '')),
        redisUsername: maybe(fc.constantFrom('default', 'app')),
        redisPassword: secret,
        enableTLS: maybe(fc.boolean()),
        redisType: maybe(from(clean, ['node', 'cluster'], ['sentinel', 'Node'])),
        redisDB: number([0, 1, 15]),
        failover: maybe(fc.boolean()),
        sentinelMasterName: maybe(fc.constant('mymaster')),
        ttlInSeconds: number([60, 0, -1, 3.5]),
        keyPrefix: maybe(fc.constantFrom('appid', 'name', 'none', 'custom')),
        actorStateStore: maybe(fc.boolean()),
      });
    case 'postgresState':
      return fc.record({
        connectionString: secret,
        host: maybe(fc.constantFrom('postgres.data.svc', 'localhost')),
        port: number([5432, 6432]),
        database: maybe(fc.constant('dapr')),
        user: maybe(fc.constant('dapr')),
        password: secret,
        tablePrefix: maybe(fc.constant('orders_')),
        timeout: seconds,
        cleanupInterval: seconds,
        useAzureAD: maybe(fc.boolean()),
        keyPrefix: maybe(fc.constantFrom('appid', 'none')),
      }).map((p) => (clean && p.connectionString === undefined && p.host === undefined ? { ...p, host: 'postgres' } : p));
    case 'kafka':
      return fc.record({
        brokers: required(fc.constantFrom('kafka:9092', 'a:9092,b:9092')),
        authType: required(from(clean, ['none', 'password', 'mtls', 'awsiam'], ['sasl', 'NONE', ''])),
        consumerGroup: maybe(fc.constant('orders')),
        saslUsername: maybe(fc.constant('dapr')),
        saslPassword: secret,
        clientKey: secret,
        initialOffset: maybe(from(clean, ['newest', 'oldest'], ['latest', 'earliest'])),
        allowedTopics: maybe(fc.constantFrom('orders', 'a,b')),
      });
    case 'redisPubSub':
      return fc.record({
        redisHost: required(fc.constantFrom('redis:6379')),
        redisPassword: secret,
        consumerID: maybe(fc.constant('orders')),
        processingTimeout: seconds,
        redeliverInterval: seconds,
        maxLenApprox: number([1000, 0]),
      });
    case 'vault':
      return fc.record({
        vaultAddr: maybe(fc.constantFrom('https://vault:8200', 'http://127.0.0.1:8200')),
        vaultToken: secret,
        vaultTokenMountPath: maybe(fc.constant('/var/run/secrets/vault/token')),
        vaultKVPrefix: maybe(fc.constant('dapr')),
        enginePath: maybe(fc.constant('secret')),
        skipVerify: maybe(fc.constantFrom('true', 'false')),
      }).map((p) => (clean && p.vaultToken === undefined && p.vaultTokenMountPath === undefined
        ? { ...p, vaultTokenMountPath: '/var/run/secrets/vault/token' } : p));
    case 'kubernetesStore':
      return fc.constant({});
    case 'cron':
      return fc.record({
        schedule: required(fc.constantFrom('@every 15m', '*/5 * * * * *', '@daily')),
        route: maybe(fc.constantFrom('/cron', '/jobs/run')),
      });
    case 'generic':
      return fc.record({
        type: pick(clean, fc.constantFrom(...NO_TABLE_TYPES), fc.constantFrom(...BAD_TYPES, 'state.redis', 'state.postgresql')),
        version: maybe(from(clean, ['v1', 'v2', 'v1.0-alpha1', 'alpha'], ['1', '', 'latest', 'V1'])),
        metadata: maybe(mapOf(
          clean ? fc.constantFrom('url', 'host', 'table', 'timeoutInSeconds', ...LOOKS_SENSITIVE) : fc.constantFrom('url', 'redisHost', 'bad key', '', ...LOOKS_SENSITIVE),
          fc.oneof(plainValue(['x', '1', '', 'a b', 'multi\nline', 'ünï']), sensitiveValue(clean)),
          0, 3)),
      });
  }
}

/** Metadata the typed props do not cover: a known key, or (dirty) an unknown or malformed one. */
const EXTRA_METADATA: { [f in Factory]: [{ [key: string]: Value }, { [key: string]: Value }] } = {
  redisState: [{ redisMaxRetries: { plain: '5' } }, { redisMaxRetries: { plain: 'three' } }],
  postgresState: [{ maxConns: { plain: '10' } }, { queryExecMode: { plain: 'fast' } }],
  kafka: [{ maxMessageBytes: { plain: '2048' } }, { notAKafkaKey: { plain: 'x' } }],
  redisPubSub: [{ concurrency: { plain: '4' } }, { dialTimeout: { plain: 'soon' } }],
  vault: [{ vaultKVUsePrefix: { plain: 'false' } }, { vaultKVUsePrefix: { plain: 'nope' } }],
  kubernetesStore: [{}, { bogus: { plain: 'x' } }],
  cron: [{ direction: { plain: 'input' } }, { direction: { plain: 'sideways' } }],
  generic: [{}, {}],
};

function componentDef(clean: boolean, index: number): fc.Arbitrary<ComponentDef> {
  return fc.constantFrom<Factory>('redisState', 'postgresState', 'kafka', 'redisPubSub', 'vault', 'kubernetesStore', 'cron', 'generic')
    .chain((factory) => fc.record({
      factory: fc.constant(factory),
      name: maybe(pick(clean, fc.constantFrom('statestore', 'pubsub', 'my.store', 'c-1').map((n) => `${n}-${index}`),
        fc.constantFrom('statestore', 'Bad Name', '', 'a_b', '-x'))),
      namespace: maybe(from(clean, ['shop', 'default'], ['Shop', '', 'a'.repeat(64)])),
      ignoreErrors: maybe(fc.boolean()),
      initTimeoutMs: maybe(pick(clean, fc.constantFrom(500, 5000, 60000, 90 * 60000), fc.constant(0))),
      sharedByAllApps: maybe(fc.boolean()),
      allowPlaintextSecrets: pick(clean, fc.constant(undefined), fc.subarray(['redisPassword', 'password', 'redisHost', 'bogus', 'vaultToken'], { minLength: 1 })),
      props: typedProps(factory, clean),
      additionalMetadata: maybe(pick(clean, fc.constant(EXTRA_METADATA[factory][0]), fc.constant(EXTRA_METADATA[factory][1]))),
      grants: fc.array(fc.record({
        appId: pick(clean, fc.constantFrom('web', 'orders', 'worker-1'), fc.constantFrom('Bad App', '', 'web')),
        elsewhere: pick(clean, fc.constant(false), fc.constant(true)),
      }), { maxLength: 3 }),
      secretStore: maybe(pick(clean, fc.constantFrom<'kubernetes' | 'imported' | 'sibling'>('kubernetes', 'imported', 'sibling'), fc.constant<'foreign'>('foreign'))),
      subscriptions: factory === 'kafka' || factory === 'redisPubSub'
        ? maybe(fc.uniqueArray(fc.record({
          topic: from(clean, ['orders', 'payments', 'a.b', 'Orders_v2'], ['', 'with space', 'x'.repeat(300), 'orders', 'ORDERS']),
          app: fc.nat(2),
          defaultRoute: pick(clean, fc.constantFrom('/orders', '/events/in'), fc.constantFrom(undefined, 'orders', '/a b')),
        }).map(compact), { minLength: 1, maxLength: 3, selector: (x) => (clean ? x.topic : x) }))
        : fc.constant(undefined),
      /** Dirty cases mostly fit their values together too, so that single bad values stand out. */
      fit: clean ? fc.constant(true) : fc.constantFrom(true, true, true, false),
    }))
    .map(({ fit, ...d }) => {
      const def = compact(d) as ComponentDef;
      if (!fit) return def;
      // Either grants or sharedByAllApps, and plaintext only where allowed by name.
      const grants = def.sharedByAllApps ? [] : def.grants.length > 0 ? def.grants : [{ appId: 'web', elsewhere: false }];
      const subscriptions = def.sharedByAllApps ? undefined : def.subscriptions;
      const props = def.factory === 'generic' ? { ...def.props } : def.props;
      const plaintext = def.factory === 'generic'
        ? Object.entries((props.metadata ?? {}) as { [k: string]: Value }).filter(([k, v]) => LOOKS_SENSITIVE.includes(k) && 'plain' in v).map(([k]) => k)
        : SENSITIVE_PROPS[def.factory].filter((k) => props[k] !== undefined && 'plain' in (props[k] as Value));
      const allowed = [...plaintext, ...(def.allowPlaintextSecrets ?? [])];
      return compact({ ...def, grants, subscriptions, props, allowPlaintextSecrets: allowed.length > 0 ? allowed : undefined });
    });
}

interface ComponentsCase extends FuzzCase {
  readonly components: ComponentDef[];
}

function componentsCase(clean: boolean): fc.Arbitrary<ComponentsCase> {
  return fc.record({
    namespace: maybe(from(clean, ['shop', 'default'], ['Bad_NS'])),
    components: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => componentDef(clean, i)))),
  }).map((c) => ({ clean, ...c }));
}

function buildComponents(chart: Chart, c: ComponentsCase): void {
  c.components.forEach((d, i) => {
    const id = `c${i}`;
    const namespace = d.namespace ?? chart.namespace ?? 'default';
    const options = compact({
      name: d.name,
      namespace: d.namespace,
      ignoreErrors: d.ignoreErrors,
      initTimeout: d.initTimeoutMs !== undefined ? Duration.millis(d.initTimeoutMs) : undefined,
      sharedByAllApps: d.sharedByAllApps,
      allowPlaintextSecrets: d.allowPlaintextSecrets,
    });
    const typed = compact({
      ...options,
      ...Object.fromEntries(Object.entries(d.props).map(([k, v]) =>
        [k, v !== null && typeof v === 'object' && ('plain' in v || 'secret' in v || 'env' in v) ? toMetadata(v as Value) : v])),
      additionalMetadata: d.additionalMetadata ? metadataOf(d.additionalMetadata) : undefined,
    }) as any;
    let component: Component;
    switch (d.factory) {
      case 'redisState': component = StateStore.redis(chart, id, typed); break;
      case 'postgresState': component = StateStore.postgresql(chart, id, typed); break;
      case 'kafka': component = PubSub.kafka(chart, id, typed); break;
      case 'redisPubSub': component = PubSub.redis(chart, id, typed); break;
      case 'vault': component = SecretStore.vault(chart, id, typed); break;
      case 'kubernetesStore': component = SecretStore.kubernetes(chart, id, typed); break;
      case 'cron': component = Binding.cron(chart, id, typed); break;
      case 'generic': {
        const metadata = d.props.metadata as { [k: string]: Value } | undefined;
        component = new Component(chart, id, {
          ...options,
          type: d.props.type as string,
          version: d.props.version as string | undefined,
          metadata: metadata ? metadataOf(metadata) : undefined,
        });
        break;
      }
    }
    const apps: IDaprApp[] = d.grants.map((g, j) => DaprApp.fromAppId(chart, `${id}-app${j}`, g.appId, g.elsewhere ? 'elsewhere' : namespace));
    if (d.secretStore !== undefined) {
      let store: ISecretStore;
      switch (d.secretStore) {
        case 'kubernetes': store = SecretStore.fromName(chart, `${id}-store`, 'kubernetes', namespace); break;
        case 'imported': store = SecretStore.fromName(chart, `${id}-store`, 'vault', namespace); break;
        case 'foreign': store = SecretStore.fromName(chart, `${id}-store`, 'vault', 'elsewhere'); break;
        case 'sibling': {
          const sibling = SecretStore.kubernetes(chart, `${id}-store`, { name: `store-${i}`, namespace: d.namespace, sharedByAllApps: d.sharedByAllApps });
          if (!d.sharedByAllApps) apps.forEach((a) => sibling.grant(a));
          store = sibling;
          break;
        }
      }
      component.useSecretStore(store);
    }
    apps.forEach((a) => component.grant(a));
    if (d.subscriptions !== undefined && apps.length === 0) {
      apps.push(DaprApp.fromAppId(chart, `${id}-subscriber`, 'subscriber', namespace));
    }
    for (const s of d.subscriptions ?? []) {
      (component as PubSub).subscribe(apps[s.app % apps.length], s.topic, compact({ defaultRoute: s.defaultRoute }));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 3. DaprControlPlane
// ---------------------------------------------------------------------------------------------

interface ControlPlaneCase extends FuzzCase {
  readonly props: DaprControlPlaneProps;
}

function controlPlaneCase(clean: boolean): fc.Arbitrary<ControlPlaneCase> {
  const logLevel = maybe(pick(clean, fc.constantFrom(...LogLevel.ALL, unknownValue(LogLevel, 'fatal')), fc.constantFrom('verbose', 'INFO', '').map((v) => unknownValue(LogLevel, v))));
  const resources: fc.Arbitrary<ControlPlaneResources | undefined> = maybe(pick(clean,
    fc.record({
      cpuRequest: fc.constantFrom('100m', '250m'),
      memoryRequest: fc.constantFrom('30Mi', '128Mi'),
      cpuLimit: fc.constantFrom('1', '2'),
      memoryLimit: maybe(fc.constantFrom('512Mi', '1Gi')),
    }).map(compact),
    fc.record({
      cpuRequest: maybe(fc.constantFrom('100m', '4', '1 CPU', '-1')),
      memoryRequest: maybe(fc.constantFrom('30Mi', '2Gi', '1GB')),
      cpuLimit: maybe(fc.constantFrom('1', '500m', 'lots')),
      memoryLimit: maybe(fc.constantFrom('512Mi', '1Gi', '')),
    }).map(compact)));
  const podAnnotations = maybe(pick(clean,
    mapOf(fc.constantFrom('example.com/x', 'note'), fc.constantFrom('x', 'a b, c', '')),
    fc.constantFrom({ 'bad key': 'x' }, { '': 'x' })));
  const image = maybe(from(clean, [`registry.acme.example/dapr/service@${DIGEST}`, 'ghcr.io/dapr/operator:1.16.0'], ['ghcr.io/dapr/operator:latest', 'operator', '']));
  const replicated = maybe(fc.record({
    image,
    replicas: maybe(pick(clean, fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 16, 1.5, NaN))),
    resources,
    logLevel,
    podAnnotations,
  }).map(compact));
  const storage = maybe(pick(clean,
    fc.oneof(
      fc.constant(ControlPlaneStorage.inMemory()),
      fc.record({ size: maybe(fc.constantFrom('1Gi', '16Gi', '500Mi')), storageClassName: maybe(fc.constantFrom('fast-ssd', 'gp3')) })
        .map((o) => ControlPlaneStorage.persistent(compact(o)))),
    fc.record({ size: maybe(fc.constantFrom('0', '16GB', '-1Gi', '')), storageClassName: maybe(fc.constantFrom('Fast SSD', '')) })
      .map((o) => ControlPlaneStorage.persistent(compact(o)))));
  const toleration: fc.Arbitrary<ControlPlaneToleration> = pick(clean,
    fc.constantFrom<ControlPlaneToleration>(
      { key: 'dedicated', operator: 'Equal', value: 'system', effect: 'NoSchedule' },
      { operator: 'Exists' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'dedicated', value: 'dapr' }),
    fc.record({
      key: maybe(fc.constantFrom('dedicated', 'bad key', '')),
      operator: maybe(fc.constantFrom('Equal', 'Exists', 'In')),
      value: maybe(fc.constantFrom('system', 'a b')),
      effect: maybe(fc.constantFrom('NoSchedule', 'NoExecute', 'Never')),
      tolerationSeconds: maybe(fc.constantFrom(300, -1, 1.5)),
    }).map(compact));
  return fc.record({
    namespace: maybe(fc.constantFrom('platform')),
    props: fc.record({
      namespace: maybe(from(clean, ['dapr-system', 'dapr', 'platform-dapr'], ['Dapr_System', '', 'a'.repeat(64), 'dapr.system'])),
      createNamespace: maybe(fc.boolean()),
      enforcePodSecurityStandard: maybe(fc.boolean()),
      registry: maybe(from(clean, ['ghcr.io/dapr', 'registry.internal:5000/mirror/dapr', 'docker.io/daprio'], ['https://ghcr.io/dapr/', 'GHCR.io/dapr', ''])),
      imagePullPolicy: maybe(pick(clean, fc.constantFrom(ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.ALWAYS, ImagePullPolicy.NEVER), fc.constant(unknownValue(ImagePullPolicy, 'Sometimes')))),
      imagePullSecrets: maybe(from(clean, [['regcred'], ['a', 'b.c']], [['Reg Cred'], ['']])),
      ha: maybe(fc.boolean()),
      haReplicas: maybe(pick(clean, fc.integer({ min: 2, max: 5 }), fc.constantFrom(1, 16, 2.5, 0))),
      haTopologyKey: maybe(from(clean, ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'], ['bad key', '/x'])),
      haPodAntiAffinity: maybe(fc.constantFrom(PodAntiAffinityPolicy.PREFERRED, PodAntiAffinityPolicy.REQUIRED)),
      disruptionBudget: maybe(pick(clean,
        fc.constantFrom(DisruptionBudget.maxUnavailable('1'), DisruptionBudget.maxUnavailable('25%'), DisruptionBudget.minAvailable('1'), DisruptionBudget.minAvailable('50%')),
        fc.constantFrom('150%', '-1', 'x', '1.5', '').map((v) => DisruptionBudget.maxUnavailable(v)))),
      logLevel,
      logAsJson: maybe(fc.boolean()),
      mtls: maybe(fc.record({
        enabled: maybe(fc.boolean()),
        workloadCertTtl: maybe(pick(clean,
          fc.integer({ min: 1, max: 48 }).map((h) => Duration.hours(h)),
          fc.constantFrom(Duration.seconds(30), Duration.millis(59_999)))),
        allowedClockSkew: maybe(pick(clean, fc.integer({ min: 1, max: 59 }).map((m) => Duration.minutes(m)), fc.constant(Duration.hours(100)))),
        controlPlaneTrustDomain: maybe(from(clean, ['cluster.local', 'example.com'], ['Acme Corp', ''])),
        sentryAddress: maybe(from(clean, ['dapr-sentry.dapr-system.svc.cluster.local:443', 'sentry:50001'], ['dapr-sentry', 'http://x:1', 'x:99999'])),
      }).map(compact)),
      metrics: maybe(fc.boolean()),
      metricsPort: maybe(from(clean, [9090, 9091, 10000], [8080, 70000, 0, 50001, NaN])),
      prometheusAnnotations: maybe(fc.boolean()),
      nodeSelector: maybe(pick(clean,
        mapOf(fc.constantFrom('kubernetes.io/os', 'node-role.kubernetes.io/control-plane', 'dedicated'), fc.constantFrom('linux', 'system', '')),
        mapOf(fc.constantFrom('Bad Key', 'a/b/c', '-x', 'dedicated'), fc.constantFrom('bad value', 'a'.repeat(64), 'ok')))),
      tolerations: maybe(fc.array(toleration, { minLength: 1, maxLength: 3 })),
      priorityClassName: maybe(from(clean, ['system-cluster-critical', 'system-node-critical', 'dapr-high'], ['High', '', 'a b'])),
      labels: maybe(pick(clean,
        mapOf(fc.constantFrom('team', 'example.com/owner'), fc.constantFrom('platform', 'a-b', '')),
        mapOf(fc.constantFrom('app', 'app.kubernetes.io/name', 'bad key', 'team'), fc.constantFrom('platform team', 'ok')))),
      podAnnotations,
      clusterDomain: maybe(from(clean, ['cluster.local', 'k8s.example'], ['Cluster Local'])),
      webhookFailurePolicy: maybe(pick(clean, fc.constantFrom(WebhookFailurePolicy.IGNORE, WebhookFailurePolicy.FAIL), fc.constant(unknownValue(WebhookFailurePolicy, 'ignore')))),
      sidecar: maybe(fc.record({
        image: maybe(from(clean, ['ghcr.io/dapr/daprd:1.16.0', `ghcr.io/dapr/daprd@${DIGEST}`], ['ghcr.io/dapr/daprd:latest', 'daprd'])),
        imagePullPolicy: maybe(fc.constantFrom(ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT)),
        runAsNonRoot: maybe(fc.boolean()),
        readOnlyRootFilesystem: maybe(fc.boolean()),
        dropAllCapabilities: maybe(fc.boolean()),
        nativeSidecar: maybe(fc.boolean()),
        enableKubernetesDownwardApis: maybe(fc.boolean()),
      }).map(compact)),
      secretReader: maybe(fc.boolean()),
      secretReaderNamespace: maybe(from(clean, ['default', 'apps'], ['Apps'])),
      operator: replicated,
      sidecarInjector: replicated,
      sentry: replicated,
      placement: maybe(fc.record({ image, resources, logLevel, podAnnotations, raftLogStorage: storage }).map(compact)),
      scheduler: maybe(fc.record({
        image,
        replicas: maybe(from(clean, [1, 3, 5, 7], [2, 4, 0, 9])),
        storage,
        resources,
        logLevel,
      }).map(compact)),
    }).map((p) => compact(p) as DaprControlPlaneProps),
  }).map((c) => ({ clean, ...c }));
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

/** Half clean, half dirty cases. */
const either = <T>(make: (clean: boolean) => fc.Arbitrary<T>) => fc.oneof(make(true), make(false));

// ---------------------------------------------------------------------------------------------
// 4. Pluggable components the injector adds, and Sentry's token validators
// ---------------------------------------------------------------------------------------------

interface ContainerDef {
  readonly image: string;
  readonly name?: string;
  readonly args?: string[];
  readonly env?: { [name: string]: string };
  readonly resources?: { cpuRequest?: string; cpuLimit?: string; memoryRequest?: string; memoryLimit?: string };
}

interface ValidatorDef {
  readonly source: ['url' | 'file' | 'json', string];
  readonly allowPlaintextHttp?: boolean;
  readonly caCertificate?: string;
  readonly minRefreshMs?: number;
  readonly requestTimeoutMs?: number;
}

interface PluggableCase extends FuzzCase {
  readonly inject: boolean;
  readonly componentName: string;
  readonly container: ContainerDef;
  readonly validators?: ValidatorDef[];
}

const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const PUBLIC_JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', kid: 'k1', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] });
const PRIVATE_JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c2VjcmV0' }] });

function validatorDef(clean: boolean): fc.Arbitrary<ValidatorDef> {
  const url = fc.record({
    source: pick(clean, fc.constantFrom<['url', string]>(['url', 'https://login.acme.com/jwks.json'], ['url', 'https://idp:8443/keys']),
      fc.constantFrom<['url', string]>(['url', 'http://idp/jwks'], ['url', 'idp/jwks'], ['url', 'ftp://idp/jwks'], ['url', ''])),
    allowPlaintextHttp: maybe(fc.boolean()),
    caCertificate: maybe(pick(clean, fc.constantFrom(CA_PEM, '/etc/idp/ca.crt'), fc.constantFrom('-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n', 'ca.crt', ''))),
    minRefreshMs: maybe(pick(clean, fc.constantFrom(300_000, 60_000), fc.constantFrom(10, 0))),
    requestTimeoutMs: maybe(pick(clean, fc.constantFrom(10_000, 500), fc.constantFrom(0))),
  });
  const other = fc.record({
    source: pick(clean, fc.constantFrom<['file' | 'json', string]>(['file', '/var/run/secrets/jwks/jwks.json'], ['json', PUBLIC_JWKS]),
      fc.constantFrom<['file' | 'json', string]>(['file', 'jwks.json'], ['file', '/dir/'], ['json', PRIVATE_JWKS], ['json', 'not json'], ['json', '{"keys":[]}'])),
    // fetch settings belong to URL sources: only dirty cases set them here
    caCertificate: clean ? fc.constant(undefined) : maybe(fc.constant(CA_PEM)),
    minRefreshMs: clean ? fc.constant(undefined) : maybe(fc.constant(300_000)),
  });
  return fc.oneof(url, other).map((v) => compact(v as ValidatorDef));
}

function pluggableCase(clean: boolean): fc.Arbitrary<PluggableCase> {
  return fc.record({
    clean: fc.constant(clean),
    namespace: maybe(fc.constantFrom(...GOOD_NAMESPACES)),
    inject: clean ? fc.constant(true) : fc.constantFrom(true, true, true, false),
    componentName: pick(clean, fc.constantFrom('my-store', 'files', 'kv.v2'), fc.constantFrom('My_Store')),
    container: fc.record({
      image: from(clean, GOOD_IMAGES, BAD_IMAGES),
      name: maybe(from(clean, ['store', 'plugin-1'], ['Store', '', 'a'.repeat(64)])),
      args: maybe(fc.array(fc.constantFrom('--verbose', '--port=9000', ''), { maxLength: 2 })),
      env: maybe(mapOf(from(clean, ['LOG_LEVEL', 'MODE', '_X'], ['BAD-NAME', '1X', '']), fc.constantFrom(...ENV_VALUES), 1, 2)),
      resources: maybe(pick(clean,
        fc.record({ cpuRequest: fc.constantFrom(...GOOD_CPU_REQUESTS), cpuLimit: fc.constantFrom('1', '2'), memoryRequest: fc.constantFrom('64Mi', '128Mi'), memoryLimit: fc.constantFrom('256Mi', '1Gi') }),
        fc.record({ cpuRequest: maybe(fc.constantFrom('4', ...BAD_QUANTITIES)), cpuLimit: maybe(fc.constantFrom('1')), memoryRequest: maybe(fc.constantFrom('64Mi', '2Gi')), memoryLimit: maybe(fc.constantFrom('1Gi', '1.5')) }).map(compact))),
    }).map((c) => compact(c) as ContainerDef),
    validators: maybe(fc.array(validatorDef(clean), { minLength: clean ? 1 : 0, maxLength: clean ? 1 : 2 })),
  }).map((c) => {
    // a dotted component name is no container name: clean cases name the container then
    const fitted = clean && c.componentName.includes('.') && c.container.name === undefined ? { ...c, container: { ...c.container, name: 'store' } } : c;
    return compact(fitted) as PluggableCase;
  });
}

function jwksSource([kind, value]: ['url' | 'file' | 'json', string]): JwksSource {
  return kind === 'url' ? JwksSource.fromUrl(value) : kind === 'file' ? JwksSource.fromFile(value) : JwksSource.fromJson(value);
}

function buildPluggable(chart: Chart, c: PluggableCase): void {
  const app = new DaprApp(chart, 'app', { appId: 'shop', appPort: 8080, image: 'ghcr.io/acme/shop:1.0.0', pluggableComponents: { inject: c.inject } });
  const r = c.container.resources;
  const store = new Component(chart, 'store', {
    name: c.componentName,
    type: 'state.my-store',
    injectedContainer: compact({ ...c.container, resources: r ? SidecarResources.of(r) : undefined }),
  });
  store.grant(app);
  if (c.validators !== undefined) {
    new Configuration(chart, 'daprsystem', {
      mtls: {
        tokenValidators: c.validators.map((v) => TokenValidator.jwks(compact({
          source: jwksSource(v.source),
          allowPlaintextHttp: v.allowPlaintextHttp,
          caCertificate: v.caCertificate,
          minRefreshInterval: v.minRefreshMs !== undefined ? Duration.millis(v.minRefreshMs) : undefined,
          requestTimeout: v.requestTimeoutMs !== undefined ? Duration.millis(v.requestTimeoutMs) : undefined,
        }))),
      },
    });
  }
}

describe('fuzzing the prop surfaces', () => {
  test('DaprApp: refused with a validation error, or valid, policy-compliant manifests', () => {
    fuzz('DaprApp', runs(1000), either(appCase), (tally, c) => checkCase(tally, c, (chart) => buildApp(chart, c), {
      policy: true,
      // `podDisruptionBudget: false` is the documented opt-out of the budget.
      optedOut: (v) => v.rule === 'disruption-budget' && c.props.podDisruptionBudget === false,
    }));
  }, TIMEOUT);

  test('components: refused with a validation error, or valid manifests', () => {
    fuzz('components', runs(1000), either(componentsCase), (tally, c) => checkCase(tally, c, (chart) => buildComponents(chart, c), { policy: false }));
  }, TIMEOUT);

  test('DaprControlPlane: refused with a validation error, or valid, policy-compliant manifests', () => {
    fuzz('DaprControlPlane', runs(300), either(controlPlaneCase), (tally, c) => checkCase(tally, c, (chart) => {
      new DaprControlPlane(chart, 'dapr', c.props);
    }, { policy: true }));
  }, TIMEOUT);

  test('pluggable components and token validators: refused with a validation error, or valid, policy-compliant manifests', () => {
    fuzz('pluggable components and token validators', runs(600), either(pluggableCase), (tally, c) => checkCase(tally, c, (chart) => buildPluggable(chart, c), { policy: true }));
  }, TIMEOUT);

  test('the error check accepts only the library format', () => {
    expect(isLibraryValidationError(new Error('[fuzz/app] appPort: 0 is invalid; allowed: an integer from 1 to 65535'))).toBe(true);
    expect(isLibraryValidationError(new Error(`${CDK8S_VALIDATION_HEADER}  [fuzz/app] scopes: [] is invalid; allowed: at least one app\n  [fuzz/b] name: "x" is invalid; allowed: y`))).toBe(true);
    expect(isLibraryValidationError(new Error(`${CDK8S_VALIDATION_HEADER}  [fuzz/app] scopes: [] is invalid; allowed: at least one app\n  [fuzz/b] something else broke`))).toBe(false);
    expect(isLibraryValidationError(new Error('[fuzz/app] appPort: 0 is invalid; allowed: '))).toBe(false);
    expect(isLibraryValidationError(new Error('Cannot read properties of undefined (reading \'value\')'))).toBe(false);
    expect(isLibraryValidationError(new TypeError('[fuzz/app] appPort: 0 is invalid; allowed: x'))).toBe(false);
    expect(isLibraryValidationError('[fuzz/app] appPort: 0 is invalid; allowed: x')).toBe(false);
  });
});
