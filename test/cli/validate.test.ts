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

