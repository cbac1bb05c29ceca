import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { k8s } from 'cdk8s-plus-28';

/**
 * Strict JSON Schemas for the Kubernetes 1.28 API, derived from the type system that
 * cdk8s-plus-28 was generated from.
 *
 * cdk8s-plus-28 ships its jsii assembly: every Kubernetes struct of the 1.28 OpenAPI document,
 * with each property's JSON name (its `@schema io.k8s.api.apps.v1.DeploymentSpec#replicas` tag),
 * whether it is required, and its type. Reading that assembly gives the official schema
 * without a copy of it in this project and without the network, and keeps it in step with the
 * cdk8s-plus version the user installed. Every object schema is closed (`additionalProperties:
 * false`), like `kubectl --validate=strict` and `kubeconform -strict`: an unknown field, which
 * the API server would drop or reject, is an error here.
 */

/** The Kubernetes minor version the schemas describe. */
export const KUBERNETES_SCHEMA_VERSION = '1.28';

/** The `$id` the Kubernetes definitions are registered under in ajv. */
export const KUBERNETES_SCHEMA_ID = 'kubernetes-1.28';

const NAMESPACE = 'k8s';

/** The only non-integer numbers of the 1.28 API; every other number is an int32 or int64. */
const FLOAT_FIELDS = new Set(['maximum', 'minimum', 'multipleOf'].map((f) => `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#${f}`));

export interface KubernetesSchemas {
  /** `{ definitions }`, one closed object schema per struct, keyed by the struct's short name. */
  readonly document: { $id: string; definitions: { [name: string]: object } };
  /** `apiVersion/kind` → the definition holding the object's top-level fields. */
  readonly kinds: ReadonlyMap<string, string>;
}

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
interface JsiiType {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly properties?: JsiiProperty[];
  readonly initializer?: { readonly parameters?: Array<{ readonly name: string; readonly type: JsiiTypeRef }> };
}

let cached: KubernetesSchemas | undefined;

/** The schemas, built once per process. */
export function kubernetesSchemas(): KubernetesSchemas {
  cached ??= buildSchemas(loadAssemblyTypes());
  return cached;
}

/** The types of cdk8s-plus-28's jsii assembly (`.jsii`, or the gzip file it redirects to). */
function loadAssemblyTypes(): { [fqn: string]: JsiiType } {
  const dir = path.dirname(require.resolve('cdk8s-plus-28/package.json'));
  let assembly = JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf8'));
  if (assembly.schema === 'jsii/file-redirect') {
    const raw = fs.readFileSync(path.join(dir, assembly.filename));
    assembly = JSON.parse((assembly.compression === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8'));
  }
  return assembly.types;
}

function buildSchemas(types: { [fqn: string]: JsiiType }): KubernetesSchemas {
  const prefix = `cdk8s-plus-28.${NAMESPACE}.`;
  const definitions: { [name: string]: object } = {};
  for (const [fqn, type] of Object.entries(types)) {
    if (!fqn.startsWith(prefix) || type.kind !== 'interface') continue;
    definitions[type.name] = structSchema(type, types);
  }
  const kinds = new Map<string, string>();
  const runtime = k8s as unknown as { [name: string]: { GVK?: { apiVersion: string; kind: string } } };
  for (const [fqn, type] of Object.entries(types)) {
    if (!fqn.startsWith(prefix) || type.kind !== 'class') continue;
    const gvk = runtime[type.name]?.GVK;
    const propsFqn = type.initializer?.parameters?.find((p) => p.name === 'props')?.type.fqn;
    if (!gvk || !propsFqn || gvk.kind.endsWith('List')) continue;
    const name = types[propsFqn].name;
    // the props struct holds metadata and the kind's own fields; apiVersion and kind are fixed
    definitions[name] = {
      ...definitions[name],
      properties: {
        ...(definitions[name] as any).properties,
        apiVersion: { const: gvk.apiVersion },
        kind: { const: gvk.kind },
      },
      required: [...((definitions[name] as any).required ?? []), 'apiVersion', 'kind'],
    };
    kinds.set(`${gvk.apiVersion}/${gvk.kind}`, name);
  }
  return { document: { $id: KUBERNETES_SCHEMA_ID, definitions }, kinds };
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
