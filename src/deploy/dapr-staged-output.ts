import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, Names, YamlOutputType } from 'cdk8s';
import { DaprStage } from './dapr-stage';
import { compareCodePoints } from '../core/code-point-order';
import { fail } from '../core/validation';

/** The annotation that orders an Argo CD sync (lower waves are applied, and healthy, first). */
const ARGO_CD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
/**
 * Argo CD dry-runs every object before a sync; a custom resource whose CRD the same sync creates
 * fails that dry run unless it carries this option.
 */
const ARGO_CD_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';

/**
 * Writes a cdk8s app in stages a plain `kubectl apply` takes on a fresh cluster, and orders it
 * for GitOps tools. See `DaprStage` for the stages and why each one waits for the one before.
 */
export class DaprStagedOutput {
  /**
   * Synthesizes `app` (file per chart) and moves each chart's file into its stage's folder under
   * `app.outdir`: `1-crds/`, `2-control-plane/`, `3-apps/` (a stage with no chart gets no folder).
   * Files keep cdk8s's dependency-ordered names, so within a folder `kubectl apply -f` takes them
   * in order (an app's Namespaces before its objects). Manifests of an earlier run are removed
   * first: `kubectl apply -f <folder>` takes whatever is there.
   *
   * @returns the files written, relative to `app.outdir`, e.g. `1-crds/0000-dapr-crds.k8s.yaml`
   */
  public static synth(app: App): string[] {
    if (app.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
      fail(app.node.path || 'App', 'yamlOutputType', YamlOutputType[app.yamlOutputType], 'FILE_PER_CHART (stages are made of whole charts)');
    }
    const ext = app.outputFileExtension;
    const stageOf = new Map(app.charts.map((chart) => [chart, DaprStage.of(chart)]));
    for (const dir of [app.outdir, ...DaprStage.ALL.map((s) => path.join(app.outdir, s.folder))]) {
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
      const stage = stageOf.get(chart) ?? DaprStage.of(chart);
      fs.mkdirSync(path.join(app.outdir, stage.folder), { recursive: true });
      fs.renameSync(path.join(app.outdir, file), path.join(app.outdir, stage.folder, file));
      written.push(`${stage.folder}/${file}`);
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
    for (const chart of app.charts) {
      const stage = DaprStage.of(chart);
      for (const obj of chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)) {
        obj.metadata.addAnnotation(ARGO_CD_SYNC_WAVE, String(stage.order));
        if (obj.apiGroup === 'dapr.io') {
          obj.metadata.addAnnotation(ARGO_CD_SYNC_OPTIONS, SKIP_DRY_RUN);
        }
      }
    }
  }

  private constructor() {}
}
