// Synth benchmark (not a test): `npm run bench` (or `npx projen bench`).
//
// For N = 10, 100, 1000 it synthesizes the Dapr control plane plus N DaprApps with a
// component each, and, in the same run, two hand-written equivalents that produce the
// identical YAML (checked by hash): plain cdk8s ApiObjects (the baseline) and cdk8s-plus
// Deployments and Services (the reference that separates what cdk8s-plus costs from what this
// library's layer costs). Each measurement runs in a fresh Node process so peak memory is its
// own; the three run in turn, in a rotating order. It prints wall time, peak RSS and the
// ratios, and measures what importing the library adds to a synth. At every N it also
// synthesizes the library's app with DaprValidation (same YAML) to give what validation costs.
// Whole processes, spawn to exit: the control plane alone against a process that only requires
// cdk8s and synthesizes one empty chart, and against one that writes the same objects from plain
// ApiObjects (what cdk8s's own writing costs, the floor), with where each process's time goes
// (phases) and what cdk8s's YAML writer alone takes on those objects; a process that only requires
// the library against one that only requires cdk8s (the import cost).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

// BENCH_SIZES=none runs only the whole-process control plane row
const SIZES = process.env.BENCH_SIZES === 'none' ? [] : (process.env.BENCH_SIZES || '10,100,1000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 7);
const MODES = ['library', 'validated', 'cdk8s-plus', 'baseline'];
const WORKER = path.join(__dirname, 'worker.js');

function run(mode, n, manifests) {
  const out = execFileSync(process.execPath, ['--expose-gc', WORKER, mode, String(n), manifests || ''], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Wall time of a whole process, spawn to exit, and its peak memory. */
function runProcess(mode, manifests) {
  const t0 = process.hrtime.bigint();
  const result = run(mode, 0, manifests);
  return { ...result, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dapr-bench-'));
const rows = [];
try {
  for (const n of SIZES) {
    const file = path.join(tmp, `manifests-${n}.json`);
    const runs = Object.fromEntries(MODES.map((mode) => [mode, []]));
    for (let i = 0; i < ROUNDS; i++) {
      // the library runs first in round 0: it writes the manifests the other two read
      const order = MODES.map((_, k) => MODES[(k + i) % MODES.length]);
      for (const mode of order) runs[mode].push(run(mode, n, file));
      for (const mode of MODES) {
        if (runs[mode][i].sha256 !== runs.library[i].sha256) {
          throw new Error(`${mode} YAML differs from the library's at N=${n}`);
        }
      }
    }
    const ms = (mode) => median(runs[mode].map((r) => r.ms));
    // ratios are taken within each round, then the median: slow drift of the machine's speed
    // (other load, CPU steal) then cancels out instead of landing on one side of the ratio
    const ratio = (a, b) => median(runs[a].map((r, i) => r.ms / runs[b][i].ms));
    // the per-round ratios' spread: one process differs from the next by up to a third here
    // (garbage collection), so a median of a few rounds moves by several percent between runs
    const spread = (a, b) => {
      const rs = runs[a].map((r, i) => r.ms / runs[b][i].ms).sort((x, y) => x - y);
      return `${rs[0].toFixed(2)}-${rs[rs.length - 1].toFixed(2)}`;
    };
    const rssMiB = (mode) => Math.round(median(runs[mode].map((r) => r.peakRssKiB)) / 1024);
    const lib = runs.library;
    rows.push({
      n,
      objects: lib[0].objects,
      yamlBytes: lib[0].bytes,
      libraryMs: Math.round(ms('library')),
      validatedMs: Math.round(ms('validated')),
      cdk8sPlusMs: Math.round(ms('cdk8s-plus')),
      baselineMs: Math.round(ms('baseline')),
      ratio: +ratio('library', 'baseline').toFixed(2),
      cdk8sPlusRatio: +ratio('cdk8s-plus', 'baseline').toFixed(2),
      layerRatio: +ratio('library', 'cdk8s-plus').toFixed(2),
      validationRatio: +ratio('validated', 'library').toFixed(2),
      spreads: { ratio: spread('library', 'baseline'), layerRatio: spread('library', 'cdk8s-plus'), validationRatio: spread('validated', 'library') },
      libraryPeakRssMiB: rssMiB('library'),
      validatedPeakRssMiB: rssMiB('validated'),
      cdk8sPlusPeakRssMiB: rssMiB('cdk8s-plus'),
      baselinePeakRssMiB: rssMiB('baseline'),
    });
  }
  const imports = [];
  for (let i = 0; i < 5; i++) imports.push(run('import', 0));
  const importMs = median(imports.map((r) => r.libraryMs));

  const WHOLE = ['control-plane', 'control-plane-plain', 'yaml-writer', 'empty-chart', 'require-library', 'require-cdk8s'];
  const whole = Object.fromEntries(WHOLE.map((mode) => [mode, []]));
  // the control plane's objects, which the plain row writes through cdk8s alone
  const controlPlaneObjects = path.join(tmp, 'control-plane.json');
  run('control-plane', 0, controlPlaneObjects);
  for (let i = 0; i < ROUNDS; i++) {
    for (const mode of WHOLE.map((_, k) => WHOLE[(k + i) % WHOLE.length])) {
      // only the plain row reads the objects: the timed control-plane process must not write them
      whole[mode].push(runProcess(mode, mode === 'control-plane-plain' || mode === 'yaml-writer' ? controlPlaneObjects : undefined));
    }
    for (const mode of ['control-plane-plain', 'yaml-writer']) {
      if (whole[mode][i].sha256 !== whole['control-plane'][i].sha256) throw new Error(`${mode}'s YAML differs from the control plane's`);
    }
  }
  const wholeMs = (mode) => Math.round(median(whole[mode].map((r) => r.ms)));
  const wholeRatio = (a, b) => +median(whole[a].map((r, i) => r.ms / whole[b][i].ms)).toFixed(2);
  const wholeRss = (mode) => Math.round(median(whole[mode].map((r) => r.peakRssKiB)) / 1024);
  const processes = {
    controlPlaneMs: wholeMs('control-plane'),
    emptyChartMs: wholeMs('empty-chart'),
    ratio: wholeRatio('control-plane', 'empty-chart'),
    controlPlaneCpuMs: Math.round(median(whole['control-plane'].map((r) => r.cpuMs))),
    emptyChartCpuMs: Math.round(median(whole['empty-chart'].map((r) => r.cpuMs))),
    cpuRatio: +median(whole['control-plane'].map((r, i) => r.cpuMs / whole['empty-chart'][i].cpuMs)).toFixed(2),
    controlPlanePeakRssMiB: wholeRss('control-plane'),
    emptyChartPeakRssMiB: wholeRss('empty-chart'),
    // the floor: cdk8s writing the same objects from plain ApiObjects (its YAML writer alone is most of it)
    plainObjectsMs: wholeMs('control-plane-plain'),
    plainObjectsRatio: wholeRatio('control-plane-plain', 'empty-chart'),
    overPlainRatio: wholeRatio('control-plane', 'control-plane-plain'),
    plainObjectsPeakRssMiB: wholeRss('control-plane-plain'),
  };
  // where each process's time goes (medians of each phase, ms since the process started)
  const phases = Object.fromEntries(['empty-chart', 'control-plane-plain', 'control-plane', 'yaml-writer'].map((mode) => {
    const names = Object.keys(whole[mode][0].phases);
    return [mode, Object.fromEntries(names.map((p) => [p, Math.round(median(whole[mode].map((r) => r.phases[p])))]))];
  }));
  const imported = {
    requireLibraryMs: wholeMs('require-library'),
    requireCdk8sMs: wholeMs('require-cdk8s'),
    ratio: wholeRatio('require-library', 'require-cdk8s'),
    requireLibraryPeakRssMiB: wholeRss('require-library'),
    requireCdk8sPeakRssMiB: wholeRss('require-cdk8s'),
  };

  if (rows.length) {
    console.table(rows.map(({ spreads, ...row }) => row));
    for (const row of rows) {
      console.log(`N=${row.n}, per-round ratios (lowest-highest of ${ROUNDS}): to plain ${row.spreads.ratio}, cdk8s-dapr to cdk8s-plus ${row.spreads.layerRatio}, validation ${row.spreads.validationRatio}`);
    }
    const first = rows[0];
    const last = rows[rows.length - 1];
    const perAppFirst = first.libraryMs / first.n;
    const perAppLast = last.libraryMs / last.n;
    console.log(`time per app: ${perAppFirst.toFixed(2)} ms at N=${first.n}, ${perAppLast.toFixed(2)} ms at N=${last.n} (linear if it does not grow)`);
    console.log(`loading the modules of DaprApp, DaprControlPlane and StateStore adds ${importMs.toFixed(0)} ms (median of 5) on top of cdk8s + cdk8s-plus-28`);
    console.log(`ratio to plain ApiObjects at N=${last.n}: ${last.ratio}x (target <= 1.5x); cdk8s-plus by hand: ${last.cdk8sPlusRatio}x; this library's layer over cdk8s-plus: ${last.layerRatio}x`);
    console.log(`with DaprValidation at N=${last.n}: ${last.validationRatio}x the same synth without it (target <= 1.3x)`);
  }
  console.table([processes]);
  console.log(`control plane alone, whole process: ${processes.ratio}x a process that requires cdk8s and synthesizes one empty chart (target <= 1.5x); in CPU time ${processes.cpuRatio}x`);
  console.log(`the same ${whole['control-plane'][0].objects} objects written by cdk8s from plain ApiObjects: ${processes.plainObjectsRatio}x the empty chart (the floor); the control plane is ${processes.overPlainRatio}x that`);
  console.table(phases);
  console.log(`cdk8s's YAML writer alone, cold, on these objects: ${phases['yaml-writer'].yamlWriter} ms; the target leaves ${Math.round(processes.emptyChartMs * 0.5)} ms over the empty chart`);
  console.table([imported]);
  console.log(`import cost, whole process: requiring the library takes ${imported.ratio}x a process that only requires cdk8s`);
  console.log(JSON.stringify({ rows, importMs: Math.round(importMs), processes, phases, imported }));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
