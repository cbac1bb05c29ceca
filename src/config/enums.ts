import { frozenValues, knownValue } from '../core/enum-like';

/**
 * What an access-control rule or secret scope does with a request it matches.
 */
export class AccessControlAction {
  /** Let the request through. */
  public static readonly ALLOW = new AccessControlAction('allow');
  /** Refuse the request. */
  public static readonly DENY = new AccessControlAction('deny');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: AccessControlAction[] = frozenValues([AccessControlAction.ALLOW, AccessControlAction.DENY]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): AccessControlAction {
    return knownValue('AccessControlAction', value, AccessControlAction.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * The protocol daprd speaks to an OpenTelemetry collector.
 */
export class TracingProtocol {
  /** OTLP over gRPC (collector port 4317). */
  public static readonly GRPC = new TracingProtocol('grpc');
  /** OTLP over HTTP (collector port 4318). */
  public static readonly HTTP = new TracingProtocol('http');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: TracingProtocol[] = frozenValues([TracingProtocol.GRPC, TracingProtocol.HTTP]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): TracingProtocol {
    return knownValue('TracingProtocol', value, TracingProtocol.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * The protocol of a Dapr API in the API allow and deny lists.
 */
export class ApiProtocol {
  public static readonly HTTP = new ApiProtocol('http');
  public static readonly GRPC = new ApiProtocol('grpc');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: ApiProtocol[] = frozenValues([ApiProtocol.HTTP, ApiProtocol.GRPC]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): ApiProtocol {
    return knownValue('ApiProtocol', value, ApiProtocol.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * A Dapr API, as named in a Configuration's API allow and deny lists.
 */
export class DaprApi {
  public static readonly STATE = new DaprApi('state');
  public static readonly INVOKE = new DaprApi('invoke');
  public static readonly SECRETS = new DaprApi('secrets');
  public static readonly BINDINGS = new DaprApi('bindings');
  public static readonly PUBLISH = new DaprApi('publish');
  public static readonly SUBSCRIBE = new DaprApi('subscribe');
  public static readonly ACTORS = new DaprApi('actors');
  public static readonly METADATA = new DaprApi('metadata');
  public static readonly CONFIGURATION = new DaprApi('configuration');
  public static readonly LOCK = new DaprApi('lock');
  public static readonly UNLOCK = new DaprApi('unlock');
  public static readonly CRYPTO = new DaprApi('crypto');
  public static readonly WORKFLOWS = new DaprApi('workflows');
  public static readonly JOBS = new DaprApi('jobs');
  public static readonly CONVERSATION = new DaprApi('conversation');
  public static readonly HEALTHZ = new DaprApi('healthz');
  public static readonly SHUTDOWN = new DaprApi('shutdown');

  /** Every value this release knows (frozen: it is what `of()` checks against). */
  public static readonly ALL: DaprApi[] = frozenValues([
    DaprApi.STATE, DaprApi.INVOKE, DaprApi.SECRETS, DaprApi.BINDINGS, DaprApi.PUBLISH, DaprApi.SUBSCRIBE,
    DaprApi.ACTORS, DaprApi.METADATA, DaprApi.CONFIGURATION, DaprApi.LOCK, DaprApi.UNLOCK, DaprApi.CRYPTO,
    DaprApi.WORKFLOWS, DaprApi.JOBS, DaprApi.CONVERSATION, DaprApi.HEALTHZ, DaprApi.SHUTDOWN,
  ]);

  /** The constant with this value; an unknown value throws (use `custom()` for it). Prefer the constants. */
  public static of(value: string): DaprApi {
    return knownValue('DaprApi', value, DaprApi.ALL);
  }

  /**
   * A Dapr API this release does not list, by name: the explicit escape from `ALL`.
   * Its name is checked at synth.
   */
  public static custom(value: string): DaprApi {
    return new DaprApi(value);
  }

  private constructor(public readonly value: string) {}
}

/**
 * A name-resolution provider (`nameResolution.component`).
 */
export class NameResolver {
  /** Kubernetes DNS, the default on Kubernetes. */
  public static readonly KUBERNETES = new NameResolver('kubernetes');
  /** Multicast DNS, the self-hosted default. */
  public static readonly MDNS = new NameResolver('mdns');
  /** HashiCorp Consul. */
  public static readonly CONSUL = new NameResolver('consul');
  /** A SQLite table shared by the sidecars. */
  public static readonly SQLITE = new NameResolver('sqlite');
  /** Names formatted from a template. */
  public static readonly NAMEFORMAT = new NameResolver('nameformat');
  /** AWS Cloud Map (components-contrib `nameresolution/aws/cloudmap`). */
  public static readonly AWS_CLOUDMAP = new NameResolver('aws.cloudmap');

  /** Every value this release knows (frozen: it is what `of()` checks against). */
  public static readonly ALL: NameResolver[] = frozenValues([
    NameResolver.KUBERNETES, NameResolver.MDNS, NameResolver.CONSUL, NameResolver.SQLITE,
    NameResolver.NAMEFORMAT, NameResolver.AWS_CLOUDMAP,
  ]);

  /** The constant with this value; an unknown value throws (use `custom()` for it). Prefer the constants. */
  public static of(value: string): NameResolver {
    return knownValue('NameResolver', value, NameResolver.ALL);
  }

  /**
   * A name resolver this release does not list, by component name: the explicit escape from `ALL`.
   * Its name is checked at synth.
   */
  public static custom(value: string): NameResolver {
    return new NameResolver(value);
  }

  private constructor(public readonly value: string) {}
}

/**
 * The scope of an actor target's circuit breaker.
 */
export class CircuitBreakerScope {
  /** One breaker per actor id. */
  public static readonly ID = new CircuitBreakerScope('id');
  /** One breaker per actor type. */
  public static readonly TYPE = new CircuitBreakerScope('type');
  /** Both: per type and per id. */
  public static readonly BOTH = new CircuitBreakerScope('both');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: CircuitBreakerScope[] = frozenValues([CircuitBreakerScope.ID, CircuitBreakerScope.TYPE, CircuitBreakerScope.BOTH]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): CircuitBreakerScope {
    return knownValue('CircuitBreakerScope', value, CircuitBreakerScope.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * TLS renegotiation of an HTTPEndpoint's client connection.
 */
export class TlsRenegotiation {
  /** Never renegotiate (Dapr's default). */
  public static readonly NEVER = new TlsRenegotiation('Never');
  /** Let the server renegotiate once per connection. */
  public static readonly ONCE_AS_CLIENT = new TlsRenegotiation('OnceAsClient');
  /** Let the server renegotiate repeatedly. */
  public static readonly FREELY_AS_CLIENT = new TlsRenegotiation('FreelyAsClient');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: TlsRenegotiation[] = frozenValues([
    TlsRenegotiation.NEVER, TlsRenegotiation.ONCE_AS_CLIENT, TlsRenegotiation.FREELY_AS_CLIENT,
  ]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): TlsRenegotiation {
    return knownValue('TlsRenegotiation', value, TlsRenegotiation.ALL);
  }

  private constructor(public readonly value: string) {}
}

/**
 * A workflow operation a WorkflowAccessPolicy rule grants.
 */
export class WorkflowOperation {
  public static readonly SCHEDULE = new WorkflowOperation('schedule');
  public static readonly TERMINATE = new WorkflowOperation('terminate');
  public static readonly RAISE = new WorkflowOperation('raise');
  public static readonly PAUSE = new WorkflowOperation('pause');
  public static readonly RESUME = new WorkflowOperation('resume');
  public static readonly PURGE = new WorkflowOperation('purge');
  public static readonly GET = new WorkflowOperation('get');
  public static readonly RERUN = new WorkflowOperation('rerun');

  /** Every known value (frozen: it is what `of()` and validation check against). */
  public static readonly ALL: WorkflowOperation[] = frozenValues([
    WorkflowOperation.SCHEDULE, WorkflowOperation.TERMINATE, WorkflowOperation.RAISE,
    WorkflowOperation.PAUSE, WorkflowOperation.RESUME, WorkflowOperation.PURGE, WorkflowOperation.GET,
    WorkflowOperation.RERUN,
  ]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): WorkflowOperation {
    return knownValue('WorkflowOperation', value, WorkflowOperation.ALL);
  }

  private constructor(public readonly value: string) {}
}
