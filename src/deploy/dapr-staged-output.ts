import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Duration, Names, YamlOutputType } from 'cdk8s';
import { DaprStage } from './dapr-stage';
import { FluxDependency, FluxKustomizationsProps, FluxSourceKind, FluxSourceRef } from './flux-kustomization-props';
import { compareCodePoints } from '../core/code-point-order';
import { fail, checkDuration, isDnsLabel, isDnsSubdomain } from '../core/validation';
import { DaprControlPlane } from '../runtime/dapr-control-plane';

/** The annotation that orders an Argo CD sync (lower waves are applied, and healthy, first). */
const ARGO_CD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
/**
 * Argo CD dry-runs every object before a sync; a custom resource whose CRD the same sync creates
 * fails that dry run unless it carries this option.
 */
const ARGO_CD_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';

/** The charts of Flux Kustomizations, per app: they order the stages and belong to none. */
const FLUX_CHARTS = new WeakSet<Chart>();
const FLUX_KUSTOMIZATION_API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';

/**
 * Writes a cdk8s app in stages a plain `kubectl apply` takes on a fresh cluster, and orders it
 * for GitOps tools. See `DaprStage` for the stages and why each one waits for the one before.
 */
export class DaprStagedOutput {
  /** The folder `synth` writes the chart of `addFluxKustomizations` to. */
  public static readonly FLUX_FOLDER = 'flux';

  /**
   * Synthesizes `app` (file per chart) and moves each chart's file into its stage's folder under
   * `app.outdir`: `1-crds/`, `2-control-plane/`, `3-apps/` (a stage with no chart gets no folder).
   * Files keep cdk8s's dependency-ordered names, so within a folder `kubectl apply -f` takes them
   * in order (an app's Namespaces before its objects). Manifests of an earlier run are removed
   * first: `kubectl apply -f <folder>` takes whatever is there.
   *
   * The chart of `addFluxKustomizations` goes to `flux/`: the Kustomizations are applied by
   * Flux's own sync, not by a stage.
   *
   * @returns the files written, relative to `app.outdir`, e.g. `1-crds/0000-dapr-crds.k8s.yaml`
   */
  public static synth(app: App): string[] {
    if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
      fail(app.node.path || 'App', 'yamlOutputType', YamlOutputType[app.yamlOutputType], 'FILE_PER_CHART (stages are made of whole charts)');
    }
    const ext = app.outputFileExtension;
    const stageOf = new Map(app.charts.map((chart) => [chart, DaprStage.of(chart)]));
    for (const dir of [app.outdir, ...[...DaprStage.ALL.map((s) => s.folder), DaprStagedOutput.FLUX_FOLDER].map((f) => path.join(app.outdir, f))]) {
      if (!fs.existsSync(dir)) continue;
      fs.readdirSync(dir).filter((f) => f.endsWith(ext)).forEach((f) => fs.rmSync(path.join(dir, f)));
    }
    app.synth();
    const flat = new Set(fs.readdirSync(app.outdir).filter((f) => f.endsWith(ext)));
    const written: string[] = [];
    app.charts.forEach((chart, index) => {
      // cdk8s numbers the files when charts depend on each other (see its IndexedChartNamer)
      const label = Names.toDnsLabel(chart);
      const file = [`${String(index).padStart(4, '0')}-${label}${ext}`, `${label}${ext}`].find((f) => flat.has(f));
      if (!file) {
        throw new Error(`cdk8s wrote no file for chart ${chart.node.path}`);
      }
      const folder = FLUX_CHARTS.has(chart) ? DaprStagedOutput.FLUX_FOLDER : (stageOf.get(chart) ?? DaprStage.of(chart)).folder;
      fs.mkdirSync(path.join(app.outdir, folder), { recursive: true });
      fs.renameSync(path.join(app.outdir, file), path.join(app.outdir, folder, file));
      written.push(`${folder}/${file}`);
    });
    return written.sort(compareCodePoints);
  }

  /**
   * Orders an Argo CD sync by stage: every object of every chart in `app` gets
   * `argocd.argoproj.io/sync-wave` set to its stage's `order` (Argo CD applies a wave and waits
   * until it is healthy, CRDs Established and the injector's Deployment available, before the
   * next), and every Dapr custom resource gets `argocd.argoproj.io/sync-options:
   * SkipDryRunOnMissingResource=true`, since its CRD may come in the same sync. Call it once the
   * app is built, before `synth`.
   */
  public static addArgoCdSyncWaves(app: App): void {
    for (const chart of app.charts.filter((c) => !FLUX_CHARTS.has(c))) {
      const stage = DaprStage.of(chart);
      for (const obj of chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)) {
        obj.metadata.addAnnotation(ARGO_CD_SYNC_WAVE, String(stage.order));
        if (obj.apiGroup === 'dapr.io') {
          obj.metadata.addAnnotation(ARGO_CD_SYNC_OPTIONS, SKIP_DRY_RUN);
        }
      }
    }
  }

  /**
   * Orders a Flux sync by stage: adds a chart (`id`, written to `flux/` by `synth`) with one Flux
   * `Kustomization` (kustomize.toolkit.fluxcd.io/v1) per stage that has charts, reading
   * `<path>/<stage folder>` from `sourceRef`. Each depends on the one before (`dependsOn`), and a
   * stage is Ready only once its health checks pass: every CRD Established, then the sidecar
   * injector's Deployment available, the same waits as the README's kubectl commands. Call it
   * once the app is built, before `synth`; apply `flux/` (or commit it under the folder Flux's
   * own sync reads) and Flux does the rest.
   *
   * @returns the chart holding the Kustomizations
   */
  public static addFluxKustomizations(app: App, props: FluxKustomizationsProps, id: string = 'flux-kustomizations'): Chart {
    const where = `${app.node.path || 'App'} addFluxKustomizations`;
    if (props === null || typeof props !== 'object') fail(where, 'props', props, 'the options object');
    const namespace = props.namespace ?? 'flux-system';
    if (!isDnsLabel(namespace)) fail(where, 'namespace', namespace, 'a namespace name (RFC 1123 label)');
    const prefix = props.namePrefix ?? 'dapr';
    // the longest name is "<prefix>-control-plane"; Kustomization names are object names (subdomains)
    if (!isDnsSubdomain(prefix) || `${prefix}-control-plane`.length > 253) fail(where, 'namePrefix', prefix, 'an RFC 1123 subdomain of at most 239 characters');
    const sourceRef = checkSourceRef(where, props.sourceRef);
    const base = checkSourcePath(where, props.path);
    const interval = checkDuration(where, 'interval', props.interval ?? Duration.minutes(10));
    const timeout = checkDuration(where, 'timeout', props.timeout ?? Duration.minutes(5));
    const prune = props.prune ?? true;
    if (typeof prune !== 'boolean') fail(where, 'prune', prune, 'true or false');
    const dependsOn = (props.dependsOn ?? []).map((d, i) => checkDependency(where, `dependsOn[${i}]`, d));
    if (app.charts.some((c) => FLUX_CHARTS.has(c))) fail(where, 'app', app.node.path || 'App', 'an app without Flux Kustomizations yet (call addFluxKustomizations once)');

    const staged = app.charts.map((chart) => ({ chart, stage: DaprStage.of(chart) }));
    const chart = new Chart(app, id);
    FLUX_CHARTS.add(chart);
    let previous: FluxDependency[] = dependsOn;
    for (const stage of DaprStage.ALL) {
      const charts = staged.filter((s) => s.stage === stage).map((s) => s.chart);
      if (charts.length === 0) continue;
      const name = `${prefix}-${stage.name}`;
      new ApiObject(chart, stage.name, {
        apiVersion: FLUX_KUSTOMIZATION_API_VERSION,
        kind: 'Kustomization',
        metadata: { name, namespace },
        spec: {
          interval,
          timeout,
          path: `${base}/${stage.folder}`,
          prune,
          sourceRef,
          ...(previous.length > 0 ? { dependsOn: previous.map((d) => ({ name: d.name, ...(d.namespace ? { namespace: d.namespace } : {}) })) } : {}),
          ...healthChecksOf(stage, charts),
        },
      });
      previous = [{ name }];
    }
    return chart;
  }

  private constructor() {}
}

/**
 * What the next stage waits for, as Flux health checks (kstatus: a CRD is healthy once
 * Established, a Deployment once its rollout is available): the CRDs, and the sidecar injector,
 * without which pods start with no daprd (dapr v1.18.3 charts: `failurePolicy: Ignore`).
 */
function healthChecksOf(stage: DaprStage, charts: Chart[]): { healthChecks?: any[] } {
  const objects = charts.flatMap((c) => c.node.findAll().filter((o): o is ApiObject => o instanceof ApiObject && Chart.of(o) === c));
  let checks: any[] = [];
  if (stage === DaprStage.CRDS) {
    checks = objects.filter((o) => o.kind === 'CustomResourceDefinition')
      .map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name }));
  } else if (stage === DaprStage.CONTROL_PLANE) {
    checks = charts.flatMap((c) => c.node.findAll().filter((x): x is DaprControlPlane => x instanceof DaprControlPlane))
      .map((cp) => cp.sidecarInjector.workload)
      .map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: o.metadata.namespace }));
  }
  checks.sort((a, b) => compareCodePoints(`${a.kind}/${a.namespace ?? ''}/${a.name}`, `${b.kind}/${b.namespace ?? ''}/${b.name}`));
  return checks.length > 0 ? { healthChecks: checks } : {};
}

function checkSourceRef(where: string, ref: FluxSourceRef): { kind: string; name: string; namespace?: string } {
  if (ref === null || typeof ref !== 'object') fail(where, 'sourceRef', ref, 'a Flux source: { kind: FluxSourceKind.GIT_REPOSITORY, name: "flux-system" }');
  if (!FluxSourceKind.ALL.includes(ref.kind)) {
    fail(where, 'sourceRef.kind', (ref.kind as any)?.value ?? ref.kind, `one of ${FluxSourceKind.ALL.map((k) => k.value).join(', ')} (FluxSourceKind)`);
  }
  if (!isDnsSubdomain(ref.name)) fail(where, 'sourceRef.name', ref.name, 'the source object\'s name (RFC 1123 subdomain)');
  if (ref.namespace !== undefined && !isDnsLabel(ref.namespace)) fail(where, 'sourceRef.namespace', ref.namespace, 'a namespace name (RFC 1123 label)');
  return { kind: ref.kind.value, name: ref.name, ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}) };
}

function checkDependency(where: string, prop: string, d: FluxDependency): FluxDependency {
  if (d === null || typeof d !== 'object') fail(where, prop, d, 'a Kustomization reference: { name: "dapr-control-plane" }');
  if (!isDnsSubdomain(d.name)) fail(where, `${prop}.name`, d.name, 'a Kustomization name (RFC 1123 subdomain)');
  if (d.namespace !== undefined && !isDnsLabel(d.namespace)) fail(where, `${prop}.namespace`, d.namespace, 'a namespace name (RFC 1123 label)');
  return d;
}

/**
 * The folder in the source, as Flux's `spec.path` takes it: relative to the source's root
 * (Flux refuses to leave it), "/"-separated, written `./a/b`.
 */
function checkSourcePath(where: string, value: string): string {
  const allowed = 'a folder relative to the source\'s root, e.g. "./dist/examples/task-api" (no "..", no backslashes or control characters)';
  if (typeof value !== 'string' || value.length === 0) fail(where, 'path', value, allowed);
  const parts = value.replace(/^\.\//, '').split('/').filter((p) => p !== '' && p !== '.');
  if (value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value) || parts.includes('..')) fail(where, 'path', value, allowed);
  return ['.', ...parts].join('/');
}
