// Profiling helper (not a test, not the bench): one synth of the bench scenario, with or without
// DaprValidation, timed in-process. Run with `node --cpu-prof bench/profile-validation.js 1000 validated`.
'use strict';
const path = require('path');
const { App } = require('cdk8s');

const n = Number(process.argv[2] || 1000);
const mode = process.argv[3] || 'validated';
const dapr = require(path.join(__dirname, '..', 'lib'));
const { build } = require('./scenario');
void [dapr.DaprApp, dapr.DaprControlPlane, dapr.StateStore, dapr.DaprValidation, dapr.MetadataValue, dapr.SidecarResources];
const t0 = process.hrtime.bigint();
const app = new App();
if (mode === 'validated') new dapr.DaprValidation(app, 'validation');
build(app, dapr, n);
const yaml = app.synthYaml();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
console.log(JSON.stringify({ mode, n, ms: Math.round(ms), bytes: yaml.length }));
