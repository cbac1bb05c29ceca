import { frozenValues, knownValue } from '../common/enum-like';

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
 * daprd's log verbosity (`dapr.io/log-level`).
 */
export class LogLevel {
  public static readonly DEBUG = new LogLevel('debug');
  public static readonly INFO = new LogLevel('info');
  public static readonly WARN = new LogLevel('warn');
  public static readonly ERROR = new LogLevel('error');

  /** Every level daprd accepts (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: LogLevel[] = frozenValues([LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): LogLevel {
    return knownValue('LogLevel', value, LogLevel.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * The seccomp profile of the daprd container (`dapr.io/sidecar-seccomp-profile-type`).
 * Only the profiles the Pod Security Standards "restricted" profile allows are offered;
 * `UNCONFINED` exists as the explicit, named opt-out.
 */
export class SeccompProfile {
  /** The container runtime's default profile (the secure default). */
  public static readonly RUNTIME_DEFAULT = new SeccompProfile('RuntimeDefault');
  /** A profile file on the node; the pod must also set `localhostProfile`. */
  public static readonly LOCALHOST = new SeccompProfile('Localhost');
  /** No seccomp filtering. Violates Pod Security Standards "restricted": an explicit opt-out. */
  public static readonly UNCONFINED = new SeccompProfile('Unconfined');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: SeccompProfile[] = frozenValues([SeccompProfile.RUNTIME_DEFAULT, SeccompProfile.LOCALHOST, SeccompProfile.UNCONFINED]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): SeccompProfile {
    return knownValue('SeccompProfile', value, SeccompProfile.ALL);
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
