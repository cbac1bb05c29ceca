import data from '../generated/kubernetes-schemas.table.json';

/**
 * Strict JSON Schemas for the Kubernetes 1.28 API, derived from the type system that
 * cdk8s-plus-28 was generated from: its jsii assembly holds every Kubernetes struct of the 1.28
 * OpenAPI document, with each property's JSON name, whether it is required, and its type.
 * `npx projen kube:update` reads it (projenrc/dapr-facts/kubernetes-schemas.ts) into
 * src/generated/kubernetes-schemas.table.json, and a test keeps that file equal to what the
 * installed cdk8s-plus-28 gives: validating reads neither the 2.8 MB assembly nor cdk8s-plus-28's
 * modules. Every object schema is closed (`additionalProperties: false`), like `kubectl
 * --validate=strict` and `kubeconform -strict`: an unknown field, which the API server would drop
 * or reject, is an error here.
 */

/** The Kubernetes minor version the schemas describe. */
export const KUBERNETES_SCHEMA_VERSION = '1.28';

/** The `$id` the Kubernetes definitions are registered under in ajv. */
export const KUBERNETES_SCHEMA_ID = 'kubernetes-1.28';

export interface KubernetesSchemas {
  /** `{ definitions }`, one closed object schema per struct, keyed by the struct's short name. */
  readonly document: { $id: string; definitions: { [name: string]: object } };
  /** `apiVersion/kind` → the definition holding the object's top-level fields. */
  readonly kinds: ReadonlyMap<string, string>;
}

/** What the generated file holds. @internal */
export interface KubernetesSchemaTable {
  /** `apiVersion/kind` → the definition holding the object's top-level fields. */
  readonly kinds: { readonly [apiVersionKind: string]: string };
  /** One closed object schema per struct, keyed by the struct's short name. */
  readonly definitions: { readonly [name: string]: object };
}

let cached: KubernetesSchemas | undefined;

/** The schemas, read once per process from the generated table. */
export function kubernetesSchemas(): KubernetesSchemas {
  if (cached === undefined) {
    const table = data.content as unknown as KubernetesSchemaTable;
    cached = {
      document: { $id: KUBERNETES_SCHEMA_ID, definitions: { ...table.definitions } },
      kinds: new Map(Object.entries(table.kinds)),
    };
  }
  return cached;
}
