/**
 * Where a registry's credentials may go. One origin (scheme, host and port: another port is
 * another origin) owns them: the registry's. This follows what the container runtimes do:
 *
 * - containerd (`remotes/docker/authorizer.go`) keeps one auth handler per host and authorizes
 *   each request, redirects included, only with the handler of the request's own host; its
 *   pusher (`remotes/docker/pusher.go`) drops the authorizer when an upload `Location` changes
 *   host or scheme. docker/distribution's client (`registry/client/auth/session.go`) adds
 *   Authorization only for hosts that sent it a challenge. So a `Location` or redirect to another
 *   origin is followed, without credentials.
 * - Token realms: both send the Basic credentials to the realm a Bearer challenge names
 *   (containerd `remotes/docker/auth/fetch.go`, distribution `session.go` `fetchToken`), to
 *   whatever host it is on and over plain HTTP too. Here the realm must be HTTPS, unless it is
 *   the registry's own origin and the registry is an allowed plain-HTTP one; and credentials go
 *   to it only when it is the registry's host, a host of the registry's parent domain (Docker
 *   Hub's registry-1.docker.io names auth.docker.io, GitLab's registry.gitlab.example names
 *   gitlab.example), or a host listed in `CDK8S_DAPR_REGISTRY_TOKEN_REALMS`.
 * - An HTTPS request is never redirected to plain HTTP (the content would travel in clear).
 */

/** Environment variable listing registries (host:port, comma-separated) spoken to over plain HTTP. */
export const INSECURE_REGISTRIES_ENV = 'CDK8S_DAPR_INSECURE_REGISTRIES';
/** Environment variable listing further token-service hosts (host[:port], comma-separated) that may receive registry credentials. */
export const TOKEN_REALMS_ENV = 'CDK8S_DAPR_REGISTRY_TOKEN_REALMS';

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

function listEnv(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
}

/**
 * The registry's API base URL: plain HTTP for loopback registries and those listed in
 * `CDK8S_DAPR_INSECURE_REGISTRIES`, HTTPS for every other one.
 */
export function registryBaseUrl(host: string, env: NodeJS.ProcessEnv): URL {
  const insecure = LOOPBACK.test(host) || listEnv(env, INSECURE_REGISTRIES_ENV).includes(host.toLowerCase());
  return new URL(`${insecure ? 'http' : 'https'}://${host}/v2`);
}

/** True when a request to `target` may carry the registry's Authorization: only its own origin. */
export function mayCarryCredentials(registry: URL, target: URL): boolean {
  return target.origin === registry.origin;
}

/**
 * Why a hop from `from` to `to` (an upload `Location` or a redirect) is refused, or undefined
 * when it may be followed (with credentials only if `mayCarryCredentials`).
 */
export function hopProblem(from: URL, to: URL): string | undefined {
  if (to.protocol !== 'https:' && to.protocol !== 'http:') return `it points to a ${to.protocol.replace(/:$/, '')} URL, not HTTP(S)`;
  if (from.protocol === 'https:' && to.protocol !== 'https:') return `it points from HTTPS to plain HTTP (${describeUrl(to)})`;
  return undefined;
}

/**
 * Why the token realm a registry names may not be used, or undefined when it may.
 * @param withCredentials whether the credentials would be sent to it
 */
export function tokenRealmProblem(registry: URL, realm: URL, withCredentials: boolean, env: NodeJS.ProcessEnv): string | undefined {
  if (realm.origin === registry.origin) return undefined;
  if (realm.protocol !== 'https:') {
    return `its token service ${describeUrl(realm)} is not HTTPS and not the registry's own origin`;
  }
  if (!withCredentials) return undefined;
  const trusted = listEnv(env, TOKEN_REALMS_ENV);
  if (trusted.includes(realm.host) || trusted.includes(realm.hostname)) return undefined;
  if (sameParentDomain(registry.hostname, realm.hostname)) return undefined;
  return `its token service ${describeUrl(realm)} is on another host, outside the registry's domain; `
    + `credentials are not sent there (if it is the registry's token service, list ${realm.host} in ${TOKEN_REALMS_ENV})`;
}

/**
 * True when `realm` is the registry's host, or a host of the registry's parent domain, given
 * with at least two labels ("registry-1.docker.io" -> "docker.io" -> "auth.docker.io").
 * IP addresses have no parent domain.
 */
function sameParentDomain(registryHost: string, realmHost: string): boolean {
  if (registryHost === realmHost) return true;
  if (/^[\d.]+$/.test(registryHost) || registryHost.startsWith('[')) return false;
  const labels = registryHost.split('.');
  if (labels.length < 3) return false;
  const parent = labels.slice(1).join('.');
  return realmHost === parent || realmHost.endsWith(`.${parent}`);
}

/** A URL for messages: origin and path only; query strings (signed URLs, upload state) stay out. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}
