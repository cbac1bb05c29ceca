import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { DaprLocalRun, DaprStagedOutput, DaprTopology, DaprValidation } from '../src';
import { EXAMPLES } from './index';

/**
 * Synthesizes one example to `outdir`: the manifests in stage folders (`1-crds/`,
 * `2-control-plane/`, `3-apps/`, one file per chart, numbered in dependency order; see
 * `DaprStagedOutput`), dapr-topology.md, and the process-mode twin in local/ when the example
 * defines one. Returns the files written, relative to `outdir`.
 */
export function synthExample(name: string, outdir: string): string[] {
  const build = EXAMPLES[name];
  if (!build) {
    throw new Error(`unknown example "${name}"; known: ${Object.keys(EXAMPLES).join(', ')}`);
  }
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  // Strict Kubernetes 1.28 / Dapr schemas and the workload policy, on every chart: synth fails first.
  // Examples without a control plane of their own run next to task-api's DaprControlPlane (default sidecar settings).
  new DaprValidation(app, 'validation', { sidecarInjection: {} });
  build(app);
  const written = DaprStagedOutput.synth(app);
  new DaprTopology(app, 'topology', { title: `Dapr topology of the ${name} example` }).writeFile(path.join(outdir, 'dapr-topology.md'));
  written.push('dapr-topology.md');
  for (const local of app.node.findAll().filter((c): c is DaprLocalRun => c instanceof DaprLocalRun)) {
    local.writeFiles(path.join(outdir, 'local'));
    written.push('local/');
  }
  return written;
}
