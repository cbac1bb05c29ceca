import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { DaprApp, DaprCrds, MetadataValue, StateStore } from '../../src';
import { validateCommand } from '../../src/cli/validate';

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = validateCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(file: string, docs: any[]): string {
  const target = path.join(tmp, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, docs.map((d) => Yaml.stringify(d)).join('---\n'));
  return target;
}

describe('cdk8s-dapr-validate', () => {
  test('passes what the library synthesizes, CRDs and custom resources in separate files', () => {
    const app = Testing.app();
    const crds = new Chart(app, 'crds');
    new DaprCrds(crds, 'crds');
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const web = new DaprApp(shop, 'web', { appId: 'web', appPort: 8080, image: 'ghcr.io/acme/web:1.0.0' });
    StateStore.redis(shop, 'state', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password') }).grant(web);
    write('good/0000-crds.k8s.yaml', Testing.synth(crds));
    write('good/0001-shop.k8s.yaml', Testing.synth(shop));
    fs.writeFileSync(path.join(tmp, 'good', 'README.txt'), 'not yaml, not read');
    expect(run([path.join(tmp, 'good')])).toEqual({ code: 0, out: ['11 objects in 2 files: valid'], err: [] });
  });

  test('lists every problem of hand-written YAML, schema and policy, and exits 1', () => {
    const file = write('helm/rendered.yaml', [
      { apiVersion: 'dapr.io/v1alpha1', kind: 'Component', metadata: { name: 'state', namespace: 'shop' }, spec: { type: 'state.redis', version: 'v1', metdata: [] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { automountServiceAccountToken: false, containers: [{ name: 'sh', image: 'busybox:1.36', securityContext: { privileged: true } }] } },
    ]);
    const result = run([file]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${file} #1 dapr.io/v1alpha1 Component shop/state $.spec.metdata: unknown field "metdata"; the schema has no such field here`);
    expect(result.err).toContain(`${file} #1 dapr.io/v1alpha1 Component shop/state $.spec.metadata: required field "metadata" is missing`);
    expect(result.err).toContain(`${file} Pod/shop/debug $.spec.containers[0].securityContext.privileged: [privileged] container "sh" is privileged`);
    expect(result.out).toEqual([`2 objects in 1 files: ${result.err.length} problems`]);
    // the policy can be left to other tools
    expect(run(['--no-policy', file]).err).toHaveLength(2);
  });

  test('unknown kinds fail unless allowed; broken YAML is reported', () => {
    const widget = write('other/widget.yaml', [{ apiVersion: 'acme.io/v1', kind: 'Widget', metadata: { name: 'w' } }]);
    expect(run([widget]).err).toEqual([`${widget} #1 acme.io/v1 Widget w $: no schema for acme.io/v1 Widget: neither a Kubernetes 1.28 kind nor a kind of a known CRD`]);
    expect(run(['--allow-unknown-kinds', widget]).code).toBe(0);
    const broken = path.join(tmp, 'other', 'broken.yaml');
    fs.writeFileSync(broken, 'kind: [unclosed\n');
    expect(run([broken]).err[0]).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} #1: not YAML: line 2, column 1: Flow sequence in block collection`));
  });

  test('usage errors exit 2', () => {
    expect(run([])).toEqual({ code: 2, out: [], err: ['no files given', expect.stringMatching(/^usage: cdk8s-dapr-validate/)] });
    expect(run(['--strict', 'x.yaml']).err[0]).toBe('unknown option --strict');
    expect(run([path.join(tmp, 'missing.yaml')]).code).toBe(2);
    expect(run(['--help']).code).toBe(0);
  });
});


describe('cdk8s-dapr-validate: dapr.io annotations and injected pods', () => {
  const deployment = (name: string, annotations: { [k: string]: string }, namespace = 'shop') => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name }, annotations },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'app',
            image: 'ghcr.io/acme/web:1.0.0',
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
          }],
        },
      },
    },
  });

  test('unknown keys get a suggestion, values are checked by type, on workloads from any source', () => {
    const file = write('annotations/helm.yaml', [deployment('web', {
      'dapr.io/enabled': 'true',
      'dapr.io/app-id': 'web',
      'dapr.io/app-prot': '8080',
      'dapr.io/log-as-json': 'yes please',
      'dapr.io/sidecar-memory-limit': 'lots',
      'dapr.io/graceful-shutdown-seconds': '5s',
      'dapr.io/block-shutdown-duration': '15 seconds',
    })]);
    const result = run(['--no-policy', file]);
    expect(result.code).toBe(1);
    const at = `${file} Deployment/shop/web $.spec.template.metadata.annotations`;
    expect(result.err).toEqual([
      `${at}: annotations["dapr.io/app-prot"]: "8080" is invalid; allowed: an annotation the Dapr 1.18 injector reads on pods (did you mean "dapr.io/app-port"?)`,
      `${at}: annotations["dapr.io/block-shutdown-duration"]: "15 seconds" is invalid; allowed: a Go duration such as "500ms", "5s", "1m30s" or "2h"`,
      `${at}: annotations["dapr.io/graceful-shutdown-seconds"]: "5s" is invalid; allowed: a whole number of seconds, 0 or more`,
      `${at}: annotations["dapr.io/log-as-json"]: "yes please" is invalid; allowed: true or false`,
      `${at}: annotations["dapr.io/sidecar-memory-limit"]: "lots" is invalid; allowed: a non-negative Kubernetes quantity such as "100m", "0.5", "250Mi" or "1Gi", below 2^63 (memory, e.g. "250Mi" or "1Gi")`,
    ]);
  });

  test('a misspelled enabled key is found on a pod the injector would skip; other dapr.io keys of non-Dapr pods are left alone', () => {
    const file = write('annotations/skip.yaml', [
      deployment('web', { 'dapr.io/enabeld': 'true', 'dapr.io/app-id': 'web' }),
      deployment('sentry', { 'dapr.io/control-plane': 'sentry' }),
    ]);
    const result = run(['--no-policy', file]);
    expect(result.err).toEqual([`${file} Deployment/shop/web $.spec.template.metadata.annotations: annotations["dapr.io/enabeld"]: "true" is invalid; allowed: an annotation the Dapr 1.18 injector reads on pods (did you mean "dapr.io/enabled"?)`]);
  });

  test('app ids used twice in a namespace, across files', () => {
    const a = write('ids/a.yaml', [deployment('web', { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'web' })]);
    const b = write('ids/b.yaml', [deployment('web-v2', { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'web' }), deployment('web', { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'web' }, 'billing')]);
    const result = run(['--no-policy', path.join(tmp, 'ids')]);
    expect(result.err).toEqual([`app id "web" of namespace "shop" is used by 2 workloads (${a} #1 Deployment/shop/web, ${b} #1 Deployment/shop/web-v2); an app id must be unique in its namespace: Dapr routes invocations and names the "<app-id>-dapr" Service by it`]);
  });

  test('--injected checks the pods as the injector patches them, with the settings of an injector Deployment among the inputs', () => {
    const file = write('injected/apps.yaml', [deployment('web', { 'dapr.io/enabled': 'true', 'dapr.io/app-id': 'web' })]);
    expect(run([file]).code).toBe(0);
    const chartDefaults = run(['--injected', file]);
    expect(chartDefaults.code).toBe(1);
    expect(chartDefaults.err).toContain(`${file} Deployment/shop/web $.spec.template.spec.containers[1].resources.requests: [resource-requests] container "daprd" lacks CPU or memory requests (in daprd as the sidecar injector adds it, with the Dapr 1.18.3 chart defaults; set it through the sidecar options or dapr.io/* annotations)`);
    expect(chartDefaults.err).toContain(`${file} Deployment/shop/web $.spec.template.spec.containers[1].securityContext.capabilities: [capabilities] container "daprd" drops [] and adds [] (in daprd as the sidecar injector adds it, with the Dapr 1.18.3 chart defaults; the injector drops capabilities only with SIDECAR_DROP_ALL_CAPABILITIES (chart value dapr_sidecar_injector.sidecarDropALLCapabilities, DaprControlPlane sidecar.dropAllCapabilities))`);
    const injector = write('injected/injector.yaml', [{
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'dapr-sidecar-injector', namespace: 'dapr-system' },
      spec: { selector: { matchLabels: { app: 'i' } }, template: { metadata: { labels: { app: 'i' } }, spec: { containers: [{ name: 'i', image: 'ghcr.io/dapr/injector:1.18.3', env: [{ name: 'SIDECAR_IMAGE', value: 'ghcr.io/dapr/daprd:1.18.3' }, { name: 'SIDECAR_DROP_ALL_CAPABILITIES', value: 'true' }] }] } } },
    }]);
    const sized = write('injected/sized.yaml', [deployment('web', {
      'dapr.io/enabled': 'true',
      'dapr.io/app-id': 'web',
      'dapr.io/sidecar-cpu-request': '100m',
      'dapr.io/sidecar-cpu-limit': '300m',
      'dapr.io/sidecar-memory-request': '250Mi',
      'dapr.io/sidecar-memory-limit': '1000Mi',
    })]);
    const withInjector = run(['--injected', '--no-policy', sized, injector]);
    expect(withInjector).toEqual({ code: 0, out: ['2 objects in 2 files: valid'], err: [] });
    const policy = run(['--injected', sized, injector]).err.filter((l) => l.includes('sized.yaml'));
    expect(policy).toEqual([]);
  });
});
