import * as YAML from 'yaml';
import { UpstreamSource } from './source';

/** The folder of Dapr's Helm chart that holds the CRDs, in dapr/dapr. */
export const CRD_FOLDER = 'charts/dapr/crds';

export interface GeneratedCrdVersion {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly schema: { [key: string]: unknown };
}

export interface GeneratedCrd {
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly listKind: string;
  readonly shortNames?: string[];
  readonly scope: string;
  readonly controllerGenVersion: string;
  readonly conversionReviewVersions?: string[];
  readonly versions: GeneratedCrdVersion[];
}

/** Keys of a schema node whose value is a map of property names to schema nodes. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
/** Keys of a schema node whose value is one schema node (or a boolean). */
const SCHEMA_ONE = new Set(['items', 'additionalProperties', 'not', 'additionalItems']);
/** Keys of a schema node whose value is a list of schema nodes. */
const SCHEMA_LIST = new Set(['allOf', 'anyOf', 'oneOf']);

/**
 * A schema node without its documentation: the `description` keyword is dropped at every
 * level, but a property that happens to be NAMED `description` (a key of `properties`) is kept.
 * Everything else (types, required, enums, limits, formats, x-kubernetes-*, CEL rules) is kept
 * as released, in the released key order.
 */
export function withoutDescriptions(node: unknown): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    return node;
  }
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(node as { [key: string]: unknown })) {
    if (key === 'description') continue;
    if (SCHEMA_MAPS.has(key) && value !== null && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value as object).map(([name, child]) => [name, withoutDescriptions(child)]));
    } else if (SCHEMA_ONE.has(key)) {
      out[key] = withoutDescriptions(value);
    } else if (SCHEMA_LIST.has(key) && Array.isArray(value)) {
      out[key] = value.map(withoutDescriptions);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Every CRD of the chart, in the order of the chart's file names. */
export function readCrds(dapr: UpstreamSource): GeneratedCrd[] {
  const files = dapr.list(CRD_FOLDER).filter((f) => /\.ya?ml$/.test(f));
  if (files.length === 0) {
    throw new Error(`no CRDs under ${CRD_FOLDER} at ${dapr.ref}`);
  }
  const crds: GeneratedCrd[] = [];
  const texts = dapr.readAll(files);
  for (const [i, file] of files.entries()) {
    for (const doc of YAML.parseAllDocuments(texts[i])) {
      const crd = doc.toJS() as any;
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      crds.push(toCrd(crd, file));
    }
  }
  return crds;
}

function toCrd(crd: any, file: string): GeneratedCrd {
  const spec = crd.spec ?? {};
  const names = spec.names ?? {};
  const need = (value: unknown, what: string) => {
    if (value === undefined || value === null) throw new Error(`${file}: ${what} is missing`);
    return value as any;
  };
  return {
    kind: need(names.kind, 'spec.names.kind'),
    plural: need(names.plural, 'spec.names.plural'),
    singular: need(names.singular, 'spec.names.singular'),
    listKind: need(names.listKind, 'spec.names.listKind'),
    ...(names.shortNames ? { shortNames: [...names.shortNames] } : {}),
    scope: need(spec.scope, 'spec.scope'),
    controllerGenVersion: need(crd.metadata?.annotations?.['controller-gen.kubebuilder.io/version'], 'the controller-gen version annotation'),
    ...(spec.conversion?.strategy === 'Webhook' ? { conversionReviewVersions: [...need(spec.conversion.webhook?.conversionReviewVersions, 'conversionReviewVersions')] } : {}),
    versions: need(spec.versions, 'spec.versions').map((v: any) => ({
      name: v.name,
      served: v.served === true,
      storage: v.storage === true,
      schema: withoutDescriptions(need(v.schema?.openAPIV3Schema, `${v.name}: schema.openAPIV3Schema`)) as { [key: string]: unknown },
    })),
  };
}
