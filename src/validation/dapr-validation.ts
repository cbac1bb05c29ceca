import { createHash } from 'crypto';
import { App, Chart, YamlOutputType } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { injectorSettingsFromHelm } from './helm-install';
import { DaprHelmInstall } from './helm-install-props';
import { ManifestValidator } from './manifest-validator';
import { manifestProblems } from './report';
import { DaprSidecar } from '../app/dapr-sidecar';
import { renderInPass } from '../app/start-conditions';
import { fail } from '../core/validation';
import { afterChartRender, chartObjects, currentSynth } from '../core/validation-scope';
import { SidecarInjectionDefaults } from '../runtime/dapr-control-plane-props';
import { CHART_INJECTOR_SETTINGS, injectorSettingsFromSidecar, injectorSettingsOf } from '../runtime/injector-settings';

/** Props of `DaprValidation`. */
export interface DaprValidationProps {
  /**
   * Check every object against the strict Kubernetes 1.28 and Dapr CRD schemas.
   * @default true
   */
  readonly schemas?: boolean;
  /**
   * Check every workload against the Pod Security Standards "restricted" profile and the
   * kube-score / kube-linter rules (`POLICY_RULES`). A workload opts out of a named rule with
   * the `policy.cdk8s-dapr.io/exemptions` annotation.
   * @default true
   */
  readonly workloadPolicy?: boolean;
  /**
   * Check pods as Dapr's sidecar injector patches them (`DaprSidecar.injectedPod()`): the schema
   * and the workload policy see the daprd container, its volumes and mounts, so a sidecar
   * without resources, or a pod the API server would reject once injected, fails synth. The
   * injector's settings are those of the `DaprControlPlane` in the app, else `sidecarInjection`,
   * else `helm` (Dapr's chart defaults when not given). `dapr.io/*` annotations of every workload (included objects too) are checked
   * against the annotation table as well.
   * @default true
   */
  readonly injectedPods?: boolean;
  /**
   * The sidecar settings of the control plane that injects these apps, used when this cdk8s app
   * holds no `DaprControlPlane` and Dapr was installed by this library in another app: the
   * `sidecar` props given to that `DaprControlPlane` (`{}` for its defaults, which drop all
   * capabilities of daprd). Not together with `helm`.
   * @default - the DaprControlPlane's of this cdk8s app, else `helm`
   */
  readonly sidecarInjection?: SidecarInjectionDefaults;
  /**
   * Dapr installed by its official Helm chart, used when this cdk8s app holds no
   * `DaprControlPlane` and `sidecarInjection` is not given: pass the chart values you installed
   * with. The chart's defaults keep daprd's capabilities (`sidecarDropALLCapabilities: false`),
   * which the "restricted" profile refuses: install with `--set
   * dapr_sidecar_injector.sidecarDropALLCapabilities=true` and say so here.
   * @default - Dapr's chart with its default values (1.18.3)
   */
  readonly helm?: DaprHelmInstall;
  /**
   * More CustomResourceDefinitions (JSON objects) for kinds the charts hold.
   * @default - Dapr's CRDs and any CRD in the charts
   */
  readonly customResourceDefinitions?: any[];
  /**
   * Let objects of kinds with no known schema pass.
   * @default false
   */
  readonly allowUnknownKinds?: boolean;
}

/**
 * Fails `cdk8s synth` when any chart in its scope would emit an object that breaks its schema or
 * a workload that breaks the workload policy. Each error names the chart, the object's
 * position, kind and name, and the JSON path of the field:
 *
 * ```
 * [DaprValidation] platform #12 apps/v1 Deployment dapr-system/dapr-operator $.spec.template.spec.containers[0].bogus: unknown field "bogus"
 * ```
 *
 * Opt in once per app (or per chart); it sees every chart below its scope, including charts
 * added after it and objects changed through escape hatches (`ApiObject.addJsonPatch`):
 *
 * ```ts
 * const app = new App();
 * new DaprValidation(app, 'validation');
 * ```
 */
export class DaprValidation extends Construct {
  public constructor(scope: Construct, id: string, props: DaprValidationProps = {}) {
    super(scope, id);
    const validator = props.schemas === false ? undefined : new ManifestValidator({
      customResourceDefinitions: props.customResourceDefinitions,
      allowUnknownKinds: props.allowUnknownKinds,
    });
    const policy = props.workloadPolicy ?? true;
    const injected = props.injectedPods ?? true;
    const target = scope;
    if (props.helm !== undefined && props.sidecarInjection !== undefined) {
      fail(this, 'helm', 'given together with sidecarInjection', 'one of them: Dapr is installed either by Helm (helm) or by a DaprControlPlane elsewhere (sidecarInjection)');
    }
    // checked now, so that a bad chart value fails where it is given
    const helm = props.sidecarInjection === undefined ? injectorSettingsFromHelm(props.helm ?? {}, this.node.path) : undefined;
    const path = this.node.path;

    // The problems of a chart are kept with a hash of the exact content they were found in: an
    // unchanged chart is not checked again, and a chart changed in between (a late mutation, a
    // patch, a lazy value) is, because its content differs. Cached on content, never on identity.
    const checked = new WeakMap<Chart, Checked>();
    const check = (chart: Chart, objects: any[]): string[] => {
      const seen = checked.get(chart);
      // Within one synth nothing can change (see currentSynth), and the written objects are the
      // renders the validation pass checked (see render below): the same objects need no hash.
      const synth = currentSynth(chart.node.root);
      if (synth !== undefined && seen?.synth === synth && sameElements(seen.objects, objects)) return seen.problems;
      const fallback = helm ?? injectorSettingsFromSidecar(props.sidecarInjection!, CHART_INJECTOR_SETTINGS, `the sidecarInjection settings of ${path}`);
      const injector = injected ? injectorSettingsOf(target, fallback) : undefined;
      // the injector's settings come from the whole app: they are part of what was checked
      const content = contentHash([injector ?? null], objects);
      const problems = seen?.content === content ? seen.problems
        : manifestProblems(objects, chart.node.path || chart.node.id, validator, { policy, injector, daprAnnotations: injected });
      checked.set(chart, { content, problems, synth, objects: synth === undefined ? undefined : objects });
      return problems;
    };

    // cdk8s runs every validation once per synth and again in each chart's toJson(), each time
    // for the whole app, so checking in the validation would render and check every object of a
    // three-chart app four times per synth. Instead, each chart's toJson() checks the objects it
    // returns, which are exactly what is written; the validation only checks a chart the first
    // time it sees it (its toJson() may be running through the method it had before), and charts
    // cdk8s writes object by object without toJson() (FOLDER_PER_CHART_FILE_PER_RESOURCE).
    const watched = new WeakSet<Chart>();
    const watch = (chart: Chart): boolean => {
      if (watched.has(chart)) return false;
      watched.add(chart);
      afterChartRender(chart, (objects) => {
        const problems = check(chart, objects);
        // worded as cdk8s words the errors of a validation
        if (problems.length > 0) throw new Error(`Validation failed with the following errors:\n  ${problems.map((p) => `[${path}] ${p}`).join('\n  ')}`);
      });
      return true;
    };
    this.node.addValidation({
      validate: () => {
        const { charts, sidecars } = scan(target);
        return charts.flatMap((chart) => {
          const first = watch(chart);
          return first || writtenObjectByObject(chart) ? check(chart, synthesize(chart, sidecars)) : [];
        });
      },
    });
  }
}

/** What a chart was last checked in. */
interface Checked {
  /** Hash of the injector settings and the objects. */
  readonly content: string;
  readonly problems: string[];
  /** The synth the check ran in, if any, and the objects it checked (kept for that synth only). */
  readonly synth?: object;
  readonly objects?: any[];
}

function sameElements(a: any[] | undefined, b: any[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Whether cdk8s writes the chart's objects one by one, without the chart's toJson(). */
function writtenObjectByObject(chart: Chart): boolean {
  const root = chart.node.root;
  return root instanceof App && root.yamlOutputType === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE;
}

/**
 * The objects of `chart` as `chart.toJson()` renders them (patches applied, lazy values resolved),
 * without `toJson()`'s own validation of the app, which would run this validation again.
 *
 * @param shared whether the app's validation passes share one render of each object (an app with
 *   a Dapr sidecar: its sidecar resets that cache at the start of every pass)
 */
function synthesize(chart: Chart, shared: boolean): any[] {
  // shared: each object renders once for every check of the library (the sidecars' checks, the
  // start conditions, this validation) and, within a synth, is written as it rendered here
  // (`renderInPass`): what is checked is what is written, and the validation adds no render
  return chartObjects(chart).map((o) => (shared ? renderInPass(o) : o.toJson()));
}

/** The charts at and below `scope`, in construct-tree order, and whether a Dapr sidecar is among them. */
function scan(scope: IConstruct): { charts: Chart[]; sidecars: boolean } {
  const charts: Chart[] = [];
  let sidecars = false;
  for (const c of scope.node.findAll()) {
    if (Chart.isChart(c)) charts.push(c);
    else if (!sidecars && c instanceof DaprSidecar) sidecars = true;
  }
  return { charts, sidecars };
}

/**
 * A hash of `settings` and `objects`, exact for what the checks see: their JSON, with the values
 * JSON cannot hold (`undefined`, NaN, Infinity, functions) spelled apart instead of dropped or
 * turned into null, so that two different contents never share a serialization.
 */
function contentHash(settings: any[], objects: any[]): string {
  return createHash('sha256').update(serialize(settings)).update('\n').update(serialize(objects)).digest('base64');
}

function serialize(value: any): string {
  return JSON.stringify(value, (_key, v) => {
    switch (typeof v) {
      case 'string': // a string that looks like one of the spellings below is spelled apart too
        return v.startsWith('\u0000') ? `\u0000string:${v}` : v;
      case 'number':
        return Number.isFinite(v) ? v : `\u0000number:${v}`;
      case 'undefined':
      case 'function':
      case 'symbol':
      case 'bigint':
        return `\u0000${typeof v}:${String(v)}`;
      default:
        return v;
    }
  });
}
