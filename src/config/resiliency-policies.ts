import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { nonEmpty, optionalDuration } from './private';
import { checkDuration, fail } from '../core/validation';

/**
 * Which failures a retry policy retries. Codes not listed are not retried.
 */
export interface RetryMatching {
  /**
   * HTTP status codes or ranges, e.g. ["429", "500-599"] (100 to 599).
   * @default - Dapr's default: every error
   */
  readonly httpStatusCodes?: string[];
  /**
   * gRPC status codes or ranges, e.g. ["1-4", "8", "14"] (0 to 16).
   * @default - Dapr's default: every error
   */
  readonly grpcStatusCodes?: string[];
}

/**
 * Options every retry policy has.
 */
export interface RetryOptions {
  /**
   * Retries after the first attempt; -1 retries forever.
   * @default - Dapr's default: -1, retry forever
   */
  readonly maxRetries?: number;
  /**
   * Which errors are retried.
   * @default - every error
   */
  readonly matching?: RetryMatching;
}

/**
 * A retry policy with a fixed wait between attempts.
 */
export interface ConstantRetryOptions extends RetryOptions {
  /**
   * The wait between attempts.
   * @default - Dapr's default: 5s
   */
  readonly interval?: Duration;
}

/**
 * A retry policy whose wait doubles from 500ms (with jitter) up to a maximum.
 */
export interface ExponentialRetryOptions extends RetryOptions {
  /**
   * The longest wait between attempts.
   * @default - Dapr's default: 60s
   */
  readonly maxInterval?: Duration;
}

/**
 * A named retry policy of a Resiliency (`spec.policies.retries`).
 */
export class RetryPolicy {
  /** Waits the same interval between attempts. */
  public static constant(options: ConstantRetryOptions = {}): RetryPolicy {
    return new RetryPolicy('constant', options, options.interval, undefined);
  }

  /** Waits longer after each attempt (exponential back-off). */
  public static exponential(options: ExponentialRetryOptions = {}): RetryPolicy {
    return new RetryPolicy('exponential', options, undefined, options.maxInterval);
  }

  private constructor(
    /** "constant" or "exponential". */
    public readonly policy: string,
    private readonly options: RetryOptions,
    private readonly interval: Duration | undefined,
    private readonly maxInterval: Duration | undefined) {}

  /** @internal */
  public _render(scope: IConstruct, prop: string): object {
    const maxRetries = this.options.maxRetries;
    if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < -1)) {
      fail(scope, `${prop}.maxRetries`, maxRetries, 'an integer of 0 or more, or -1 to retry forever');
    }
    const m = this.options.matching;
    return {
      policy: this.policy,
      duration: optionalDuration(scope, `${prop}.interval`, this.interval),
      maxInterval: optionalDuration(scope, `${prop}.maxInterval`, this.maxInterval),
      maxRetries,
      matching: m ? {
        httpStatusCodes: codes(scope, `${prop}.matching.httpStatusCodes`, m.httpStatusCodes, 100, 599),
        gRPCStatusCodes: codes(scope, `${prop}.matching.grpcStatusCodes`, m.grpcStatusCodes, 0, 16),
      } : undefined,
    };
  }
}

function codes(scope: IConstruct, prop: string, list: string[] | undefined, min: number, max: number): string | undefined {
  if (list === undefined) return undefined;
  if (list.length === 0) fail(scope, prop, list, 'at least one code, or leave it out');
  for (const item of list) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(item);
    const lo = m ? Number(m[1]) : NaN;
    const hi = m?.[2] !== undefined ? Number(m[2]) : lo;
    if (!m || lo < min || hi > max || lo > hi) {
      fail(scope, prop, item, `a code from ${min} to ${max}, or a range "<low>-<high>" within it`);
    }
  }
  return list.join(',');
}

/** Variables a circuit breaker's trip expression can use. */
const TRIP_VARIABLES = ['requests', 'totalSuccesses', 'totalFailures', 'consecutiveSuccesses', 'consecutiveFailures'];

/**
 * A named circuit breaker of a Resiliency (`spec.policies.circuitBreakers`).
 */
export interface CircuitBreakerOptions {
  /**
   * When the breaker opens: a CEL expression over requests, totalSuccesses, totalFailures,
   * consecutiveSuccesses and consecutiveFailures, e.g. "consecutiveFailures >= 5".
   */
  readonly trip: string;
  /**
   * How often the counters are reset while closed.
   * @default - never (Dapr's default 0s)
   */
  readonly interval?: Duration;
  /**
   * How long the breaker stays open before it lets trial requests through.
   * @default - Dapr's default: 60s
   */
  readonly timeout?: Duration;
  /**
   * Trial requests let through while half-open.
   * @default 1
   */
  readonly maxRequests?: number;
}

/** @internal */
export function renderCircuitBreaker(scope: IConstruct, prop: string, cb: CircuitBreakerOptions): object {
  nonEmpty(scope, `${prop}.trip`, cb.trip, 'a CEL expression such as "consecutiveFailures >= 5"');
  if (!TRIP_VARIABLES.some((v) => new RegExp(`\\b${v}\\b`).test(cb.trip))) {
    fail(scope, `${prop}.trip`, cb.trip, `a CEL expression over ${TRIP_VARIABLES.join(', ')}, e.g. "consecutiveFailures >= 5"`);
  }
  if (cb.maxRequests !== undefined && (!Number.isInteger(cb.maxRequests) || cb.maxRequests < 1)) {
    fail(scope, `${prop}.maxRequests`, cb.maxRequests, 'an integer of 1 or more');
  }
  return {
    trip: cb.trip,
    interval: cb.interval === undefined ? undefined : checkDuration(scope, `${prop}.interval`, cb.interval, true),
    timeout: optionalDuration(scope, `${prop}.timeout`, cb.timeout),
    maxRequests: cb.maxRequests,
  };
}
