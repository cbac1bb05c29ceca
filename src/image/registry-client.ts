import { createHash } from 'crypto';
import { RegistryCredentials } from './credentials';
import { describeUrl, hopProblem, mayCarryCredentials, registryBaseUrl, tokenRealmProblem } from './registry-origin';

/** Manifest media types the client asks for and understands. */
export const MediaType = {
  OCI_MANIFEST: 'application/vnd.oci.image.manifest.v1+json',
  OCI_INDEX: 'application/vnd.oci.image.index.v1+json',
  OCI_CONFIG: 'application/vnd.oci.image.config.v1+json',
  OCI_LAYER_GZIP: 'application/vnd.oci.image.layer.v1.tar+gzip',
  DOCKER_MANIFEST: 'application/vnd.docker.distribution.manifest.v2+json',
  DOCKER_MANIFEST_LIST: 'application/vnd.docker.distribution.manifest.list.v2+json',
  DOCKER_CONFIG: 'application/vnd.docker.container.image.v1+json',
  DOCKER_LAYER_GZIP: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

const MANIFEST_ACCEPT = [MediaType.OCI_MANIFEST, MediaType.OCI_INDEX, MediaType.DOCKER_MANIFEST, MediaType.DOCKER_MANIFEST_LIST].join(', ');

/** `sha256:<hex>` of some bytes. */
export function sha256Digest(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** A manifest as fetched: its bytes (digests are over the bytes), parsed body and digest. */
export interface FetchedManifest {
  readonly mediaType: string;
  readonly bytes: Buffer;
  readonly digest: string;
  readonly body: any;
}

/** An error from a registry, naming the registry, the operation and what to do. */
export class RegistryError extends Error {
  constructor(message: string, public readonly status?: number) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** Redirects followed per request: Go's http.Client limit, which docker and containerd use. */
const MAX_REDIRECTS = 10;
const REDIRECTS = [301, 302, 303, 307, 308];

/** Whose request is sent: the origin its Authorization belongs to, and what to do on a redirect elsewhere. */
interface Sender {
  /** The origin the Authorization header (if any) may be sent to. */
  readonly owner: URL;
  /** `follow`: go on without the Authorization; `refuse`: stop (the body itself is a secret). */
  readonly offOrigin: 'follow' | 'refuse';
}

/**
 * A small client of the OCI distribution API (the registry HTTP API v2): what pulling a base
 * image and pushing a new one needs, with Basic and Bearer-token authentication.
 *
 * Registries on the loopback interface, and those listed in `CDK8S_DAPR_INSECURE_REGISTRIES`,
 * are spoken to over plain HTTP; every other one over HTTPS. Credentials go only to the
 * registry's own origin and to token services allowed by `registry-origin.ts`; redirects are
 * followed by hand, never by fetch with the headers attached.
 */
export class RegistryClient {
  private readonly baseUrl: URL;
  private readonly tokens = new Map<string, string>();

  /**
   * @param host registry host and port, as it appears in image references
   * @param credentials credentials, if the registry asks for them
   * @param env where to read the insecure registry and token service lists from
   * @param transport the fetch function (tests put a TLS-terminating stand-in here)
   */
  constructor(
    private readonly host: string,
    private readonly credentials?: RegistryCredentials,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly transport: typeof fetch = fetch,
  ) {
    this.baseUrl = registryBaseUrl(host, env);
  }

  /** Fetches a manifest or index by tag or digest, checking the digest when asked by digest. */
  public async getManifest(repository: string, reference: string): Promise<FetchedManifest> {
    const res = await this.request('GET', repository, `/${repository}/manifests/${reference}`, 'pull', { headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status === 404) throw new RegistryError(`${this.host}/${repository}:${reference} does not exist (404)`, 404);
    await this.expect(res, [200], `fetching the manifest of ${repository}:${reference}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const digest = sha256Digest(bytes);
    if (reference.startsWith('sha256:') && reference !== digest) {
      throw new RegistryError(`the manifest ${this.host}/${repository}@${reference} has digest ${digest}: the registry returned other content`);
    }
    let body: any;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new RegistryError(`the manifest ${this.host}/${repository}:${reference} is not JSON`);
    }
    const mediaType = body.mediaType ?? res.headers.get('content-type') ?? MediaType.OCI_MANIFEST;
    return { mediaType, bytes, digest, body };
  }

  /** Fetches a blob and checks its digest. */
  public async getBlob(repository: string, digest: string): Promise<Buffer> {
    const res = await this.request('GET', repository, `/${repository}/blobs/${digest}`, 'pull');
    await this.expect(res, [200], `fetching blob ${digest} of ${repository}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (sha256Digest(bytes) !== digest) throw new RegistryError(`blob ${digest} of ${this.host}/${repository} has other content than its digest says`);
    return bytes;
  }

  /** True when the repository already holds the blob. */
  public async hasBlob(repository: string, digest: string): Promise<boolean> {
    const res = await this.request('HEAD', repository, `/${repository}/blobs/${digest}`, 'pull,push');
    if (res.status === 404) return false;
    await this.expect(res, [200], `checking for blob ${digest} in ${repository}`);
    return true;
  }

  /** Asks the registry to mount a blob from another repository of the same registry; true if it did. */
  public async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    const query = `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`;
    const res = await this.request('POST', repository, `/${repository}/blobs/uploads/${query}`, 'pull,push', {}, [from]);
    if (res.status === 201) return true;
    // 202: the registry started an ordinary upload instead; it expires unused.
    await this.expect(res, [202], `mounting blob ${digest} into ${repository}`);
    return false;
  }

  /**
   * Uploads a blob (monolithic upload), unless the repository has it already. The upload goes
   * where the registry's `Location` says; to another origin it goes without the credentials
   * (as containerd's pusher does), and never from HTTPS down to plain HTTP.
   */
  public async putBlob(repository: string, digest: string, data: Buffer): Promise<void> {
    if (await this.hasBlob(repository, digest)) return;
    const start = await this.request('POST', repository, `/${repository}/blobs/uploads/`, 'pull,push');
    await this.expect(start, [202], `starting the upload of blob ${digest} to ${repository}`);
    const location = start.headers.get('location');
    if (!location) throw new RegistryError(`${this.host} started an upload without a Location header`);
    const url = parseUrl(location, this.baseUrl);
    const problem = url ? hopProblem(this.baseUrl, url) : 'it is not a URL';
    if (!url || problem) throw new RegistryError(`${this.host} started an upload at a Location this client does not follow: ${problem}`);
    url.searchParams.set('digest', digest);
    const res = await this.request('PUT', repository, url, 'pull,push', {
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(data.length) },
      body: data,
    });
    await this.expect(res, [201], `uploading blob ${digest} to ${repository}`);
  }

  /** Uploads a manifest under a tag and returns the digest the registry computed, checked against ours. */
  public async putManifest(repository: string, tag: string, mediaType: string, bytes: Buffer): Promise<string> {
    const res = await this.request('PUT', repository, `/${repository}/manifests/${tag}`, 'pull,push', {
      headers: { 'Content-Type': mediaType },
      body: bytes,
    });
    await this.expect(res, [201], `pushing the manifest ${repository}:${tag}`);
    const digest = sha256Digest(bytes);
    const reported = res.headers.get('docker-content-digest');
    if (reported && reported !== digest) {
      throw new RegistryError(`${this.host} stored the manifest of ${repository}:${tag} as ${reported}, expected ${digest}`);
    }
    return digest;
  }

  private async request(
    method: string, repository: string, pathOrUrl: string | URL, actions: string,
    init: { headers?: Record<string, string>; body?: Buffer } = {}, alsoPull: string[] = [],
  ): Promise<Response> {
    const url = typeof pathOrUrl === 'string' ? new URL(`${this.baseUrl.href}${pathOrUrl}`) : pathOrUrl;
    const scope = [`repository:${repository}:${actions}`, ...alsoPull.map((r) => `repository:${r}:pull`)].join(' ');
    const registry: Sender = { owner: this.baseUrl, offOrigin: 'follow' };
    let answer = await this.send(registry, url, method, init.headers ?? {}, init.body, this.tokens.get(scope));
    if (answer.res.status !== 401) return answer.res;
    await answer.res.arrayBuffer().catch(() => undefined);
    this.refuseChallengeFromAnotherOrigin(answer.url, method, repository);
    const authorization = await this.authorize(answer.res.headers.get('www-authenticate') ?? '', scope);
    this.tokens.set(scope, authorization);
    answer = await this.send(registry, url, method, init.headers ?? {}, init.body, authorization);
    if (answer.res.status === 401) this.refuseChallengeFromAnotherOrigin(answer.url, method, repository);
    if (answer.res.status === 401 || answer.res.status === 403) {
      throw new RegistryError(`${this.host} refused the credentials for ${method} ${repository} (${answer.res.status})`
        + (this.credentials ? '' : '; no credentials were found: set CDK8S_DAPR_REGISTRY_USERNAME and CDK8S_DAPR_REGISTRY_PASSWORD, or log in with docker/podman'), answer.res.status);
    }
    return answer.res;
  }

  /** A 401 from where a redirect led: only the registry's own origin is answered with its credentials. */
  private refuseChallengeFromAnotherOrigin(answeredBy: URL, method: string, repository: string): void {
    if (mayCarryCredentials(this.baseUrl, answeredBy)) return;
    throw new RegistryError(`${this.host} sent ${method} ${repository} on to ${answeredBy.origin}, which asks for authentication; `
      + `the credentials of ${this.host} are not sent to another origin`, 401);
  }

  /**
   * One request, following redirects by hand: the Authorization goes along only while the
   * request stays on the sender's origin. 303 (and 301/302 of a POST) turn into a GET, as fetch does.
   */
  private async send(
    sender: Sender, url: URL, method: string, headers: Record<string, string>, body?: Buffer, authorization?: string,
  ): Promise<{ res: Response; url: URL }> {
    let current = url;
    let currentMethod = method;
    let currentBody = body;
    let currentHeaders = headers;
    for (let hops = 0; ; hops++) {
      const onOrigin = mayCarryCredentials(sender.owner, current);
      const sent = { ...currentHeaders, ...(authorization && onOrigin ? { Authorization: authorization } : {}) };
      const res = await this.fetchOnce(current, currentMethod, sent, currentBody);
      if (!REDIRECTS.includes(res.status)) return { res, url: current };
      await res.arrayBuffer().catch(() => undefined);
      const next = parseUrl(res.headers.get('location') ?? '', current);
      const problem = !res.headers.get('location') ? 'it has no Location'
        : !next ? 'its Location is not a URL'
          : hopProblem(current, next)
            ?? (sender.offOrigin === 'refuse' && !mayCarryCredentials(sender.owner, next) ? `it leads to another origin, ${next.origin}` : undefined)
            ?? (hops >= MAX_REDIRECTS ? `more than ${MAX_REDIRECTS} redirects` : undefined);
      if (problem || !next) {
        throw new RegistryError(`${this.host}: the redirect (HTTP ${res.status}) of ${currentMethod} ${describeUrl(current)} is not followed: ${problem}`, res.status);
      }
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && currentMethod === 'POST')) {
        currentMethod = currentMethod === 'HEAD' ? 'HEAD' : 'GET';
        currentBody = undefined;
        currentHeaders = Object.fromEntries(Object.entries(currentHeaders).filter(([k]) => !/^content-/i.test(k)));
      }
      current = next;
    }
  }

  private async fetchOnce(url: URL, method: string, headers: Record<string, string>, body?: Buffer): Promise<Response> {
    try {
      return await this.transport(url, { method, headers, body, redirect: 'manual' });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new RegistryError(`registry ${this.host} is not reachable (${cause?.code ?? cause?.message ?? (e as Error).message}) at ${describeUrl(url)}`);
    }
  }

  /** Answers a WWW-Authenticate challenge: Basic with the credentials, or Bearer with a token fetched from the realm. */
  private async authorize(challenge: string, scope: string): Promise<string> {
    const scheme = (/^\s*([A-Za-z][\w-]*)/.exec(challenge)?.[1] ?? '').toLowerCase();
    const basic = this.credentials?.username !== undefined
      ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password ?? ''}`).toString('base64')}`
      : undefined;
    if (scheme === 'basic') {
      if (!basic) throw new RegistryError(`${this.host} asks for a user name and password and none were found: set CDK8S_DAPR_REGISTRY_USERNAME and CDK8S_DAPR_REGISTRY_PASSWORD, or log in with docker/podman`, 401);
      return basic;
    }
    if (scheme !== 'bearer') throw new RegistryError(`${this.host} asks for the authentication scheme "${scheme.slice(0, 40)}"; this client speaks Basic and Bearer`, 401);
    const params = parseChallenge(challenge.slice(challenge.toLowerCase().indexOf('bearer') + 'bearer'.length));
    if (!params.realm) throw new RegistryError(`${this.host} asks for a Bearer token without naming a realm`, 401);
    const realm = parseUrl(params.realm);
    if (!realm || (realm.protocol !== 'https:' && realm.protocol !== 'http:')) throw new RegistryError(`${this.host} names a token service that is not an HTTP(S) URL`, 401);
    const identityToken = this.credentials?.identityToken;
    const problem = tokenRealmProblem(this.baseUrl, realm, identityToken !== undefined || basic !== undefined, this.env);
    if (problem) throw new RegistryError(`${this.host} asks for a Bearer token, but ${problem}`, 401);
    // The token service's own origin may have the credentials; a redirect elsewhere is refused,
    // since a refresh token travels in the body, which a redirect would carry along.
    const tokenService: Sender = { owner: realm, offOrigin: 'refuse' };
    let res: Response;
    if (identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: identityToken, service: params.service ?? '', scope, client_id: 'cdk8s-dapr' });
      res = (await this.send(tokenService, realm, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, Buffer.from(form.toString()))).res;
    } else {
      const tokenUrl = new URL(realm);
      if (params.service) tokenUrl.searchParams.set('service', params.service);
      for (const s of scope.split(' ')) tokenUrl.searchParams.append('scope', s);
      res = (await this.send(tokenService, tokenUrl, 'GET', {}, undefined, basic)).res;
    }
    if (res.status === 401 || res.status === 403) throw new RegistryError(`the token service of ${this.host} refused the credentials (${res.status})`, res.status);
    await this.expect(res, [200], 'fetching a token');
    let body: { token?: unknown; access_token?: unknown };
    try {
      body = JSON.parse(await res.text());
    } catch {
      // JSON.parse's message quotes the text, which may hold a token
      throw new RegistryError(`the token service of ${this.host} answered with something other than JSON`);
    }
    const token = body?.token ?? body?.access_token;
    if (typeof token !== 'string' || token === '') throw new RegistryError(`the token service of ${this.host} answered without a token`);
    return `Bearer ${token}`;
  }

  /**
   * Checks the status. A failure names the operation, the status and the OCI error codes of the
   * body, never the body itself: registries and token services echo requests and tokens there.
   */
  private async expect(res: Response, statuses: number[], what: string): Promise<void> {
    if (statuses.includes(res.status)) return;
    const codes = await errorCodes(res);
    throw new RegistryError(`${this.host}: ${what} failed with HTTP ${res.status}${codes.length > 0 ? ` (${codes.join(', ')})` : ''}`, res.status);
  }
}

/** The `code`s of an OCI error body (`{"errors":[{"code":"BLOB_UNKNOWN",...}]}`), when they look like codes. */
async function errorCodes(res: Response): Promise<string[]> {
  try {
    const body = JSON.parse(await res.text());
    const errors: unknown[] = Array.isArray(body?.errors) ? body.errors : [];
    return errors.map((e: any) => e?.code).filter((c): c is string => typeof c === 'string' && /^[A-Z][A-Z_]{0,39}$/.test(c)).slice(0, 5);
  } catch {
    return [];
  }
}

function parseUrl(text: string, base?: URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** Parses `realm="...",service="...",scope="..."`. */
function parseChallenge(params: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of params.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}
