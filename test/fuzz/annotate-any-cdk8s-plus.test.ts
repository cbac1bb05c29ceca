import { ApiObject, Chart, Cron, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { DaprSidecar, DaprSidecarOptions, LogLevel } from '../../src';

/*
 * DaprSidecar.annotate on workloads of cdk8s-plus-28 and cdk8s-plus-33 (and their ApiObjects):
 * for any kind with a pod template, any valid options and any pod annotations added before or
 * after, the synthesized pod template holds exactly the sidecar's annotations plus the others,
 * the same for both cdk8s-plus versions; bad options fail with the library error and leave the
 * workload untouched.
 */

const IMAGE = 'ghcr.io/acme/worker:1.0.0';
const LIBRARY_ERROR = /^\[[^\]]*\] [^[\s].*?: .* is invalid; allowed: \S/s;

type Plus = typeof kplus28 | typeof kplus33;
const KINDS: Array<[string, (p: Plus, c: Chart) => Construct, (o: any) => any]> = [
  ['Deployment', (p, c) => new p.Deployment(c, 'w', { containers: [{ image: IMAGE }] }), (o) => o.spec.template],
  ['StatefulSet', (p, c) => new p.StatefulSet(c, 'w', { containers: [{ image: IMAGE, portNumber: 8080 }] }), (o) => o.spec.template],
  ['DaemonSet', (p, c) => new p.DaemonSet(c, 'w', { containers: [{ image: IMAGE }] }), (o) => o.spec.template],
  ['Job', (p, c) => new p.Job(c, 'w', { containers: [{ image: IMAGE }] }), (o) => o.spec.template],
  ['CronJob', (p, c) => new p.CronJob(c, 'w', { containers: [{ image: IMAGE }], schedule: Cron.daily() }), (o) => o.spec.jobTemplate.spec.template],
  ['Pod', (p, c) => new p.Pod(c, 'w', { containers: [{ image: IMAGE }] }), (o) => o],
];

const appId = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/), fc.constantFrom('', '1api', 'Api', 'a'.repeat(59)));
const options: fc.Arbitrary<DaprSidecarOptions> = fc.record({
  appId,
  appPort: fc.option(fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(0, 3500, 70000)), { nil: undefined }),
  logging: fc.option(fc.record({ level: fc.constantFrom(LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR) }), { nil: undefined }),
  sidecarEnv: fc.option(fc.dictionary(fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { minKeys: 1, maxKeys: 3 }), { nil: undefined }),
}, { requiredKeys: ['appId'] });
const otherAnnotations = fc.dictionary(fc.stringMatching(/^example\.com\/[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 3 });

describe('DaprSidecar.annotate on any cdk8s-plus version (property)', () => {
  test('pod template = the sidecar\'s annotations + the others, the same for cdk8s-plus-28 and -33; bad options change nothing', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: KINDS.length - 1 }), fc.boolean(), options, otherAnnotations, otherAnnotations,
      (k, viaApiObject, opts, before, after) => {
        const [kind, make, template] = KINDS[k];
        const results = ([kplus28, kplus33] as Plus[]).map((plus) => {
          const chart = Testing.chart();
          const workload = make(plus, chart) as any;
          const podMetadata = workload.podMetadata;
          for (const [key, value] of Object.entries(before)) podMetadata.addAnnotation(key, value);
          let sidecar: DaprSidecar | undefined;
          let error: string | undefined;
          try {
            sidecar = DaprSidecar.annotate(viaApiObject ? ApiObject.of(workload) : workload, opts);
          } catch (e) {
            error = (e as Error).message;
          }
          for (const [key, value] of Object.entries(after)) podMetadata.addAnnotation(key, value);
          const manifest = Testing.synth(chart).find((o) => o.kind === kind);
          const annotations = template(manifest).metadata?.annotations ?? {};
          if (error !== undefined) {
            expect(error).toMatch(LIBRARY_ERROR);
            expect(DaprSidecar.of(workload)).toBeUndefined();
            expect(annotations).toEqual({ ...before, ...after });
          } else {
            expect(annotations).toEqual({ ...before, ...sidecar!.annotations, ...after });
            expect(DaprSidecar.of(workload)).toBe(sidecar);
          }
          return { error, annotations };
        });
        expect(results[1]).toEqual(results[0]);
      }), { seed: 1207, numRuns: 150 });
  });
});
