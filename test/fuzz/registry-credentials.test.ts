import * as http from 'http';
import * as fc from 'fast-check';
import { RegistryClient, RegistryError, sha256Digest } from '../../src/image/registry-client';
import { hopProblem, mayCarryCredentials, TOKEN_REALMS_ENV, tokenRealmProblem } from '../../src/image/registry-origin';
import { basicAuth, fakeServer, FakeServer } from '../image/fake-registry';

/**
 * Issue 13, class 1: registry credentials never leave the registry's origin. Generated URLs
 * check the origin rules; generated redirect chains and upload Locations, played by servers on
 * 127.0.0.1 (other ports = other origins), check that no other origin ever sees a credential.
 */

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 42;
const runs = (n: number) => (process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : n);
jest.setTimeout(120_000);

const HOSTS = ['registry.acme.test', 'REGISTRY.acme.test', 'auth.acme.test', 'acme.test', 'evil.test', 'registry.acme.test.evil.test', '127.0.0.1', '127.0.0.2', '[::1]'];
const scheme = fc.constantFrom('http', 'https');
const port = fc.option(fc.constantFrom(80, 443, 5000, 5001), { nil: undefined });
const url = fc.record({ scheme, host: fc.constantFrom(...HOSTS), port, path: fc.constantFrom('/', '/v2/x/blobs/uploads/1', '/token') })
  .map((u) => new URL(`${u.scheme}://${u.host}${u.port !== undefined ? `:${u.port}` : ''}${u.path}`));

/** Scheme, lower-case host and effective port: the origin, computed without URL.origin. */
function originParts(u: URL): string {
  const effectivePort = u.port !== '' ? u.port : u.protocol === 'https:' ? '443' : '80';
  return `${u.protocol}//${u.hostname.toLowerCase()}:${effectivePort}`;
}

describe('credential origin rules (fast-check)', () => {
  test('credentials go to a URL exactly when scheme, host and port are the registry\'s', () => {
    fc.assert(fc.property(url, url, (registry, target) => {
      expect(mayCarryCredentials(registry, target)).toBe(originParts(registry) === originParts(target));
    }), { seed: SEED, numRuns: runs(2000) });
  });

  test('a redirect or Location never leads from HTTPS down to plain HTTP', () => {
    fc.assert(fc.property(url, url, (from, to) => {
      const problem = hopProblem(from, to);
      if (from.protocol === 'https:' && to.protocol === 'http:') expect(problem).toMatch(/from HTTPS to plain HTTP/);
      else expect(problem).toBeUndefined();
    }), { seed: SEED, numRuns: runs(1000) });
  });

  test('a token realm: plain HTTP only on the registry\'s own origin; credentials only within its host or parent domain, or when listed', () => {
    fc.assert(fc.property(url, url, fc.boolean(), fc.boolean(), (registry, realm, withCredentials, listed) => {
      const env = listed ? { [TOKEN_REALMS_ENV]: realm.host } : {};
      const problem = tokenRealmProblem(registry, realm, withCredentials, env);
      const sameOrigin = originParts(registry) === originParts(realm);
      if (sameOrigin) return expect(problem).toBeUndefined();
      if (realm.protocol === 'http:') return expect(problem).toMatch(/is not HTTPS and not the registry's own origin/);
      if (!withCredentials || listed) return expect(problem).toBeUndefined();
      const r = registry.hostname.toLowerCase();
      const t = realm.hostname.toLowerCase();
      const parent = r.split('.').length >= 3 && !/^[\d.]+$/.test(r) ? r.split('.').slice(1).join('.') : undefined;
      const inDomain = t === r || (parent !== undefined && (t === parent || t.endsWith(`.${parent}`)));
      if (inDomain) expect(problem).toBeUndefined();
      else expect(problem).toMatch(/is on another host, outside the registry's domain; credentials are not sent there/);
    }), { seed: SEED, numRuns: runs(2000) });
  });
});

const USER = 'fuzz-pusher';
const PASSWORD = 'fuzz-password-5e2b';
const BASIC = basicAuth(USER, PASSWORD);
const BLOB = Buffer.from('fuzz layer');
const DIGEST = sha256Digest(BLOB);

type Where = 'registry' | 'a' | 'b';
interface Scenario {
  readonly operation: 'getBlob' | 'putBlob' | 'putManifest';
  /** Where each redirect leads, in order; the last hop answers. */
  readonly hops: Array<{ where: Where; status: number }>;
  /** Where the registry's upload Location points (putBlob). */
  readonly location: Where;
  /** Whether the other origins ask for authentication. */
  readonly othersAskForAuth: boolean;
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  operation: fc.constantFrom('getBlob' as const, 'putBlob' as const, 'putManifest' as const),
  hops: fc.array(fc.record({ where: fc.constantFrom<Where>('registry', 'a', 'b'), status: fc.constantFrom(301, 302, 303, 307, 308) }), { maxLength: 4 }),
  location: fc.constantFrom<Where>('registry', 'a', 'b'),
  othersAskForAuth: fc.boolean(),
});

describe('generated redirect chains and upload Locations against servers on 127.0.0.1 (fast-check)', () => {
  const servers: { [w in Where]?: FakeServer } = {};
  let current: Scenario;

  /** Paths `/hop/<n>/...` are the n-th hop of the current scenario, on whichever server. */
  const handler = (who: Where) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const hop = /^\/hop\/(\d+)\//.exec(req.url!);
    if (who === 'registry' && !hop) {
      if (req.headers.authorization !== BASIC) return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fuzz"' }).end();
      if (req.method === 'HEAD') return void res.writeHead(404).end();
      if (req.method === 'POST') return void res.writeHead(202, { Location: `${servers[current.location]!.origin}/hop/0/upload` }).end();
    }
    if (who !== 'registry' && current.othersAskForAuth) return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="phish"' }).end();
    const n = hop ? Number(hop[1]) : 0;
    if (n < current.hops.length) {
      const next = current.hops[n];
      return void res.writeHead(next.status, { Location: `${servers[next.where]!.origin}/hop/${n + 1}/x` }).end();
    }
    if (req.method === 'GET') return void res.writeHead(200).end(BLOB);
    res.writeHead(201).end();
  };

  beforeAll(async () => {
    for (const who of ['registry', 'a', 'b'] as Where[]) servers[who] = await fakeServer(handler(who));
  });
  afterAll(async () => Promise.all(Object.values(servers).map((s) => s!.close())));

  test('no other origin ever sees a credential; every failure is the client\'s own error', async () => {
    await fc.assert(fc.asyncProperty(scenario, async (s) => {
      current = s;
      for (const server of Object.values(servers)) server!.seen.length = 0;
      const client = new RegistryClient(`127.0.0.1:${servers.registry!.port}`, { username: USER, password: PASSWORD }, {});
      const operation = s.operation === 'getBlob' ? client.getBlob('fuzz/app', DIGEST)
        : s.operation === 'putBlob' ? client.putBlob('fuzz/app', DIGEST, BLOB)
          : client.putManifest('fuzz/app', '1', 'application/vnd.oci.image.manifest.v1+json', BLOB);
      const outcome = await operation.then(() => undefined, (e) => e);
      if (outcome !== undefined) expect(outcome).toBeInstanceOf(RegistryError);
      for (const other of [servers.a!, servers.b!]) {
        for (const r of other.seen) {
          expect(r.authorization).toBeUndefined();
          expect(`${r.url} ${r.body.toString('latin1')}`).not.toContain(PASSWORD);
        }
      }
      // and the registry itself was asked with its credentials
      expect(servers.registry!.seen.some((r) => r.authorization === BASIC)).toBe(true);
    }), { seed: SEED, numRuns: runs(60) });
  });
});
