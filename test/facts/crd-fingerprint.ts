/**
 * A line per schema node of a set of CRDs: its path and every keyword but `description` and the
 * nested schemas (properties, items, additionalProperties), sorted. Used to compare the generated
 * CRDs with released-crds-v1.18.3.txt, which is this same walk over the YAML files of dapr/dapr
 * v1.18.3 charts/dapr/crds/*.yaml, parsed with `yaml`, not with the generator (fingerprint-release.ts).
 */
export interface CrdForFingerprint {
  readonly kind: string;
  readonly plural: string;
  readonly scope: string;
  readonly conversion?: string;
  readonly versions: readonly CrdVersionForFingerprint[];
}

export interface CrdVersionForFingerprint {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly schema: { [key: string]: unknown };
}

export function crdFingerprint(crds: readonly CrdForFingerprint[]): string {
  const lines: string[] = [];
  const walk = (node: any, p: string) => {
    const keys = Object.keys(node).filter((k) => !['description', 'properties', 'items', 'additionalProperties'].includes(k)).sort();
    lines.push(`${p} ${keys.map((k) => `${k}=${JSON.stringify(node[k])}`).join(' ')}`.trimEnd());
    for (const [name, child] of Object.entries(node.properties ?? {})) walk(child, `${p}.${name}`);
    if (node.items) walk(node.items, `${p}[]`);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') walk(node.additionalProperties, `${p}{}`);
  };
  for (const crd of crds) {
    lines.push(`# ${crd.kind} plural=${crd.plural} scope=${crd.scope} conversion=${crd.conversion ?? 'None'}`);
    for (const v of crd.versions) {
      lines.push(`## ${crd.kind}/${v.name} served=${v.served} storage=${v.storage}`);
      walk(v.schema, `${crd.kind}/${v.name}`);
    }
  }
  return lines.join('\n');
}
