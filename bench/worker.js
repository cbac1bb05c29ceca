// One benchmark measurement in a fresh process; prints one JSON line.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const [mode, nArg, manifestsFile] = process.argv.slice(2);
const n = Number(nArg);

function finish(result) {
  // CPU time of the whole process (boot included): unlike wall time, barely moved by other load on the machine
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ ...result, peakRssKiB: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 }) + '\n');
}

if (mode === 'import') {
  const t0 = process.hrtime.bigint();
  require('cdk8s');
  require('cdk8s-plus-28');
  const t1 = process.hrtime.bigint();
  // the barrel is lazy: touching the classes a synth uses loads their modules
  const lib = require(path.join(__dirname, '..', 'lib'));
  void [lib.DaprApp, lib.DaprControlPlane, lib.StateStore, lib.MetadataValue, lib.SidecarResources];
  const t2 = process.hrtime.bigint();
  finish({ baseMs: Number(t1 - t0) / 1e6, libraryMs: Number(t2 - t1) / 1e6 });
  return;
}

// whole-process rows: the parent times the process from spawn to exit; these only do the work
if (mode === 'require-cdk8s') {
  require('cdk8s');
  finish({});
  return;
}
if (mode === 'require-library') {
  require(path.join(__dirname, '..', 'lib'));
  finish({});
  return;
}
function digest(yaml) {
  return { sha256: crypto.createHash('sha256').update(yaml).digest('hex'), bytes: Buffer.byteLength(yaml) };
}

/**
 * The phases of a whole-process row, in ms: `boot` (Node's start and this file's setup), then one
 * per `end(name)`, each since the one before (performance.now() is cheap: marking the phases does
 * not change what is measured).
 */
function phaseClock() {
  let last = performance.now();
  const phases = { boot: last };
  return {
    phases,
    end(name) {
      const now = performance.now();
      phases[name] = now - last;
      last = now;
    },
  };
}

if (mode === 'empty-chart') {
  const clock = phaseClock();
  const { App, Chart } = require('cdk8s');
  clock.end('cdk8s');
  const app = new App();
  new Chart(app, 'empty');
  app.synthYaml();
  clock.end('synth');
  finish({ phases: clock.phases });
  return;
}
if (mode === 'control-plane') {
  const clock = phaseClock();
  const { App, Chart } = require('cdk8s');
  clock.end('cdk8s');
  const { DaprControlPlane } = require(path.join(__dirname, '..', 'lib'));
  void DaprControlPlane; // the barrel is lazy: this loads the control plane's modules
  clock.end('library');
  const app = new App();
  new DaprControlPlane(new Chart(app, 'platform'), 'dapr');
  clock.end('construct');
  const yaml = app.synthYaml();
  clock.end('synth');
  // the objects, for the floor rows: the same manifests written by cdk8s from plain ApiObjects
  // (only the untimed first run is given a file)
  if (manifestsFile) fs.writeFileSync(manifestsFile, JSON.stringify(app.charts[0].toJson()));
  finish({ phases: clock.phases, objects: yaml.split('\n---\n').length, ...digest(yaml) });
  return;
}
if (mode === 'control-plane-plain') {
  // what cdk8s alone costs to write the control plane's objects: the floor of the row above
  const clock = phaseClock();
  const { App, Chart, ApiObject } = require('cdk8s');
  clock.end('cdk8s');
  const objects = JSON.parse(fs.readFileSync(manifestsFile, 'utf8'));
  const app = new App();
  const chart = new Chart(app, 'platform');
  objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o));
  clock.end('construct');
  const yaml = app.synthYaml();
  clock.end('synth');
  finish({ phases: clock.phases, objects: objects.length, ...digest(yaml) });
  return;
}
if (mode === 'yaml-writer') {
  // cdk8s's YAML writer alone, cold, on the control plane's objects: the largest part of the floor
  const { Yaml } = require('cdk8s');
  const objects = JSON.parse(fs.readFileSync(manifestsFile, 'utf8'));
  const t0 = performance.now();
  const yaml = Yaml.stringify(...objects);
  finish({ phases: { yamlWriter: performance.now() - t0 }, ...digest(yaml) });
  return;
}

const { App, Chart, ApiObject } = require('cdk8s');

/**
 * The measured region of the N rows: it starts from a collected heap, so that what each mode did
 * before the clock (loading modules, reading the manifests file) is not collected inside it.
 */
function startClock() {
  global.gc();
  return { t0: process.hrtime.bigint(), cpu0: process.cpuUsage() };
}
function stopClock({ t0, cpu0 }) {
  const cpu = process.cpuUsage(cpu0);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, regionCpuMs: (cpu.user + cpu.system) / 1000 };
}

if (mode === 'library' || mode === 'validated') {
  const dapr = require(path.join(__dirname, '..', 'lib'));
  const { build } = require('./scenario');
  // the barrel is lazy: load the modules the scenario uses before the clock starts, as the other
  // modes load cdk8s-plus before theirs (the import cost has its own rows)
  void [dapr.DaprApp, dapr.DaprControlPlane, dapr.StateStore, dapr.DaprValidation, dapr.MetadataValue, dapr.SidecarResources];
  const clock = startClock();
  const app = new App();
  // the same app, checked on synth: every object against its schema and the workload policy
  if (mode === 'validated') new dapr.DaprValidation(app, 'validation');
  build(app, dapr, n);
  const yaml = app.synthYaml();
  const measured = stopClock(clock);
  const objects = app.charts.flatMap((c) => c.toJson());
  if (mode === 'library') fs.writeFileSync(manifestsFile, JSON.stringify(app.charts.map((c) => ({ id: c.node.id, objects: c.toJson() }))));
  finish({ ...measured, objects: objects.length, ...digest(yaml) });
} else if (mode === 'baseline') {
  const charts = JSON.parse(fs.readFileSync(manifestsFile, 'utf8'));
  const clock = startClock();
  const app = new App();
  for (const c of charts) {
    const chart = new Chart(app, c.id);
    c.objects.forEach((obj, i) => new ApiObject(chart, `o${i}`, obj));
  }
  const yaml = app.synthYaml();
  const measured = stopClock(clock);
  finish({ ...measured, objects: charts.reduce((s, c) => s + c.objects.length, 0), ...digest(yaml) });
} else if (mode === 'cdk8s-plus') {
  const kplus = require('cdk8s-plus-28');
  const charts = JSON.parse(fs.readFileSync(manifestsFile, 'utf8'));
  const { buildCdk8sPlus } = require('./scenario');
  const clock = startClock();
  const app = new App();
  buildCdk8sPlus(app, kplus, n, charts);
  const yaml = app.synthYaml();
  const measured = stopClock(clock);
  finish({ ...measured, objects: charts.reduce((s, c) => s + c.objects.length, 0), ...digest(yaml) });
} else {
  throw new Error(`unknown mode ${mode}`);
}
