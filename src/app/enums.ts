import { frozenValues, knownValue } from '../core/enum-like';

/**
 * The protocol daprd uses to talk to the application (`dapr.io/app-protocol`).
 */
export class AppProtocol {
  /** Plain HTTP/1.1 (Dapr's default). */
  public static readonly HTTP = new AppProtocol('http');
  /** gRPC over cleartext HTTP/2. */
  public static readonly GRPC = new AppProtocol('grpc');
  /** HTTP over TLS. */
  public static readonly HTTPS = new AppProtocol('https');
  /** gRPC over TLS. */
  public static readonly GRPCS = new AppProtocol('grpcs');
  /** HTTP/2 cleartext. */
  public static readonly H2C = new AppProtocol('h2c');

  /** Every protocol the sidecar accepts (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: AppProtocol[] = frozenValues([
    AppProtocol.HTTP, AppProtocol.GRPC, AppProtocol.HTTPS, AppProtocol.GRPCS, AppProtocol.H2C,
  ]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): AppProtocol {
    return knownValue('AppProtocol', value, AppProtocol.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * Dapr initialization endpoints the sidecar can skip calling on the app
 * (`dapr.io/disable-init-endpoints`).
 */
export class InitEndpoint {
  /** `GET /dapr/config`: programmatic configuration. */
  public static readonly CONFIG = new InitEndpoint('config');
  /** `GET /dapr/subscribe`: programmatic subscriptions. */
  public static readonly SUBSCRIBE = new InitEndpoint('subscribe');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: InitEndpoint[] = frozenValues([InitEndpoint.CONFIG, InitEndpoint.SUBSCRIBE]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): InitEndpoint {
    return knownValue('InitEndpoint', value, InitEndpoint.ALL);
  }

  private constructor(public readonly value: string) {}
}
