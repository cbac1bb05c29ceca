/**
 * Jest setup (setupFilesAfterEnv): every chart any test synthesizes, through `Testing.synth` or
 * `App.synth`, is checked against the strict Kubernetes 1.28 and Dapr schemas. The whole suite so
 * proves, for every construct and every prop combination it exercises, that the library never
 * emits an object the API server would reject or prune. A test that builds invalid objects on
 * purpose wraps its synth in `withoutSchemaCheck`.
 */
import { Chart, Testing } from 'cdk8s';
import { ManifestValidator } from '../src/validation/manifest-validator';
import { manifestProblems } from '../src/validation/report';

const validator = new ManifestValidator();
let suspended = 0;

function check(chart: Chart, objects: any[]): any[] {
  if (suspended > 0) return objects;
  const problems = manifestProblems(objects, chart.node.path || 'chart', validator, false);
  if (problems.length > 0) {
    throw new Error(`synthesized objects break their schemas:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return objects;
}

const synth = Testing.synth.bind(Testing);
Testing.synth = (chart: Chart) => check(chart, synth(chart));

const toJson = Chart.prototype.toJson;
Chart.prototype.toJson = function (this: Chart) {
  return check(this, toJson.call(this));
};

/** Runs `fn` with the schema check off, for tests that synthesize invalid objects on purpose. */
export function withoutSchemaCheck<T>(fn: () => T): T {
  suspended++;
  try {
    return fn();
  } finally {
    suspended--;
  }
}
