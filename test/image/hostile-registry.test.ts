import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { basicAuth, fakeServer, FakeServer, tlsTerminating } from './fake-registry';
import { freePort } from './registry';
import { findCredentials } from '../../src/image/credentials';
import { RegistryClient, sha256Digest } from '../../src/image/registry-client';
import { TOKEN_REALMS_ENV } from '../../src/image/registry-origin';

/**
 * A registry that tries to make the client send its credentials elsewhere: an upload Location
 * on another origin, redirects to another origin or down to plain HTTP, token realms on other
 * hosts or over plain HTTP. Credentials go only to the registry's own origin (scheme, host and
 * port), as containerd's authorizer and pusher do (see src/image/registry-origin.ts).
 * Every test is bounded by the timeout given to it.
 */

const USER = 'pusher';
const PASSWORD = 'not-a-real-password-7f3a';
const CREDENTIALS = { username: USER, password: PASSWORD };
const BASIC = basicAuth(USER, PASSWORD);
const BOUND_MS = 10_000;
const NO_ENV = {} as NodeJS.ProcessEnv;

const BLOB = Buffer.from('layer bytes');
const BLOB_DIGEST = sha256Digest(BLOB);
const REPO = 'acme/app';

let servers: FakeServer[] = [];
async function server(handler: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void): Promise<FakeServer> {
  const s = await fakeServer(handler);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/** A registry asking for Basic credentials, then answering with `routes` (path -> handler). */
function basicRegistry(routes: (req: http.IncomingMessage, res: http.ServerResponse) => boolean) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.headers.authorization !== BASIC) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fake"' }).end();
      return;
    }
    if (!routes(req, res)) res.writeHead(404).end();
  };
}

/** No request that any server other than the registry saw carried a credential. */
function expectNoCredentialsAt(other: FakeServer) {
  expect(other.seen.map((r) => r.authorization)).toEqual(other.seen.map(() => undefined));
  for (const r of other.seen) {
    expect(r.url).not.toContain(PASSWORD);
    expect(r.body.toString('latin1')).not.toContain(PASSWORD);
  }
}

describe('a hostile registry on 127.0.0.1', () => {
  test('an upload Location on another port: the blob goes there without the credentials', async () => {
    const other = await server((_req, res) => res.writeHead(201).end());
    const registry = await server(basicRegistry((req, res) => {
      if (req.method === 'HEAD') return !!res.writeHead(404).end();
      if (req.method === 'POST') return !!res.writeHead(202, { Location: `${other.origin}/upload/1?_state=opaque` }).end();
      return false;
    }));
    await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).putBlob(REPO, BLOB_DIGEST, BLOB);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]).toMatchObject({ method: 'PUT', url: `/upload/1?_state=opaque&digest=${encodeURIComponent(BLOB_DIGEST)}` });
    expect(other.seen[0].body).toEqual(BLOB);
    expectNoCredentialsAt(other);
  }, BOUND_MS);

  test('an upload Location on the registry\'s own origin keeps the credentials', async () => {
    const registry = await server(basicRegistry((req, res) => {
      if (req.method === 'HEAD') return !!res.writeHead(404).end();
      if (req.method === 'POST') return !!res.writeHead(202, { Location: `/v2/${REPO}/blobs/uploads/u1` }).end();
      if (req.method === 'PUT') return !!res.writeHead(201).end();
      return false;
    }));
    await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).putBlob(REPO, BLOB_DIGEST, BLOB);
    const put = registry.seen.filter((r) => r.method === 'PUT');
    expect(put.map((r) => r.authorization)).toEqual([BASIC]);
  }, BOUND_MS);

  test.each([301, 302, 303, 307, 308])('a %i redirect of a blob download to another origin is followed without the credentials', async (status) => {
    const other = await server((_req, res) => res.writeHead(200).end(BLOB));
    const registry = await server(basicRegistry((_req, res) => !!res.writeHead(status, { Location: `${other.origin}/storage/blob?X-Signature=s` }).end()));
    expect(await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).getBlob(REPO, BLOB_DIGEST)).toEqual(BLOB);
    expect(other.seen.map((r) => r.method)).toEqual(['GET']);
    expectNoCredentialsAt(other);
  }, BOUND_MS);

  test('a 307 of a manifest upload to another origin: the manifest goes there, the credentials do not', async () => {
    const manifest = Buffer.from('{"schemaVersion":2}');
    const other = await server((_req, res) => res.writeHead(201).end());
    const registry = await server(basicRegistry((_req, res) => !!res.writeHead(307, { Location: `${other.origin}/v2/${REPO}/manifests/1` }).end()));
    await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).putManifest(REPO, '1', 'application/vnd.oci.image.manifest.v1+json', manifest);
    expect(other.seen.map((r) => [r.method, r.body.toString()])).toEqual([['PUT', manifest.toString()]]);
    expectNoCredentialsAt(other);
  }, BOUND_MS);

  test('another origin that answers a redirected request with 401 is not given the credentials', async () => {
    const other = await server((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="phish"' }).end());
    const registry = await server(basicRegistry((_req, res) => !!res.writeHead(307, { Location: `${other.origin}/steal` }).end()));
    await expect(new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).getBlob(REPO, BLOB_DIGEST))
      .rejects.toThrow(`127.0.0.1:${registry.port} sent GET ${REPO} on to ${other.origin}, which asks for authentication; the credentials of 127.0.0.1:${registry.port} are not sent to another origin`);
    expectNoCredentialsAt(other);
  }, BOUND_MS);

  test('a redirect loop ends after 10 hops', async () => {
    const registry: FakeServer = await server((_req, res) => res.writeHead(302, { Location: `/v2/loop/${registry.seen.length}` }).end());
    await expect(new RegistryClient(`127.0.0.1:${registry.port}`, undefined, NO_ENV).getBlob(REPO, BLOB_DIGEST)).rejects.toThrow(/is not followed: more than 10 redirects/);
    expect(registry.seen).toHaveLength(11);
  }, BOUND_MS);

  test('a Bearer realm on another origin over plain HTTP gets nothing', async () => {
    const tokens = await server((_req, res) => res.writeHead(200).end('{"token":"t"}'));
    const registry = await server((_req, res) => res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${tokens.origin}/token",service="fake"` }).end());
    await expect(new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).getBlob(REPO, BLOB_DIGEST))
      .rejects.toThrow(`127.0.0.1:${registry.port} asks for a Bearer token, but its token service ${tokens.origin}/token is not HTTPS and not the registry's own origin`);
    expect(tokens.seen).toEqual([]);
  }, BOUND_MS);

  test('a Bearer realm on the plain-HTTP registry\'s own origin gets the credentials (the registry is an allowed insecure one)', async () => {
    const registry: FakeServer = await server((req, res) => {
      if (req.url!.startsWith('/token')) return void res.writeHead(req.headers.authorization === BASIC ? 200 : 401).end('{"token":"t1"}');
      if (req.headers.authorization !== 'Bearer t1') return void res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${registry.origin}/token"` }).end();
      res.writeHead(200).end(BLOB);
    });
    expect(await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).getBlob(REPO, BLOB_DIGEST)).toEqual(BLOB);
  }, BOUND_MS);
});

describe('a hostile HTTPS registry (TLS played by a stand-in fetch)', () => {
  /** An HTTPS registry "registry.acme.test" whose 401s name `realm`. */
  async function bearerRegistry(realm: string) {
    return server((req, res) => {
      if (req.headers.authorization !== 'Bearer good') return void res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${realm}",service="acme"` }).end();
      res.writeHead(200).end(BLOB);
    });
  }
  const tokenService = () => server((req, res) => res.writeHead(req.headers.authorization === BASIC ? 200 : 401).end('{"token":"good"}'));

  test('a realm over plain HTTP for an HTTPS registry gets nothing, on any host', async () => {
    const tokens = await tokenService();
    for (const realm of [`${tokens.origin}/token`, 'http://registry.acme.test/token']) {
      const registry = await bearerRegistry(realm);
      const client = new RegistryClient('registry.acme.test', CREDENTIALS, NO_ENV, tlsTerminating({ 'registry.acme.test': registry }));
      await expect(client.getBlob(REPO, BLOB_DIGEST)).rejects.toThrow(`its token service ${new URL(realm).origin}/token is not HTTPS and not the registry's own origin`);
    }
    expect(tokens.seen).toEqual([]);
  }, BOUND_MS);

  test('an HTTPS realm on an unrelated host gets no credentials, unless listed in CDK8S_DAPR_REGISTRY_TOKEN_REALMS', async () => {
    const tokens = await tokenService();
    const registry = await bearerRegistry('https://tokens.elsewhere.test/token');
    const transport = tlsTerminating({ 'registry.acme.test': registry, 'tokens.elsewhere.test': tokens });
    await expect(new RegistryClient('registry.acme.test', CREDENTIALS, NO_ENV, transport).getBlob(REPO, BLOB_DIGEST))
      .rejects.toThrow('its token service https://tokens.elsewhere.test/token is on another host, outside the registry\'s domain; '
        + `credentials are not sent there (if it is the registry's token service, list tokens.elsewhere.test in ${TOKEN_REALMS_ENV})`);
    expect(tokens.seen).toEqual([]);
    const listed = new RegistryClient('registry.acme.test', CREDENTIALS, { [TOKEN_REALMS_ENV]: 'tokens.elsewhere.test' }, transport);
    expect(await listed.getBlob(REPO, BLOB_DIGEST)).toEqual(BLOB);
    expect(tokens.seen.map((r) => r.authorization)).toEqual([BASIC]);
  }, BOUND_MS);

  test('an HTTPS realm in the registry\'s parent domain gets the credentials (registry-1.docker.io -> auth.docker.io)', async () => {
    const tokens = await tokenService();
    const registry = await bearerRegistry('https://auth.acme.test/token');
    const client = new RegistryClient('registry.acme.test', CREDENTIALS, NO_ENV, tlsTerminating({ 'registry.acme.test': registry, 'auth.acme.test': tokens }));
    expect(await client.getBlob(REPO, BLOB_DIGEST)).toEqual(BLOB);
    expect(tokens.seen.map((r) => [r.authorization, new URL(r.url, 'https://x').searchParams.getAll('scope')])).toEqual([[BASIC, [`repository:${REPO}:pull`]]]);
  }, BOUND_MS);

  test('without credentials any HTTPS realm may issue an anonymous token', async () => {
    const tokens = await server((_req, res) => res.writeHead(200).end('{"token":"good"}'));
    const registry = await bearerRegistry('https://tokens.elsewhere.test/token');
    const client = new RegistryClient('registry.acme.test', undefined, NO_ENV, tlsTerminating({ 'registry.acme.test': registry, 'tokens.elsewhere.test': tokens }));
    expect(await client.getBlob(REPO, BLOB_DIGEST)).toEqual(BLOB);
    expect(tokens.seen.map((r) => r.authorization)).toEqual([undefined]);
  }, BOUND_MS);

  test('a redirect from HTTPS down to plain HTTP is refused before anything is sent', async () => {
    const other = await server((_req, res) => res.writeHead(200).end(BLOB));
    const registry = await server(basicRegistry((_req, res) => !!res.writeHead(307, { Location: `${other.origin}/blob` }).end()));
    const client = new RegistryClient('registry.acme.test', CREDENTIALS, NO_ENV, tlsTerminating({ 'registry.acme.test': registry }));
    await expect(client.getBlob(REPO, BLOB_DIGEST)).rejects.toThrow(
      `registry.acme.test: the redirect (HTTP 307) of GET https://registry.acme.test/v2/${REPO}/blobs/${BLOB_DIGEST} is not followed: it points from HTTPS to plain HTTP (${other.origin}/blob)`);
    expect(other.seen).toEqual([]);
  }, BOUND_MS);

  test('an upload Location from HTTPS down to plain HTTP is refused', async () => {
    const other = await server((_req, res) => res.writeHead(201).end());
    const registry = await server(basicRegistry((req, res) => {
      if (req.method === 'HEAD') return !!res.writeHead(404).end();
      return !!res.writeHead(202, { Location: `${other.origin}/upload` }).end();
    }));
    const client = new RegistryClient('registry.acme.test', CREDENTIALS, NO_ENV, tlsTerminating({ 'registry.acme.test': registry }));
    await expect(client.putBlob(REPO, BLOB_DIGEST, BLOB)).rejects.toThrow(
      `registry.acme.test started an upload at a Location this client does not follow: it points from HTTPS to plain HTTP (${other.origin}/upload)`);
    expect(other.seen).toEqual([]);
  }, BOUND_MS);

  test('the token service may not redirect a refresh token to another origin', async () => {
    const other = await server((_req, res) => res.writeHead(200).end('{"token":"good"}'));
    const tokens = await server((_req, res) => res.writeHead(307, { Location: 'https://collector.elsewhere.test/token' }).end());
    const registry = await bearerRegistry('https://auth.acme.test/token');
    const client = new RegistryClient('registry.acme.test', { identityToken: 'refresh-secret-9c1' }, NO_ENV,
      tlsTerminating({ 'registry.acme.test': registry, 'auth.acme.test': tokens, 'collector.elsewhere.test': other }));
    await expect(client.getBlob(REPO, BLOB_DIGEST)).rejects.toThrow('is not followed: it leads to another origin, https://collector.elsewhere.test');
    expect(other.seen).toEqual([]);
    expect(tokens.seen.map((r) => r.body.toString())).toEqual([expect.stringContaining('refresh_token=refresh-secret-9c1')]);
  }, BOUND_MS);
});

describe('no secret in an error message', () => {
  test('registry error bodies are reduced to their OCI error codes', async () => {
    const registry = await server(basicRegistry((_req, res) => !!res.writeHead(400, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ errors: [{ code: 'DENIED', message: `bad auth ${BASIC}`, detail: { token: PASSWORD } }] }))));
    const error = await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).getBlob(REPO, BLOB_DIGEST).catch((e) => e);
    expect(error.message).toBe(`127.0.0.1:${registry.port}: fetching blob ${BLOB_DIGEST} of ${REPO} failed with HTTP 400 (DENIED)`);
  }, BOUND_MS);

  test('a token service answering with something other than JSON is not quoted', async () => {
    const registry: FakeServer = await server((req, res) => {
      if (req.url!.startsWith('/token')) return void res.writeHead(200).end(`<html>${PASSWORD}</html>`);
      res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="${registry.origin}/token"` }).end();
    });
    const error = await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).getBlob(REPO, BLOB_DIGEST).catch((e) => e);
    expect(error.message).toBe(`the token service of 127.0.0.1:${registry.port} answered with something other than JSON`);
  }, BOUND_MS);

  test('an unknown authentication scheme is named, not the whole challenge', async () => {
    const registry = await server((_req, res) => res.writeHead(401, { 'WWW-Authenticate': `Negotiate ${PASSWORD}` }).end());
    const error = await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).getBlob(REPO, BLOB_DIGEST).catch((e) => e);
    expect(error.message).toBe(`127.0.0.1:${registry.port} asks for the authentication scheme "negotiate"; this client speaks Basic and Bearer`);
  }, BOUND_MS);

  test('an unreachable registry is named by origin and path, without the query of a signed URL', async () => {
    const closed = await freePort();
    const registry = await server(basicRegistry((req, res) => {
      if (req.method === 'HEAD') return !!res.writeHead(404).end();
      return !!res.writeHead(202, { Location: `http://127.0.0.1:${closed}/upload?X-Amz-Signature=secret-signature` }).end();
    }));
    const error = await new RegistryClient(`127.0.0.1:${registry.port}`, CREDENTIALS, NO_ENV).putBlob(REPO, BLOB_DIGEST, BLOB).catch((e) => e);
    expect(error.message).toBe(`registry 127.0.0.1:${registry.port} is not reachable (ECONNREFUSED) at http://127.0.0.1:${closed}/upload`);
  }, BOUND_MS);
});

describe('credentials from a hostile docker config', () => {
  const withConfig = (config: string, run: (env: NodeJS.ProcessEnv) => void) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docker-config-'));
    try {
      fs.writeFileSync(path.join(dir, 'config.json'), config);
      run({ DOCKER_CONFIG: dir, HOME: '/nonexistent' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  test('a config that is not JSON is named without quoting it (it holds credentials)', () => {
    withConfig(`{"auths": {"registry.acme.test": {"auth": "${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}"}}, oops`, (env) => {
      let message = '';
      try {
        findCredentials('registry.acme.test', false, env);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toBe(`the docker config ${path.join(env.DOCKER_CONFIG!, 'config.json')} is not valid JSON`);
    });
  });

  test('a credential helper name that is a path is refused, not run', () => {
    withConfig(JSON.stringify({ credHelpers: { 'registry.acme.test': '../../../tmp/evil' } }), (env) => {
      expect(() => findCredentials('registry.acme.test', false, env))
        .toThrow('the docker config names a credential helper "docker-credential-<name>" whose name is not letters, digits, ".", "_" and "-"');
    });
  });
});
