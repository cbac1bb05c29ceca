const DOCKER_HUB = 'docker.io';
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

/** What an image reference may look like, for error messages. */
export const IMAGE_REFERENCE_RULE = 'an image reference "[registry/]repository[:tag][@sha256:<64 hex>]", e.g. "ghcr.io/dapr/daprd:1.18.3"';

/**
 * A parsed image reference: registry, repository, tag and digest, with the same defaults the
 * container runtimes use (Docker Hub, `library/` for single-name repositories).
 */
export class ImageReference {
  /**
   * Parses `[registry/]repository[:tag][@digest]`.
   * @throws when the reference is malformed
   */
  public static parse(reference: string): ImageReference {
    const parsed = tryParse(reference);
    if (!parsed) {
      throw new Error(`${JSON.stringify(reference)} is not ${IMAGE_REFERENCE_RULE}`);
    }
    return parsed;
  }

  /** True when `reference` parses. */
  public static isValid(reference: string): boolean {
    return tryParse(reference) !== undefined;
  }

  /** Parses `[registry/]repository[:tag][@digest]`, or returns undefined when it is malformed. */
  public static tryParse(reference: string): ImageReference | undefined {
    return tryParse(reference);
  }

  /**
   * @param registry the registry host, with port if any (e.g. "ghcr.io", "127.0.0.1:5000")
   * @param repository the repository path inside the registry (e.g. "dapr/daprd")
   * @param tag the tag
   * @param digest the manifest digest ("sha256:...")
   */
  constructor(
    public readonly registry: string,
    public readonly repository: string,
    public readonly tag?: string,
    public readonly digest?: string) {
    if (!DOMAIN.test(registry)) throw new Error(`registry ${JSON.stringify(registry)} is not a host name with an optional port`);
    if (!repository.split('/').every((c) => PATH_COMPONENT.test(c))) {
      throw new Error(`repository ${JSON.stringify(repository)} is not lower-case path components separated by "/"`);
    }
    if (tag !== undefined && !TAG.test(tag)) throw new Error(`tag ${JSON.stringify(tag)} is not 1 to 128 of [A-Za-z0-9_.-], not starting with "." or "-"`);
    if (digest !== undefined && !DIGEST.test(digest)) throw new Error(`digest ${JSON.stringify(digest)} is not "sha256:" and 64 lower-case hex digits`);
  }

  /** The host the registry's HTTP API answers on (Docker Hub's API host differs from its name). */
  public get apiHost(): string {
    return this.registry === DOCKER_HUB ? 'registry-1.docker.io' : this.registry;
  }

  /** `registry/repository`, without tag or digest. */
  public get name(): string {
    return `${this.registry}/${this.repository}`;
  }

  /** The same image pinned to a digest (the tag is dropped: the digest alone identifies it). */
  public withDigest(digest: string): ImageReference {
    return new ImageReference(this.registry, this.repository, undefined, digest);
  }

  /** The same repository with another tag and no digest. */
  public withTag(tag: string): ImageReference {
    return new ImageReference(this.registry, this.repository, tag, undefined);
  }

  /** `registry/repository[:tag][@digest]`. */
  public toString(): string {
    return `${this.name}${this.tag !== undefined ? `:${this.tag}` : ''}${this.digest !== undefined ? `@${this.digest}` : ''}`;
  }
}

/** Splits a reference into its parts; the constructor checks each part's format. */
function tryParse(reference: string): ImageReference | undefined {
  if (typeof reference !== 'string') return undefined;
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = DOCKER_HUB;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost' || parts[0].startsWith('['))) {
    registry = parts.shift()!;
  }
  if (registry === DOCKER_HUB && parts.length === 1) parts.unshift('library');
  try {
    return new ImageReference(registry, parts.join('/'), tag, digest);
  } catch {
    return undefined;
  }
}

/** An image reference with a tag or digest; `latest` and untagged references are refused. */
export const IMAGE_REF_RULE = 'an image reference pinned by tag or digest, e.g. "ghcr.io/dapr/daprd:1.18.3" or "repo/daprd@sha256:<64 hex>", not "latest"';
export function isPinnedImage(s: string): boolean {
  // one parser for image references: the one the image build pushes with (IPv6 and upper-case registry hosts included)
  const ref = ImageReference.tryParse(s);
  return ref !== undefined && (ref.digest !== undefined || (ref.tag !== undefined && ref.tag !== 'latest'));
}
