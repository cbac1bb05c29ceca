import { Chart, Duration, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { DaprApp, MetadataValue, SidecarResources, StateStore } from '../../src';
import { checkDuration, goDurationSeconds, isGoDuration, MAX_GO_DURATION_MS, parseQuantity } from '../../src/core/validation';

/*
 * Issue 13, class 7: generators for numbers, durations and quantities at and beyond the limits
 * of Go and Kubernetes. Every value either renders as Go and Kubernetes read it, or fails with
 * the library's error naming the construct and the prop. Seeded.
 */

const SEED = 1307;
const LIBRARY_ERROR = /^\[[^\]]*\] [^[\s].*?: .* is invalid; allowed: \S/s;

/** Numbers near every edge: 0, fractions, int32/int64/2^53 boundaries, NaN, infinities. */
const edgyNumber = fc.oneof(
  fc.double({ noDefaultInfinity: false, noNaN: false }),
  fc.constantFrom(0, -0, 0.1, 0.5, 1.5, 1e-7, 1e21, 2 ** 31, 2 ** 53, 2 ** 63, MAX_GO_DURATION_MS, MAX_GO_DURATION_MS + 1, NaN, Infinity, -Infinity),
  fc.integer(),
);

function outcome(fn: () => string): string | Error {
  try {
    return fn();
  } catch (e) {
    return e as Error;
  }
}

function expectLibraryError(e: unknown) {
  expect(e).toBeInstanceOf(Error);
  expect((e as Error).constructor).toBe(Error);
  expect((e as Error).message).toMatch(LIBRARY_ERROR);
}

describe('numbers, durations and quantities (fuzz)', () => {
  test('every Duration renders as a Go duration of the same length, or fails with the library error', () => {
    const unit = fc.constantFrom(Duration.millis, Duration.seconds, Duration.minutes, Duration.hours, Duration.days);
    fc.assert(fc.property(unit, edgyNumber.filter((n) => !(n < 0)), (make, amount) => {
      const d = make(amount);
      const r = outcome(() => checkDuration('fuzz', 'd', d, true));
      if (r instanceof Error) {
        expectLibraryError(r);
        return;
      }
      expect(isGoDuration(r)).toBe(true);
      expect(r).not.toMatch(/e|\.\d{7,}/); // no exponent, no float junk
      const ms = d.toMilliseconds({ integral: false });
      expect(ms).toBeLessThanOrEqual(MAX_GO_DURATION_MS);
      // within a nanosecond (or a millisecond beyond 2^53 ns, where whole milliseconds are kept)
      expect(Math.abs(goDurationSeconds(r) * 1000 - ms)).toBeLessThanOrEqual(ms * 1e6 > Number.MAX_SAFE_INTEGER ? 0.5 : 1e-6 + ms * 1e-12);
    }), { seed: SEED, numRuns: 3000 });
  });

  test('metadata numbers are plain decimals or the library error', () => {
    fc.assert(fc.property(edgyNumber, (n) => {
      const r = outcome(() => MetadataValue.fromNumber(n).value!);
      if (r instanceof Error) return expectLibraryError(r);
      expect(r).toMatch(/^-?\d+(\.\d+)?$/);
      expect(Number(r)).toBe(n === 0 ? 0 : n);
    }), { seed: SEED, numRuns: 2000 });
  });

  test('integer metadata (redisDB) takes whole non-negative numbers only', () => {
    fc.assert(fc.property(edgyNumber, (n) => {
      const chart = new Chart(Testing.app(), 'c');
      const r = outcome(() => StateStore.redis(chart, 's', { redisHost: 'r:6379', redisDB: n, sharedByAllApps: true }).name);
      if (r instanceof Error) return expectLibraryError(r);
      expect(Number.isInteger(n) && n >= 0).toBe(true);
      expect(Testing.synth(chart)[0].spec.metadata.find((m: any) => m.name === 'redisDB').value).toMatch(/^\d+$/);
    }), { seed: SEED, numRuns: 500 });
  });

  test('GOMEMLIMIT is a whole number of MiB, at least 1, for every memory limit accepted', () => {
    const mantissa = fc.oneof(fc.nat({ max: 10_000 }).map(String), fc.constantFrom('0.5', '1.5', '.5', '8', '1e3', '9e18', '1e28'));
    const suffix = fc.constantFrom('', 'k', 'M', 'G', 'T', 'P', 'E', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'm');
    fc.assert(fc.property(mantissa, suffix, (m, s) => {
      const limit = `${m}${/e/.test(m) ? '' : s}`;
      const chart = new Chart(Testing.app(), 'c');
      const r = outcome(() => {
        const app = new DaprApp(chart, 'a', { appId: 'a', image: 'ghcr.io/a/b:1', goMemLimit: true, sidecarResources: SidecarResources.of({ memoryLimit: limit, memoryRequest: '1' }) });
        return app.sidecar.annotations['dapr.io/env'];
      });
      if (r instanceof Error) return expectLibraryError(r);
      const mib = /GOMEMLIMIT=(\d+)MiB/.exec(r);
      expect(mib).not.toBeNull();
      expect(Number(mib![1])).toBeGreaterThanOrEqual(1);
      expect(parseQuantity(limit)!).toBeLessThan(2 ** 63);
    }), { seed: SEED, numRuns: 600 });
  });
});
