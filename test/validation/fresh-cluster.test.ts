import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import * as YAML from 'yaml';
import { startEnvtest } from './envtest';
import { FreshCluster, startFreshCluster, FreshClusterOptions } from './fresh-cluster';
import { EXAMPLES } from '../../examples';
import { synthExample } from '../../examples/synth-example';

/**
 * The README's apply commands, run by the real kubectl against a model of a FRESH cluster
 * (./fresh-cluster.ts): every example from nothing, then again, which must change nothing.
 */

const run = promisify(execFile);
const NAMES = Object.keys(EXAMPLES);
/** The example that carries Dapr itself (CRDs and control plane); the others bring only apps. */
const PLATFORM = 'task-api';

const kubectlInstalled = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!kubectlInstalled && process.env.CI) {
  throw new Error('kubectl is missing: .ci/run installs Debian\'s kubernetes-client');
}
const withKubectl = kubectlInstalled ? describe : describe.skip;
if (!kubectlInstalled) {
  console.warn('fresh-cluster tests SKIPPED: kubectl is not installed (apt-get install kubernetes-client)');
}

/** The kubectl lines of the README's apply block, as argument lists (`dist/examples/` left as is). */
function readmeCommands(): string[][] {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = /<!-- apply-commands:[^\n]*-->\n```sh\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no apply-commands block');
  return block[1].split('\n').map((l) => l.trim()).filter((l) => l.startsWith('kubectl ')).map((l) => l.split(/\s+/).slice(1));
}

/** The README's commands for one example: Dapr's stages from the platform example, the apps from `name`. */
function commandsFor(name: string): string[][] {
  return readmeCommands().map((args) => args.map((a) => a.replace(`dist/examples/${PLATFORM}/3-apps`, `dist/examples/${name}/3-apps`)));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-cluster-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Synthesized once, as `npx projen synth:example` writes them, into <tmp>/dist/examples/<name>/
// (on first use, not in beforeAll, which jest does not await before concurrent tests).
let synthesized = false;
function synthOnce(): void {
  if (synthesized) return;
  for (const name of NAMES) synthExample(name, path.join(tmp, 'dist', 'examples', name));
  synthesized = true;
}

interface Kubectl {
  readonly cluster: FreshCluster;
  (args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** A fresh cluster and a kubectl bound to it by a kubeconfig of its own (its own discovery cache too). */
async function freshCluster(id: string, options: FreshClusterOptions = {}): Promise<Kubectl> {
  synthOnce();
  const cluster = await startFreshCluster(options);
  const home = fs.mkdtempSync(path.join(tmp, `${id}-`));
  const kubeconfig = path.join(home, 'kubeconfig');
  fs.writeFileSync(kubeconfig, YAML.stringify({
    'apiVersion': 'v1',
    'kind': 'Config',
    'current-context': 'fresh',
    'clusters': [{ name: 'fresh', cluster: { server: cluster.url } }],
    'users': [{ name: 'fresh', user: { token: 'fresh' } }],
    'contexts': [{ name: 'fresh', context: { cluster: 'fresh', user: 'fresh', namespace: 'default' } }],
  }));
  const kubectl = (async (args: string[]) => {
    try {
      const { stdout, stderr } = await run('kubectl', args, {
        cwd: tmp, timeout: 60_000, env: { ...process.env, KUBECONFIG: kubeconfig, HOME: home, KUBECACHEDIR: path.join(home, 'cache') },
      });
      return { code: 0, stdout, stderr };
    } catch (e: any) {
      return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(e) };
    }
  }) as Kubectl;
  (kubectl as any).cluster = cluster;
  return kubectl;
}

/** Every object in the YAML files of `dir` (relative to tmp). */
function objectsIn(dir: string): any[] {
  const abs = path.join(tmp, dir);
  return fs.readdirSync(abs).filter((f) => f.endsWith('.k8s.yaml')).sort()
    .flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(abs, f), 'utf8')).map((d) => d.toJS()))
    .filter((o) => o);
}

/** kind/namespace/name -> resourceVersion of every stored object. */
const versions = (cluster: FreshCluster) =>
  Object.fromEntries(cluster.objects().map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o.metadata.resourceVersion]));

const lines = (out: string) => out.split('\n').map((l) => l.trim()).filter(Boolean);

withKubectl('a fresh cluster (the API stand-in, driven by the real kubectl)', () => {
  test('behaves like one: everything in a single apply fails on the Dapr kinds, and the apps on a missing namespace', async () => {
    // the injector rolls out long after one apply is over, however slowly kubectl runs on a loaded machine
    const kubectl = await freshCluster('one-apply', { settleMs: 60_000 });
    try {
      const base = `dist/examples/${PLATFORM}`;
      const all = await kubectl(['apply', '-f', `${base}/1-crds`, '-f', `${base}/2-control-plane`, '-f', `${base}/3-apps`]);
      expect(all.code).not.toBe(0);
      expect(all.stderr).toContain('no matches for kind "Configuration" in version "dapr.io/v1alpha1"');
      expect(all.stderr).toContain('ensure CRDs are installed first');
      // the built-in objects went in meanwhile, the app Deployments before the injector was up
      expect(kubectl.cluster.uninjected).toEqual(expect.arrayContaining(['tasks/Deployment/task-api']));

      // the apps without their Namespace (the output before Namespaces were emitted)
      const again = await freshCluster('no-namespace');
      try {
        // `kubectl diff` does see differences here (the no-change check of the second run is not vacuous)
        const diff = await again(['diff', '-f', `${base}/1-crds`]);
        expect({ code: diff.code, stderr: diff.stderr }).toEqual({ code: 1, stderr: '' });
        expect(diff.stdout).toContain('+  name: components.dapr.io');
        for (const args of commandsFor(PLATFORM).slice(0, 4)) expect((await again(args)).code).toBe(0);
        const appFile = fs.readdirSync(path.join(tmp, base, '3-apps')).find((f) => f.endsWith(`-${PLATFORM}.k8s.yaml`))!;
        const apps = await again(['apply', '-f', `${base}/3-apps/${appFile}`]);
        expect(apps.code).not.toBe(0);
        expect(apps.stderr).toContain('namespaces "tasks" not found');
      } finally {
        await again.cluster.close();
      }
    } finally {
      await kubectl.cluster.close();
    }
  }, 120_000);

  // concurrent: each example has its own stand-in and kubeconfig; the time is kubectl starting up
  test.concurrent.each(NAMES)('takes the %s example with the README\'s commands, and a second apply changes nothing', async (name) => {
    const kubectl = await freshCluster(name);
    try {
      const commands = commandsFor(name);
      const applied = commands.filter((c) => c[0] === 'apply').map((c) => c[c.length - 1]);
      expect(applied).toEqual([`dist/examples/${PLATFORM}/1-crds`, `dist/examples/${PLATFORM}/2-control-plane`, `dist/examples/${name}/3-apps`]);

      for (const args of commands) {
        const { code, stdout, stderr } = await kubectl(args);
        expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: '' });
        if (args[0] === 'apply') {
          expect(lines(stdout).filter((l) => !l.endsWith(' created'))).toEqual([]);
        }
      }
      // every object of every stage is stored, as written
      const expected = applied.flatMap(objectsIn);
      for (const obj of expected) {
        const stored = kubectl.cluster.get(obj.apiVersion, obj.kind, obj.metadata.namespace, obj.metadata.name);
        expect({ object: `${obj.kind}/${obj.metadata.name}`, spec: stored?.spec }).toEqual({ object: `${obj.kind}/${obj.metadata.name}`, spec: obj.spec });
      }
      // each app Namespace comes with the restricted Pod Security labels
      const appNamespaces = new Set(objectsIn(`dist/examples/${name}/3-apps`).map((o) => o.metadata.namespace).filter(Boolean));
      expect(appNamespaces.size).toBeGreaterThan(0);
      for (const ns of appNamespaces) {
        expect(kubectl.cluster.get('v1', 'Namespace', undefined, ns)?.metadata.labels).toMatchObject({
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        });
      }
      // no Dapr app was written while the injector was not yet answering
      expect(kubectl.cluster.uninjected).toEqual([]);

      // the second run: the same commands change nothing
      await kubectl.cluster.settled();
      const before = versions(kubectl.cluster);
      const patchesBefore = kubectl.cluster.patches.length;
      for (const args of commands) {
        const { code, stdout, stderr } = await kubectl(args);
        expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: '' });
        if (args[0] === 'apply') {
          const out = lines(stdout);
          const objects = objectsIn(args[args.length - 1]);
          expect(out.length).toBe(objects.length);
          // Every object reports "unchanged" but PodDisruptionBudgets: client-side apply puts a
          // field whose patch strategy is "replace" into the patch whatever the live object holds
          // (apimachinery pkg/util/strategicpatch/patch.go handleMapDiff, case replaceDirective),
          // and policy/v1 PodDisruptionBudgetSpec.selector is `patchStrategy:"replace"`
          // (k8s.io/api policy/v1 types.go), so kubectl's patch is never "{}" and it prints
          // "configured" (kubectl apply.go prints "unchanged" only for an empty patch). Against a
          // real API server too: nothing in the object can avoid it but leaving the selector out.
          const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => `poddisruptionbudget.policy/${o.metadata.name} configured`);
          expect(out.filter((l) => !l.endsWith(' unchanged')).sort()).toEqual(pdbs.sort());
        }
      }
      // ...and that patch is the stored selector, sent again: the server writes nothing
      const resent = kubectl.cluster.patches.slice(patchesBefore);
      expect(resent.length).toBe(applied.flatMap(objectsIn).filter((o) => o.kind === 'PodDisruptionBudget').length);
      for (const p of resent) {
        const [, namespace, pdb] = /\/namespaces\/([^/]+)\/poddisruptionbudgets\/([^/]+)$/.exec(p.path) ?? [];
        const selector = kubectl.cluster.get('policy/v1', 'PodDisruptionBudget', namespace, pdb)?.spec?.selector;
        expect({ path: p.path, body: p.body, changed: p.changed }).toEqual({ path: p.path, body: { spec: { selector } }, changed: false });
      }
      // nothing was written: every object keeps its resourceVersion
      await kubectl.cluster.settled();
      expect(versions(kubectl.cluster)).toEqual(before);
      // and `kubectl diff` (a server-side dry run of the same patches) finds no difference at all
      for (const args of commands.filter((c) => c[0] === 'apply')) {
        const diff = await kubectl(['diff', ...args.slice(1)]);
        expect({ args, code: diff.code, stdout: diff.stdout, stderr: diff.stderr }).toEqual({ args, code: 0, stdout: '', stderr: '' });
      }
    } finally {
      await kubectl.cluster.close();
    }
  }, 120_000);
});

/**
 * The same commands against a real API server, where the machine has envtest's binaries
 * (KUBEBUILDER_ASSETS, the setup-envtest convention: etcd and kube-apiserver). Without them the
 * part is skipped, and says so.
 */
const assets = process.env.KUBEBUILDER_ASSETS;
const withEnvtest = kubectlInstalled && assets && fs.existsSync(path.join(assets, 'kube-apiserver')) ? describe : describe.skip;
if (!assets) {
  console.warn('real API server tests SKIPPED: KUBEBUILDER_ASSETS is not set (point it at envtest binaries: etcd, kube-apiserver)');
}
withEnvtest(`a real API server (envtest binaries in KUBEBUILDER_ASSETS${assets ? '' : ': not set, skipped'})`, () => {
  test.each(NAMES)('accepts the %s example staged, every object checked by the server (--dry-run=server)', async (name) => {
    synthOnce();
    const server = await startEnvtest(assets!, path.join(tmp, `envtest-${name}`));
    const env = { ...process.env, KUBECONFIG: server.kubeconfig, HOME: server.dir };
    const kubectl = (args: string[]) => run('kubectl', args, { cwd: tmp, timeout: 90_000, env });
    try {
      for (const args of commandsFor(name)) {
        // envtest runs no controllers: nothing rolls out, so the injector wait cannot pass; the
        // stages are applied for real (the next stage needs the one before) and each is then
        // checked once more with the server's own validation and admission, changing nothing
        if (args[0] === 'rollout') continue;
        await kubectl(args);
        if (args[0] === 'apply') {
          const { stdout } = await kubectl([...args, '--dry-run=server']);
          expect(lines(stdout).every((l) => / (unchanged|configured) \(server dry run\)$/.test(l))).toBe(true);
        }
      }
    } finally {
      await server.stop();
    }
  }, 180_000);
});
