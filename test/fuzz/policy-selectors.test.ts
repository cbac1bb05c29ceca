import * as fc from 'fast-check';
import { checkWorkloadPolicy } from '../../src/validation/policy';

// The policy finds the Services and PodDisruptionBudgets that select a workload's pods through an
// index (src/validation/policy.ts, SelectorIndex). These runs compare it with the plain reading
// of the rules over every pair: a selector picks the pods when it is not empty, it is in the
// workload's namespace, and every one of its entries is among the pod labels.

const namespaces = fc.constantFrom(undefined, 'a', 'b');
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'x'), fc.constantFrom('1', '2', 'web'), { maxKeys: 3 });

const workload = fc.record({ namespace: namespaces, labels: fc.option(labels, { nil: undefined }), replicas: fc.integer({ min: 1, max: 3 }) });
const owner = fc.record({ kind: fc.constantFrom('Service', 'PodDisruptionBudget'), namespace: namespaces, selector: fc.option(labels, { nil: undefined }) });

function manifests(workloads: any[], owners: any[]): any[] {
  return [
    ...workloads.map((w, i) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `w${i}`, ...(w.namespace ? { namespace: w.namespace } : {}) },
      spec: { replicas: w.replicas, template: { metadata: { labels: w.labels }, spec: { automountServiceAccountToken: false, containers: [{ name: 'c' }] } } },
    })),
    ...owners.map((o, i) => ({
      apiVersion: o.kind === 'Service' ? 'v1' : 'policy/v1',
      kind: o.kind,
      metadata: { name: `o${i}`, ...(o.namespace ? { namespace: o.namespace } : {}) },
      spec: o.kind === 'Service' ? { selector: o.selector } : { selector: { matchLabels: o.selector } },
    })),
  ];
}

function picks(o: any, w: any): boolean {
  const selector = o.selector ?? {};
  return (o.namespace ?? '') === (w.namespace ?? '') && Object.keys(selector).length > 0
    && Object.entries(selector).every(([k, v]) => (w.labels ?? {})[k] === v);
}

describe('the workload policy matches selectors as a scan over every pair would', () => {
  test('readiness-probe and disruption-budget, random charts', () => {
    fc.assert(fc.property(fc.array(workload, { maxLength: 6 }), fc.array(owner, { maxLength: 8 }), (workloads, owners) => {
      const violations = checkWorkloadPolicy(manifests(workloads, owners));
      workloads.forEach((w, i) => {
        const object = `Deployment/${w.namespace ?? ''}/w${i}`;
        const rules = violations.filter((v) => v.object === object).map((v) => v.rule);
        const served = owners.some((o) => o.kind === 'Service' && picks(o, w));
        const budgeted = owners.some((o) => o.kind === 'PodDisruptionBudget' && picks(o, w));
        expect(rules.includes('readiness-probe')).toBe(served);
        expect(rules.includes('disruption-budget')).toBe(w.replicas > 1 && !budgeted);
      });
    }), { seed: 17, numRuns: 300 });
  });
});
