import { WorkloadPolicy } from '../../src';
import { checkWorkloadPolicy, POLICY_EXEMPTIONS_ANNOTATION, POLICY_RULES } from '../../src/validation/policy';

// The public face of the workload policy (jsii languages have no module-level functions or
// constants): the same checks as the internal functions DaprValidation uses.
describe('WorkloadPolicy', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx:latest' }] },
  };

  test('check() lists what checkWorkloadPolicy lists', () => {
    const violations = WorkloadPolicy.check([pod]);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations).toEqual(checkWorkloadPolicy([pod]));
    expect(violations.map((v) => v.rule)).toContain('image-tag');
  });

  test('RULES and EXEMPTIONS_ANNOTATION are the ones the checks use', () => {
    expect(WorkloadPolicy.RULES).toEqual(POLICY_RULES);
    expect(Object.keys(WorkloadPolicy.RULES)).toContain('run-as-non-root');
    expect(WorkloadPolicy.EXEMPTIONS_ANNOTATION).toBe(POLICY_EXEMPTIONS_ANNOTATION);
    expect(WorkloadPolicy.EXEMPTIONS_ANNOTATION).toBe('policy.cdk8s-dapr.io/exemptions');
  });
});
