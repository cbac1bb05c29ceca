/**
 * Run as a child process by locale-independence.test.ts, under a LANG / LC_ALL given by the
 * test: writes every bundled example, an app whose names sort differently in Danish, and a
 * `fromFiles` image (built offline to an OCI layout) into the folder named by argv[2].
 * Prints what this process's ICU thinks of "aa" vs "b", so the test can tell the locale took hold.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, YamlOutputType } from 'cdk8s';
import { EXAMPLES } from '../../examples';
import { synthExample } from '../../examples/synth-example';
import {
  Configuration, DaprApp, DaprImage, DaprLocalRun, DaprTopology, ImageFile, ImageSource, MetadataValue, StateStore,
} from '../../src';

/** Names that ICU orders differently by locale: Danish puts "aa" after "z"; Turkish has its own i. */
export const LOCALE_SENSITIVE_NAMES = ['aa', 'b', 'z', 'i', 'a'];

const outdir = process.argv[2];
for (const name of Object.keys(EXAMPLES)) synthExample(name, path.join(outdir, 'examples', name));

const app = new App({ outdir: path.join(outdir, 'crafted'), yamlOutputType: YamlOutputType.FILE_PER_CHART });
const chart = new Chart(app, 'crafted', { namespace: 'crafted', disableResourceNameHashes: true });
const config = new Configuration(chart, 'config', {
  metrics: {
    rules: LOCALE_SENSITIVE_NAMES.map((n) => ({
      name: `${n}_requests_total`,
      labels: LOCALE_SENSITIVE_NAMES.map((l) => ({ name: `${l}_label`, regex: { x: '.*' } })),
    })),
  },
});
for (const n of LOCALE_SENSITIVE_NAMES) {
  const dapr = new DaprApp(chart, `${n}-app`, { appId: `${n}-app`, appPort: 8080, image: 'ghcr.io/acme/app:1.0.0', configuration: config });
  StateStore.redis(chart, `${n}-state`, {
    redisHost: 'redis:6379',
    redisPassword: MetadataValue.fromSecret(`${n}-secret`, `${n}-key`),
  }).grant(dapr);
}
const image = new DaprImage(chart, 'image', {
  repository: 'registry.example/acme/files',
  source: ImageSource.fromFiles({
    files: LOCALE_SENSITIVE_NAMES.flatMap((n) => [
      ImageFile.fromString(`${n}\n`, `/srv/${n}`),
      ImageFile.fromString(`${n.toUpperCase()}\n`, `/srv/${n.toUpperCase()}`),
    ]),
    env: Object.fromEntries(LOCALE_SENSITIVE_NAMES.map((n) => [`${n.toUpperCase()}_VAR`, n])),
    labels: Object.fromEntries(LOCALE_SENSITIVE_NAMES.map((n) => [`org.example.${n}`, n])),
  }),
  buildOnSynth: true,
  push: false,
  ociLayoutDirectory: path.join(outdir, 'oci-layout'),
  cacheFile: path.join(outdir, 'images.json'),
});
fs.mkdirSync(path.join(outdir, 'crafted'), { recursive: true });
fs.writeFileSync(path.join(outdir, 'crafted', 'image.txt'), `${image.tag} ${image.imageRef}\n`);
new DaprLocalRun(app, 'local');
app.synth();
new DaprTopology(app, 'topology').writeFile(path.join(outdir, 'crafted', 'dapr-topology.md'));
for (const local of app.node.findAll().filter((c): c is DaprLocalRun => c instanceof DaprLocalRun)) {
  local.writeFiles(path.join(outdir, 'crafted', 'local'));
}
process.stdout.write(JSON.stringify({ aaVsB: 'aa'.localeCompare('b'), locale: Intl.DateTimeFormat().resolvedOptions().locale }));
