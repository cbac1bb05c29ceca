import { ApiObject, Testing } from 'cdk8s';
import { EXAMPLES } from '../../examples';
import { DaprSidecar, DaprValidation } from '../../src';
import { isInjected, podTemplateOfManifest } from '../../src/app/injected-pod';
import { checkWorkloadPolicy } from '../../src/validation/policy';

/*
 * Every example as it runs: each Dapr pod as the sidecar injector patches it
 * (`DaprSidecar.injectedPod`) has a daprd with requests and limits, meets the "restricted"
 * profile and the workload policy, and mounts only volumes the pod has.
 */
describe.each(Object.keys(EXAMPLES))('example %s, pods as injected', (name) => {
  const app = Testing.app();
  // examples without a control plane run next to task-api's DaprControlPlane (default sidecar settings)
  new DaprValidation(app, 'validation', { sidecarInjection: {} });
  EXAMPLES[name](app);
  const workloads = app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)
    .filter((o) => isInjected(podTemplateOfManifest(o.toJson())));

  test('has Dapr workloads', () => {
    expect(workloads.length).toBeGreaterThan(0);
  });

  test.each(workloads.map((w) => [w.node.path, w] as const))('%s', (_path, workload) => {
    const manifest = workload.toJson();
    const template = DaprSidecar.injectedPod(workload, { sidecarInjection: {} });
    const spec = template.spec;
    const daprd = [...spec.containers, ...(spec.initContainers ?? [])].find((c: any) => c.name === 'daprd');
    expect(daprd.resources.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(daprd.resources.limits).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
    expect(daprd.securityContext).toMatchObject({ allowPrivilegeEscalation: false, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const volumes = new Set(spec.volumes.map((v: any) => v.name));
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])]) {
      for (const m of c.volumeMounts ?? []) expect(volumes).toContain(m.name);
    }
    // the whole workload, with its final pod, against the policy (exemptions the workload declares apply)
    const final = JSON.parse(JSON.stringify(manifest));
    const holder = manifest.kind === 'CronJob' ? final.spec.jobTemplate.spec : final.kind === 'Pod' ? undefined : final.spec;
    if (holder) holder.template = template;
    const rules = checkWorkloadPolicy([final, ...app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && ['Service', 'PodDisruptionBudget'].includes(c.kind)).map((o) => o.toJson())])
      .filter((v) => v.object.endsWith(`/${manifest.metadata.name}`) && v.object.startsWith(`${manifest.kind}/`));
    expect(rules).toEqual([]);
  });
});
