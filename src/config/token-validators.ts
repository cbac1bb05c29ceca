import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { containsPrivateKey, redacted } from '../core/credentials';
import { checkHttpsUrl } from '../core/urls';
import { checkDuration, checkedMillis, fail } from '../core/validation';

/**
 * Where the JWKS token validator reads its keys from.
 */
export class JwksSource {
  /**
   * A URL serving the JWKS, which Sentry fetches and refreshes. Must be `https://` unless
   * `allowPlaintextHttp` is set on the validator.
   */
  public static fromUrl(url: string): JwksSource {
    return new JwksSource('url', url);
  }

  /**
   * A JWKS file inside Sentry's container (mount it yourself), reloaded when it changes.
   *
   * @param path an absolute path, e.g. "/var/run/secrets/jwks/jwks.json"
   */
  public static fromFile(path: string): JwksSource {
    return new JwksSource('file', path);
  }

  /**
   * The JWKS itself, as JSON (`{"keys": [...]}`). It is written into the manifest, so it may
   * hold public keys only.
   */
  public static fromJson(jwks: string): JwksSource {
    return new JwksSource('json', jwks);
  }

  private constructor(
    /** How the source is given: "url", "file" or "json". */
    public readonly kind: string,
    /** The URL, the path or the JWKS. */
    public readonly value: string) {}
}

/**
 * Options of the JWKS token validator.
 */
export interface JwksTokenValidatorOptions {
  /** Where the keys that sign accepted tokens come from. */
  readonly source: JwksSource;
  /**
   * The CA that signs the JWKS server's certificate: a PEM certificate, or an absolute path to
   * one inside Sentry's container. Only with `JwksSource.fromUrl` and an https:// URL.
   * @default - the system's trusted CAs
   */
  readonly caCertificate?: string;
  /**
   * The shortest time between two fetches of the JWKS; longer than 1 second (Sentry ignores
   * shorter ones). Only with `JwksSource.fromUrl`.
   * @default - Sentry's default (10 minutes)
   */
  readonly minRefreshInterval?: Duration;
  /**
   * Timeout of a JWKS fetch. Only with `JwksSource.fromUrl`.
   * @default - Sentry's default (30 seconds)
   */
  readonly requestTimeout?: Duration;
  /**
   * Accept a plain `http://` JWKS URL. Anyone on the path could then swap the keys and obtain
   * certificates for any app identity.
   * @default false
   */
  readonly allowPlaintextHttp?: boolean;
}

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const ABSOLUTE_PATH = /^\/[^\s\0]*[^/\s\0]$/;
const ABSOLUTE_PATH_RULE = 'an absolute file path inside the Sentry container';

/**
 * An extra validator of the tokens sidecars present to Sentry to get their certificates
 * (`spec.mtls.tokenValidators`). In Kubernetes it is added to Dapr's built-in "kubernetes"
 * validator; in self-hosted mode it replaces the built-in "insecure" one.
 */
export class TokenValidator {
  /**
   * Accept JSON Web Tokens signed by a key of a JWKS. The token's audience must be Sentry's
   * SPIFFE id and its subject the requesting app's SPIFFE id.
   */
  public static jwks(options: JwksTokenValidatorOptions): TokenValidator {
    return new TokenValidator('jwks', options);
  }

  private constructor(
    /** The validator's name in `tokenValidators[].name`. */
    public readonly name: string,
    private readonly options: JwksTokenValidatorOptions) {}

  /** @internal */
  public _render(scope: IConstruct, prop: string): object {
    const o = this.options ?? ({} as JwksTokenValidatorOptions);
    const source = o.source;
    if (!(source instanceof JwksSource)) {
      fail(scope, `${prop}.source`, source, 'JwksSource.fromUrl(url), JwksSource.fromFile(path) or JwksSource.fromJson(jwks)');
    }
    // the private key checks come first: no later message may show key material
    if (o.caCertificate !== undefined) checkCaCertificate(scope, `${prop}.caCertificate`, o.caCertificate, true);
    const isUrl = source.kind === 'url';
    if (isUrl) {
      checkHttpsUrl(scope, `${prop}.source`, source.value, o.allowPlaintextHttp);
    } else {
      const urlOnly: [string, unknown][] = [
        ['caCertificate', o.caCertificate === undefined ? undefined : redacted(o.caCertificate)],
        ['minRefreshInterval', o.minRefreshInterval === undefined ? undefined : shownMillis(scope, `${prop}.minRefreshInterval`, o.minRefreshInterval)],
        ['requestTimeout', o.requestTimeout === undefined ? undefined : shownMillis(scope, `${prop}.requestTimeout`, o.requestTimeout)],
        ['allowPlaintextHttp', o.allowPlaintextHttp],
      ];
      for (const [field, shown] of urlOnly) {
        if (shown !== undefined) {
          fail(scope, `${prop}.${field}`, shown, 'only with JwksSource.fromUrl: Sentry fetches nothing for a JWKS file or an inline JWKS');
        }
      }
    }
    let value = source.value;
    if (source.kind === 'file' && (typeof value !== 'string' || !ABSOLUTE_PATH.test(value))) {
      fail(scope, `${prop}.source`, value, `${ABSOLUTE_PATH_RULE}, e.g. "/var/run/secrets/jwks/jwks.json"`);
    }
    if (source.kind === 'json') {
      value = checkJwks(scope, `${prop}.source`, value);
    }
    if (o.caCertificate !== undefined) {
      if (!source.value.startsWith('https://')) {
        fail(scope, `${prop}.caCertificate`, source.value, 'only with an https:// JWKS URL');
      }
      checkCaCertificate(scope, `${prop}.caCertificate`, o.caCertificate);
    }
    const refresh = o.minRefreshInterval;
    const refreshText = refresh === undefined ? undefined : checkDuration(scope, `${prop}.minRefreshInterval`, refresh, true);
    if (refresh !== undefined && !(checkedMillis(refresh) > 1000)) {
      fail(scope, `${prop}.minRefreshInterval`, `${checkedMillis(refresh)}ms`, 'a duration longer than 1s (Sentry ignores shorter ones)');
    }
    const timeout = o.requestTimeout;
    const timeoutText = timeout === undefined ? undefined : checkDuration(scope, `${prop}.requestTimeout`, timeout, true);
    if (timeout !== undefined && !(checkedMillis(timeout) > 1)) {
      fail(scope, `${prop}.requestTimeout`, `${checkedMillis(timeout)}ms`, 'a duration longer than 1ms (Sentry ignores shorter ones)');
    }
    return {
      name: this.name,
      options: {
        source: value,
        caCertificate: o.caCertificate,
        minRefreshInterval: refreshText,
        requestTimeout: timeoutText,
      },
    };
  }
}

/** Renders a list of token validators: at least one, each name once. */
export function renderTokenValidators(scope: IConstruct, prop: string, list: TokenValidator[] | undefined): object[] | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length === 0) {
    fail(scope, prop, list, 'at least one TokenValidator, or leave it out for the built-in validator only');
  }
  const seen = new Set<string>();
  return list.map((v, i) => {
    if (!(v instanceof TokenValidator)) {
      fail(scope, `${prop}[${i}]`, v, 'TokenValidator.jwks(...)');
    }
    if (seen.has(v.name)) {
      fail(scope, `${prop}[${i}]`, v.name, 'each validator once (Sentry keeps only the last one of a name)');
    }
    seen.add(v.name);
    return v._render(scope, `${prop}[${i}]`);
  });
}

/** Checks an inline JWKS: JSON with at least one key, public keys only. Returns it compacted. */
function checkJwks(scope: IConstruct, prop: string, jwks: string): string {
  let parsed: unknown;
  try {
    parsed = typeof jwks === 'string' ? JSON.parse(jwks) : undefined;
  } catch {
    parsed = undefined;
  }
  const keys = (parsed as { keys?: unknown } | undefined)?.keys;
  if (parsed === null || typeof parsed !== 'object' || !Array.isArray(keys) || keys.length === 0
    || !keys.every((k) => k !== null && typeof k === 'object' && typeof (k as { kty?: unknown }).kty === 'string')) {
    // an inline JWKS may hold private keys: never shown
    fail(scope, prop, redacted(jwks), 'a JWKS as JSON: {"keys": [...]} with at least one key, each with a "kty"');
  }
  for (const k of keys as object[]) {
    const secret = PRIVATE_JWK_MEMBERS.filter((m) => m in k);
    if (secret.length > 0) {
      fail(scope, prop, redacted(jwks),
        `public keys only: the JWKS is written into the manifest, and a key with ${secret.map((m) => `"${m}"`).join(', ')} is private or symmetric`);
    }
  }
  return JSON.stringify(parsed);
}

/**
 * Checks a CA certificate: a PEM certificate (never a private key) or an absolute path.
 * @param keyOnly check for a private key only (the check that runs before all others)
 */
function checkCaCertificate(scope: IConstruct, prop: string, value: string, keyOnly = false): void {
  if (containsPrivateKey(value)) {
    fail(scope, prop, redacted(value), 'a CA certificate, never a private key');
  }
  if (keyOnly) return;
  const pem = typeof value === 'string' && /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(value);
  if (!pem && (typeof value !== 'string' || !ABSOLUTE_PATH.test(value))) {
    // a long value is certificate or key material rather than a mistyped path: not shown
    fail(scope, prop, typeof value === 'string' && value.length > 64 ? redacted(value) : value,
      `a PEM certificate ("-----BEGIN CERTIFICATE-----...") or ${ABSOLUTE_PATH_RULE}, e.g. "/var/run/secrets/jwks/ca.crt"`);
  }
}

/** A duration as milliseconds for an error message, once it is known to be a valid Go duration. */
function shownMillis(scope: IConstruct, prop: string, value: Duration): string {
  checkDuration(scope, prop, value, true);
  return `${checkedMillis(value)}ms`;
}
