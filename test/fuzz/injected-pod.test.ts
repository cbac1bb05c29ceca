import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { AppProtocol, DaprApp, DaprSidecar, LogLevel, SeccompProfile, SidecarResources } from '../../src';
import { annotationProblems } from '../../src/app/annotation-check';
import { injectPod } from '../../src/app/injected-pod';
import { CHART_INJECTOR_SETTINGS } from '../../src/runtime/injector-settings';
import { checkWorkloadPolicy } from '../../src/validation/policy';

/*
 * Properties of the injector model and the raw annotation check, over generated sidecar options:
 * what the library writes always passes the raw check; the injected pod always has daprd with
 * the options' app id and ports, mounts only volumes the pod has, and (with DaprControlPlane's
 * default sidecar settings) meets the policy for daprd.
 */

const SEED = 20261202;
const IMAGE = 'ghcr.io/acme/app:1.0.0';
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const options = fc.record({
  appPort: maybe(fc.constantFrom(8000, 8080, 5000)),
  appProtocol: maybe(fc.constantFrom(...AppProtocol.ALL)),
  grpcPort: maybe(fc.constantFrom(50011, 50021)),
  logLevel: maybe(fc.constantFrom(...LogLevel.ALL)),
  json: maybe(fc.boolean()),
  metrics: maybe(fc.boolean()),
  resources: maybe(fc.constantFrom(SidecarResources.production(), SidecarResources.of({ cpuRequest: '50m', cpuLimit: '1', memoryRequest: '64Mi', memoryLimit: '512Mi' }))),
  builtin: maybe(fc.boolean()),
  seccomp: maybe(fc.constantFrom(SeccompProfile.RUNTIME_DEFAULT)),
  env: maybe(fc.dictionary(fc.constantFrom('A', 'B_C', 'LOG_FORMAT'), fc.constantFrom('1', 'x,y', 'a=b'), { minKeys: 1 })),
  uds: maybe(fc.constantFrom('/tmp/dapr', '/var/run/dapr')),
  nativeSidecar: maybe(fc.boolean()),
  pluggable: fc.boolean(),
  placement: maybe(fc.constantFrom([], ['placement:50005'])),
  shutdown: maybe(fc.integer({ min: 0, max: 20 })),
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('the injector model, fuzzed', () => {
  test('what the library writes passes the raw annotation check, and the injected pod is consistent', () => {
    let runs = 0;
    fc.assert(fc.property(options, (o) => {
      const chart = Testing.chart();
      const app = new DaprApp(chart, 'app', {
        appId: 'app',
        image: IMAGE,
        appPort: o.appPort,
        appProtocol: o.appProtocol,
        ports: o.grpcPort ? { grpcPort: o.grpcPort } : undefined,
        logging: { level: o.logLevel, json: o.json },
        metrics: { enabled: o.metrics },
        sidecarResources: o.resources,
        security: { disableBuiltinK8sSecretStore: o.builtin === undefined ? undefined : !o.builtin, seccompProfile: o.seccomp },
        sidecarEnv: o.env,
        networking: o.uds ? { unixDomainSocketPath: o.uds } : undefined,
        nativeSidecar: o.nativeSidecar,
        actors: o.placement ? { placementHostAddresses: [...o.placement] } : undefined,
        shutdown: o.shutdown === undefined ? undefined : { gracefulShutdownSeconds: o.shutdown },
      });
      if (o.pluggable) app.addPluggableComponent({ name: 'store', image: IMAGE });
      const manifests = Testing.synth(chart);
      const deployment = manifests.find((m) => m.kind === 'Deployment');
      expect(annotationProblems(deployment.spec.template.metadata.annotations)).toEqual([]);

      const pod = DaprSidecar.injectedPod(app, { sidecarInjection: {} });
      const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
      const daprd = all.find((c: any) => c.name === 'daprd');
      expect(daprd.args).toEqual(expect.arrayContaining(['--app-id', 'app', '--dapr-grpc-port', String(o.grpcPort ?? 50001)]));
      expect(daprd.args.includes('--disable-builtin-k8s-secret-store')).toBe(o.builtin !== true);
      expect(Boolean(daprd.restartPolicy)).toBe(o.nativeSidecar === true);
      const volumes = new Set(pod.spec.volumes.map((v: any) => v.name));
      for (const c of all) for (const m of c.volumeMounts ?? []) expect(volumes).toContain(m.name);
      const final = { ...deployment, spec: { ...deployment.spec, template: pod } };
      const services = manifests.filter((m) => m.kind === 'Service' || m.kind === 'PodDisruptionBudget');
      const daprdViolations = checkWorkloadPolicy([final, ...services]).filter((v) => v.message.includes('"daprd"'));
      expect(daprdViolations).toEqual([]);
      // the model is a pure function of the template: the same input, the same pod
      expect(injectPod(deployment.spec.template, 'default', CHART_INJECTOR_SETTINGS)).toEqual(injectPod(deployment.spec.template, 'default', CHART_INJECTOR_SETTINGS));
      // and never changes it (the patched pod shares what it leaves): a frozen template, where any
      // change in place throws, patches as a fresh copy does
      const frozen = deepFreeze(JSON.parse(JSON.stringify(deployment.spec.template)));
      expect(injectPod(frozen, 'default', CHART_INJECTOR_SETTINGS)).toEqual(injectPod(JSON.parse(JSON.stringify(frozen)), 'default', CHART_INJECTOR_SETTINGS));
      runs++;
    }), { seed: SEED, numRuns: 60 });
    expect(runs).toBe(60);
  });

  test('DaprSidecar.injectedPod() returns the caller\'s own copy: changing it changes nothing written', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'app', { appId: 'app', image: IMAGE, appPort: 8080 });
    const before = Testing.synth(chart);
    const pod = DaprSidecar.injectedPod(app, { sidecarInjection: {} });
    pod.spec.containers[0].image = 'changed';
    pod.spec.containers[0].env?.push({ name: 'X', value: 'y' });
    pod.metadata.annotations['dapr.io/app-id'] = 'changed';
    expect(Testing.synth(chart)).toEqual(before);
    expect(DaprSidecar.injectedPod(app, { sidecarInjection: {} }).spec.containers[0].image).toBe(IMAGE);
  });

  test('raw annotation values: the typed rows refuse what the injector would misread', () => {
    fc.assert(fc.property(
      fc.constantFrom('dapr.io/enable-metrics', 'dapr.io/log-as-json', 'dapr.io/app-port', 'dapr.io/graceful-shutdown-seconds', 'dapr.io/sidecar-cpu-limit', 'dapr.io/block-shutdown-duration'),
      fc.constantFrom('ture', 'yes please', '-1', 'abc', '5 s', ''),
      (key, value) => {
        expect(annotationProblems({ 'dapr.io/enabled': 'true', [key]: value })).toHaveLength(1);
      }), { seed: SEED, numRuns: 60 });
  });
});
