import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import * as YAML from 'yaml';
import { startFakeApiServer } from './fake-api-server';
import { EXAMPLES } from '../../examples';
import { synthExample } from '../../examples/synth-example';

const run = promisify(execFile);
const NAMES = Object.keys(EXAMPLES);
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'PriorityClass']);

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]).sort();
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'examples-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function synthTo(name: string, dir: string): string {
  const outdir = path.join(tmp, dir, name);
  synthExample(name, outdir);
  return outdir;
}

describe.each(NAMES)('example %s', (name) => {
  test('synthesizes byte-identical files twice (manifests, topology, twin)', () => {
    const read = (dir: string) => Object.fromEntries(listFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    const first = read(synthTo(name, 'twice'));
    const second = read(synthTo(name, 'twice'));
    expect(Object.keys(first).length).toBeGreaterThan(1);
    expect(Object.keys(second)).toEqual(Object.keys(first));
    for (const f of Object.keys(first)) {
      expect(second[f]).toBe(first[f]);
    }
  });

  test('every YAML document parses, with sorted annotation keys and stable lists', () => {
    const dir = synthTo(name, 'parse');
    for (const f of listFiles(dir).filter((x) => x.endsWith('.k8s.yaml'))) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))) {
        expect(doc.errors).toEqual([]);
        const obj = doc.toJS();
        expect(typeof obj.apiVersion).toBe('string');
        const annotations = obj.spec?.template?.metadata?.annotations;
        if (annotations) expect(Object.keys(annotations)).toEqual(Object.keys(annotations).sort());
        if (obj.scopes) expect(obj.scopes).toEqual([...obj.scopes].sort());
      }
    }
  });
});

describe('kubectl', () => {
  const kubectl = (() => {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  test.each(NAMES)('kubectl apply --dry-run=client accepts the %s example', async (name) => {
    if (!kubectl) {
      if (process.env.CI) throw new Error('kubectl is missing: .ci/run installs Debian\'s kubernetes-client');
      console.warn('kubectl not found: skipping the kubectl check');
      return;
    }
    const dir = synthTo(name, 'kubectl');
    const docs = listFiles(dir).filter((f) => f.endsWith('.k8s.yaml'))
      .flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS()));
    const kinds = [...new Map(docs.map((d) => [`${d.apiVersion}/${d.kind}`, { apiVersion: d.apiVersion, kind: d.kind, namespaced: !CLUSTER_SCOPED.has(d.kind) }])).values()];
    const server = await startFakeApiServer(kinds);
    const kubeconfig = path.join(tmp, `kubeconfig-${name}`);
    fs.writeFileSync(kubeconfig, YAML.stringify({
      'apiVersion': 'v1',
      'kind': 'Config',
      'current-context': 'offline',
      'clusters': [{ name: 'offline', cluster: { server: server.url } }],
      'users': [{ name: 'offline', user: { token: 'offline' } }],
      'contexts': [{ name: 'offline', context: { cluster: 'offline', user: 'offline', namespace: 'default' } }],
    }));
    try {
      const { stdout } = await run('kubectl', ['apply', '--dry-run=client', '--validate=false', '-o', 'name', '-f', dir], {
        env: { ...process.env, KUBECONFIG: kubeconfig, HOME: tmp },
      });
      const applied = stdout.trim().split('\n').filter(Boolean);
      expect(applied).toHaveLength(docs.length);
      // kubectl resolved every kind through discovery and looked each object up (a create)
      expect(applied.every((line) => /^[a-z.]+(\.[a-z0-9.]+)?\/[a-z0-9.-]+ (created|configured) \(dry run\)$|^[a-z0-9.]+\/[a-z0-9.-]+$/.test(line))).toBe(true);
      expect(server.requests.filter((r) => /^GET \/apis?\/.+\/[a-z]+\/[a-z0-9.-]+$/.test(r)).length).toBeGreaterThanOrEqual(docs.length);
    } finally {
      await server.close();
    }
  }, 60000);
});
