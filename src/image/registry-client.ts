import { createHash } from 'crypto';
import { RegistryCredentials } from './credentials';

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

/** Environment variable listing registries (host:port, comma-separated) spoken to over plain HTTP. */
export const INSECURE_REGISTRIES_ENV = 'CDK8S_DAPR_INSECURE_REGISTRIES';

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

/**
 * A small client of the OCI distribution API (the registry HTTP API v2): what pulling a base
 * image and pushing a new one needs, with Basic and Bearer-token authentication.
 *
 * Registries on the loopback interface, and those listed in `CDK8S_DAPR_INSECURE_REGISTRIES`,
 * are spoken to over plain HTTP; every other one over HTTPS.
 */
export class RegistryClient {
  private readonly baseUrl: string;
  private readonly tokens = new Map<string, string>();

  /**
   * @param host registry host and port, as it appears in image references
   * @param credentials credentials, if the registry asks for them
   * @param env where to read the insecure registry list from
   */
  constructor(private readonly host: string, private readonly credentials?: RegistryCredentials, env: NodeJS.ProcessEnv = process.env) {
    const insecure = (env[INSECURE_REGISTRIES_ENV] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
    this.baseUrl = `${loopback || insecure.includes(host) ? 'http' : 'https'}://${host}/v2`;
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
    const body = JSON.parse(bytes.toString('utf8'));
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

  /** Uploads a blob (monolithic upload), unless the repository has it already. */
  public async putBlob(repository: string, digest: string, data: Buffer): Promise<void> {
    if (await this.hasBlob(repository, digest)) return;
    const start = await this.request('POST', repository, `/${repository}/blobs/uploads/`, 'pull,push');
    await this.expect(start, [202], `starting the upload of blob ${digest} to ${repository}`);
    const location = start.headers.get('location');
    if (!location) throw new RegistryError(`${this.host} started an upload without a Location header`);
    const url = new URL(location, this.baseUrl);
    url.searchParams.set('digest', digest);
    const res = await this.request('PUT', repository, url.toString(), 'pull,push', {
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
    method: string, repository: string, pathOrUrl: string, actions: string,
    init: { headers?: Record<string, string>; body?: Buffer } = {}, alsoPull: string[] = [],
  ): Promise<Response> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
    const scope = [`repository:${repository}:${actions}`, ...alsoPull.map((r) => `repository:${r}:pull`)].join(' ');
    const send = (authorization?: string) =>
      this.send(url, method, { ...init.headers, ...(authorization ? { Authorization: authorization } : {}) }, init.body);
    const cached = this.tokens.get(scope);
    let res = await send(cached);
    if (res.status !== 401) return res;
    const challenge = res.headers.get('www-authenticate') ?? '';
    await res.arrayBuffer().catch(() => undefined);
    const authorization = await this.authorize(challenge, scope);
    this.tokens.set(scope, authorization);
    res = await send(authorization);
    if (res.status === 401 || res.status === 403) {
      throw new RegistryError(`${this.host} refused the credentials for ${method} ${repository} (${res.status})`
        + (this.credentials ? '' : '; no credentials were found: set CDK8S_DAPR_REGISTRY_USERNAME and CDK8S_DAPR_REGISTRY_PASSWORD, or log in with docker/podman'), res.status);
    }
    return res;
  }

  private async send(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<Response> {
    try {
      return await fetch(url, { method, headers, body, redirect: 'follow' });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new RegistryError(`registry ${this.host} is not reachable (${cause?.code ?? cause?.message ?? (e as Error).message}) at ${url}`);
    }
  }

  /** Answers a WWW-Authenticate challenge: Basic with the credentials, or Bearer with a token fetched from the realm. */
  private async authorize(challenge: string, scope: string): Promise<string> {
    const scheme = challenge.split(' ')[0].toLowerCase();
    const basic = this.credentials?.username !== undefined
      ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password ?? ''}`).toString('base64')}`
      : undefined;
    if (scheme === 'basic') {
      if (!basic) throw new RegistryError(`${this.host} asks for a user name and password and none were found: set CDK8S_DAPR_REGISTRY_USERNAME and CDK8S_DAPR_REGISTRY_PASSWORD, or log in with docker/podman`, 401);
      return basic;
    }
    if (scheme !== 'bearer') throw new RegistryError(`${this.host} asks for an authentication scheme this client does not speak: ${JSON.stringify(challenge)}`, 401);
    const params = parseChallenge(challenge.slice(scheme.length));
    if (!params.realm) throw new RegistryError(`${this.host} asks for a Bearer token without naming a realm`, 401);
    const tokenUrl = new URL(params.realm);
    if (params.service) tokenUrl.searchParams.set('service', params.service);
    for (const s of scope.split(' ')) tokenUrl.searchParams.append('scope', s);
    let res: Response;
    if (this.credentials?.identityToken) {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.credentials.identityToken, service: params.service ?? '', scope, client_id: 'cdk8s-dapr' });
      res = await this.send(params.realm, 'POST', { 'Content-Type': 'application/x-www-form-urlencoded' }, Buffer.from(form.toString()));
    } else {
      res = await this.send(tokenUrl.toString(), 'GET', basic ? { Authorization: basic } : {});
    }
    if (res.status === 401 || res.status === 403) throw new RegistryError(`the token service of ${this.host} refused the credentials (${res.status})`, res.status);
    await this.expect(res, [200], 'fetching a token');
    const body = await res.json() as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`the token service of ${this.host} answered without a token`);
    return `Bearer ${token}`;
  }

  private async expect(res: Response, statuses: number[], what: string): Promise<void> {
    if (statuses.includes(res.status)) return;
    const text = await res.text().catch(() => '');
    throw new RegistryError(`${this.host}: ${what} failed with HTTP ${res.status}${text ? `: ${text.slice(0, 300).trim()}` : ''}`, res.status);
  }
}

/** Parses `realm="...",service="...",scope="..."`. */
function parseChallenge(params: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of params.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}
