import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { DaprApp, DaprHelmInstall, DaprValidation } from '../../src';
import { validateCommand } from '../../src/cli/validate';
import { CHART_INJECTOR_SETTINGS } from '../../src/runtime/injector-settings';
import { injectorSettingsFromHelm } from '../../src/validation/helm-install';

/**
 * Dapr installed by its Helm chart (no DaprControlPlane in the app): the injected pods are
 * modelled with the chart's values, its defaults unless the values used are given.
 */

const IMAGE = 'ghcr.io/acme/web:1.0.0';
const DROP_ALL = { dapr_sidecar_injector: { sidecarDropALLCapabilities: true } };

function shop(helm?: DaprHelmInstall): Chart {
  const app = Testing.app();
  new DaprValidation(app, 'validation', helm ? { helm } : {});
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new DaprApp(chart, 'web', { appId: 'web', appPort: 8080, image: IMAGE });
  return chart;
}

describe('DaprValidation with a Helm-installed Dapr', () => {
  test('by default the chart\'s defaults: they keep daprd\'s capabilities, which "restricted" refuses, and the message names the chart value', () => {
    expect(() => Testing.synth(shop())).toThrow('[validation] shop Deployment/shop/web $.spec.template.spec.containers[1].securityContext.capabilities: [capabilities] container "daprd" drops [] and adds [] (in daprd as the sidecar injector adds it, with the Dapr 1.18.3 chart defaults; the injector drops capabilities only with SIDECAR_DROP_ALL_CAPABILITIES (chart value dapr_sidecar_injector.sidecarDropALLCapabilities');
  });

  test('passes with the values of an install that drops them (as boolean or as the string --set gives)', () => {
    expect(Testing.synth(shop({ values: DROP_ALL })).map((o) => o.kind)).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
    expect(() => Testing.synth(shop({ values: { dapr_sidecar_injector: { sidecarDropALLCapabilities: 'true' } }, namespace: 'dapr' }))).not.toThrow();
  });

  test('fails when a chart value makes the injected pod non-restricted: daprd may run as root', () => {
    const values = { dapr_sidecar_injector: { ...DROP_ALL.dapr_sidecar_injector, sidecarRunAsNonRoot: false } };
    expect(() => Testing.synth(shop({ values }))).toThrow('[validation] shop Deployment/shop/web $.spec.template.spec.containers[1].securityContext.runAsNonRoot: [run-as-non-root] container "daprd" may run as root (in daprd as the sidecar injector adds it, with the Dapr 1.18.3 Helm chart with the values given;');
  });

  test('the chart\'s defaults are what the library models as Dapr\'s chart defaults', () => {
    expect(injectorSettingsFromHelm({}, 'x')).toEqual(CHART_INJECTOR_SETTINGS);
  });

  test('reads the values that reach the injector\'s environment', () => {
    const settings = injectorSettingsFromHelm({
      namespace: 'dapr',
      values: {
        global: { registry: 'registry.acme.example/dapr', tag: '1.18.3-mariner', mtls: { enabled: false, controlPlaneTrustDomain: 'acme.internal' } },
        dapr_sidecar_injector: {
          sidecarImagePullPolicy: 'Always',
          sidecarReadOnlyRootFilesystem: 'false',
          nativeSidecar: true,
          enableK8sDownwardAPIs: true,
          kubeClusterDomain: 'acme.local',
          replicaCount: 3,
          webhookFailurePolicy: 'Fail',
        },
      },
    }, 'x');
    expect(settings).toEqual({
      sidecarImage: 'registry.acme.example/dapr/daprd:1.18.3-mariner',
      imagePullPolicy: 'Always',
      runAsNonRoot: true,
      readOnlyRootFilesystem: false,
      dropAllCapabilities: false,
      nativeSidecar: true,
      enableKubernetesDownwardApis: true,
      controlPlaneNamespace: 'dapr',
      trustDomain: 'acme.internal',
      clusterDomain: 'acme.local',
      mtlsEnabled: false,
      source: 'the Dapr 1.18.3 Helm chart with the values given',
    });
    // an image name with "/" is a whole reference (the chart's rule)
    expect(injectorSettingsFromHelm({ values: { dapr_sidecar_injector: { image: { name: 'registry.acme.example/daprd@sha256:' + 'a'.repeat(64) } } } }, 'x').sidecarImage)
      .toBe('registry.acme.example/daprd@sha256:' + 'a'.repeat(64));
  });

  test('bad input fails with the library\'s error', () => {
    const bad = (helm: any, message: string) => expect(() => injectorSettingsFromHelm(helm, 'app/validation')).toThrow(message);
    // Helm ignores a misspelled key silently, and the chart's default would apply
    bad({ values: { dapr_sidecar_injector: { sidecarDropAllCapabilities: true } } },
      '[app/validation] helm.values.dapr_sidecar_injector.sidecarDropAllCapabilities: "sidecarDropAllCapabilities" is invalid; allowed: a key of the Dapr 1.18.3 chart\'s dapr_sidecar_injector values (did you mean "sidecarDropALLCapabilities"?); Helm ignores others silently');
    bad({ values: { dapr_sidecar_injector: { sidecarDropALLCapabilities: 'maybe' } } },
      '[app/validation] helm.values.dapr_sidecar_injector.sidecarDropALLCapabilities: "maybe" is invalid; allowed: true or false');
    bad({ values: { dapr_sidecar_injector: { sidecarImagePullPolicy: 'Sometimes' } } },
      '[app/validation] helm.values.dapr_sidecar_injector.sidecarImagePullPolicy: "Sometimes" is invalid; allowed: one of Always, IfNotPresent, Never');
    bad({ values: { dapr_sidecar_injector: { enabled: false } } },
      '[app/validation] helm.values.dapr_sidecar_injector.enabled: false is invalid; allowed: true: without the sidecar injector no pod gets daprd');
    bad({ values: { global: 'x' } }, '[app/validation] helm.values.global: "x" is invalid; allowed: a map of chart values');
    bad({ values: [] }, '[app/validation] helm.values: [] is invalid; allowed: the chart values as an object');
    bad({ namespace: 'Dapr System' }, '[app/validation] helm.namespace: "Dapr System" is invalid; allowed: a namespace name (RFC 1123 label)');
    expect(() => new DaprValidation(Testing.app(), 'v', { helm: {}, sidecarInjection: {} }))
      .toThrow('[v] helm: "given together with sidecarInjection" is invalid; allowed: one of them');
    // checked where it is given, not at synth
    expect(() => new DaprValidation(Testing.app(), 'v', { helm: { values: { dapr_sidecar_injector: { nativeSidecar: 2 } } } }))
      .toThrow('[v] helm.values.dapr_sidecar_injector.nativeSidecar: 2 is invalid; allowed: true or false');
  });
});

test('property: any values map gives settings of the right types, or the library\'s error naming the value\'s path', () => {
  const keys = ['sidecarDropALLCapabilities', 'sidecarRunAsNonRoot', 'sidecarReadOnlyRootFilesystem', 'nativeSidecar', 'enableK8sDownwardAPIs',
    'sidecarImagePullPolicy', 'kubeClusterDomain', 'enabled', 'sidecarDropAllCapabilities', 'replicaCount', 'image'];
  const value = fc.oneof(fc.boolean(), fc.constantFrom('true', 'false', 'yes', 'off', 'Always', 'Never', '', 'maybe'), fc.integer(), fc.constant(null),
    fc.dictionary(fc.constantFrom('name', 'x'), fc.string({ maxLength: 8 })));
  const values = fc.record({
    dapr_sidecar_injector: fc.dictionary(fc.constantFrom(...keys), value),
    global: fc.oneof(fc.constant(undefined),
      fc.record({ registry: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), mtls: fc.record({ enabled: value }) })),
  }, { requiredKeys: [] });
  fc.assert(fc.property(values, (v) => {
    let settings;
    try {
      settings = injectorSettingsFromHelm({ values: v }, 'p');
    } catch (e) {
      expect((e as Error).message).toMatch(/^\[p\] helm\.values\.[A-Za-z0-9_.]+: .+ is invalid; allowed: /);
      return;
    }
    for (const flag of ['runAsNonRoot', 'readOnlyRootFilesystem', 'dropAllCapabilities', 'nativeSidecar', 'enableKubernetesDownwardApis', 'mtlsEnabled'] as const) {
      expect(typeof settings[flag]).toBe('boolean');
    }
    expect(['Always', 'IfNotPresent', 'Never']).toContain(settings.imagePullPolicy);
    expect(settings.sidecarImage.length).toBeGreaterThan(0);
    // a setting the values do not name keeps the chart's default
    if (v.dapr_sidecar_injector?.sidecarDropALLCapabilities === undefined || v.dapr_sidecar_injector?.sidecarDropALLCapabilities === null) {
      expect(settings.dropAllCapabilities).toBe(false);
    }
  }), { seed: 42, numRuns: 500 });
});

describe('cdk8s-dapr-validate --helm-values', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'helm-values-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const run = (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = validateCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  };
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  new DaprApp(chart, 'web', { appId: 'web', appPort: 8080, image: IMAGE });
  const manifests = path.join(tmp, 'shop.yaml');
  fs.writeFileSync(manifests, Testing.synth(chart).map((o) => Yaml.stringify(o)).join('---\n'));
  const values = (name: string, text: string) => {
    fs.writeFileSync(path.join(tmp, name), text);
    return path.join(tmp, name);
  };

  test('the chart\'s defaults fail "restricted"; the values used pass; a value that weakens the pod fails', () => {
    expect(run(['--injected', manifests]).code).toBe(1);
    expect(run(['--helm-values', values('drop.yaml', 'dapr_sidecar_injector:\n  sidecarDropALLCapabilities: true\n'), manifests]))
      .toEqual({ code: 0, out: ['3 objects in 1 files: valid'], err: [] });
    const root = run(['--helm-values', values('root.yaml', 'dapr_sidecar_injector:\n  sidecarDropALLCapabilities: true\n  sidecarRunAsNonRoot: false\n'), manifests]);
    expect(root.code).toBe(1);
    expect(root.err[0]).toContain('[run-as-non-root] container "daprd" may run as root (in daprd as the sidecar injector adds it, with the Dapr 1.18.3 Helm chart with the values given;');
  });

  test('bad values files and contradicting inputs are usage errors', () => {
    expect(run(['--helm-values', values('typo.yaml', 'dapr_sidecar_injector:\n  sidecarDropAllCapabilities: true\n'), manifests])).toEqual({
      code: 2, out: [], err: ['[--helm-values] helm.values.dapr_sidecar_injector.sidecarDropAllCapabilities: "sidecarDropAllCapabilities" is invalid; allowed: a key of the Dapr 1.18.3 chart\'s dapr_sidecar_injector values (did you mean "sidecarDropALLCapabilities"?); Helm ignores others silently'],
    });
    expect(run(['--helm-values', values('list.yaml', '- a\n'), manifests]).err).toEqual([`--helm-values: ${path.join(tmp, 'list.yaml')}: not a map of chart values`]);
    expect(run(['--helm-values', path.join(tmp, 'missing.yaml'), manifests]).code).toBe(2);
    const injector = path.join(tmp, 'injector.yaml');
    fs.writeFileSync(injector, Yaml.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dapr-sidecar-injector', namespace: 'dapr-system' },
      spec: { selector: { matchLabels: { app: 'i' } }, template: { metadata: { labels: { app: 'i' } }, spec: { containers: [{ name: 'i', image: 'ghcr.io/dapr/injector:1.18.3', env: [{ name: 'SIDECAR_IMAGE', value: 'ghcr.io/dapr/daprd:1.18.3' }] }] } } },
    }));
    const both = run(['--helm-values', values('ok.yaml', ''), manifests, injector]);
    expect(both.code).toBe(2);
    expect(both.err[0]).toMatch(/^--helm-values: the inputs hold a sidecar injector Deployment \(the injector Deployment dapr-system\/dapr-sidecar-injector\); check them either with its settings or with the Helm values, not both$/);
  });
});
