import { KUBERNETES_SCHEMA_ID } from './kubernetes-schema';

/**
 * Turns a CRD's structural schema (`openAPIV3Schema`) into a strict JSON Schema for ajv, with
 * the Kubernetes extensions the API server applies:
 *
 * - an object without `x-kubernetes-preserve-unknown-fields: true` is closed: the API server
 *   prunes unknown fields of custom resources silently, so they are errors here;
 * - `x-kubernetes-int-or-string: true` accepts an integer or a string;
 * - `x-kubernetes-list-type: set` (and `map` with keys) lists hold no duplicates;
 * - `nullable: true` admits null;
 * - the root's `metadata` is an ObjectMeta, checked against the Kubernetes schema.
 *
 * CEL rules (`x-kubernetes-validations`) are not evaluated: they need the API server's CEL
 * environment. The library checks what they express at synth time instead.
 */
export function strictCrdSchema(schema: { readonly [key: string]: unknown }): object {
  const root = convert(schema) as { properties?: { [k: string]: unknown } };
  return {
    ...root,
    properties: {
      ...root.properties,
      metadata: { $ref: `${KUBERNETES_SCHEMA_ID}#/definitions/ObjectMeta` },
    },
    required: [...new Set([...((root as any).required ?? []), 'apiVersion', 'kind'])],
  };
}

/** Keywords ajv evaluates; everything else in a structural schema is an extension or a doc. */
const KEPT = new Set(['type', 'enum', 'required', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'pattern']);

function convert(node: unknown): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const n = node as { [key: string]: any };
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(n)) {
    if (KEPT.has(key)) out[key] = value;
  }
  if (n.properties) {
    out.properties = Object.fromEntries(Object.entries(n.properties).map(([k, v]) => [k, convert(v)]));
  }
  if (n.items !== undefined) out.items = convert(n.items);
  for (const combinator of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(n[combinator])) out[combinator] = n[combinator].map(convert);
  }
  if (n.not) out.not = convert(n.not);
  const preserve = n['x-kubernetes-preserve-unknown-fields'] === true;
  if (n.additionalProperties !== undefined && typeof n.additionalProperties === 'object') {
    out.additionalProperties = convert(n.additionalProperties);
  } else if (n.additionalProperties === false || (n.type === 'object' && !preserve && n.additionalProperties !== true)) {
    out.additionalProperties = false;
  }
  if (n['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
  }
  if (n['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;
  if (n.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}
