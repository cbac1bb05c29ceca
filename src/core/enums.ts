import { frozenValues, knownValue } from './enum-like';

/*
 * Enum-like classes that more than one folder reads: the sidecar's and the control plane's.
 */

/**
 * The log verbosity of daprd (`dapr.io/log-level`) and of the control plane's services
 * (`--log-level`). Every Dapr binary parses the flag with dapr/kit's logger, which accepts
 * exactly these five names (dapr/kit v0.18.3, the version dapr v1.18.3's go.mod pins,
 * `logger/logger.go` `toLogLevel`; any other name is `UndefinedLevel`, which the options refuse).
 */
export class LogLevel {
  public static readonly DEBUG = new LogLevel('debug');
  public static readonly INFO = new LogLevel('info');
  public static readonly WARN = new LogLevel('warn');
  public static readonly ERROR = new LogLevel('error');
  /** Only fatal messages, after which the process exits. */
  public static readonly FATAL = new LogLevel('fatal');

  /** Every level Dapr's binaries accept (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: LogLevel[] = frozenValues([
    LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR, LogLevel.FATAL,
  ]);

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
 * An HTTP verb in a service-invocation access-control operation.
 */
export class HttpVerb {
  public static readonly GET = new HttpVerb('GET');
  public static readonly POST = new HttpVerb('POST');
  public static readonly PUT = new HttpVerb('PUT');
  public static readonly DELETE = new HttpVerb('DELETE');
  public static readonly PATCH = new HttpVerb('PATCH');
  public static readonly HEAD = new HttpVerb('HEAD');
  public static readonly OPTIONS = new HttpVerb('OPTIONS');
  public static readonly CONNECT = new HttpVerb('CONNECT');
  public static readonly TRACE = new HttpVerb('TRACE');
  /** Any verb (`*`). */
  public static readonly ANY = new HttpVerb('*');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: HttpVerb[] = frozenValues([
    HttpVerb.GET, HttpVerb.POST, HttpVerb.PUT, HttpVerb.DELETE,
    HttpVerb.PATCH, HttpVerb.HEAD,
    HttpVerb.OPTIONS, HttpVerb.CONNECT, HttpVerb.TRACE, HttpVerb.ANY,
  ]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): HttpVerb {
    return knownValue('HttpVerb', value, HttpVerb.ALL);
  }

  private constructor(public readonly value: string) {}
}
