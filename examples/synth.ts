import { App, YamlOutputType } from 'cdk8s';
import { EXAMPLES } from './index';

/** Synthesizes the named examples (all when none are named) to dist/examples/<name>/. */
const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(EXAMPLES)) {
  const build = EXAMPLES[name];
  if (!build) {
    throw new Error(`unknown example "${name}"; known: ${Object.keys(EXAMPLES).join(', ')}`);
  }
  const app = new App({ outdir: `dist/examples/${name}`, yamlOutputType: YamlOutputType.FILE_PER_CHART });
  build(app);
  app.synth();
  console.log(`synthesized ${name} -> dist/examples/${name}/ (${app.charts.map((c) => `${c.node.id}.k8s.yaml`).join(', ')})`);
}
