/**
 * The Kubernetes schemas DaprValidation checks against are generated from cdk8s-plus-28's jsii
 * assembly at build time (projenrc/dapr-facts/kubernetes-schemas.ts, `npx projen kube:update`).
 * These tests hold the committed table to the installed cdk8s-plus-28, check a few facts it must
 * carry, and check that validating no longer reads the assembly or loads cdk8s-plus-28.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as k8s from 'cdk8s-plus-28/lib/imports/k8s';
import { KUBE_L1_MODULE, parseGvks } from '../../projenrc/dapr-facts/kube-l1';
import { generateKubernetesSchemas, KUBERNETES_SCHEMAS_FILE, kubernetesSchemaTable, loadAssemblyTypes } from '../../projenrc/dapr-facts/kubernetes-schemas';
import { kubernetesSchemas } from '../../src/validation/kubernetes-schema';
import { ManifestValidator } from '../../src/validation/manifest-validator';

const ROOT = path.join(__dirname, '..', '..');
const VERSION = JSON.parse(fs.readFileSync(require.resolve('cdk8s-plus-28/package.json'), 'utf8')).version;
const TYPES = loadAssemblyTypes();
// as `npx projen kube:update` reads them: from the module's source (the test below checks them
// against the module's classes)
const GVKS = parseGvks(fs.readFileSync(require.resolve(`${KUBE_L1_MODULE}.js`), 'utf8'));

test('the committed table is what `npx projen kube:update` writes from the installed cdk8s-plus-28', () => {
  const files = generateKubernetesSchemas(TYPES, VERSION, GVKS);
  expect([...files.keys()]).toEqual([KUBERNETES_SCHEMAS_FILE]);
  for (const [file, content] of files) {
    expect({ file, content: fs.readFileSync(path.join(ROOT, file), 'utf8') }).toEqual({ file, content });
  }
});

test('every kind of the k8s module (its List kinds aside) has its props struct, with apiVersion and kind fixed', () => {
  const { kinds, document } = kubernetesSchemas();
  const expected = Object.entries(k8s)
    .map(([name, cls]) => [name, (cls as any)?.GVK] as const)
    .filter(([, gvk]) => gvk !== undefined && !gvk.kind.endsWith('List'))
    .map(([name, gvk]) => [`${gvk.apiVersion}/${gvk.kind}`, `${name}Props`]);
  expect([...kinds.entries()].sort()).toEqual(expected.sort());
  expect(kinds.size).toBe(76);
  const deployment: any = document.definitions.KubeDeploymentProps;
  expect(deployment.properties.apiVersion).toEqual({ const: 'apps/v1' });
  expect(deployment.properties.kind).toEqual({ const: 'Deployment' });
  expect(deployment.required).toEqual(['apiVersion', 'kind']);
  expect(deployment.additionalProperties).toBe(false);
});

test('JSON names, required fields and number types as the 1.28 API has them', () => {
  const { definitions } = kubernetesSchemas().document as any;
  // renamed in JSON: `hostIp` in TypeScript, `hostIP` in the API
  expect(definitions.ContainerPort.properties.hostIP).toEqual({ type: 'string' });
  expect(definitions.ContainerPort.properties.hostIp).toBeUndefined();
  expect(definitions.ContainerPort.required).toEqual(['containerPort']);
  expect(definitions.ContainerPort.properties.containerPort).toEqual({ type: 'integer' });
  // the only float fields of the API
  expect(definitions.JsonSchemaProps.properties.maximum).toEqual({ type: 'number' });
  expect(definitions.ServicePort.properties.targetPort).toEqual({ type: ['integer', 'string'] });
  expect(definitions.Container.properties.resources).toEqual({ $ref: '#/definitions/ResourceRequirements' });
  expect(definitions.ResourceRequirements.properties.limits).toEqual({ type: 'object', additionalProperties: { type: ['string', 'number'] } });
});

test('the table does not depend on the order of the assembly\'s types', () => {
  const reversed = Object.fromEntries(Object.entries(TYPES).reverse());
  expect(JSON.stringify(kubernetesSchemaTable(reversed, GVKS))).toBe(JSON.stringify(kubernetesSchemaTable(TYPES, GVKS)));
});

test('validating reads no jsii assembly and loads no cdk8s-plus-28 module', () => {
  const script = [
    'const fs = require(\'fs\'); const read = fs.readFileSync; const files = [];',
    'fs.readFileSync = function (f, ...a) { files.push(String(f)); return read.call(this, f, ...a); };',
    `const { ManifestValidator } = require(${JSON.stringify(path.join(ROOT, 'src/validation/manifest-validator.ts'))});`,
    'const problems = new ManifestValidator().validate([{ apiVersion: \'v1\', kind: \'ConfigMap\', metadata: { name: \'x\' }, data: { a: 1 } }]);',
    'process.stdout.write(JSON.stringify({ problems: problems.map((p) => p.path + \': \' + p.message),',
    '  plus: Object.keys(require.cache).filter((f) => f.includes(\'cdk8s-plus-28\')), jsii: files.filter((f) => f.includes(\'.jsii\')) }));',
  ].join('\n');
  const out = JSON.parse(execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: ROOT, encoding: 'utf8' }));
  // the check still works: a number where the API wants a string
  expect(out.problems).toEqual(['$.data.a: must be of type string']);
  expect(out.plus).toEqual([]);
  expect(out.jsii).toEqual([]);
});

test('the validator checks with the generated schemas', () => {
  const problems = new ManifestValidator().validate([{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { bogus: 1 } }]);
  expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
    '$.spec.selector: required field "selector" is missing',
    '$.spec.template: required field "template" is missing',
    '$.spec.bogus: unknown field "bogus"; the schema has no such field here',
  ]);
});
