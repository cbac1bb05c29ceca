import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { DaprControlPlaneProps, WebhookFailurePolicy } from '../../src/runtime';
import { ManifestValidator } from '../../src/validation';
import { checkWorkloadPolicy } from '../../src/validation/policy';
import { synthControlPlane } from '../runtime/helpers';

/*
 * Property-based tests of the control plane's chart-value props (webhook selectors, CPU limits,
 * per-service extras, tuning numbers): every case is either refused with the library's one error
 * format, or synthesizes manifests that match their schemas and the workload policy (with the
 * exemptions each workload declares). Seeded; FUZZ_SEED and FUZZ_RUNS override.
 */
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 16;
const runs = (n: number) => (process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : n);
const LIBRARY_ERROR = /^\[[^\]]*\] [^[\s].*?: .* is invalid; allowed: \S/s;
const TIMEOUT = 120_000;
const validator = new ManifestValidator();

let synthesized = 0;
/** Synthesizes, or returns the library's error; anything else fails the property. */
function outcome(props: DaprControlPlaneProps): any[] | Error {
  try {
    const { objects } = synthControlPlane(props);
    synthesized++;
    return objects;
  } catch (e) {
    if (!(e instanceof Error) || !LIBRARY_ERROR.test(e.message)) throw e;
    return e;
  }
}

function checkOutput(objects: any[]): void {
  expect(validator.validate(objects).map((p) => `${p.object}: ${p.message}`)).toEqual([]);
  expect(checkWorkloadPolicy(objects).filter((v) => v.rule !== 'resource-requests')).toEqual([]);
}

const labelKey = fc.oneof(
  fc.constantFrom('team', 'dapr.io/inject', 'kubernetes.io/metadata.name', 'app.kubernetes.io/part-of'),
  fc.constantFrom('Bad Key', '-x', 'a/b/c', ''),
);
const labelValue = fc.oneof(fc.constantFrom('enabled', 'true', 'apps', 'a.b-c_d'), fc.constantFrom('not valid', '-x', 'x'.repeat(64)));
const operator = fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist', 'Equals');
const selector = fc.record({
  matchLabels: fc.option(fc.dictionary(labelKey, labelValue, { maxKeys: 2 }), { nil: undefined }),
  matchExpressions: fc.option(fc.array(fc.record({
    key: labelKey,
    operator,
    values: fc.option(fc.array(labelValue, { maxLength: 2 }), { nil: undefined }),
  }), { maxLength: 2 }), { nil: undefined }),
});

describe('control plane chart values (property-based)', () => {
  // Every property must synthesize some of its cases, or it proves nothing about good input.
  beforeEach(() => { synthesized = 0; });
  afterEach(() => expect(synthesized).toBeGreaterThan(3));

  test('webhook selectors: refused with the library error, or copied as given; FAIL without one always spares its own namespace and kube-system', () => {
    fc.assert(fc.property(
      fc.option(selector, { nil: undefined }), fc.option(selector, { nil: undefined }), fc.boolean(), fc.constantFrom('dapr-system', 'kube-system', 'dapr'),
      (namespaceSelector, objectSelector, failClosed, namespace) => {
        const result = outcome({
          namespace,
          webhookFailurePolicy: failClosed ? WebhookFailurePolicy.FAIL : WebhookFailurePolicy.IGNORE,
          sidecarInjector: { namespaceSelector, objectSelector },
        });
        if (result instanceof Error) return;
        checkOutput(result);
        const hook = result.find((o) => o.kind === 'MutatingWebhookConfiguration').webhooks[0];
        if (namespaceSelector === undefined && failClosed) {
          expect(hook.namespaceSelector.matchExpressions[0].values).toEqual([...new Set([namespace, 'kube-system'])].sort());
        } else if (namespaceSelector === undefined) {
          expect(hook.namespaceSelector).toBeUndefined();
        } else {
          const given = (namespaceSelector.matchExpressions ?? []).map((e) => ({ ...e, values: e.values ?? undefined }));
          expect(hook.namespaceSelector.matchExpressions ?? []).toEqual(given);
        }
      },
    ), { seed: SEED, numRuns: runs(40) });
  }, TIMEOUT);

  test('CPU limits: set, kept or removed per service; a container without one declares the cpu-limit exemption', () => {
    const service = fc.constantFrom('operator', 'sentry', 'sidecarInjector', 'placement', 'scheduler');
    const resources = fc.record({
      cpuLimit: fc.option(fc.constantFrom('500m', '2', '1.5', 'lots', '-1'), { nil: undefined }),
      noCpuLimit: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(fc.property(service, resources, (svc, r) => {
      const result = outcome({ [svc]: { resources: r } });
      if (result instanceof Error) {
        expect(r.cpuLimit !== undefined && (r.noCpuLimit || !/^(500m|2|1\.5)$/.test(r.cpuLimit))).toBe(true);
        return;
      }
      checkOutput(result);
      const workload = result.find((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.spec.template.metadata.annotations['dapr.io/control-plane']
        === { operator: 'operator', sentry: 'sentry', sidecarInjector: 'injector', placement: 'placement', scheduler: 'scheduler' }[svc]);
      const limit = workload.spec.template.spec.containers[0].resources.limits?.cpu;
      const expected = r.noCpuLimit ? undefined : r.cpuLimit ?? (svc === 'scheduler' ? undefined : '1');
      expect(limit).toBe(expected);
      expect(workload.metadata.annotations['policy.cdk8s-dapr.io/exemptions'].split(',').includes('cpu-limit')).toBe(limit === undefined);
    }), { seed: SEED, numRuns: runs(40) });
  }, TIMEOUT);

  test('extra env never carries a literal credential, and the error never shows it', () => {
    const name = fc.constantFrom('HTTPS_PROXY', 'DB_PASSWORD', 'API_KEY', 'GOMEMLIMIT', 'aws_secret_access_key', '1BAD', 'NAMESPACE');
    fc.assert(fc.property(name, fc.string({ minLength: 6, maxLength: 12 }).map((s) => `s3cr3t-${s}`), (n, value) => {
      const result = outcome({ operator: { extraEnv: [{ name: n, value }] } });
      if (result instanceof Error) {
        expect(result.message).not.toContain(value);
        return;
      }
      checkOutput(result);
      expect(/PASSWORD|KEY|SECRET/i.test(n)).toBe(false);
    }), { seed: SEED, numRuns: runs(40) });
  }, TIMEOUT);

  test('placement and scheduler tuning numbers: refused with the library error, or written flag for flag', () => {
    // Mostly good counts, some out of range or fractional.
    const int = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 5000 }), weight: 6 }, { arbitrary: fc.constantFrom(-1, 0, 0.5, 2 ** 31), weight: 1 });
    fc.assert(fc.property(int, int, int, fc.integer({ min: 0, max: 5000 }), (replicationFactor, workers, maxTxnOps, windowMs) => {
      const result = outcome({
        placement: { replicationFactor, disseminateCoalesceWindow: Duration.millis(windowMs) },
        scheduler: { workers, etcd: { maxTxnOps } },
      });
      if (result instanceof Error) return;
      checkOutput(result);
      const args = (name: string) => result.find((o) => o.kind === 'StatefulSet' && o.metadata.name === name).spec.template.spec.containers[0].args;
      expect(args('dapr-placement-server')).toContain(`--replicationFactor=${replicationFactor}`);
      expect(args('dapr-scheduler-server')).toContain(`--workers=${workers}`);
      expect(args('dapr-scheduler-server')).toContain(`--etcd-max-txn-ops=${maxTxnOps}`);
    }), { seed: SEED, numRuns: runs(30) });
  }, TIMEOUT);
});
