import { Duration, Testing } from 'cdk8s';
import { FakeApp, FakeComponent, one } from './fakes';
import {
  AccessControlAction, ApiProtocol, Configuration, DaprApi, HttpVerb, JwksSource, NameResolver, TokenValidator, TracingProtocol,
} from '../../src';
import { MetadataValue } from '../../src/core/metadata-value';
import { checkDuration } from '../../src/core/validation';

describe('Configuration', () => {
  test('synthesizes every section (snapshot)', () => {
    const chart = Testing.chart();
    const upper = new FakeComponent(chart, 'uppercase', 'middleware.http.uppercase');
    const oauth = new FakeComponent(chart, 'oauth2', 'middleware.http.oauth2');
    new Configuration(chart, 'app-config', {
      tracing: {
        samplingRate: 0.25,
        otel: {
          endpointAddress: 'otel-collector.observability:4317',
          protocol: TracingProtocol.GRPC,
          headers: { 'x-tenant': MetadataValue.fromString('acme'), 'api-key': MetadataValue.fromSecret('otel', 'key') },
          timeout: Duration.seconds(10),
        },
        zipkin: { endpointAddress: 'http://zipkin.observability:9411/api/v2/spans' },
      },
      metrics: {
        latencyDistributionBuckets: [500, 10, 100, 10],
        http: { increasedCardinality: false, pathMatching: ['/orders/{id}', '/items/{id}'] },
        rules: [{ name: 'zeta', labels: [{ name: 'method', regex: { 'orders/': 'orders/.+' } }] },
          { name: 'alpha', labels: [{ name: 'path', regex: { x: '.*' } }] }],
      },
      accessControl: { trustDomain: 'acme.internal' },
      features: { SchedulerReminders: true, HotReload: false },
      nameResolution: { resolver: NameResolver.KUBERNETES, configuration: { clusterDomain: 'cluster.local' } },
      secretScopes: [{ storeName: 'vault', allowedSecrets: ['b', 'a'] }, { storeName: 'kubernetes', defaultAccess: AccessControlAction.ALLOW, deniedSecrets: ['admin'] }],
      api: {
        allowed: [{ api: DaprApi.STATE, version: 'v1.0' }, { api: DaprApi.INVOKE, version: 'v1', protocol: ApiProtocol.GRPC }],
        denied: [{ api: DaprApi.of('shutdown'), version: 'v1.0' }],
      },
      httpPipeline: [{ middleware: upper }, { middleware: oauth, selector: { path: '/admin' } }],
      appHttpPipeline: [{ middleware: upper }],
      deniedComponentTypes: ['state.redis/v1', 'bindings.smtp'],
      apiLogging: { enabled: true, obfuscateUrls: true },
      workflow: {
        maxConcurrentWorkflowInvocations: 100,
        activityConcurrencyLimits: { charge: 5 },
        stateRetention: { completed: Duration.hours(24), failed: Duration.days(7) },
      },
      wasmStrictSandbox: true,
    }).allowInvocationFrom(new FakeApp(chart, 'checkout'), { operations: ['/orders/*'], verbs: [HttpVerb.POST, HttpVerb.GET] });
    const synthesized = Testing.synth(chart);
    expect(synthesized).toMatchSnapshot();
    const spec = synthesized[0].spec;
    expect(spec.tracing.samplingRate).toBe('0.25');
    expect(spec.tracing.otel.isSecure).toBe(true);
    expect(spec.tracing.otel.headers.map((h: any) => h.name)).toEqual(['api-key', 'x-tenant']);
    expect(spec.metrics.latencyDistributionBuckets).toEqual([10, 100, 500]);
    expect(spec.metrics.rules.map((r: any) => r.name)).toEqual(['alpha', 'zeta']);
    expect(spec.metrics.http.pathMatching).toEqual(['/orders/{id}', '/items/{id}']);
    expect(spec.httpPipeline.handlers.map((h: any) => h.name)).toEqual(['uppercase', 'oauth2']);
    expect(spec.secrets.scopes).toEqual([
      { storeName: 'kubernetes', defaultAccess: 'allow', deniedSecrets: ['admin'] },
      { storeName: 'vault', defaultAccess: 'deny', allowedSecrets: ['a', 'b'] },
    ]);
    expect(spec.components.deny).toEqual(['bindings.smtp', 'state.redis/v1']);
    expect(spec.workflow.stateRetentionPolicy).toEqual({ completed: '24h', failed: '168h' });
    expect(spec.features).toEqual([{ name: 'HotReload', enabled: false }, { name: 'SchedulerReminders', enabled: true }]);
  });

  test('access control defaults to deny with trust domain "public"', () => {
    const chart = Testing.chart();
    const config = new Configuration(chart, 'orders-config');
    config.allowInvocationFrom(new FakeApp(chart, 'web', 'frontend'));
    const checkout = new FakeApp(chart, 'checkout');
    config.allowInvocationFrom(checkout, { operations: ['/orders'], verbs: [HttpVerb.POST] });
    config.allowInvocationFrom(checkout, { operations: ['/orders'], verbs: [HttpVerb.GET] });
    config.allowInvocationFrom(checkout, { operations: ['/admin/*'] });
    expect(one(chart, 'Configuration').spec.accessControl).toEqual({
      defaultAction: 'deny',
      trustDomain: 'public',
      policies: [
        {
          appId: 'checkout',
          namespace: 'default',
          trustDomain: 'public',
          defaultAction: 'deny',
          operations: [{ name: '/admin/*', httpVerb: ['*'], action: 'allow' }, { name: '/orders', httpVerb: ['GET', 'POST'], action: 'allow' }],
        },
        { appId: 'web', namespace: 'frontend', trustDomain: 'public', defaultAction: 'allow' },
      ],
    });
  });

  test('a grant of every operation stays one when a narrower grant follows', () => {
    const chart = Testing.chart();
    const config = new Configuration(chart, 'c');
    const caller = new FakeApp(chart, 'checkout');
    config.allowInvocationFrom(caller);
    config.allowInvocationFrom(caller, { operations: ['/orders'] });
    expect(one(chart, 'Configuration').spec.accessControl.policies[0].defaultAction).toBe('allow');
  });

  test('conflicting actions for one operation fail', () => {
    const chart = Testing.chart();
    const config = new Configuration(chart, 'c');
    const caller = new FakeApp(chart, 'checkout');
    config.addAccessPolicy({ caller, operations: [{ name: '/orders', action: AccessControlAction.ALLOW }] });
    expect(() => config.addAccessPolicy({ caller, operations: [{ name: '/orders', action: AccessControlAction.DENY }] }))
      .toThrow(/\[test\/c\] accessControl\.policies\[checkout\]\.operations\.action: "deny" is invalid; allowed: "allow", the action already set for operation "\/orders"/);
  });

  test('operation names must be paths', () => {
    const chart = Testing.chart();
    const config = new Configuration(chart, 'c');
    expect(() => config.allowInvocationFrom(new FakeApp(chart, 'x'), { operations: ['orders'] }))
      .toThrow(/operations\.name: "orders" is invalid; allowed: an operation path starting with "\/"/);
    expect(() => config.allowInvocationFrom(new FakeApp(chart, 'y'), { verbs: [HttpVerb.GET] }))
      .toThrow(/allowInvocationFrom\.verbs: \["GET"\] is invalid; allowed: only together with operations/);
  });

  test('bad trust domain and sampling rate fail with the prop named', () => {
    expect(() => new Configuration(Testing.chart(), 'c', { accessControl: { trustDomain: 'Not Valid' } }))
      .toThrow(/\[test\/c\] accessControl\.trustDomain: "Not Valid" is invalid; allowed: a trust domain/);
    expect(() => new Configuration(Testing.chart(), 'c', { tracing: { samplingRate: 2 } }))
      .toThrow(/tracing\.samplingRate: 2 is invalid; allowed: a number from 0/);
  });

  test('OTLP endpoint is host:port and protocol is checked', () => {
    expect(() => new Configuration(Testing.chart(), 'c', {
      tracing: { samplingRate: 1, otel: { endpointAddress: 'http://collector:4317', protocol: TracingProtocol.HTTP } },
    })).toThrow(/tracing\.otel\.endpointAddress: "http:\/\/collector:4317" is invalid; allowed: a collector address "host:port" without scheme/);
    expect(() => new Configuration(Testing.chart(), 'c', {
      tracing: { samplingRate: 1, otel: { endpointAddress: 'collector:4317', protocol: { value: 'udp' } as any } },
    })).toThrow(/tracing\.otel\.protocol: "udp" is invalid; allowed: one of "grpc", "http"/);
  });

  test('sensitive tracing headers need a secret', () => {
    expect(() => new Configuration(Testing.chart(), 'c', {
      tracing: { samplingRate: 1, otel: { endpointAddress: 'c:4317', protocol: TracingProtocol.GRPC, headers: { Authorization: MetadataValue.fromString('Bearer x') } } },
    })).toThrow(/tracing\.otel\.headers\.Authorization: <redacted: 8 characters> is invalid; allowed: MetadataValue\.fromSecret/);
  });

  test('metrics buckets and regexes are checked', () => {
    expect(() => new Configuration(Testing.chart(), 'c', { metrics: { latencyDistributionBuckets: [1, 0] } }))
      .toThrow(/metrics\.latencyDistributionBuckets: 0 is invalid; allowed: an integer from 1/);
    expect(() => new Configuration(Testing.chart(), 'c', { metrics: { rules: [{ name: 'm', labels: [{ name: 'l', regex: { x: '(' } }] }] } }))
      .toThrow(/metrics\.rules\[m\]\.labels\[l\]\.regex: "\(" is invalid; allowed: a non-empty regular expression/);
  });

  test('secret scopes: a secret both allowed and denied fails', () => {
    expect(() => new Configuration(Testing.chart(), 'c', { secretScopes: [{ storeName: 'vault', allowedSecrets: ['a'], deniedSecrets: ['a'] }] }))
      .toThrow(/secretScopes\[vault\]\.deniedSecrets: "a" is invalid; allowed: a secret not also in allowedSecrets/);
  });

  test('API rules need a version', () => {
    expect(() => new Configuration(Testing.chart(), 'c', { api: { allowed: [{ api: DaprApi.STATE, version: '1.0' }] } }))
      .toThrow(/api\.allowed\[state\]\.version: "1\.0" is invalid; allowed: an API version such as "v1\.0"/);
  });

  test('pipelines take HTTP middleware of the same namespace', () => {
    const chart = Testing.chart();
    const store = new FakeComponent(chart, 'redis', 'state.redis');
    const elsewhere = new FakeComponent(chart, 'upper', 'middleware.http.uppercase', { namespace: 'other' });
    expect(() => new Configuration(chart, 'c1', { httpPipeline: [{ middleware: store }] }))
      .toThrow(/\[test\/c1\] httpPipeline\.middleware: "redis" is invalid; allowed: a "middleware\.http\.<name>" component \(it is "state\.redis"\)/);
    expect(() => new Configuration(chart, 'c2', { appHttpPipeline: [{ middleware: elsewhere }] }))
      .toThrow(/appHttpPipeline\.middleware: "upper" is invalid; allowed: a component in namespace "default" \(it is in "other"\)/);
  });

  test('denied component types are "<category>.<name>"', () => {
    expect(() => new Configuration(Testing.chart(), 'c', { deniedComponentTypes: ['redis'] }))
      .toThrow(/deniedComponentTypes: "redis" is invalid; allowed: a component type "<category>\.<name>"/);
  });

  test('mtls only on the control plane Configuration', () => {
    expect(() => new Configuration(Testing.chart(), 'app-config', { mtls: {} }))
      .toThrow(/mtls: "app-config" is invalid; allowed: only on the control plane's Configuration named "daprsystem"/);
    const chart = Testing.chart();
    new Configuration(chart, 'daprsystem', { mtls: { workloadCertTtl: Duration.hours(24), allowedClockSkew: Duration.minutes(15) } });
    expect(one(chart, 'Configuration').spec.mtls).toEqual({
      enabled: true,
      controlPlaneTrustDomain: 'cluster.local',
      sentryAddress: 'dapr-sentry.dapr-system.svc.cluster.local:443',
      workloadCertTTL: '24h',
      allowedClockSkew: '15m',
    });
  });

  describe('mtls token validators', () => {
    const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const PUBLIC_JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', kid: 'ci', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0' }] }, null, 2);
    const validators = (tokenValidators: TokenValidator[]) => {
      const chart = Testing.chart();
      new Configuration(chart, 'daprsystem', { mtls: { tokenValidators } });
      return one(chart, 'Configuration').spec.mtls.tokenValidators;
    };
    const build = (tokenValidators: any) => () => new Configuration(Testing.chart(), 'daprsystem', { mtls: { tokenValidators } });

    test('a JWKS fetched from an https URL, with its CA and refresh settings', () => {
      expect(validators([TokenValidator.jwks({
        source: JwksSource.fromUrl('https://login.acme.com/.well-known/jwks.json'),
        caCertificate: CA,
        minRefreshInterval: Duration.minutes(5),
        requestTimeout: Duration.seconds(10),
      })])).toEqual([{
        name: 'jwks',
        options: { source: 'https://login.acme.com/.well-known/jwks.json', caCertificate: CA, minRefreshInterval: '5m', requestTimeout: '10s' },
      }]);
      expect(validators([TokenValidator.jwks({ source: JwksSource.fromUrl('https://idp/jwks'), caCertificate: '/var/run/secrets/idp/ca.crt' })]))
        .toEqual([{ name: 'jwks', options: { source: 'https://idp/jwks', caCertificate: '/var/run/secrets/idp/ca.crt' } }]);
    });

    test('a JWKS from a file or inline, public keys only', () => {
      expect(validators([TokenValidator.jwks({ source: JwksSource.fromFile('/var/run/secrets/jwks/jwks.json') })]))
        .toEqual([{ name: 'jwks', options: { source: '/var/run/secrets/jwks/jwks.json' } }]);
      expect(validators([TokenValidator.jwks({ source: JwksSource.fromJson(PUBLIC_JWKS) })]))
        .toEqual([{ name: 'jwks', options: { source: JSON.stringify(JSON.parse(PUBLIC_JWKS)) } }]);
      const privateJwks = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'c2VjcmV0' }] });
      expect(build([TokenValidator.jwks({ source: JwksSource.fromJson(privateJwks) })])).toThrow(
        '[test/daprsystem] mtls.tokenValidators[0].source: <redacted: 68 characters> is invalid; allowed: public keys only: the JWKS is written into the manifest, and a key with "d" is private or symmetric');
      expect(build([TokenValidator.jwks({ source: JwksSource.fromJson('{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}') })]))
        .toThrow(/tokenValidators\[0\]\.source: <redacted: \d+ characters> is invalid; allowed: public keys only.*"k" is private or symmetric/);
      expect(build([TokenValidator.jwks({ source: JwksSource.fromJson('{"keys":[]}') })]))
        .toThrow('mtls.tokenValidators[0].source: <redacted: 11 characters> is invalid; allowed: a JWKS as JSON: {"keys": [...]} with at least one key, each with a "kty"');
      expect(build([TokenValidator.jwks({ source: JwksSource.fromJson('not json') })])).toThrow(/source: <redacted: 8 characters> is invalid; allowed: a JWKS as JSON/);
      expect(build([TokenValidator.jwks({ source: JwksSource.fromFile('jwks.json') })]))
        .toThrow('mtls.tokenValidators[0].source: "jwks.json" is invalid; allowed: an absolute file path inside the Sentry container, e.g. "/var/run/secrets/jwks/jwks.json"');
      expect(build([TokenValidator.jwks({ source: JwksSource.fromFile('/var/run/secrets/jwks/') })])).toThrow(/source: "\/var\/run\/secrets\/jwks\/" is invalid; allowed: an absolute file path/);
    });

    test('plain http needs an explicit opt-out; fetch settings only with a URL', () => {
      expect(build([TokenValidator.jwks({ source: JwksSource.fromUrl('http://idp.internal/jwks') })]))
        .toThrow('[test/daprsystem] mtls.tokenValidators[0].source: "http://idp.internal/jwks" is invalid; allowed: an https:// URL; set allowPlaintextHttp: true to accept http://');
      expect(validators([TokenValidator.jwks({ source: JwksSource.fromUrl('http://idp.internal/jwks'), allowPlaintextHttp: true })]))
        .toEqual([{ name: 'jwks', options: { source: 'http://idp.internal/jwks' } }]);
      expect(build([TokenValidator.jwks({ source: JwksSource.fromUrl('idp.internal/jwks') })]))
        .toThrow(/source: "idp\.internal\/jwks" is invalid; allowed: an absolute URL with scheme https:\/\/ or http:\/\/ and a host/);
      expect(build([TokenValidator.jwks({ source: JwksSource.fromUrl('http://idp/jwks'), allowPlaintextHttp: true, caCertificate: CA })]))
        .toThrow('mtls.tokenValidators[0].caCertificate: "http://idp/jwks" is invalid; allowed: only with an https:// JWKS URL');
      expect(build([TokenValidator.jwks({ source: JwksSource.fromFile('/jwks.json'), minRefreshInterval: Duration.minutes(1) })]))
        .toThrow('mtls.tokenValidators[0].minRefreshInterval: "60000ms" is invalid; allowed: only with JwksSource.fromUrl: Sentry fetches nothing for a JWKS file or an inline JWKS');
      expect(build([TokenValidator.jwks({ source: JwksSource.fromFile('/jwks.json'), allowPlaintextHttp: true })]))
        .toThrow(/allowPlaintextHttp: true is invalid; allowed: only with JwksSource\.fromUrl/);
    });

    test('bad CA certificates, intervals and lists fail with the prop named', () => {
      const url = JwksSource.fromUrl('https://idp/jwks');
      expect(build([TokenValidator.jwks({ source: url, caCertificate: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----' })]))
        .toThrow('mtls.tokenValidators[0].caCertificate: <redacted: 58 characters, PEM PRIVATE KEY> is invalid; allowed: a CA certificate, never a private key');
      expect(build([TokenValidator.jwks({ source: url, caCertificate: 'ca.crt' })]))
        .toThrow('caCertificate: "ca.crt" is invalid; allowed: a PEM certificate ("-----BEGIN CERTIFICATE-----...") or an absolute file path inside the Sentry container');
      expect(build([TokenValidator.jwks({ source: url, minRefreshInterval: Duration.seconds(1) })]))
        .toThrow('mtls.tokenValidators[0].minRefreshInterval: "1000ms" is invalid; allowed: a duration longer than 1s (Sentry ignores shorter ones)');
      expect(build([TokenValidator.jwks({ source: url, requestTimeout: Duration.millis(0) })]))
        .toThrow('mtls.tokenValidators[0].requestTimeout: "0ms" is invalid; allowed: a duration longer than 1ms (Sentry ignores shorter ones)');
      expect(build([])).toThrow('[test/daprsystem] mtls.tokenValidators: [] is invalid; allowed: at least one TokenValidator, or leave it out for the built-in validator only');
      expect(build([TokenValidator.jwks({ source: url }), TokenValidator.jwks({ source: JwksSource.fromFile('/jwks.json') })]))
        .toThrow('mtls.tokenValidators[1]: "jwks" is invalid; allowed: each validator once (Sentry keeps only the last one of a name)');
      expect(build([{ name: 'kubernetes' }])).toThrow('mtls.tokenValidators[0]: {"name":"kubernetes"} is invalid; allowed: TokenValidator.jwks(...)');
      expect(build([TokenValidator.jwks({ source: { kind: 'url', value: 'https://x' } as any })]))
        .toThrow(/tokenValidators\[0\]\.source: \{"kind":"url","value":"https:\/\/x"\} is invalid; allowed: JwksSource\.fromUrl\(url\), JwksSource\.fromFile\(path\) or JwksSource\.fromJson\(jwks\)/);
    });
  });

  test('names must be DNS subdomains and unique per namespace', () => {
    expect(() => new Configuration(Testing.chart(), 'Bad_Name'))
      .toThrow(/\[test\/Bad_Name\] name: "Bad_Name" is invalid; allowed: an RFC 1123 subdomain.*set `metadata.name`/);
    const chart = Testing.chart();
    new Configuration(chart, 'a', { name: 'shared' });
    new Configuration(chart, 'b', { name: 'shared' });
    expect(() => Testing.synth(chart)).toThrow(/name: "shared" is invalid; allowed: a name unique among the Configurations of namespace "default"/);
  });

  test('workflow limits are positive integers', () => {
    expect(() => new Configuration(Testing.chart(), 'c', { workflow: { workflowConcurrencyLimits: { flow: 0 } } }))
      .toThrow(/workflow\.workflowConcurrencyLimits\.flow: 0 is invalid; allowed: an integer from 1/);
    expect(() => new Configuration(Testing.chart(), 'c', { workflow: { stateRetention: { anyTerminal: Duration.millis(0) } } }))
      .toThrow(/workflow\.stateRetention\.anyTerminal: "0ms" is invalid; allowed: a positive duration/);
  });
});

describe('checkDuration', () => {
  test('renders the largest whole unit Go reads', () => {
    expect([Duration.seconds(5), Duration.millis(500), Duration.minutes(90), Duration.hours(2), Duration.millis(1500), Duration.seconds(0)]
      .map((d) => checkDuration('test', 'd', d, true))).toEqual(['5s', '500ms', '90m', '2h', '1500ms', '0s']);
  });
});
