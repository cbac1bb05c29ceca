/*
 * Writes the fingerprint of a Dapr release's CRDs, read straight from the chart's YAML (not
 * through the generator), for released-crds-<version>.txt:
 *
 *   npx ts-node --project test/tsconfig.json test/facts/fingerprint-release.ts <git dir of dapr/dapr> v1.18.3 > test/facts/released-crds-v1.18.3.txt
 */
import { execFileSync } from 'child_process';
import * as YAML from 'yaml';
import { crdFingerprint } from './crd-fingerprint';

const [gitDir, ref] = process.argv.slice(2);
const git = (...args: string[]) => execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const files = git('ls-tree', '--name-only', ref, 'charts/dapr/crds/').split('\n').filter((f) => f.endsWith('.yaml')).sort();
const crds = files.flatMap((f) => YAML.parseAllDocuments(git('show', `${ref}:${f}`)).map((d) => d.toJS()).filter((c) => c?.kind === 'CustomResourceDefinition'));
console.log(crdFingerprint(crds.map((c) => ({
  kind: c.spec.names.kind,
  plural: c.spec.names.plural,
  scope: c.spec.scope,
  conversion: c.spec.conversion?.strategy,
  versions: c.spec.versions.map((v: any) => ({ name: v.name, served: v.served, storage: v.storage, schema: v.schema.openAPIV3Schema })),
}))));
