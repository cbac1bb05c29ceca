/**
 * DaprValidation checks each synthesized object once per synth, and what it checks is what is
 * written: cdk8s runs the validations of the whole app once per synth and again in every chart's
 * toJson(), so a check inside the validation would render and check each object of a two-chart
 * app three times. The cache is on content, so a change between two renders is still checked.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Lazy, Testing, YamlOutputType } from 'cdk8s';
import { DaprApp, DaprValidation, ManifestValidator } from '../../src';
import { withoutSchemaCheck } from '../schema-checked-synth';

function configMap(chart: Chart, id: string, data: unknown): ApiObject {
  return new ApiObject(chart, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id }, data });
}

/** Two charts of plain objects: no construct of the library renders anything on its own. */
function twoCharts(app: App): ApiObject[] {
  const a = new Chart(app, 'a', { namespace: 'a' });
  const b = new Chart(app, 'b', { namespace: 'b' });
  return [configMap(a, 'one', { k: 'v' }), configMap(a, 'two', { k: 'v' }), configMap(b, 'three', { k: 'v' })];
}

/** How often each object's toJson() runs during `fn`, by object name. */
function rendersDuring(fn: () => void): { [name: string]: number } {
  const counts: { [name: string]: number } = {};
  const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
  try {
    fn();
    for (const object of toJson.mock.contexts) {
      const name = (object as ApiObject).name;
      counts[name] = (counts[name] ?? 0) + 1;
    }
  } finally {
    toJson.mockRestore();
  }
  return counts;
}

describe('DaprValidation, once per object per synth', () => {
  test('a two-chart app: each object is checked once, rendered once more than without validation on the first synth, and not again', () => {
    const plain = Testing.app();
    twoCharts(plain);
    const without = rendersDuring(() => plain.synthYaml());
    expect(without).toEqual({ one: 1, two: 1, three: 1 });

    const app = Testing.app();
    new DaprValidation(app, 'validation');
    twoCharts(app);
    const validate = jest.spyOn(ManifestValidator.prototype, 'validate');
    try {
      // (the suite's own schema check of every chart is off here: it would call validate too)
      expect(rendersDuring(() => withoutSchemaCheck(() => app.synthYaml()))).toEqual({ one: 2, two: 2, three: 2 });
      expect(validate.mock.calls.map(([objects, document]) => [document, objects.length])).toEqual([['a', 2], ['b', 1]]);
      validate.mockClear();
      // the next synth renders as a synth without validation does, and checks nothing: same content
      expect(rendersDuring(() => withoutSchemaCheck(() => app.synthYaml()))).toEqual(without);
      expect(validate).not.toHaveBeenCalled();
    } finally {
      validate.mockRestore();
    }
  });

  test('a late mutation between two synths is reported, in the chart it is in', () => {
    const app = Testing.app();
    new DaprValidation(app, 'validation');
    const [, two] = twoCharts(app);
    app.synthYaml();
    two.addJsonPatch(JsonPatch.replace('/data/k', 7));
    expect(() => withoutSchemaCheck(() => app.synthYaml())).toThrow(
      'Validation failed with the following errors:\n  [validation] a #2 v1 ConfigMap a/two $.data.k: must be of type string');
    two.addJsonPatch(JsonPatch.replace('/data/k', 'v'));
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('a value that changes after the first validation pass of a synth is reported: the written objects are the checked ones', () => {
    const app = Testing.app();
    new DaprValidation(app, 'validation');
    const chart = new Chart(app, 'a', { namespace: 'a' });
    let renders = 0;
    // good while the validation pass renders it, bad when the chart is written
    configMap(chart, 'flaky', { k: Lazy.any({ produce: () => (++renders > 1 ? 7 : 'v') }) });
    expect(() => withoutSchemaCheck(() => app.synthYaml())).toThrow('[validation] a #1 v1 ConfigMap a/flaky $.data.k: must be of type string');
  });

  test('a chart written object by object (FOLDER_PER_CHART_FILE_PER_RESOURCE) is checked in every synth', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'validation-once-'));
    try {
      const app = new App({ outdir, yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE });
      new DaprValidation(app, 'validation');
      const [one] = twoCharts(app);
      app.synth();
      one.addJsonPatch(JsonPatch.replace('/data/k', 7));
      expect(() => withoutSchemaCheck(() => app.synth())).toThrow('[validation] a #1 v1 ConfigMap a/one $.data.k: must be of type string');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('a chart added after a synth is checked on its first synth', () => {
    const app = Testing.app();
    new DaprValidation(app, 'validation');
    twoCharts(app);
    app.synthYaml();
    const late = new Chart(app, 'late');
    configMap(late, 'bad', { k: 1 });
    expect(() => withoutSchemaCheck(() => Testing.synth(late))).toThrow('[validation] late #1 v1 ConfigMap bad $.data.k: must be of type string');
    expect(() => withoutSchemaCheck(() => late.toJson())).toThrow('[validation] late #1 v1 ConfigMap bad $.data.k: must be of type string');
  });

  test('a DaprApp\'s workload renders once per app.synth(): the render the validation checks is the one written, and a later change is checked', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'validation-once-'));
    try {
      const app = new App({ outdir });
      new DaprValidation(app, 'validation', { sidecarInjection: {} });
      const chart = new Chart(app, 'apps', { namespace: 'shop' });
      const workload = ApiObject.of(new DaprApp(chart, 'web', { appId: 'web', image: 'ghcr.io/acme/web:1.0.0' }));
      let renders = 0;
      workload.metadata.addLabel('rendered', Lazy.any({ produce: () => `r${++renders}` }) as any);
      app.synth();
      expect(renders).toBe(1);
      const written = () => fs.readdirSync(outdir).map((f) => fs.readFileSync(path.join(outdir, f), 'utf8')).join('\n');
      expect(written().match(/rendered: r\d/g)).toEqual(['rendered: r1']);
      // checked in the next synth, before its chart is written
      for (const f of fs.readdirSync(outdir)) fs.rmSync(path.join(outdir, f));
      workload.addJsonPatch(JsonPatch.add('/spec/minReadySeconds', '5'));
      expect(() => withoutSchemaCheck(() => app.synth())).toThrow(
        /\[validation\] apps #\d+ apps\/v1 Deployment shop\/web \$\.spec\.minReadySeconds: must be of type integer/);
      expect(renders).toBe(2);
      expect(written()).not.toContain('minReadySeconds');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('in an app with a Dapr sidecar, every object renders once per synth with validation as without it, and is written as checked', () => {
    const build = (validated: boolean) => {
      const app = Testing.app();
      if (validated) new DaprValidation(app, 'validation', { sidecarInjection: {} });
      const chart = new Chart(app, 'apps', { namespace: 'shop' });
      new DaprApp(chart, 'web', { appId: 'web', image: 'ghcr.io/acme/web:1.0.0' });
      let renders = 0;
      // good when first rendered, bad afterwards: the written value is the checked one
      configMap(chart, 'flaky', { k: Lazy.any({ produce: () => (++renders > 1 ? 7 : 'v') }) });
      return app;
    };
    const without = rendersDuring(() => build(false).synthYaml());
    expect(rendersDuring(() => withoutSchemaCheck(() => build(true).synthYaml()))).toEqual(without);
    // (a new app: the objects of the one above keep the spied method)
    const app = build(true);
    expect(withoutSchemaCheck(() => app.synthYaml())).toContain('k: v');
    // the next synth renders anew, and is checked on what it renders
    expect(() => withoutSchemaCheck(() => app.synthYaml())).toThrow(/\[validation\] apps #\d+ v1 ConfigMap shop\/flaky \$\.data\.k: must be of type string/);
  });
});
