import { Construct } from 'constructs';
import { checkCategory, Component, ComponentProps } from './component';
import { BearerMiddlewareProps, OAuth2MiddlewareProps, RateLimitMiddlewareProps } from './http-middleware-props';
import { createTyped } from './typed-component';
import { IDaprComponentRef } from '../core/refs';

/**
 * An HTTP middleware (`middleware.http.*`). It takes effect once a Configuration lists it in its HTTP pipeline.
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class HttpMiddleware extends Component implements IDaprComponentRef {
  /** OAuth2 authorization code flow in front of the app. */
  public static oauth2(scope: Construct, id: string, props: OAuth2MiddlewareProps): HttpMiddleware {
    return createTyped(HttpMiddleware, scope, id, 'middleware.http.oauth2', 'v1', props);
  }

  /** Verifies bearer tokens (JWTs) of incoming requests. */
  public static bearer(scope: Construct, id: string, props: BearerMiddlewareProps): HttpMiddleware {
    return createTyped(HttpMiddleware, scope, id, 'middleware.http.bearer', 'v1', props);
  }

  /** Limits requests per second per client IP. */
  public static rateLimit(scope: Construct, id: string, props: RateLimitMiddlewareProps): HttpMiddleware {
    return createTyped(HttpMiddleware, scope, id, 'middleware.http.ratelimit', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'middleware.http');
  }
}
