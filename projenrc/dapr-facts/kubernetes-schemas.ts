/*
 * Strict JSON Schemas of the Kubernetes 1.28 API, read out of cdk8s-plus-28's jsii assembly
 * (`.jsii`): every struct of the 1.28 OpenAPI document that cdk8s-plus-28 was generated from,
 * with each property's JSON name (its `@schema io.k8s.api.apps.v1.DeploymentSpec#replicas` tag),
 * whether it is required, and its type. Generated at build time, so that DaprValidation neither
 * reads that 2.8 MB assembly nor loads cdk8s-plus-28 in every process that validates (about 80 ms
 * and 250 ms, cold), and works where node_modules holds no `.jsii` file (a bundled app). Every
 * object schema is closed (`additionalProperties: false`), like `kubectl --validate=strict` and
 * `kubeconform -strict`: an unknown field, which the API server would drop or reject, is an error.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { HeaderFacts, jsonWithHeader } from './emit';
import { Gvk } from './kube-l1';
import type { KubernetesSchemaTable } from '../../src/validation/kubernetes-schema';

export const KUBERNETES_SCHEMAS_FILE = 'src/generated/kubernetes-schemas.table.json';

const NAMESPACE = 'k8s';

/** The only non-integer numbers of the 1.28 API; every other number is an int32 or int64. */
const FLOAT_FIELDS = new Set(['maximum', 'minimum', 'multipleOf'].map((f) => `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#${f}`));

interface JsiiTypeRef {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: string; readonly elementtype: JsiiTypeRef };
}
interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly type: JsiiTypeRef;
  readonly docs?: { readonly custom?: { readonly schema?: string } };
}
export interface JsiiType {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly properties?: JsiiProperty[];
  readonly initializer?: { readonly parameters?: Array<{ readonly name: string; readonly type: JsiiTypeRef }> };
}

/** The types of the installed cdk8s-plus-28's jsii assembly (`.jsii`, or the gzip file it redirects to). */
export function loadAssemblyTypes(): { [fqn: string]: JsiiType } {
  const dir = path.dirname(require.resolve('cdk8s-plus-28/package.json'));
  let assembly = JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf8'));
  if (assembly.schema === 'jsii/file-redirect') {
    const raw = fs.readFileSync(path.join(dir, assembly.filename));
    assembly = JSON.parse((assembly.compression === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8'));
  }
  return assembly.types;
}

/**
 * The schemas: one closed object schema per struct, keyed by the struct's short name, and for
 * each kind (`apiVersion/kind`, from `gvks`: the k8s module's classes, see `parseGvks`) the struct
 * of its top-level fields, with `apiVersion` and `kind` fixed and required.
 */
export function kubernetesSchemaTable(types: { [fqn: string]: JsiiType }, gvks: ReadonlyMap<string, Gvk>): KubernetesSchemaTable {
  const prefix = `cdk8s-plus-28.${NAMESPACE}.`;
  const definitions: { [name: string]: any } = {};
  for (const [fqn, type] of Object.entries(types)) {
    if (!fqn.startsWith(prefix) || type.kind !== 'interface') continue;
    definitions[type.name] = structSchema(type, types);
  }
  const kinds: { [apiVersionKind: string]: string } = {};
  for (const [fqn, type] of Object.entries(types)) {
    if (!fqn.startsWith(prefix) || type.kind !== 'class') continue;
    const gvk = gvks.get(type.name);
    const propsFqn = type.initializer?.parameters?.find((p) => p.name === 'props')?.type.fqn;
    if (!gvk || !propsFqn || gvk.kind.endsWith('List')) continue;
    const name = types[propsFqn].name;
    definitions[name] = {
      ...definitions[name],
      properties: { ...definitions[name].properties, apiVersion: { const: gvk.apiVersion }, kind: { const: gvk.kind } },
      required: [...(definitions[name].required ?? []), 'apiVersion', 'kind'],
    };
    kinds[`${gvk.apiVersion}/${gvk.kind}`] = name;
  }
  // code-point order: the file does not depend on the assembly's order
  const sorted = <T>(o: { [k: string]: T }) => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  return { kinds: sorted(kinds), definitions: sorted(definitions) };
}

function structSchema(type: JsiiType, types: { [fqn: string]: JsiiType }): object {
  const properties: { [json: string]: object } = {};
  const required: string[] = [];
  for (const p of type.properties ?? []) {
    const tag = p.docs?.custom?.schema;
    const json = tag?.includes('#') ? tag.slice(tag.indexOf('#') + 1) : p.name;
    properties[json] = typeSchema(p.type, types, tag !== undefined && FLOAT_FIELDS.has(tag));
    if (!p.optional) required.push(json);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false };
}

function typeSchema(ref: JsiiTypeRef, types: { [fqn: string]: JsiiType }, float: boolean): object {
  if (ref.primitive) {
    switch (ref.primitive) {
      case 'string':
      case 'date':
        return { type: 'string' };
      case 'number':
        return { type: float ? 'number' : 'integer' };
      case 'boolean':
        return { type: 'boolean' };
      default: // any, json: free-form by the API's own definition
        return {};
    }
  }
  if (ref.collection) {
    const element = typeSchema(ref.collection.elementtype, types, float);
    return ref.collection.kind === 'array'
      ? { type: 'array', items: element }
      : { type: 'object', additionalProperties: element };
  }
  const target = ref.fqn ? types[ref.fqn] : undefined;
  if (target?.kind === 'interface') return { $ref: `#/definitions/${target.name}` };
  switch (target?.name) {
    case 'IntOrString':
      return { type: ['integer', 'string'] };
    case 'Quantity':
      return { type: ['string', 'number'] };
    default: // the assembly's enums are closed sets of strings the API documents
      return { type: 'string' };
  }
}

/** The generated file, by path. */
export function generateKubernetesSchemas(types: { [fqn: string]: JsiiType }, version: string, gvks: ReadonlyMap<string, Gvk>): Map<string, string> {
  const header: HeaderFacts = {
    source: `cdk8s-plus-28 ${version}, its jsii assembly (.jsii: the structs of Kubernetes 1.28's OpenAPI document) and the GVKs of lib/imports/k8s.js`,
    command: 'npx projen kube:update',
    note: 'Only each field\'s JSON name, type and whether it is required are kept; every object schema is closed.',
  };
  return new Map([[KUBERNETES_SCHEMAS_FILE, jsonWithHeader(header, kubernetesSchemaTable(types, gvks))]]);
}
