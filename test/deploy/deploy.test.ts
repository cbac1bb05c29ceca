import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration, Testing, YamlOutputType } from 'cdk8s';
import * as fc from 'fast-check';
import * as YAML from 'yaml';
import { DaprApp, DaprControlPlane, DaprCrds, DaprNamespace, DaprStage, DaprStagedOutput, FluxSourceKind, ManifestValidator } from '../../src';

const IMAGE = 'ghcr.io/acme/app:1.0.0';

/** Every object of every chart of `app`, as [chart, kind, name]. */
function objectsOf(app: App): any[] {
  return app.charts.flatMap((c) => Testing.synth(c).map((o: any) => ({ chart: c.node.id, ...o })));
}
const namespaces = (app: App) => objectsOf(app).filter((o) => o.kind === 'Namespace').map((o) => [o.chart, o.metadata.name]);

describe('app Namespaces', () => {
  test('a DaprApp in a namespaced chart gets its Namespace, restricted, in a chart its own chart depends on', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'tasks', { namespace: 'tasks' });
    new DaprApp(chart, 'a', { appId: 'a', image: IMAGE });
    const ns = objectsOf(app).find((o) => o.kind === 'Namespace');
    expect(ns).toEqual({
      chart: 'dapr-namespaces',
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: 'tasks',
        labels: {
          'app.kubernetes.io/managed-by': 'cdk8s',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    expect(chart.node.dependencies.map((d) => d.node.id)).toEqual(['dapr-namespaces']);
    expect(app.charts.map((c) => c.node.id)).toEqual(['dapr-namespaces', 'tasks']);
  });

  test('one Namespace per namespace, however many charts and apps share it', () => {
    const app = Testing.app();
    for (const id of ['one', 'two']) {
      const chart = new Chart(app, id, { namespace: 'orders' });
      new DaprApp(chart, 'a', { appId: `${id}-a`, image: IMAGE });
      new DaprApp(chart, 'b', { appId: `${id}-b`, image: IMAGE });
    }
    const other = new Chart(app, 'other', { namespace: 'billing' });
    new DaprApp(other, 'c', { appId: 'c', image: IMAGE });
    expect(namespaces(app)).toEqual([['dapr-namespaces', 'orders'], ['dapr-namespaces', 'billing']]);
  });

  test('none for the system namespaces, and no namespaces chart then', () => {
    const app = Testing.app();
    new DaprApp(new Chart(app, 'plain'), 'a', { appId: 'a', image: IMAGE });
    new DaprApp(new Chart(app, 'sys', { namespace: 'kube-system' }), 'b', { appId: 'b', image: IMAGE });
    expect(namespaces(app)).toEqual([]);
    expect(app.charts.map((c) => c.node.id)).toEqual(['plain', 'sys']);
  });

  test('not for the control plane\'s namespace, whether the control plane comes first or last', () => {
    for (const controlPlaneFirst of [true, false]) {
      const app = Testing.app();
      const platform = new Chart(app, 'platform');
      const addControlPlane = () => new DaprControlPlane(platform, 'dapr');
      if (controlPlaneFirst) addControlPlane();
      new DaprApp(new Chart(app, 'tools', { namespace: 'dapr-system' }), 'a', { appId: 'a', image: IMAGE });
      if (!controlPlaneFirst) addControlPlane();
      expect(namespaces(app)).toEqual([['platform', 'dapr-system']]);
    }
  });

  test('a DaprNamespace replaces the automatic one (before or after the apps) and adds labels and annotations', () => {
    for (const declaredFirst of [true, false]) {
      const app = Testing.app();
      const chart = new Chart(app, 'tasks', { namespace: 'tasks' });
      const declare = () => new DaprNamespace(chart, 'ns', { name: 'tasks', labels: { team: 'tasks' }, annotations: { owner: 'platform' } });
      if (declaredFirst) declare();
      new DaprApp(chart, 'a', { appId: 'a', image: IMAGE });
      if (!declaredFirst) declare();
      const ns = objectsOf(app).filter((o) => o.kind === 'Namespace');
      expect(ns.map((o) => o.chart)).toEqual(['tasks']);
      expect(ns[0].metadata).toEqual({
        name: 'tasks',
        annotations: { owner: 'platform' },
        labels: {
          'app.kubernetes.io/managed-by': 'cdk8s',
          'team': 'tasks',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      });
    }
  });

  test('DaprNamespace.useExisting is the opt-out: no Namespace for it', () => {
    const app = Testing.app();
    DaprNamespace.useExisting(app, 'tasks');
    new DaprApp(new Chart(app, 'tasks', { namespace: 'tasks' }), 'a', { appId: 'a', image: IMAGE });
    expect(namespaces(app)).toEqual([]);
  });

  test('bad input fails with the library\'s error', () => {
    const chart = Testing.chart();
    expect(() => new DaprNamespace(chart, 'bad', { name: 'Tasks_1' })).toThrow('[test/bad] name: "Tasks_1" is invalid; allowed: ');
    expect(() => new DaprNamespace(chart, 'relaxed', { name: 'tasks', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } }))
      .toThrow('[test/relaxed] labels key: "pod-security.kubernetes.io/enforce" is invalid; allowed: a key other than the Pod Security labels');
    expect(() => new DaprNamespace(chart, 'label', { name: 'tasks', labels: { 'bad key!': 'x' } })).toThrow('[test/label] labels key: "bad key!" is invalid; allowed: a label key');
    expect(() => DaprNamespace.useExisting(chart, 'UPPER')).toThrow('[test] useExisting name: "UPPER" is invalid; allowed: ');
    new DaprNamespace(chart, 'first', { name: 'shared' });
    expect(() => new DaprNamespace(chart, 'second', { name: 'shared' }))
      .toThrow('[test/second] namespace: "shared" is invalid; allowed: a namespace no other construct of the app emits (test/first does)');
  });
});

describe('stages', () => {
  function platformApp(props: { outdir?: string; yamlOutputType?: YamlOutputType } = {}) {
    const app = new App({ outdir: props.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'stages-')), yamlOutputType: props.yamlOutputType });
    const crds = new Chart(app, 'dapr-crds');
    new DaprCrds(crds, 'crds');
    const platform = new Chart(app, 'platform');
    new DaprControlPlane(platform, 'dapr');
    platform.addDependency(crds);
    const apps = new Chart(app, 'apps', { namespace: 'shop' });
    apps.addDependency(platform);
    const cart = new DaprApp(apps, 'cart', { appId: 'cart', image: IMAGE });
    return { app, crds, platform, apps, cart };
  }

  test('DaprStage.of: CRDs, the control plane, everything else', () => {
    const { app, crds, platform, apps } = platformApp();
    expect([crds, platform, apps].map((c) => DaprStage.of(c))).toEqual([DaprStage.CRDS, DaprStage.CONTROL_PLANE, DaprStage.APPS]);
    expect(DaprStage.ALL.map((s) => [s.name, s.order, s.folder])).toEqual([['crds', 1, '1-crds'], ['control-plane', 2, '2-control-plane'], ['apps', 3, '3-apps']]);
    expect(DaprStage.of(app.node.findChild('dapr-namespaces') as Chart)).toBe(DaprStage.APPS);
  });

  test('CRDs together with other objects in one chart cannot be staged', () => {
    const app = Testing.app();
    const mixed = new Chart(app, 'mixed');
    new DaprCrds(mixed, 'crds');
    new DaprControlPlane(mixed, 'dapr');
    expect(() => DaprStage.of(mixed)).toThrow(/^\[mixed\] stage: "CustomResourceDefinitions together with ClusterRole, ClusterRoleBinding, ConfigMap, Configuration, Deployment, .*" is invalid; allowed: CustomResourceDefinitions in a chart of their own/);
  });

  test('DaprStagedOutput.synth writes one folder per stage, files in dependency order, and drops stale manifests', () => {
    const { app } = platformApp();
    fs.mkdirSync(path.join(app.outdir, '3-apps'), { recursive: true });
    fs.writeFileSync(path.join(app.outdir, '3-apps', '0009-gone.k8s.yaml'), 'stale');
    fs.writeFileSync(path.join(app.outdir, 'old.k8s.yaml'), 'stale');
    fs.writeFileSync(path.join(app.outdir, 'notes.md'), 'kept');
    const written = DaprStagedOutput.synth(app);
    expect(written).toEqual([
      '1-crds/0000-dapr-crds.k8s.yaml',
      '2-control-plane/0001-platform.k8s.yaml',
      '3-apps/0002-dapr-namespaces.k8s.yaml',
      '3-apps/0003-apps.k8s.yaml',
    ]);
    const onDisk = (dir: string) => fs.readdirSync(path.join(app.outdir, dir)).sort();
    expect(onDisk('.')).toEqual(['1-crds', '2-control-plane', '3-apps', 'notes.md']);
    expect(onDisk('3-apps')).toEqual(['0002-dapr-namespaces.k8s.yaml', '0003-apps.k8s.yaml']);
    const kinds = (f: string) => YAML.parseAllDocuments(fs.readFileSync(path.join(app.outdir, f), 'utf8')).map((d) => d.toJS().kind);
    expect(new Set(kinds(written[0]))).toEqual(new Set(['CustomResourceDefinition']));
    expect(kinds(written[2])).toEqual(['Namespace']);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test('DaprStagedOutput.synth needs a file per chart', () => {
    const { app } = platformApp({ yamlOutputType: YamlOutputType.FILE_PER_APP });
    expect(() => DaprStagedOutput.synth(app)).toThrow('[App] yamlOutputType: "FILE_PER_APP" is invalid; allowed: FILE_PER_CHART (stages are made of whole charts)');
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test('addArgoCdSyncWaves: a wave per stage, and Dapr custom resources skip the dry run their CRD is not there for', () => {
    const { app } = platformApp();
    DaprStagedOutput.addArgoCdSyncWaves(app);
    const objects = objectsOf(app);
    const waves = new Map<string, Set<string>>();
    for (const o of objects) {
      const wave = o.metadata.annotations?.['argocd.argoproj.io/sync-wave'];
      waves.set(o.chart, new Set([...(waves.get(o.chart) ?? []), wave]));
      const skip = o.metadata.annotations?.['argocd.argoproj.io/sync-options'];
      expect([o.kind, skip]).toEqual([o.kind, o.apiVersion.startsWith('dapr.io/') ? 'SkipDryRunOnMissingResource=true' : undefined]);
    }
    expect(Object.fromEntries([...waves].map(([c, w]) => [c, [...w]]))).toEqual({
      'dapr-crds': ['1'], 'platform': ['2'], 'dapr-namespaces': ['3'], 'apps': ['3'],
    });
    expect(objects.some((o) => o.kind === 'Configuration' && o.chart === 'platform')).toBe(true);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });
});

describe('Flux ordering', () => {
  function platformApp() {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'flux-')) });
    const crds = new Chart(app, 'dapr-crds');
    new DaprCrds(crds, 'crds');
    const platform = new Chart(app, 'platform');
    new DaprControlPlane(platform, 'dapr');
    platform.addDependency(crds);
    const apps = new Chart(app, 'apps', { namespace: 'shop' });
    apps.addDependency(platform);
    new DaprApp(apps, 'cart', { appId: 'cart', image: IMAGE });
    return app;
  }
  const GIT = { kind: FluxSourceKind.GIT_REPOSITORY, name: 'flux-system' };

  test('one Kustomization per stage, each depending on the one before, waiting for the CRDs and the injector', () => {
    const app = platformApp();
    const chart = DaprStagedOutput.addFluxKustomizations(app, { sourceRef: GIT, path: 'dist/shop' });
    const objects = Testing.synth(chart);
    expect(objects).toMatchSnapshot();
    expect(objects.map((o: any) => [o.metadata.name, o.spec.path, o.spec.dependsOn])).toEqual([
      ['dapr-crds', './dist/shop/1-crds', undefined],
      ['dapr-control-plane', './dist/shop/2-control-plane', [{ name: 'dapr-crds' }]],
      ['dapr-apps', './dist/shop/3-apps', [{ name: 'dapr-control-plane' }]],
    ]);
    for (const o of objects) {
      expect(o).toMatchObject({
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { namespace: 'flux-system' },
        spec: { interval: '10m', timeout: '5m', prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
      });
    }
    expect(objects[0].spec.healthChecks).toHaveLength(7);
    expect(objects[0].spec.healthChecks.every((h: any) => h.kind === 'CustomResourceDefinition' && h.apiVersion === 'apiextensions.k8s.io/v1')).toBe(true);
    expect(objects[1].spec.healthChecks).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'dapr-sidecar-injector', namespace: 'dapr-system' }]);
    expect(objects[2].spec.healthChecks).toBeUndefined();
    // and they pass the validator's schema of Flux's Kustomization
    expect(new ManifestValidator().validate(objects)).toEqual([]);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test('synth writes them to flux/, apart from the stages; sync waves leave them alone', () => {
    const app = platformApp();
    DaprStagedOutput.addFluxKustomizations(app, { sourceRef: GIT, path: './clusters/prod/shop/' });
    DaprStagedOutput.addArgoCdSyncWaves(app);
    expect(DaprStagedOutput.synth(app)).toEqual([
      '1-crds/0000-dapr-crds.k8s.yaml',
      '2-control-plane/0001-platform.k8s.yaml',
      '3-apps/0002-dapr-namespaces.k8s.yaml',
      '3-apps/0003-apps.k8s.yaml',
      'flux/0004-flux-kustomizations.k8s.yaml',
    ]);
    const flux = YAML.parseAllDocuments(fs.readFileSync(path.join(app.outdir, 'flux/0004-flux-kustomizations.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    expect(flux.map((o) => [o.spec.path, o.metadata.annotations])).toEqual([
      ['./clusters/prod/shop/1-crds', undefined], ['./clusters/prod/shop/2-control-plane', undefined], ['./clusters/prod/shop/3-apps', undefined],
    ]);
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });

  test('props: names, namespace, interval, timeout, prune, a source in another namespace, and what an apps-only app waits for', () => {
    const app = Testing.app();
    new DaprApp(new Chart(app, 'apps', { namespace: 'shop' }), 'cart', { appId: 'cart', image: IMAGE });
    const chart = DaprStagedOutput.addFluxKustomizations(app, {
      sourceRef: { kind: FluxSourceKind.OCI_REPOSITORY, name: 'shop-manifests', namespace: 'flux-sources' },
      path: './shop',
      namespace: 'gitops',
      namePrefix: 'shop',
      interval: Duration.minutes(1),
      timeout: Duration.seconds(90),
      prune: false,
      dependsOn: [{ name: 'dapr-control-plane', namespace: 'flux-system' }],
    }, 'flux');
    expect(Testing.synth(chart)).toEqual([{
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'shop-apps', namespace: 'gitops' },
      spec: {
        interval: '1m',
        timeout: '90s',
        path: './shop/3-apps',
        prune: false,
        sourceRef: { kind: 'OCIRepository', name: 'shop-manifests', namespace: 'flux-sources' },
        dependsOn: [{ name: 'dapr-control-plane', namespace: 'flux-system' }],
      },
    }]);
  });

  test('bad input fails with the library\'s error', () => {
    const bad = (props: any, message: string) => {
      const app = Testing.app();
      new DaprApp(new Chart(app, 'apps', { namespace: 'shop' }), 'cart', { appId: 'cart', image: IMAGE });
      expect(() => DaprStagedOutput.addFluxKustomizations(app, { sourceRef: GIT, path: 'dist', ...props })).toThrow(message);
    };
    bad({ sourceRef: undefined }, '[App addFluxKustomizations] sourceRef: undefined is invalid; allowed: a Flux source');
    bad({ sourceRef: { kind: 'GitRepository', name: 'x' } }, '[App addFluxKustomizations] sourceRef.kind: "GitRepository" is invalid; allowed: one of GitRepository, OCIRepository, Bucket (FluxSourceKind)');
    bad({ sourceRef: { ...GIT, name: 'Flux_System' } }, '[App addFluxKustomizations] sourceRef.name: "Flux_System" is invalid; allowed: the source object\'s name (RFC 1123 subdomain)');
    bad({ sourceRef: { ...GIT, namespace: 'a.b' } }, '[App addFluxKustomizations] sourceRef.namespace: "a.b" is invalid; allowed: a namespace name (RFC 1123 label)');
    for (const p of ['', '/abs/dist', '../outside', 'dist/../../x', 'dist\\win']) {
      bad({ path: p }, `[App addFluxKustomizations] path: ${JSON.stringify(p)} is invalid; allowed: a folder relative to the source's root`);
    }
    bad({ namespace: 'Flux' }, '[App addFluxKustomizations] namespace: "Flux" is invalid; allowed: a namespace name (RFC 1123 label)');
    bad({ namePrefix: '-x' }, '[App addFluxKustomizations] namePrefix: "-x" is invalid; allowed: an RFC 1123 subdomain');
    bad({ interval: Duration.seconds(0) }, '[App addFluxKustomizations] interval: "0ms" is invalid; allowed: a positive duration');
    bad({ prune: 'yes' }, '[App addFluxKustomizations] prune: "yes" is invalid; allowed: true or false');
    bad({ dependsOn: [{ name: 'ok' }, { name: 'Not OK' }] }, '[App addFluxKustomizations] dependsOn[1].name: "Not OK" is invalid; allowed: a Kustomization name');

    const app = Testing.app();
    DaprStagedOutput.addFluxKustomizations(app, { sourceRef: GIT, path: 'dist' });
    expect(() => DaprStagedOutput.addFluxKustomizations(app, { sourceRef: GIT, path: 'dist' }, 'again'))
      .toThrow('[App addFluxKustomizations] app: "App" is invalid; allowed: an app without Flux Kustomizations yet (call addFluxKustomizations once)');
  });
});

test('Flux path property: any string is either a folder inside the source, written ./a/b, or the library\'s error', () => {
  const segment = fc.oneof(fc.constantFrom('.', '..', '', 'dist', 'a b', 'x\\y', '\u0000', 'ü'), fc.string({ maxLength: 4 }));
  fc.assert(fc.property(fc.array(segment, { maxLength: 5 }), fc.boolean(), (parts, leadingSlash) => {
    const value = `${leadingSlash ? '/' : ''}${parts.join('/')}`;
    const app = Testing.app();
    new DaprApp(new Chart(app, 'apps', { namespace: 'shop' }), 'cart', { appId: 'cart', image: IMAGE });
    let written: string | undefined;
    try {
      written = Testing.synth(DaprStagedOutput.addFluxKustomizations(app, { sourceRef: { kind: FluxSourceKind.BUCKET, name: 'b' }, path: value }))[0].spec.path;
    } catch (e) {
      expect((e as Error).message).toMatch(/^\[App addFluxKustomizations\] path: .* is invalid; allowed: a folder relative to the source's root/);
      return;
    }
    expect(written).toMatch(/^\.(\/[^/]+)*\/3-apps$/);
    const segments = written!.split('/');
    expect(segments.slice(1).some((x) => x === '..' || x === '.' || x === '')).toBe(false);
    expect(value.startsWith('/')).toBe(false);
    expect(/[\\\u0000-\u001f\u007f]/.test(written!)).toBe(false);
  }), { seed: 42, numRuns: 300 });
});
