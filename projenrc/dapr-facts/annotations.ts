import { UpstreamSource } from './source';

/** Where the injector declares its annotation keys, in dapr/dapr. */
export const ANNOTATIONS_FILE = 'pkg/injector/annotations/annotations.go';
/** Where the injector declares the Go type and default of each annotation, in dapr/dapr. */
export const SIDECAR_CONFIG_FILE = 'pkg/injector/patcher/sidecar.go';

export interface GeneratedAnnotation {
  /** The annotation key, e.g. `dapr.io/app-port`. */
  readonly key: string;
  /** The Go constant that names it in the injector. */
  readonly constant: string;
  /** The field of the injector's SidecarConfig that reads it. */
  readonly field: string;
  /** That field's Go type, e.g. `int32`, `*string`. */
  readonly goType: string;
  /** The injector's default (the field's `default` tag), if any. */
  readonly default?: string;
}

const CONSTANT = /^\s*(Key\w+)\s*=\s*"([^"]+)"/;
const FIELD = /^\s*(\w+)\s+(\*?[\w.[\]]+)\s+`([^`]*)`/;

/** Every annotation key the injector declares, in its declaration order, with the field that reads it. */
export function readAnnotations(dapr: UpstreamSource): GeneratedAnnotation[] {
  const keys: { constant: string; key: string }[] = [];
  for (const line of dapr.read(ANNOTATIONS_FILE).split('\n')) {
    const m = CONSTANT.exec(line);
    if (m) keys.push({ constant: m[1], key: m[2] });
  }
  if (keys.length === 0) throw new Error(`${ANNOTATIONS_FILE}: no Key constants`);
  const fields = new Map<string, { field: string; goType: string; default?: string }>();
  for (const line of dapr.read(SIDECAR_CONFIG_FILE).split('\n')) {
    const m = FIELD.exec(line);
    if (!m) continue;
    const annotation = /annotation:"([^"]+)"/.exec(m[3]);
    if (!annotation) continue;
    const def = /default:"([^"]*)"/.exec(m[3]);
    fields.set(annotation[1], { field: m[1], goType: m[2], ...(def ? { default: def[1] } : {}) });
  }
  return keys.map(({ constant, key }) => {
    const f = fields.get(key);
    if (!f) throw new Error(`${SIDECAR_CONFIG_FILE}: no field reads "${key}" (${constant})`);
    return { key, constant, field: f.field, goType: f.goType, ...(f.default !== undefined ? { default: f.default } : {}) };
  });
}
