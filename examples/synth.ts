import * as fs from 'fs';
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { DaprLocalRun, DaprTopology } from '../src';
import { EXAMPLES } from './index';

/**
 * Synthesizes the named examples (all when none are named) to dist/examples/<name>/:
 * the manifests (one file per chart), dapr-topology.md, and the process-mode twin in local/
 * when the example defines one.
 */
const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(EXAMPLES)) {
  const build = EXAMPLES[name];
  if (!build) {
    throw new Error(`unknown example "${name}"; known: ${Object.keys(EXAMPLES).join(', ')}`);
  }
  const outdir = path.join('dist', 'examples', name);
  // Manifests from an earlier run must not linger (kubectl apply -f takes the whole folder).
  if (fs.existsSync(outdir)) {
    fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).forEach((f) => fs.rmSync(path.join(outdir, f)));
  }
  const app = new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  build(app);
  app.synth();
  const written = fs.readdirSync(outdir).filter((f) => f.endsWith('.k8s.yaml')).sort();
  new DaprTopology(app, 'topology', { title: `Dapr topology of the ${name} example` }).writeFile(path.join(outdir, 'dapr-topology.md'));
  written.push('dapr-topology.md');
  for (const local of app.node.findAll().filter((c): c is DaprLocalRun => c instanceof DaprLocalRun)) {
    local.writeFiles(path.join(outdir, 'local'));
    written.push('local/');
  }
  console.log(`synthesized ${name} -> ${outdir}/ (${written.join(', ')})`);
}
