import { ApiObject } from 'cdk8s';
import { DAPR_ANNOTATIONS } from './annotations';
import { podTemplateOfManifest } from './injected-pod';
import { didYouMean, fail, validationProblem } from '../core/validation';

/*
 * Checks raw `dapr.io/*` annotations (from included objects, Helm output or hand-written YAML)
 * against the one annotation table: keys the injector reads, values of the row's type. The
 * injector itself never rejects a pod for them: it ignores unknown keys, reads a misspelled
 * boolean as false and drops unparsable integers with a log line (dapr v1.18.3
 * `pkg/injector/patcher/sidecar.go` setFromAnnotations), so the mistake only shows at runtime.
 */

const POD_ROWS = DAPR_ANNOTATIONS.filter((r) => r.readFrom === 'pod');
const BY_KEY = new Map(POD_ROWS.map((r) => [r.key, r]));
const POD_KEYS = POD_ROWS.map((r) => r.key).sort();
/** Rows whose value is a map or a free-form list the table's codecs take as objects. */
const FREE_FORM = new Set(['dapr.io/env', 'dapr.io/env-from-secret', 'dapr.io/sidecar-svc-annotations']);
const VOLUME_MOUNT_KEYS = new Set(['dapr.io/volume-mounts', 'dapr.io/volume-mounts-rw']);
/** `dapr.io/*` annotations that are not for the injector: Dapr's chart marks its own pods with this one. */
const NOT_FOR_THE_INJECTOR = new Set(['dapr.io/control-plane']);
const TRUTHY = ['y', 'yes', 'true', 't', 'on', '1'];

/** The typed values a raw annotation value could stand for; the row's codec picks its own. */
function candidates(key: string, raw: string): unknown[] {
  if (VOLUME_MOUNT_KEYS.has(key)) {
    return [raw.split(',').map((m) => {
      const [volumeName, mountPath, ...rest] = m.split(':');
      return rest.length > 0 ? { volumeName: m, mountPath: undefined } : { volumeName, mountPath };
    })];
  }
  const out: unknown[] = [raw, { value: raw }, raw === '' ? [] : raw.split(',')];
  if (raw === 'true' || raw === 'false') out.push(raw === 'true');
  if (/^-?\d+$/.test(raw)) out.push(Number(raw));
  return out;
}

/**
 * Problems of one `dapr.io/*` annotation on a pod template, in the library's format; undefined when fine.
 * @param injected whether the pod is Dapr-enabled; on other pods only near-misses of known keys are reported
 */
export function annotationProblem(key: string, value: unknown, injected = true): string | undefined {
  if (!key.startsWith('dapr.io/') || NOT_FOR_THE_INJECTOR.has(key)) return undefined;
  const prop = `annotations["${key}"]`;
  const row = BY_KEY.get(key);
  if (!row) {
    const guess = didYouMean(key, POD_KEYS);
    if (!injected && !guess) return undefined;
    const onComponent = DAPR_ANNOTATIONS.some((r) => r.key === key && r.readFrom === 'component');
    return validationProblem(prop, value, onComponent
      ? 'an annotation the injector reads on pods; this one belongs on Component resources'
      : `an annotation the Dapr 1.18 injector reads on pods${guess ? ` (did you mean "${guess}"?)` : `: ${POD_KEYS.join(', ')}`}`);
  }
  if (typeof value !== 'string') return validationProblem(prop, value, 'a string (annotation values are strings)');
  if (FREE_FORM.has(key)) return value.trim() === '' ? validationProblem(prop, value, `a non-empty value (${row.codec.rule})`) : undefined;
  const ok = candidates(key, value).some((c) => row.codec.encode(c) !== undefined);
  return ok ? undefined : validationProblem(prop, value, row.codec.rule);
}

/** Problems of every `dapr.io/*` annotation of a pod template's annotations, sorted by key. */
export function annotationProblems(annotations: { [key: string]: unknown } | undefined): string[] {
  const injected = TRUTHY.includes(String(annotations?.['dapr.io/enabled'] ?? '').trim().toLowerCase());
  return Object.keys(annotations ?? {}).sort().flatMap((k) => {
    const p = annotationProblem(k, annotations![k], injected);
    return p === undefined ? [] : [p];
  });
}

/** The object's own `dapr.io/*` annotations: known keys with valid values, and none the options would change silently. */
export function checkExistingAnnotations(apiObject: ApiObject, wanted: { [key: string]: string }, overwrite: boolean): void {
  const existing: { [key: string]: unknown } = podTemplateOfManifest(apiObject.toJson())?.metadata?.annotations ?? {};
  for (const key of Object.keys(existing).filter((k) => k.startsWith('dapr.io/')).sort()) {
    const problem = annotationProblem(key, existing[key]);
    if (problem !== undefined) throw new Error(`[${apiObject.node.path}] ${problem}`);
    if (wanted[key] !== undefined && wanted[key] !== existing[key] && !overwrite) {
      fail(apiObject, `annotations["${key}"]`, existing[key],
        `${JSON.stringify(wanted[key])}, the value the options give it; the object already sets it otherwise: drop it from the object, or pass { overwrite: true }`);
    }
  }
}
