import * as path from 'path';
import { EXAMPLES } from './index';
import { synthExample } from './synth-example';

/** Synthesizes the named examples (all when none are named) to dist/examples/<name>/ (stage folders, see synthExample). */
const wanted = process.argv.slice(2);
for (const name of wanted.length > 0 ? wanted : Object.keys(EXAMPLES)) {
  const outdir = path.join('dist', 'examples', name);
  const written = synthExample(name, outdir);
  console.log(`synthesized ${name} -> ${outdir}/ (${written.join(', ')})`);
}
