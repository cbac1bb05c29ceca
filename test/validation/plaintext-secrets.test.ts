import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import {
  Component, Configuration, DaprApp, DaprAppProps, DaprControlPlane, DaprImage, DaprLocalRun, HttpEndpoint, ImageFile, ImageSource, JwksSource,
  ImageBuilder, McpServer, McpTransport, MetadataValue, SecretStore, StateStore, TlsDocument, TokenValidator, TrustBundle,
} from '../../src';

/**
 * Every place a secret can travel refuses a plaintext credential, found by its name or its
 * value through the one detector, with the one opt-out `allowPlaintextSecrets`; and no message
 * shows the value.
 */

const SECRET = 'hunter2-Zq9';
const KEY_PEM = '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----\n';
const CERT_PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n';
const IMAGE = 'ghcr.io/acme/api:1.0.0';

/** The error `build` throws (at construction or synth), checked to name `prop` and never to show `secret`. */
function refusal(build: (chart: Chart) => void, secret: string = SECRET): string {
  const chart = Testing.chart();
  try {
    build(chart);
    Testing.synth(chart);
  } catch (e) {
    const message = (e as Error).message;
    expect(message).not.toContain(secret);
    return message;
  }
  throw new Error('expected a refusal');
}

function app(chart: Chart, props: Partial<DaprAppProps>) {
  return new DaprApp(chart, 'api', { appId: 'api', appPort: 8000, image: IMAGE, ...props } as DaprAppProps);
}

describe('component metadata', () => {
  test.each(['password2', 'pwd', 'passwd', 'tlsKey', 'privateKeyPem', 'serviceAccountJson', 'clientSecretValue'])(
    'on a type without a table, %s is a credential', (key) => {
      expect(refusal((c) => new Component(c, 'c', { type: 'bindings.custom', metadata: { [key]: MetadataValue.fromString(SECRET) }, sharedByAllApps: true })))
        .toContain(`metadata.${key}: <redacted: 11 characters> is invalid; allowed: a secret reference`);
    });

  test('a typed table\'s field the table does not mark is sensitive by its name too', () => {
    // vaultToken is not marked sensitive in the vault table; it is a token
    expect(refusal((c) => new Component(c, 'v', { type: 'secretstores.hashicorp.vault', metadata: { vaultToken: MetadataValue.fromString(SECRET) }, sharedByAllApps: true })))
      .toContain('metadata.vaultToken: <redacted: 11 characters> is invalid');
  });

  test('a private key or a URL with a password is refused under any key', () => {
    expect(refusal((c) => SecretStore.vault(c, 'v', { vaultAddr: 'https://vault:8200', caPem: KEY_PEM, vaultTokenMountPath: '/t', sharedByAllApps: true }), 'MIIFHDBO'))
      .toMatch(/metadata.caPem: <redacted: \d+ characters, PEM ENCRYPTED PRIVATE KEY> is invalid; allowed: .*the value holds a private key/);
    expect(refusal((c) => new Component(c, 'q', { type: 'pubsub.mqtt3', metadata: { url: MetadataValue.fromString(`tcp://app:${SECRET}@mqtt:1883`) }, sharedByAllApps: true })))
      .toContain('metadata.url: <redacted: 31 characters> is invalid; allowed: a secret reference, MetadataValue.fromSecret(name, key) or MetadataValue.fromEnv(variable) ("url" names a credential); or, to accept the plaintext on purpose, list "url" in allowPlaintextSecrets');
  });

  test('the opt-out accepts what it names, and nothing it does not need', () => {
    const chart = Testing.chart();
    new Component(chart, 'q', {
      type: 'pubsub.my-pluggable-mqtt',
      metadata: { url: MetadataValue.fromString('tcp://dev:dev@mqtt:1883'), password2: MetadataValue.fromString('dev') },
      allowPlaintextSecrets: ['url', 'password2'],
      sharedByAllApps: true,
    });
    expect(Testing.synth(chart)[0].spec.metadata).toEqual([{ name: 'password2', value: 'dev' }, { name: 'url', value: 'tcp://dev:dev@mqtt:1883' }]);
    expect(refusal((c) => StateStore.redis(c, 'r', { redisHost: 'redis:6379', allowPlaintextSecrets: ['redisPassword'], sharedByAllApps: true })))
      .toContain('allowPlaintextSecrets: "redisPassword" is invalid; allowed: only names of the metadata of state.redis with a plaintext value refused as a credential (there are none)');
  });
});

describe('sidecar environment', () => {
  test.each(['DB_PASS', 'PWD', 'DSN', 'DATABASE_URL', 'AZURE_STORAGE_CONNECTION_STRING', 'GITHUB_TOKEN'])('%s is a credential', (name) => {
    expect(refusal((c) => app(c, { sidecarEnv: { [name]: SECRET } })))
      .toContain(`sidecarEnv.${name}: <redacted: 11 characters> is invalid; allowed: a variable that is not a credential: take "${name}" from a Secret with sidecarEnvFromSecret`);
  });

  test('a whole env map is never shown: a bad entry is reported alone, after the credential check', () => {
    const message = refusal((c) => app(c, { sidecarEnv: { A: 'x,B=y', REGION: `eu-${SECRET}` } }));
    expect(message).toContain('sidecarEnv.A: "x,B=y" is invalid');
    const annotations = refusal((c) => app(c, { networking: { serviceAnnotations: { 'bad key': 'x', 'note': `redis://u:${SECRET}@r` } } }));
    expect(annotations).toContain('networking.serviceAnnotations: "bad key" is invalid; allowed: Kubernetes annotation keys');
  });

  test('one opt-out name, the former one still read', () => {
    for (const optOut of [{ allowPlaintextSecrets: ['DB_PASS'] }, { allowPlaintextSecretEnv: ['DB_PASS'] }]) {
      const chart = Testing.chart();
      app(chart, { sidecarEnv: { DB_PASS: 'dev' }, ...optOut });
      expect(Testing.synth(chart).find((o) => o.kind === 'Deployment').spec.template.metadata.annotations['dapr.io/env']).toBe('DB_PASS=dev');
    }
  });
});

describe('injected component container', () => {
  const container = (env: { [k: string]: string }, extra: object = {}) => (c: Chart) =>
    new Component(c, 'my-store', { type: 'state.my-store', sharedByAllApps: true, injectedContainer: { image: IMAGE, env, ...extra } });

  test('credential env is refused, and never shown in the annotation error', () => {
    expect(refusal(container({ API_KEY: SECRET })))
      .toContain('injectedContainer.env.API_KEY: <redacted: 11 characters> is invalid; allowed: a variable that is not a credential: take "API_KEY" from a Secret with injectedContainer.envFromSecret');
    expect(refusal(container({ CONFIG: KEY_PEM }), 'MIIFHDBO')).toContain('injectedContainer.env.CONFIG: <redacted');
  });

  test('envFromSecret reads it from a Secret; the opt-out accepts plaintext on purpose', () => {
    const chart = Testing.chart();
    container({ LOG: 'debug', DEV_TOKEN: 'dev' }, { envFromSecret: { API_KEY: { secretName: 'store-creds', key: 'api-key' } }, allowPlaintextSecrets: ['DEV_TOKEN'] })(chart);
    const spec = JSON.parse(Testing.synth(chart)[0].metadata.annotations['dapr.io/component-container']);
    expect(spec.env).toEqual([
      { name: 'API_KEY', valueFrom: { secretKeyRef: { name: 'store-creds', key: 'api-key' } } },
      { name: 'DEV_TOKEN', value: 'dev' },
      { name: 'LOG', value: 'debug' },
    ]);
    expect(refusal(container({ LOG: 'debug' }, { allowPlaintextSecrets: ['LOG'] })))
      .toContain('injectedContainer.allowPlaintextSecrets: "LOG" is invalid; allowed: only names of variables of injectedContainer.env (or flags of its args) with a plaintext value refused as a credential (there are none)');
  });
});

describe('HTTP endpoint and MCP server', () => {
  test.each(['Ocp-Apim-Subscription-Key', 'x-functions-key', 'x-api-key', 'Authorization', 'X-Access-Key'])('header %s is a credential', (header) => {
    expect(refusal((c) => new HttpEndpoint(c, 'e', { baseUrl: 'https://api.example.com', headers: { [header]: MetadataValue.fromString(SECRET) }, sharedByAllApps: true })))
      .toContain(`headers.${header}: <redacted: 11 characters> is invalid; allowed: MetadataValue.fromSecret(name, key) or MetadataValue.fromEnv(variable)`);
  });

  test('client TLS certificates may not carry a private key; base URLs may not carry credentials', () => {
    for (const field of ['rootCa', 'certificate'] as const) {
      expect(refusal((c) => new HttpEndpoint(c, 'e', {
        baseUrl: 'https://api.example.com',
        sharedByAllApps: true,
        clientTls: { [field]: TlsDocument.fromPem(CERT_PEM + KEY_PEM), ...(field === 'certificate' ? { privateKey: TlsDocument.fromSecret('tls', 'tls.key') } : {}) },
      }), 'MIIFHDBO')).toMatch(new RegExp(`clientTls.${field}: <redacted: \\d+ characters, PEM CERTIFICATE, ENCRYPTED PRIVATE KEY> is invalid; allowed: PEM certificates only, never a private key`));
    }
    expect(refusal((c) => new HttpEndpoint(c, 'e', { baseUrl: `https://bot:${SECRET}@api.example.com`, sharedByAllApps: true })))
      .toContain('baseUrl: <redacted: 39 characters> is invalid; allowed: a URL without credentials');
  });

  test('MCP stdio env and HTTP headers', () => {
    expect(refusal((c) => new McpServer(c, 'm', { transport: McpTransport.stdio({ command: 'srv', env: { DB_PASS: MetadataValue.fromString(SECRET) } }), sharedByAllApps: true })))
      .toContain('endpoint.stdio.env.DB_PASS: <redacted: 11 characters> is invalid');
    expect(refusal((c) => new McpServer(c, 'm', {
      transport: McpTransport.streamableHttp({ url: 'https://mcp.example.com', headers: { 'x-functions-key': MetadataValue.fromString(SECRET) } }), sharedByAllApps: true,
    }))).toContain('endpoint.streamableHTTP.headers.x-functions-key: <redacted: 11 characters> is invalid');
  });
});

describe('command-line arguments', () => {
  test('MCP stdio and injected container args may not carry a credential; the opt-out names the flag', () => {
    for (const args of [['--api-key', SECRET], [`--api-key=${SECRET}`], ['--db', `postgres://app:${SECRET}@db/app`]]) {
      expect(refusal((c) => new McpServer(c, 'm', { transport: McpTransport.stdio({ command: 'srv', args }), sharedByAllApps: true })))
        .toMatch(/endpoint\.stdio\.args\[\d\]: <redacted: \d+ characters> is invalid; allowed: an argument that is not a credential/);
    }
    expect(refusal((c) => new Component(c, 'my-store', { type: 'state.my-store', sharedByAllApps: true, injectedContainer: { image: IMAGE, args: ['--token', SECRET] } })))
      .toContain('injectedContainer.args[1]: <redacted: 11 characters> is invalid; allowed: an argument that is not a credential: pass it in envFromSecret (the argument holds a credential); or, to accept the plaintext on purpose, list "token" in allowPlaintextSecrets');
    const chart = Testing.chart();
    new McpServer(chart, 'm', { transport: McpTransport.stdio({ command: 'srv', args: ['--log-level', 'debug', '--api-key=dev'], allowPlaintextSecrets: ['api-key'] }), sharedByAllApps: true });
    expect(Testing.synth(chart)[0].spec.endpoint.stdio.args).toEqual(['--log-level', 'debug', '--api-key=dev']);
  });
});

describe('certificates and trust anchors', () => {
  test('a trust anchor with a private key is refused before its format is checked, and no part of it is shown', () => {
    const message = refusal((c) => new DaprControlPlane(c, 'dapr', { trustBundle: TrustBundle.fromExistingSecret({ rootCertificatePem: KEY_PEM }) }), 'MIIFHDBO');
    expect(message).toMatch(/trustBundle.rootCertificatePem: <redacted: \d+ characters, PEM ENCRYPTED PRIVATE KEY> is invalid; allowed: PEM certificates only, never a private key/);
  });

  test('a token validator\'s CA with a private key is refused before any other check shows it', () => {
    const message = refusal((c) => new Configuration(c, 'daprsystem', {
      name: 'daprsystem',
      namespace: 'dapr-system',
      mtls: { tokenValidators: [TokenValidator.jwks({ source: JwksSource.fromFile('/jwks.json'), caCertificate: KEY_PEM })] },
    } as any), 'MIIFHDBO');
    expect(message).toMatch(/caCertificate: <redacted: \d+ characters, PEM ENCRYPTED PRIVATE KEY> is invalid; allowed: a CA certificate, never a private key/);
  });
});

describe('images and the local run file', () => {
  let tmp: string;
  beforeAll(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dapr-secrets-')); });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('image env and build args are readable by anyone who pulls the image', () => {
    expect(refusal((c) => new DaprImage(c, 'i', {
      repository: 'registry.example.com/acme/daprd',
      buildOnSynth: false,
      cacheFile: path.join(tmp, 'images.json'),
      source: ImageSource.fromFiles({ files: [ImageFile.fromString('x', '/x')], env: { NPM_TOKEN: SECRET } }),
    }))).toContain('source.env.NPM_TOKEN: <redacted: 11 characters> is invalid; allowed: a variable that is not a credential');
    fs.writeFileSync(path.join(tmp, 'Dockerfile'), 'FROM scratch\n');
    expect(refusal((c) => new DaprImage(c, 'd', {
      repository: 'registry.example.com/acme/daprd',
      buildOnSynth: false,
      cacheFile: path.join(tmp, 'images.json'),
      source: ImageSource.fromDockerfile(tmp, { buildArgs: { GITHUB_TOKEN: SECRET } }),
    }))).toContain('source.buildArgs.GITHUB_TOKEN: <redacted: 11 characters> is invalid; allowed: an argument that is not a credential');
  });

  test('a failed build shows neither build argument values nor credentials in the tool\'s output', () => {
    fs.writeFileSync(path.join(tmp, 'Dockerfile'), 'FROM scratch\n');
    const runner = {
      exists: () => true,
      run: () => ({
        exitCode: 1,
        stdout: '',
        stderr: `pulling https://bot:${SECRET}@registry.example.com/v2/base\nAuthorization: Bearer ${SECRET}.sig\n{"token":"${SECRET}"}\nerror: denied`,
      }),
    };
    const message = refusal((c) => new DaprImage(c, 'd', {
      repository: 'registry.example.com/acme/daprd',
      buildOnSynth: true,
      cacheFile: path.join(tmp, 'images.json'),
      commandRunner: runner,
      source: ImageSource.fromDockerfile(tmp, { builder: ImageBuilder.DOCKER, buildArgs: { DEV_TOKEN: SECRET }, allowPlaintextSecrets: ['DEV_TOKEN'] }),
    }));
    expect(message).toContain('--build-arg DEV_TOKEN=(value not shown)');
    expect(message).toContain('error: denied');
  });

  test('the local run file', () => {
    const cdk8sApp = Testing.app();
    const chart = new Chart(cdk8sApp, 'c');
    app(chart, {});
    expect(() => new DaprLocalRun(cdk8sApp, 'local', { apps: { api: { env: { DB_PASSWORD: SECRET } } } }))
      .toThrow('apps.api.env.DB_PASSWORD: <redacted: 11 characters> is invalid; allowed: a variable that is not a credential: export "DB_PASSWORD"');
    const ok = new App();
    app(new Chart(ok, 'c'), {});
    new DaprLocalRun(ok, 'local', { apps: { api: { env: { DB_PASSWORD: 'dev' }, allowPlaintextSecrets: ['DB_PASSWORD'] } } });
  });
});
