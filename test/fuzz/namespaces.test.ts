import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { DaprApp, DaprNamespace } from '../../src';

/**
 * Property: whatever charts, namespaces and declarations an app has, every namespace its DaprApps
 * use is emitted exactly once (restricted), except system namespaces and those declared
 * elsewhere; a name that is no RFC 1123 label fails with the library's error instead.
 * Seeded (FUZZ_SEED, FUZZ_RUNS override) so runs are reproducible.
 */
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 42;
const RUNS = process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : 60;
const IMAGE = 'ghcr.io/acme/app:1.0.0';
const SYSTEM = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const namespaceName = fc.oneof(
  fc.constantFrom('tasks', 'orders', 'billing', ...SYSTEM),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
  fc.constantFrom('Tasks', 'with_underscore', '-dash', 'x'.repeat(64)),
);

const scenario = fc.record({
  charts: fc.array(
    fc.record({ namespace: fc.option(namespaceName, { nil: undefined }), apps: fc.integer({ min: 1, max: 2 }) }),
    { minLength: 1, maxLength: 4 }),
  existing: fc.array(namespaceName, { maxLength: 2 }),
});

test('app Namespaces: one per namespace used, none for system or existing ones; bad names rejected', () => {
  let emitted = 0;
  let rejected = 0;
  fc.assert(fc.property(scenario, ({ charts, existing }) => {
    const app = Testing.app();
    const build = () => {
      for (const name of existing) DaprNamespace.useExisting(app, name);
      charts.forEach((c, i) => {
        const chart = new Chart(app, `chart${i}`, { namespace: c.namespace });
        for (let j = 0; j < c.apps; j++) new DaprApp(chart, `app${j}`, { appId: `app-${i}-${j}`, image: IMAGE });
      });
    };
    const named = charts.map((c) => c.namespace).filter((n): n is string => n !== undefined);
    const bad = [...existing, ...named].find((n) => !LABEL.test(n) || n.length > 63);
    if (bad !== undefined) {
      expect(build).toThrow(new RegExp(`: ${JSON.stringify(bad).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is invalid; allowed: `));
      rejected++;
      return;
    }
    build();
    const used = new Set(charts.map((c) => c.namespace ?? 'default'));
    const expected = [...used].filter((n) => !SYSTEM.includes(n) && !existing.includes(n));
    const objects = app.charts.flatMap((c) => Testing.synth(c));
    const names = objects.filter((o: any) => o.kind === 'Namespace').map((o: any) => o.metadata.name);
    expect([...names].sort()).toEqual([...expected].sort());
    for (const o of objects.filter((x: any) => x.kind === 'Namespace')) {
      expect(o.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    }
    emitted += names.length;
  }), { seed: SEED, numRuns: RUNS });
  expect(emitted).toBeGreaterThan(0);
  expect(rejected).toBeGreaterThan(0);
});
