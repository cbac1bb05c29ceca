import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Lazy, Testing, Yaml, YamlOutputType } from 'cdk8s';
import { DaprApp, DaprSidecar, MetadataValue, StateStore } from '../../src';
import { inScopeOfCurrentPass, trackChartRendering } from '../../src/core/validation-scope';

/*
 * cdk8s validates the whole app at the start of App.synth() and again in every chart.toJson().
 * A sidecar's checks run in the app-level pass and in its own chart's pass only; problems are
 * still found when they appear between two toJson() calls.
 */

const IMAGE = 'ghcr.io/acme/task-api:1.0.0';

function outdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'validation-passes-'));
}

function threeCharts(app: App): { charts: Chart[]; apps: DaprApp[] } {
  const charts = ['a', 'b', 'c'].map((id) => new Chart(app, id, { namespace: 'tasks' }));
  const apps = charts.map((chart, i) => new DaprApp(chart, `app-${i}`, { appId: `app-${i}`, image: IMAGE }));
  return { charts, apps };
}

/** Gives the app's container daprd's HTTP port, through its Deployment's ApiObject: the sidecar's pod check fails. */
function breakSidecar(app: DaprApp): void {
  ApiObject.of(app).addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/ports', [{ containerPort: 3500 }]));
}

describe('validation passes', () => {
  afterEach(() => jest.restoreAllMocks());

  test('each sidecar is checked once per synth, and twice by a chart\'s toJson(): the app-level pass and its chart\'s', () => {
    const app = new App({ outdir: outdir() });
    const { charts, apps } = threeCharts(app);
    const checkPod = jest.spyOn(DaprSidecar.prototype as any, 'checkPod');
    const count = (a: DaprApp) => checkPod.mock.contexts.filter((c) => c === a.sidecar).length;
    app.synth();
    expect(apps.map(count)).toEqual([1, 1, 1]);
    app.synthYaml();
    expect(apps.map(count)).toEqual([2, 2, 2]);
    // outside a synth: only the pass of the chart's own toJson(), in any chart
    charts[0].toJson();
    expect(apps.map(count)).toEqual([3, 2, 2]);
    Testing.synth(charts[1]);
    expect(apps.map(count)).toEqual([3, 3, 2]);
  });

  test('in app.synth(), each workload renders once: the validation\'s render is the one written', () => {
    const dir = outdir();
    const app = new App({ outdir: dir });
    const { apps } = threeCharts(app);
    const renders = apps.map(() => 0);
    apps.forEach((a, i) => ApiObject.of(a).metadata.addLabel('rendered', Lazy.any({ produce: () => `r${++renders[i]}` }) as any));
    app.synth();
    expect(renders).toEqual([1, 1, 1]);
    const written = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    expect(written.match(/rendered: r1/g)).toHaveLength(3);
    app.synthYaml();
    expect(renders).toEqual([2, 2, 2]);
    // outside a synth, a chart's toJson() renders for its pass and for its output
    (apps[0].node.scope as Chart).toJson();
    expect(renders[0]).toBe(4);
  });

  test('a mutation between two synths is reported by the second', () => {
    const app = new App({ outdir: outdir() });
    const { apps } = threeCharts(app);
    app.synth();
    breakSidecar(apps[1]);
    expect(() => app.synth()).toThrow(/\[b\/app-1\] containers\[.*\]\.ports: 3500 is invalid/);
    expect(() => app.synthYaml()).toThrow(/\[b\/app-1\]/);
  });

  test('a late mutation between two toJson() calls is reported by the mutated chart\'s toJson()', () => {
    const app = new App({ outdir: outdir() });
    const { charts, apps } = threeCharts(app);
    expect(() => charts[0].toJson()).not.toThrow();
    breakSidecar(apps[1]);
    // chart a holds none of b's objects: what it writes is still valid
    expect(() => charts[0].toJson()).not.toThrow();
    expect(() => charts[1].toJson()).toThrow(/\[b\/app-1\] containers\[.*\]\.ports: 3500 is invalid/);
    expect(() => app.synth()).toThrow(/\[b\/app-1\]/);
  });

  test('a duplicate app id added to another chart after a synth is reported', () => {
    const app = new App({ outdir: outdir() });
    const { charts } = threeCharts(app);
    app.synth();
    new DaprApp(charts[2], 'dup', { appId: 'app-0', image: IMAGE });
    expect(() => charts[0].toJson()).toThrow(/\[a\/app-0\] appId: "app-0" is invalid.*c\/dup has it too/);
    expect(() => charts[2].toJson()).toThrow(/\[c\/dup\] appId: "app-0" is invalid.*a\/app-0 has it too/);
    expect(() => charts[1].toJson()).not.toThrow();
  });

  test('problems of chart b are reported when b renders, even after a rendered', () => {
    const app = new App({ outdir: outdir() });
    const { charts, apps } = threeCharts(app);
    breakSidecar(apps[1]);
    expect(() => charts[0].toJson()).not.toThrow();
    expect(() => charts[1].toJson()).toThrow(/\[b\/app-1\]/);
  });

  test('Testing.synth(chart) reports the problems of that chart', () => {
    const chart = Testing.chart();
    const a = new DaprApp(chart, 'api', { appId: 'api', image: IMAGE });
    breakSidecar(a);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/api\]/);
  });

  test('FOLDER_PER_CHART_FILE_PER_RESOURCE, written without toJson(), is validated', () => {
    const app = new App({ outdir: outdir(), yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
    const { apps } = threeCharts(app);
    breakSidecar(apps[2]);
    expect(() => app.synth()).toThrow(/\[c\/app-2\]/);
  });

  test('app.synthYaml() validates every chart', () => {
    const app = new App({ outdir: outdir() });
    const { apps } = threeCharts(app);
    breakSidecar(apps[2]);
    expect(() => app.synthYaml()).toThrow(/\[c\/app-2\]/);
  });
});

describe('chart rendering scope', () => {
  /** Two charts of a fresh app, and an object in the first. */
  function twoCharts(): { a: Chart; b: Chart; inA: ApiObject } {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    return { a, b, inA: new ApiObject(a, 'x', { apiVersion: 'v1', kind: 'ConfigMap' }) };
  }

  test('in scope outside toJson(), and within the construct\'s own chart\'s toJson() only', () => {
    const { a, b, inA } = twoCharts();
    trackChartRendering(a);
    trackChartRendering(b);
    trackChartRendering(a); // idempotent: one wrapper
    const seen: Array<[string, boolean]> = [];
    b.node.addValidation({ validate: () => { seen.push(['b', inScopeOfCurrentPass(inA)]); return []; } });
    expect(inScopeOfCurrentPass(inA)).toBe(true);
    a.toJson();
    b.toJson();
    expect(seen).toEqual([['b', true], ['b', false]]);
    expect(inScopeOfCurrentPass(inA)).toBe(true); // restored after the calls
  });

  test('restored when toJson() throws, and nested calls are safe', () => {
    const { a, b, inA } = twoCharts();
    trackChartRendering(a);
    trackChartRendering(b);
    const seen: boolean[] = [];
    let nested = false;
    a.node.addValidation({
      validate: () => {
        seen.push(inScopeOfCurrentPass(inA));
        if (!nested) {
          nested = true;
          b.toJson(); // within a's toJson(): b's pass, then a's again
          seen.push(inScopeOfCurrentPass(inA));
          throw new Error('boom');
        }
        return [];
      },
    });
    expect(() => a.toJson()).toThrow('boom');
    expect(seen).toEqual([true, false, true]);
    expect(inScopeOfCurrentPass(inA)).toBe(true);
  });

  test('works with another wrapper of the same instance, put before or after', () => {
    const { a, b, inA } = twoCharts();
    const wrap = (chart: Chart, log: string[]) => {
      const render = chart.toJson;
      Object.defineProperty(chart, 'toJson', { configurable: true, writable: true, value: function (this: Chart) { log.push(chart.node.id); return render.call(this); } });
    };
    const log: string[] = [];
    wrap(a, log);
    trackChartRendering(a);
    trackChartRendering(b);
    wrap(b, log);
    const seen: boolean[] = [];
    a.node.addValidation({ validate: () => { seen.push(inScopeOfCurrentPass(inA)); return []; } });
    expect(a.toJson()).toHaveLength(1);
    expect(b.toJson()).toHaveLength(0);
    expect(log).toEqual(['a', 'b']);
    expect(seen).toEqual([true, false]);
  });
});

describe('within one synth, the charts after the first render their objects only', () => {
  /** An app of four charts with objects that depend on each other within and across charts, a nested chart and the library's namespace chart. */
  function mixedApp(dir = outdir()): { app: App; charts: Chart[] } {
    const app = new App({ outdir: dir });
    const platform = new Chart(app, 'platform');
    const shop = new Chart(app, 'shop', { namespace: 'shop' });
    const nested = new Chart(shop, 'nested', { namespace: 'shop' });
    const tools = new Chart(app, 'tools', { namespace: 'tools' });
    const config = new ApiObject(platform, 'config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' } });
    const web = new DaprApp(shop, 'web', { appId: 'web', image: IMAGE });
    const later = new ApiObject(shop, 'later', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'later' } });
    const first = new ApiObject(shop, 'first', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'first' } });
    later.addDependency(first); // within a chart: written after "first"
    web.node.addDependency(config); // across charts: shop after platform
    new ApiObject(nested, 'inner', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'inner' } });
    new DaprApp(tools, 'cli', { appId: 'cli', image: IMAGE });
    return { app, charts: [platform, shop, nested, tools] };
  }

  test('the YAML is what cdk8s\'s own Chart.toJson() renders for each chart, in the same order', () => {
    const { app } = mixedApp();
    const yaml = app.synthYaml();
    // the same charts rendered by cdk8s itself, outside a synth (each resolves and validates the whole app)
    const own = app.charts.flatMap((c) => Chart.prototype.toJson.call(c));
    expect(yaml).toEqual(Yaml.stringify(...own));
    expect(own.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(expect.arrayContaining(['ConfigMap/first', 'ConfigMap/later', 'ConfigMap/inner']));
    const names = own.map((o) => o.metadata.name);
    expect(names.indexOf('first')).toBeLessThan(names.indexOf('later'));
  });

  test('app.synth() writes the same files as before, chart by chart', () => {
    const fast = outdir();
    mixedApp(fast).app.synth();
    const reference = outdir();
    const { app } = mixedApp(reference);
    // the reference renders every chart through cdk8s itself: a wrapper before the library's turns the shortcut off
    for (const chart of app.node.findAll().filter(Chart.isChart)) {
      const render = chart.toJson;
      Object.defineProperty(chart, 'toJson', { configurable: true, writable: true, value: function (this: Chart) { return render.call(this); } });
    }
    app.synth();
    const read = (dir: string) => fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
    expect(read(fast)).toEqual(read(reference));
    expect(read(fast).length).toBeGreaterThanOrEqual(4);
  });

  test('a validation of the app runs once per synth (the synth\'s own pass), not once more per chart', () => {
    const { app, charts } = mixedApp();
    let runs = 0;
    charts[3].node.addValidation({ validate: () => { runs++; return []; } });
    app.synthYaml();
    expect(app.charts.length).toBeGreaterThanOrEqual(5);
    expect(runs).toBe(1);
    app.synth();
    expect(runs).toBe(2);
    // outside a synth, every chart's toJson() validates the app, as cdk8s does
    runs = 0;
    charts[0].toJson();
    charts[1].toJson();
    expect(runs).toBe(2);
  });

  test('a chart whose class overrides toJson() renders through its override', () => {
    class Tagged extends Chart {
      public toJson(): any[] {
        return super.toJson().map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { tagged: 'yes' } } }));
      }
    }
    const app = new App({ outdir: outdir() });
    const first = new Chart(app, 'first', { namespace: 'shop' });
    new DaprApp(first, 'web', { appId: 'web', image: IMAGE });
    const tagged = new Tagged(app, 'tagged', { namespace: 'shop' });
    new ApiObject(tagged, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    expect(app.synthYaml()).toContain('tagged: "yes"');
  });

  test('a problem is still reported: the first chart\'s pass and the synth\'s own pass see every construct', () => {
    const { app, charts } = mixedApp();
    charts[3].node.addValidation({ validate: () => ['tools is broken'] });
    expect(() => app.synthYaml()).toThrow(/tools is broken/);
  });
});

describe('each object renders once per synth', () => {
  test('a component is rendered by the start conditions\' pass and written from that render', () => {
    const app = new App({ outdir: outdir() });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const web = new DaprApp(chart, 'web', { appId: 'web', image: IMAGE });
    const store = StateStore.redis(chart, 'state', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password') });
    store.grant(web);
    const render = jest.spyOn(store.apiObject, 'toJson');
    const yaml = app.synthYaml();
    expect(render).toHaveBeenCalledTimes(1);
    expect(yaml).toContain('type: state.redis');
    // a later synth renders again (the object may have changed in between)
    store.addMetadata('keyPrefix', MetadataValue.fromString('none'));
    expect(app.synthYaml()).toContain('name: keyPrefix');
    expect(render).toHaveBeenCalledTimes(2);
  });
});
