import { Testing } from 'cdk8s';
import { FakeApp, FakeComponent, one } from './fakes';
import { HttpEndpoint, SecretStore, TlsDocument, TlsRenegotiation } from '../../src';
import { MetadataValue } from '../../src/core/metadata-value';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('HttpEndpoint', () => {
  test('base URL, headers from secrets and client TLS (snapshot)', () => {
    const chart = Testing.chart();
    const ep = new HttpEndpoint(chart, 'github', {
      baseUrl: 'https://api.github.com',
      headers: {
        'Authorization': MetadataValue.fromSecret('github-token', 'token'),
        'Accept': MetadataValue.fromString('application/vnd.github+json'),
        'X-Trace-Id': MetadataValue.fromEnv('TRACE_ID'),
      },
      clientTls: {
        rootCa: TlsDocument.fromPem(CA),
        certificate: TlsDocument.fromSecret('client-tls', 'tls.crt'),
        privateKey: TlsDocument.fromSecret('client-tls', 'tls.key'),
        renegotiation: TlsRenegotiation.ONCE_AS_CLIENT,
      },
      apps: [new FakeApp(chart, 'repo-sync')],
    });
    ep.grant(new FakeApp(chart, 'audit'));
    const synthesized = Testing.synth(chart);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized[0].spec.headers.map((h: any) => h.name)).toEqual(['Accept', 'Authorization', 'X-Trace-Id']);
    expect(synthesized[0].scopes).toEqual(['audit', 'repo-sync']);
  });

  test('plain http needs an explicit opt-out and cannot carry client TLS', () => {
    expect(() => new HttpEndpoint(Testing.chart(), 'e', { baseUrl: 'http://legacy.internal' }))
      .toThrow(/\[test\/e\] baseUrl: "http:\/\/legacy\.internal" is invalid; allowed: an https:\/\/ URL; set allowPlaintextHttp: true/);
    expect(() => new HttpEndpoint(Testing.chart(), 'e', { baseUrl: 'ftp://x' })).toThrow(/baseUrl: "ftp:\/\/x" is invalid; allowed: an absolute URL/);
    expect(() => new HttpEndpoint(Testing.chart(), 'e', { baseUrl: 'http://legacy', allowPlaintextHttp: true, clientTls: { rootCa: TlsDocument.fromPem(CA) } }))
      .toThrow(/clientTls: "http:\/\/legacy" is invalid; allowed: only with an https:\/\/ base URL/);
  });

  test('private keys and sensitive headers never go inline', () => {
    expect(() => new HttpEndpoint(Testing.chart(), 'e', {
      baseUrl: 'https://x', clientTls: { certificate: TlsDocument.fromPem(CA), privateKey: TlsDocument.fromPem('-----BEGIN PRIVATE KEY-----') },
    })).toThrow(/clientTls\.privateKey: <redacted: 27 characters, PEM PRIVATE KEY> is invalid; allowed: TlsDocument\.fromSecret/);
    expect(() => new HttpEndpoint(Testing.chart(), 'e', { baseUrl: 'https://x', clientTls: { certificate: TlsDocument.fromPem(CA) } }))
      .toThrow(/clientTls\.privateKey: undefined is invalid; allowed: certificate and privateKey together/);
    expect(() => new HttpEndpoint(Testing.chart(), 'e', { baseUrl: 'https://x', headers: { 'api-key': MetadataValue.fromString('s3cr3t') } }))
      .toThrow(/headers\.api-key: <redacted: \d+ characters> is invalid/);
    const chart = Testing.chart();
    new HttpEndpoint(chart, 'e', { baseUrl: 'https://x', headers: { 'api-key': MetadataValue.fromString('public-demo') }, allowPlaintextSecrets: ['api-key'], sharedByAllApps: true });
    expect(one(chart, 'HTTPEndpoint').spec.headers).toEqual([{ name: 'api-key', value: 'public-demo' }]);
  });

  test('needs apps unless shared, and reads secrets from a secret store of the namespace', () => {
    const chart = Testing.chart();
    new HttpEndpoint(chart, 'e', { baseUrl: 'https://x' });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/e\] scopes: \[\] is invalid; allowed: at least one app: call endpoint\.grant\(app\)/);
    const chart2 = Testing.chart();
    const vault = new FakeComponent(chart2, 'vault', 'secretstores.hashicorp.vault');
    new HttpEndpoint(chart2, 'e', { baseUrl: 'https://x', secretStore: vault, headers: { token: MetadataValue.fromSecret('path/to/secret', 'token') }, sharedByAllApps: true });
    expect(one(chart2, 'HTTPEndpoint').auth).toEqual({ secretStore: 'vault' });
    expect(() => new HttpEndpoint(Testing.chart(), 'e', { baseUrl: 'https://x', headers: { token: MetadataValue.fromSecret('Not_A_Secret', 'k') } }))
      .toThrow(/secretKeyRef\.name: "Not_A_Secret" is invalid; allowed: the name of a Kubernetes Secret/);
  });

  test('through the built-in or any Kubernetes secret store, references still name Kubernetes Secrets', () => {
    const chart = Testing.chart();
    const headers = { token: MetadataValue.fromSecret('Not_A_Secret', 'k') };
    const builtIn = SecretStore.fromName(chart, 'builtin', 'kubernetes');
    expect(() => new HttpEndpoint(chart, 'a', { baseUrl: 'https://x', secretStore: builtIn, headers, sharedByAllApps: true }))
      .toThrow('[test/a] secretKeyRef.name: "Not_A_Secret" is invalid; allowed: the name of a Kubernetes Secret');
    const renamed = new FakeComponent(chart, 'k8s', 'secretstores.kubernetes');
    expect(() => new HttpEndpoint(chart, 'b', { baseUrl: 'https://x', secretStore: renamed, headers, sharedByAllApps: true }))
      .toThrow('[test/b] secretKeyRef.name: "Not_A_Secret" is invalid; allowed: the name of a Kubernetes Secret');
    const vaultNamedKubernetes = new FakeComponent(chart, 'kubernetes', 'secretstores.hashicorp.vault');
    expect(() => new HttpEndpoint(chart, 'c', { baseUrl: 'https://x', secretStore: vaultNamedKubernetes, headers, sharedByAllApps: true })).not.toThrow();
  });

  test('every app of the endpoint must be granted its secret store', () => {
    const chart = Testing.chart();
    const vault = new FakeComponent(chart, 'vault', 'secretstores.hashicorp.vault', { scopes: ['repo-sync'] });
    const ep = new HttpEndpoint(chart, 'e', {
      baseUrl: 'https://x', secretStore: vault, headers: { token: MetadataValue.fromSecret('github/token', 'token') }, apps: [new FakeApp(chart, 'repo-sync')],
    });
    expect(one(chart, 'HTTPEndpoint').scopes).toEqual(['repo-sync']);
    ep.grant(new FakeApp(chart, 'audit'));
    const expected = '[test/e] secretStore: "vault" is invalid; allowed: a secret store that every app of this endpoint can load: also grant "vault" to app "audit"';
    expect(() => Testing.synth(chart)).toThrow(expected);
    vault.scopes = ['audit', 'repo-sync'];
    expect(one(chart, 'HTTPEndpoint').scopes).toEqual(['audit', 'repo-sync']);
  });

  test('an endpoint shared by all apps needs a secret store shared by all apps', () => {
    const chart = Testing.chart();
    const vault = new FakeComponent(chart, 'vault', 'secretstores.hashicorp.vault', { scopes: ['repo-sync'] });
    new HttpEndpoint(chart, 'e', { baseUrl: 'https://x', secretStore: vault, headers: { token: MetadataValue.fromSecret('github/token', 'token') }, sharedByAllApps: true });
    expect(() => Testing.synth(chart)).toThrow('[test/e] secretStore: "vault" is invalid; allowed: a secret store that every app of this endpoint can load: '
      + 'the endpoint is shared by all apps of the namespace, so share "vault" with all apps too (sharedByAllApps: true), or grant the endpoint only to apps granted "vault"');
  });

  test('a secret store defined elsewhere is taken by name; a component of another kind is refused', () => {
    const chart = Testing.chart();
    const vault = SecretStore.fromName(chart, 'vault', 'vault');
    new HttpEndpoint(chart, 'e', { baseUrl: 'https://x', secretStore: vault, headers: { token: MetadataValue.fromSecret('gh', 'token') }, apps: [new FakeApp(chart, 'sync')] });
    expect(one(chart, 'HTTPEndpoint').auth).toEqual({ secretStore: 'vault' });
    expect(() => new HttpEndpoint(chart, 'f', { baseUrl: 'https://x', secretStore: new FakeComponent(chart, 'redis', 'state.redis'), sharedByAllApps: true }))
      .toThrow('[test/f] secretStore: "redis" is invalid; allowed: a "secretstores.<name>" component (it is "state.redis")');
  });
});
