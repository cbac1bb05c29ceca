import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import {
  Component, Configuration, DaprApp, DaprAppProps, DaprControlPlane, HttpEndpoint, JwksSource, McpServer, McpTransport, MetadataValue, StateStore,
  TlsDocument, TokenValidator, TracingProtocol, TrustBundle,
} from '../../src';
import { containsPrivateKey, credentialInValue, isCredentialName } from '../../src/core/credentials';
import { showValue, validationMessage } from '../../src/core/validation';

/**
 * Property-based tests of the credential detector (issue 13, classes 3b, 3c and 4): generated
 * credential names in every spelling are found, names that only describe a credential are not,
 * private keys are found in every PEM variant, and a random secret placed in any
 * credential-bearing prop never appears in an error message or in the synthesized YAML.
 */
const SEED = 1313;
const RUNS = { seed: SEED, numRuns: 300 };

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** Words of credential names, each a credential by itself or with its qualifier. */
const CREDENTIAL_CORES: string[][] = [
  ['password'], ['passwd'], ['pwd'], ['passphrase'], ['secret'], ['token'], ['credentials'], ['api', 'key'], ['access', 'key'], ['secret', 'key'],
  ['private', 'key'], ['client', 'secret'], ['account', 'key'], ['connection', 'string'], ['sas', 'token'], ['tls', 'key'], ['subscription', 'key'],
  ['functions', 'key'], ['signing', 'key'], ['auth', 'token'], ['dsn'], ['master', 'key'], ['shared', 'key'], ['session', 'token'],
];
/** Words that qualify a name without changing what it holds. */
const QUALIFIERS = ['db', 'redis', 'my', 'app', 'x', 'azure', 'aws', 'sentinel', 'kafka', 'main', 'primary', 'ocp', 'apim', 'github', 'service'];
/** Last words that make a name describe a credential instead of holding one. */
const DESCRIPTORS = ['name', 'file', 'path', 'ref', 'url', 'audience', 'scope', 'header', 'store', 'ttl', 'timeout', 'type', 'length', 'mount', 'env'];
/** Words that never make a name a credential. */
const BENIGN = ['host', 'port', 'region', 'topic', 'queue', 'partition', 'key', 'prefix', 'timeout', 'level', 'log', 'mode', 'public', 'object',
  'max', 'retries', 'table', 'user', 'name', 'id', 'url', 'enable', 'tls', 'cert', 'consumer', 'group', 'keep', 'alive', 'monkey'];

/** Joins words the ways names are spelled: camelCase, PascalCase, snake, SCREAMING_SNAKE, kebab, Train-Case, dotted. */
const spelled = (words: fc.Arbitrary<string[]>) => fc.tuple(words, fc.integer({ min: 0, max: 6 })).map(([ws, style]) => {
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  switch (style) {
    case 0: return ws.map((w, i) => (i === 0 ? w : cap(w))).join('');
    case 1: return ws.map(cap).join('');
    case 2: return ws.join('_');
    case 3: return ws.join('_').toUpperCase();
    case 4: return ws.join('-');
    case 5: return ws.map(cap).join('-');
    default: return ws.join('.');
  }
});
const qualifiers = fc.array(fc.constantFrom(...QUALIFIERS), { maxLength: 2 });
const digits = fc.oneof(fc.constant([] as string[]), fc.integer({ min: 1, max: 9 }).map((d) => [String(d)]));

/** A name that holds a credential: qualifiers, a credential core, an optional digit. */
const credentialName = spelled(fc.tuple(qualifiers, fc.constantFrom(...CREDENTIAL_CORES), digits).map(([q, core, d]) => [...q, ...core, ...d]));
/** A name that describes a credential: the same, with a descriptor last (`redisPasswordFile`). */
const describingName = spelled(fc.tuple(qualifiers, fc.constantFrom(...CREDENTIAL_CORES), fc.constantFrom(...DESCRIPTORS))
  .map(([q, core, d]) => [...q, ...core, d]));
/** A name of benign words only (a lone "key" is a credential: `key` of the conversation components). */
const benignName = spelled(fc.array(fc.constantFrom(...BENIGN), { minLength: 1, maxLength: 4 }).filter((ws) => ws.join() !== 'key'));

describe('credential names (fast-check)', () => {
  test('names that hold a credential are found in every spelling', () => {
    fc.assert(fc.property(credentialName, (name) => isCredentialName(name)), RUNS);
  });

  test('names that describe a credential, and benign names, are not', () => {
    fc.assert(fc.property(describingName, (name) => !isCredentialName(name)), RUNS);
    fc.assert(fc.property(benignName, (name) => !isCredentialName(name)), RUNS);
  });
});

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** A secret: random, long enough never to occur in a message by chance. */
const secret = fc.stringMatching(/^[A-Za-z0-9+/_-]{16,40}$/).filter((s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s));
const PRIVATE_KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'PGP PRIVATE KEY BLOCK'];
const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n';

/** A document holding a private key whose body is `body`: any label, before or after a certificate, any line ends, maybe base64. */
const privateKeyDocument = (body: fc.Arbitrary<string>) => fc.record({
  label: fc.constantFrom(...PRIVATE_KEY_LABELS),
  body,
  withCert: fc.constantFrom('none', 'before', 'after'),
  newline: fc.constantFrom('\n', '\r\n', '\\n'),
  base64: fc.boolean(),
}).map(({ label, body: b, withCert, newline, base64 }) => {
  const key = `-----BEGIN ${label}-----${newline}${b}${newline}-----END ${label}-----${newline}`;
  const doc = withCert === 'before' ? CERTIFICATE + key : withCert === 'after' ? key + CERTIFICATE : key;
  return { doc: base64 ? Buffer.from(doc).toString('base64') : doc, body: b, base64 };
});

describe('credential values (fast-check)', () => {
  test('a private key is found in every PEM variant, and never shown', () => {
    fc.assert(fc.property(privateKeyDocument(secret), ({ doc, body, base64 }) => {
      expect(containsPrivateKey(doc)).toBe(true);
      const shown = showValue(doc) + validationMessage('x', 'anything', doc, 'a certificate');
      expect(shown).not.toContain(body);
      if (base64) expect(shown).not.toContain(doc.slice(0, 24));
    }), RUNS);
  });

  test('a URL or connection string with a password is found, and never shown', () => {
    const withPassword = fc.tuple(secret, fc.constantFrom(
      (s: string) => `redis://default:${s}@redis:6379/0`,
      (s: string) => `amqps://app:${s}@broker.example/vhost`,
      (s: string) => `host=db user=app password=${s} dbname=app`,
      (s: string) => `Server=db;User Id=app;Password=${s};`,
      (s: string) => `DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${s};EndpointSuffix=core.windows.net`,
    ));
    fc.assert(fc.property(withPassword, ([s, make]) => {
      const value = make(s);
      expect(credentialInValue(value)).toBeDefined();
      expect(showValue({ note: value, list: [value] }) + validationMessage('x', 'p', value, 'x')).not.toContain(s);
    }), RUNS);
  });
});

// ---------------------------------------------------------------------------------------------
// Every credential-bearing prop
// ---------------------------------------------------------------------------------------------

const IMAGE = 'ghcr.io/acme/api:1.0.0';

/**
 * One way to put a secret into a prop. `name` is the entry's name where the prop is a map; the
 * value is the secret itself, or a document or URL carrying it. `optOut` lists `name` in the
 * prop's `allowPlaintextSecrets`; `noise` adds an unrelated invalid setting to the same construct,
 * so that a check running before the credential check would have the chance to show the secret.
 */
interface Placement {
  readonly where: string;
  readonly build: (chart: Chart, name: string, value: string, optOut: boolean, noise: boolean) => void;
  /** Whether the opt-out can accept it (a private key in a certificate field never is). */
  readonly canOptOut: boolean;
  /** Whether `name` matters (a map entry), or the value alone carries the credential. */
  readonly named: boolean;
}

const meta = (v: string) => MetadataValue.fromString(v);
const app = (chart: Chart, props: Partial<DaprAppProps>) => new DaprApp(chart, 'api', { appId: 'api', appPort: 8000, image: IMAGE, ...props } as DaprAppProps);

const PLACEMENTS: Placement[] = [
  {
    where: 'generic component metadata',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => new Component(c, 'c', {
      type: 'bindings.custom',
      metadata: { [name]: meta(value), ...(noise ? { 'bad key': meta('x') } : {}) },
      allowPlaintextSecrets: optOut ? [name] : undefined,
      sharedByAllApps: true,
    }),
  },
  {
    where: 'typed component props',
    named: false,
    canOptOut: true,
    build: (c, _name, value, optOut, noise) => StateStore.redis(c, 's', {
      redisHost: noise ? '' : 'redis:6379',
      redisPassword: meta(value),
      redisDB: noise ? 1.5 : undefined,
      allowPlaintextSecrets: optOut ? ['redisPassword'] : undefined,
      sharedByAllApps: true,
    }),
  },
  {
    where: 'sidecarEnv',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => app(c, {
      sidecarEnv: { [name.replace(/[^A-Za-z0-9_]/g, '_')]: value, ...(noise ? { A: 'x,B=y' } : {}) },
      appHealthCheck: noise ? { probeTimeoutMillis: 10_000 } : undefined,
      allowPlaintextSecrets: optOut ? [name.replace(/[^A-Za-z0-9_]/g, '_')] : undefined,
    }),
  },
  {
    where: 'injected container env',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => new Component(c, 'my-store', {
      type: 'state.my-store',
      sharedByAllApps: true,
      injectedContainer: {
        image: noise ? 'not an image' : IMAGE,
        env: { [name.replace(/[^A-Za-z0-9_]/g, '_')]: value },
        allowPlaintextSecrets: optOut ? [name.replace(/[^A-Za-z0-9_]/g, '_')] : undefined,
      },
    }),
  },
  {
    where: 'HTTPEndpoint headers',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => new HttpEndpoint(c, 'e', {
      baseUrl: noise ? 'http://api.example.com' : 'https://api.example.com',
      headers: { [name]: meta(value) },
      allowPlaintextSecrets: optOut ? [name] : undefined,
      sharedByAllApps: true,
    }),
  },
  {
    where: 'MCP stdio env',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => new McpServer(c, 'm', {
      transport: McpTransport.stdio({ command: noise ? ' ' : 'srv', env: { [name]: meta(value) }, allowPlaintextSecrets: optOut ? [name] : undefined }),
      sharedByAllApps: true,
    }),
  },
  {
    where: 'MCP stdio args',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => new McpServer(c, 'm', {
      transport: McpTransport.stdio({
        command: 'srv', args: noise ? ['--verbose', `--${name}`, value] : [`--${name}=${value}`], allowPlaintextSecrets: optOut ? [name] : undefined,
      }),
      sharedByAllApps: true,
    }),
  },
  {
    where: 'injected container args',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => new Component(c, 'my-store', {
      type: 'state.my-store',
      sharedByAllApps: true,
      injectedContainer: { image: IMAGE, args: [`--${name}=${value}`], allowPlaintextSecrets: optOut ? [name] : undefined, name: noise ? 'Bad_Name' : undefined },
    }),
  },
  {
    where: 'MCP HTTP headers',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => new McpServer(c, 'm', {
      transport: McpTransport.sse({ url: 'https://mcp.example.com', headers: { [name]: meta(value) }, allowPlaintextSecrets: optOut ? [name] : undefined, protocolVersion: noise ? 'v1' : undefined }),
      sharedByAllApps: true,
    }),
  },
  {
    where: 'tracing headers',
    named: true,
    canOptOut: true,
    build: (c, name, value, optOut, noise) => new Configuration(c, 'c', {
      tracing: {
        samplingRate: noise ? 2 : 1,
        otel: { endpointAddress: 'otel:4317', protocol: TracingProtocol.GRPC, headers: { [name]: meta(value) }, allowPlaintextSecrets: optOut ? [name] : undefined },
      },
      sharedByAllApps: true,
    } as any),
  },
];

/** Certificate fields: the value is a document holding a private key; never accepted. */
const CERTIFICATE_FIELDS: [string, (chart: Chart, doc: string, noise: boolean) => void][] = [
  ['HTTPEndpoint clientTls.rootCa', (c, doc, noise) => new HttpEndpoint(c, 'e', {
    baseUrl: 'https://api.example.com', clientTls: { rootCa: TlsDocument.fromPem(doc), certificate: noise ? TlsDocument.fromPem(CERTIFICATE) : undefined }, sharedByAllApps: true,
  })],
  ['trust anchors', (c, doc, noise) => new DaprControlPlane(c, 'dapr', { trustBundle: TrustBundle.fromExistingSecret({ rootCertificatePem: doc }), metricsPort: noise ? 3500 : undefined })],
  ['token validator CA', (c, doc, noise) => new Configuration(c, 'daprsystem', {
    name: 'daprsystem',
    namespace: 'dapr-system',
    mtls: { tokenValidators: [TokenValidator.jwks({ source: noise ? JwksSource.fromFile('/jwks.json') : JwksSource.fromUrl('https://idp.example/jwks'), caCertificate: doc })] },
  } as any)],
  ['component metadata', (c, doc) => new Component(c, 'c', { type: 'bindings.custom', metadata: { caPem: meta(doc) }, sharedByAllApps: true })],
];

/** Synthesizes what `build` adds; returns the YAML, or the error message. */
function outcome(build: (chart: Chart) => void): { yaml?: string; error?: string } {
  const chart = Testing.chart();
  try {
    build(chart);
    return { yaml: Testing.synth(chart).map((o) => YAML.stringify(o)).join('---\n') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('a secret in any credential-bearing prop never reaches a message or the output (fast-check)', () => {
  test('by name or by value, with and without other invalid settings', () => {
    const value = fc.tuple(secret, fc.constantFrom<'bare' | 'url' | 'pair'>('bare', 'url', 'pair'))
      .map(([s, shape]) => ({ s, value: shape === 'bare' ? s : shape === 'url' ? `redis://app:${s}@redis:6379` : `host=db password=${s}` }));
    const arb = fc.record({
      placement: fc.constantFrom(...PLACEMENTS),
      credentialNamed: fc.boolean(),
      name: credentialName,
      benign: benignName.filter((n) => !isCredentialName(n)),
      value,
      optOut: fc.boolean(),
      noise: fc.boolean(),
    });
    let refused = 0, accepted = 0;
    fc.assert(fc.property(arb, ({ placement, credentialNamed, name, benign, value: { s, value: v }, optOut, noise }) => {
      // a bare secret under a benign name is not detectable: the name or the value must say credential
      const entry = credentialNamed || !placement.named ? name : benign;
      const shown = credentialNamed || !placement.named ? v : (v === s ? `redis://app:${s}@redis:6379` : v);
      const result = outcome((c) => placement.build(c, entry, shown, optOut && placement.canOptOut, noise));
      if (result.error !== undefined) {
        refused++;
        expect(result.error).not.toContain(s);
      } else {
        accepted++;
        // only an explicit opt-out writes a credential into the output, and then only with no other error
        expect(optOut && placement.canOptOut).toBe(true);
        expect(result.yaml).toContain(s);
      }
      if (!(optOut && placement.canOptOut)) expect(result.error).toBeDefined();
    }), { seed: SEED, numRuns: 400 });
    expect(refused).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  });

  test('a private key in a certificate field is refused, whatever else is wrong, and no part of it is shown', () => {
    fc.assert(fc.property(fc.constantFrom(...CERTIFICATE_FIELDS), privateKeyDocument(secret), fc.boolean(), ([, build], { doc, body }, noise) => {
      const result = outcome((c) => build(c, doc, noise));
      expect(result.error).toBeDefined();
      expect(result.error).not.toContain(body);
      expect(result.error).not.toContain(doc.slice(0, 40));
    }), { seed: SEED, numRuns: 200 });
  });
});
