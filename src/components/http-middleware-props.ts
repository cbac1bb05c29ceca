import { TypedComponentOptions } from './typed-component';
import { MetadataValue } from '../core/metadata-value';

/**
 * Props of OAuth2 authorization code flow (`middleware.http.oauth2`).
 */
export interface OAuth2MiddlewareProps extends TypedComponentOptions {
  /**
   * Client id sent to the broker.
   */
  readonly clientID: string;
  /**
   * OAuth2 client secret.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   */
  readonly clientSecret: MetadataValue;
  /**
   * Authorization endpoint.
   */
  readonly authURL: string;
  /**
   * Token endpoint.
   */
  readonly tokenURL: string;
  /**
   * Comma-separated OAuth2 scopes.
   * @default - not set
   */
  readonly scopes?: string;
  /**
   * URL the identity provider redirects back to.
   * @default - not set
   */
  readonly redirectURL?: string;
  /**
   * Header the access token is forwarded in.
   * @default - not set (Dapr's default: Authorization)
   */
  readonly authHeaderName?: string;
  /**
   * Force HTTPS for the redirect URL.
   * @default - not set (Dapr's default: false)
   */
  readonly forceHTTPS?: string;
  /**
   * Regular expression of the paths the middleware applies to.
   * @default - not set
   */
  readonly pathFilter?: string;
}

/**
 * Props of Bearer token (JWT) verification (`middleware.http.bearer`).
 */
export interface BearerMiddlewareProps extends TypedComponentOptions {
  /**
   * URL of the JSON Web Key Set that signs the tokens.
   */
  readonly jwksURL: string;
  /**
   * Expected `iss` claim.
   */
  readonly issuer: string;
  /**
   * Expected `aud` claim.
   */
  readonly audience: string;
}

/**
 * Props of Rate limiting per client IP (`middleware.http.ratelimit`).
 */
export interface RateLimitMiddlewareProps extends TypedComponentOptions {
  /**
   * Requests per second allowed per client IP.
   */
  readonly maxRequestsPerSecond: number;
}
