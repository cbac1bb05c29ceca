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
  public static readonly ALL: AppProtocol[] = Object.freeze([
    AppProtocol.HTTP, AppProtocol.GRPC, AppProtocol.HTTPS, AppProtocol.GRPCS, AppProtocol.H2C,
  ]) as AppProtocol[];

  /**
   * A protocol by name; prefer the constants. Unknown names fail at synth.
   */
  public static of(name: string): AppProtocol {
    return AppProtocol.ALL.find((p) => p.value === name) ?? new AppProtocol(name);
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

  private constructor(public readonly value: string) {}
}
