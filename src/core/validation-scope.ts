import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';
import { addPathValidation } from './validation';

/*
 * cdk8s 2.70 validates the whole app once at the start of `App.synth()` and again inside every
 * `chart.toJson()` (`Chart.toJson` -> `App._synthChart` -> `validate(app)`, cdk8s `lib/app.js`).
 * A pass run for chart X's toJson() only decides whether X's output may be written: X's output
 * holds X's objects only, the other charts are checked by their own toJson() and by the app-level
 * pass (which runs every check and is the only pass when cdk8s writes object by object, without
 * toJson(): FOLDER_PER_CHART_FILE_PER_RESOURCE). So a construct's checks may be skipped in a pass
 * run for another chart's toJson().
 */

/** The charts whose toJson() is running, innermost last. */
const RENDERING: Chart[] = [];

/** Charts whose toJson() is wrapped already: once per instance. */
const WRAPPED = new WeakSet<Chart>();

/**
 * Wraps `chart.toJson` once (per instance, on the instance) so that while it runs, the chart is
 * the one being rendered. Idempotent; other wrappers of the same instance (put before or after)
 * keep working, since each calls the method it found.
 */
export function trackChartRendering(chart: Chart): void {
  if (WRAPPED.has(chart)) return;
  WRAPPED.add(chart);
  const render = chart.toJson;
  Object.defineProperty(chart, 'toJson', {
    configurable: true,
    writable: true,
    value: function toJson(this: Chart): any[] {
      RENDERING.push(this);
      try {
        const objects = renderChart(this, render);
        for (const hook of AFTER_RENDER.get(this) ?? []) hook(objects);
        return objects;
      } finally {
        RENDERING.pop();
      }
    },
  });
}

/** Per root, the synth whose dependencies and validation a chart's toJson() has already run. */
const PREPARED = new WeakMap<IConstruct, object>();

/**
 * A chart's objects, as cdk8s's `Chart.toJson()` renders them (`App._synthChart`, cdk8s
 * `lib/app.js`): resolve the app's dependencies, validate the whole app, then render the chart's
 * objects in dependency order (`chartToKube`). Within one synth, every chart's toJson() repeats
 * the first two for the whole app although the synth has done both and nothing can change in
 * between (see `trackSynth`): a 1,000-app synth resolved dependencies and ran every validation of
 * the app once per chart, plus once for the synth itself. So once the synth has read `app.charts`
 * (it does so after both, see `trackSynth`), or once one chart has rendered through cdk8s itself,
 * a chart renders its objects only, in the same order with the same public parts
 * (`DependencyGraph`, `Chart.of`). Only a chart whose toJson() is cdk8s's own takes this path;
 * a subclass's override, and every call outside a synth, render as they always do.
 */
function renderChart(chart: Chart, render: () => any[]): any[] {
  const root = chart.node.root;
  const synth = currentSynth(root);
  if (synth === undefined || render !== Chart.prototype.toJson) return render.call(chart);
  if (PREPARED.get(root) !== synth) {
    const objects = render.call(chart);
    PREPARED.set(root, synth);
    return objects;
  }
  return chartObjects(chart).map((o) => o.toJson());
}

/**
 * The ApiObjects a chart writes, in the order cdk8s writes them: `chartToKube(chart)` of cdk8s
 * `lib/app.js`, with its public parts (objects of nested charts are theirs, not this chart's).
 */
export function chartObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology()
    .filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
}

/** What runs on the objects a chart's toJson() returned, in the order added (`afterChartRender`). */
const AFTER_RENDER = new WeakMap<Chart, Array<(objects: any[]) => void>>();

/**
 * Runs `hook` on the objects each later `chart.toJson()` returns, before they are returned (a hook
 * may throw to refuse them). Shares the one wrapper of `trackChartRendering`, so the library puts
 * one wrapper on a chart however many of its parts watch it.
 */
export function afterChartRender(chart: Chart, hook: (objects: any[]) => void): void {
  trackChartRendering(chart);
  AFTER_RENDER.set(chart, [...(AFTER_RENDER.get(chart) ?? []), hook]);
}

const ROOTS = new WeakSet<IConstruct>();

/**
 * Tracks the rendering of the chart of `scope`, and of every chart of its app: a chart with no
 * construct of this library (the library's own namespace chart, a user's plain chart) would
 * otherwise run every check in the pass of its toJson(). The root validates first (pre-order), so
 * in the app-level pass every chart is tracked before cdk8s renders it; a chart added later is
 * tracked in the first pass that runs outside a tracked toJson() (until then its passes check all).
 */
export function trackRenderingOfChartOf(scope: IConstruct): void {
  const chart = chartOf(scope);
  if (chart) trackChartRendering(chart);
  const root = scope.node.root;
  if (ROOTS.has(root)) return;
  ROOTS.add(root);
  trackSynth(root);
  root.node.addValidation({
    validate: () => {
      if (chartBeingRendered() === undefined) {
        for (const c of root.node.findAll()) if (Chart.isChart(c)) trackChartRendering(c);
      }
      return [];
    },
  });
}

/** The chart whose toJson() is running, if any (the innermost one). */
export function chartBeingRendered(): Chart | undefined {
  return RENDERING[RENDERING.length - 1];
}

/**
 * False when the current validation pass runs for another chart's toJson() than the chart of
 * `scope`: that pass decides only what that chart writes. True in the app-level pass and in
 * the pass of the construct's own chart.
 */
export function inScopeOfCurrentPass(scope: IConstruct): boolean {
  const rendering = chartBeingRendered();
  if (rendering === undefined) return true;
  return chartOf(scope) === rendering;
}

function chartOf(scope: IConstruct): Chart | undefined {
  try {
    return Chart.of(scope);
  } catch {
    return undefined; // not in a chart
  }
}

/**
 * `addPathValidation(scope, validate)` for checks of one construct's own output: they run in the
 * app-level pass and in the pass of the construct's chart's toJson(), and are skipped in the
 * passes of other charts' toJson() (see above). Checks that read other charts' objects (unique
 * names across the app, RBAC elsewhere) are still the construct's own: they run in its chart's pass.
 */
export function addChartScopedValidation(scope: IConstruct, validate: () => string[]): void {
  trackRenderingOfChartOf(scope);
  const root = scope.node.root;
  // within one synth() nothing changes between its passes (see trackSynth): a check that passed
  // in its app-level pass holds for the chart passes (one that failed has ended the synth)
  let passedIn: object | undefined;
  addPathValidation(scope, () => {
    if (!inScopeOfCurrentPass(scope)) return [];
    const synth = currentSynth(root);
    if (synth !== undefined && synth === passedIn) return [];
    const errors = validate();
    passedIn = errors.length === 0 ? synth : undefined;
    return errors;
  });
}

/** The running `synth()` / `synthYaml()` of each root, as a token unique to the call. */
const SYNTHS = new WeakMap<IConstruct, object>();

/**
 * Wraps the root's `synth` and `synthYaml` (per instance) so that `currentSynth(root)` tells
 * which call is running. From its first validation pass to the last object it writes, a synth
 * runs cdk8s code only (dependency resolution, validation, rendering, writing): no code of the
 * app can change an object in between, so what one pass rendered holds for the whole call.
 */
function trackSynth(root: IConstruct): void {
  // Both cdk8s synths read `app.charts` once, after they have resolved the app's dependencies and
  // validated it, to render the charts in order (`App.synth`, `App.synthYaml` in cdk8s
  // `lib/app.js`): from then on in that synth, a chart's toJson() need not do either again.
  const charts = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(root), 'charts')?.get;
  if (charts) {
    Object.defineProperty(root, 'charts', {
      configurable: true,
      get: function (this: IConstruct) {
        const result = charts.call(this);
        const synth = currentSynth(root);
        if (synth !== undefined && chartBeingRendered() === undefined) PREPARED.set(root, synth);
        return result;
      },
    });
  }
  for (const name of ['synth', 'synthYaml']) {
    const method = (root as any)[name];
    if (typeof method !== 'function') continue;
    Object.defineProperty(root, name, {
      configurable: true,
      writable: true,
      value: function (this: IConstruct, ...args: any[]): any {
        if (SYNTHS.has(root)) return method.apply(this, args); // synthYaml() within synth()
        SYNTHS.set(root, {});
        try {
          return method.apply(this, args);
        } finally {
          SYNTHS.delete(root);
        }
      },
    });
  }
}

/** A token of the root's running `synth()` / `synthYaml()`, if one is running. */
export function currentSynth(root: IConstruct): object | undefined {
  return SYNTHS.get(root);
}
