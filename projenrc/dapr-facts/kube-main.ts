/*
 * Regenerates src/generated/kube-l1.* and kubernetes-schemas.table.json from the installed
 * cdk8s-plus-28 (see kube-l1.ts and kubernetes-schemas.ts):
 *
 *   npx projen kube:update [--check]
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateKubeL1, KUBE_L1_MODULE, parseGvks } from './kube-l1';
import { generateKubernetesSchemas, loadAssemblyTypes } from './kubernetes-schemas';

function main(): void {
  const check = process.argv.includes('--check');
  const file = require.resolve(`${KUBE_L1_MODULE}.js`);
  const version = JSON.parse(fs.readFileSync(require.resolve('cdk8s-plus-28/package.json'), 'utf8')).version;
  let changed = 0;
  const source = fs.readFileSync(file, 'utf8');
  const files = new Map([
    ...generateKubeL1(source, version),
    ...generateKubernetesSchemas(loadAssemblyTypes(), version, parseGvks(source)),
  ]);
  for (const [target, content] of files) {
    const at = path.join(process.cwd(), target);
    if (fs.existsSync(at) && fs.readFileSync(at, 'utf8') === content) continue;
    changed++;
    if (check) {
      console.log(`out of date: ${target}`);
    } else {
      fs.writeFileSync(at, content);
      console.log(`wrote ${target} (${content.length} bytes)`);
    }
  }
  console.log(`cdk8s-plus-28 ${version}: ${changed} changed`);
  if (check && changed > 0) process.exitCode = 1;
}

main();
