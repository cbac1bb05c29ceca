import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { isCredentialName, mayHoldSecret, Redacted, redacted, redactText } from './credentials';

/**
 * Shared synth-time checks. Every error names the construct path, the property,
 * the offending value and what is allowed, so that a failing `cdk8s synth` says
 * exactly what to fix.
 */

/**
 * Formats a value for an error message without losing its type, and without showing what could
 * be a credential: a string that holds one (a private key, a URL with a password ...) or any PEM
 * document, and, inside maps and lists, every value under a credential-like key, are shown as
 * `<redacted: N characters>`. `Redacted` values (`redacted(value)`) show their description.
 */
export function showValue(value: unknown): string {
  if (value instanceof Redacted) {
    return value.description;
  }
  if (typeof value === 'string') {
    return mayHoldSecret(value) ? redacted(value).description : JSON.stringify(value);
  }
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON would show NaN and Infinity as null
    return String(value);
  }
  try {
    return JSON.stringify(value, (key, v) => {
      if (v instanceof Redacted) return v.description;
      if (key !== '' && v !== undefined && v !== null && typeof v !== 'object' && isCredentialName(key)) return redacted(v).description;
      if (key !== '' && v !== null && typeof v === 'object' && !Array.isArray(v) && isCredentialName(key)) return redacted(v).description;
      if (typeof v === 'string' && mayHoldSecret(v)) return redacted(v).description;
      return v;
    });
  } catch {
    return '<a value that cannot be shown>';
  }
}

/**
 * The value as a message about `prop` may show it: redacted when the prop's last part names a
 * credential (`metadata.redisPassword`, `sidecarEnv.DB_PASS`, `headers.x-api-key`), whatever
 * check failed, so that a check running before the credential check cannot leak it either.
 */
function shownFor(prop: string, value: unknown): string {
  const last = prop.split('.').pop()!.replace(/\[[^\]]*\]$/, '');
  return value !== undefined && isCredentialName(last) ? redacted(value).description : showValue(value);
}

/** The message every validation failure uses: `[path] prop: value is invalid; allowed: ...`. */
export function validationMessage(scope: IConstruct | string, prop: string, value: unknown, allowed: string): string {
  const path = typeof scope === 'string' ? scope : scope.node.path;
  return `[${path}] ${prop}: ${shownFor(prop, value)} is invalid; allowed: ${redactText(allowed)}`;
}

/**
 * The same message without the path, for `node.addValidation()` callbacks: cdk8s already
 * prefixes each of their errors with the path of the construct that registered them.
 */
export function validationProblem(prop: string, value: unknown, allowed: string): string {
  return `${prop}: ${shownFor(prop, value)} is invalid; allowed: ${redactText(allowed)}`;
}

/**
 * Registers a synth-time check whose messages may come from `validationMessage(scope, ...)`:
 * cdk8s prefixes each error with the construct's path already, so the path is not repeated.
 */
export function addPathValidation(scope: IConstruct, validate: () => string[]): void {
  scope.node.addValidation({
    validate: () => {
      const errors = validate();
      if (errors.length === 0) return errors;
      const prefix = `[${scope.node.path}] `;
      return errors.map((e) => (e.startsWith(prefix) ? e.slice(prefix.length) : e));
    },
  });
}

/** Throws the standard validation error. */
export function fail(scope: IConstruct | string, prop: string, value: unknown, allowed: string): never {
  throw new Error(validationMessage(scope, prop, value, allowed));
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for an RFC 1123 label: lower case alphanumerics and '-', at most 63 characters. */
export function isDnsLabel(value: string): boolean {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value);
}

/** True for an RFC 1123 subdomain: dot-separated labels, at most 253 characters. */
export function isDnsSubdomain(value: string): boolean {
  return typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/**
 * A Dapr app id on Kubernetes: it names the app's Service and the `<app-id>-dapr` Service the
 * operator creates, so it must be an RFC 1035 label (starting with a letter) with room for the
 * "-dapr" suffix in 63 characters.
 */
export const APP_ID_RULE = 'an RFC 1035 label of at most 58 characters (lower case letters, digits and "-", starting with a letter and ending with a letter or digit): it names the "<app-id>-dapr" Service';

export function isAppId(value: string): boolean {
  return typeof value === 'string' && value.length <= 58 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(value);
}

/** True for an environment variable name as Kubernetes and daprd take it: `[A-Za-z_][A-Za-z0-9_]*`. */
export function isEnvName(value: string): boolean {
  return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value);
}

/**
 * True for a key of a Secret's or ConfigMap's data: `[-._a-zA-Z0-9]+`, at most 253 characters,
 * neither "." nor ".." (they would be path elements of the volume the data is mounted as).
 * Kubernetes: IsConfigMapKey, k8s.io/apimachinery/pkg/util/validation/validation.go.
 */
export function isConfigMapKey(value: string): boolean {
  return typeof value === 'string' && value.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(value) && value !== '.' && value !== '..';
}

const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/**
 * True for a label or annotation key: an optional RFC 1123 subdomain prefix and "/", then a name
 * of at most 63 letters, digits, "-", "_" and ".", starting and ending alphanumeric.
 * Kubernetes: IsQualifiedName, k8s.io/apimachinery/pkg/util/validation/validation.go.
 */
export function isQualifiedName(value: string): boolean {
  if (typeof value !== 'string') return false;
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0] === '' || !isDnsSubdomain(parts[0]))) return false;
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** True for a label value: empty, or a qualified name's name part. IsValidLabelValue, same file. */
export function isLabelValue(value: string): boolean {
  return typeof value === 'string' && (value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value)));
}

export const LABEL_KEY_RULE = 'a label key: optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_", ".", starting and ending alphanumeric';
export const ANNOTATION_KEY_RULE = 'an annotation key: optional DNS-subdomain prefix and "/", then at most 63 letters, digits, "-", "_", ".", starting and ending alphanumeric';
export const LABEL_VALUE_RULE = 'a label value: at most 63 letters, digits, "-", "_", ".", starting and ending alphanumeric';

/** Fails unless `labels` is a map of label keys to label values (ValidateLabels, apimachinery). */
export function checkLabelMap(scope: IConstruct | string, prop: string, labels: { [key: string]: string } | undefined): void {
  if (labels === undefined) return;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) fail(scope, prop, labels, 'a map of label keys to label values');
  for (const [key, value] of Object.entries(labels)) {
    if (!isQualifiedName(key)) fail(scope, `${prop} key`, key, LABEL_KEY_RULE);
    if (!isLabelValue(value)) fail(scope, `${prop}.${key}`, value, LABEL_VALUE_RULE);
  }
}

/** Fails unless `annotations` is a map of annotation keys to strings (ValidateAnnotations, apimachinery). */
export function checkAnnotationMap(scope: IConstruct | string, prop: string, annotations: { [key: string]: string } | undefined): void {
  if (annotations === undefined) return;
  if (annotations === null || typeof annotations !== 'object' || Array.isArray(annotations)) fail(scope, prop, annotations, 'a map of annotation keys to strings');
  for (const [key, value] of Object.entries(annotations)) {
    if (!isQualifiedName(key.toLowerCase())) fail(scope, `${prop} key`, key, ANNOTATION_KEY_RULE);
    // the value is not shown: an annotation may hold anything
    if (typeof value !== 'string') fail(scope, `${prop}.${key}`, typeof value, 'a string');
  }
}

export const CONFIG_MAP_KEY_RULE = 'a Secret key: letters, digits, "-", "_" and ".", at most 253 characters, not "." or ".."';

export const DNS_LABEL_RULE = 'an RFC 1123 label (lower case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)';
export const DNS_SUBDOMAIN_RULE = 'an RFC 1123 subdomain (lower case letters, digits, "-" and ".", at most 253 characters)';

export function checkDnsLabel(scope: IConstruct, prop: string, value: string): string {
  if (!isDnsLabel(value)) {
    fail(scope, prop, value, DNS_LABEL_RULE);
  }
  return value;
}

export function checkDnsSubdomain(scope: IConstruct, prop: string, value: string): string {
  if (!isDnsSubdomain(value)) {
    fail(scope, prop, value, DNS_SUBDOMAIN_RULE);
  }
  return value;
}

/** Checks an integer within [min, max]. */
export function checkInteger(scope: IConstruct | string, prop: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(scope, prop, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

/**
 * A finite number as the decimal text Go's strconv reads: JavaScript writes 1e21 as "1e+21" and
 * 1e-7 as "1e-7", which strconv.Atoi (and Dapr's integer metadata) refuses; such values fail.
 */
export function checkPlainNumber(scope: IConstruct | string, prop: string, value: number): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
  if (text === undefined || /e/i.test(text)) {
    fail(scope, prop, value, 'a finite number written without an exponent (from 0.000001 to 1e21 in size, or 0)');
  }
  return text;
}

export const PORT_RULE = 'an integer from 1 to 65535';

export function checkPort(scope: IConstruct | string, prop: string, value: number): number {
  return checkInteger(scope, prop, value, 1, 65535);
}

/** Checks that a value is one of a fixed set. */
export function checkOneOf<T extends string>(scope: IConstruct | string, prop: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    fail(scope, prop, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return value as T;
}

const GO_DURATION = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;

/** True for a duration Go's time.ParseDuration accepts, e.g. "300ms", "1h30m", "5s". "0" is accepted too. */
export function isGoDuration(value: string): boolean {
  return value === '0' || (typeof value === 'string' && GO_DURATION.test(value));
}

export const GO_DURATION_RULE = 'a Go duration such as "500ms", "5s", "1m30s" or "2h"';

/** Converts a Go duration to seconds (fractions kept). Assumes {@link isGoDuration}. */
export function goDurationSeconds(value: string): number {
  if (value === '0') {
    return 0;
  }
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  const sign = value.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const m of value.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += parseFloat(m[1]) * unit[m[2]];
  }
  return sign * total;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;
const SUFFIX: Record<string, number> = {
  '': 1,
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/**
 * Quantities already parsed. A synth parses the same few strings ("100m", "250Mi") for every
 * app, several times each; the cache is bounded so that a long-lived process cannot grow it.
 */
const parsedQuantities = new Map<string, number | undefined>();
const PARSED_QUANTITIES_MAX = 1024;

/** Parses a Kubernetes resource quantity ("100m", "1.5", "256Mi", "1e3") into a number, or undefined if malformed. */
export function parseQuantity(value: string): number | undefined {
  if (parsedQuantities.has(value)) {
    return parsedQuantities.get(value);
  }
  const parsed = parseQuantityUncached(value);
  if (typeof value === 'string') {
    if (parsedQuantities.size >= PARSED_QUANTITIES_MAX) parsedQuantities.clear();
    parsedQuantities.set(value, parsed);
  }
  return parsed;
}

function parseQuantityUncached(value: string): number | undefined {
  const m = QUANTITY.exec(value);
  if (!m) {
    return undefined;
  }
  const sign = m[1] === '-' ? -1 : 1;
  const base = parseFloat(m[2]);
  const factor = m[4] !== undefined ? 10 ** parseInt(m[4], 10) : SUFFIX[m[3] ?? ''];
  const parsed = sign * base * factor;
  // beyond int64 (resource.Quantity's Value()), a quantity renders nonsense downstream ("8.5e+21MiB")
  return Number.isFinite(parsed) && Math.abs(parsed) < QUANTITY_LIMIT ? parsed : undefined;
}

/** Quantities must stay below 2^63 in base units (bytes, cores): math.MaxInt64 is what Quantity.Value() holds. */
const QUANTITY_LIMIT = 2 ** 63;

export const QUANTITY_RULE = 'a non-negative Kubernetes quantity such as "100m", "0.5", "250Mi" or "1Gi", below 2^63';

export function checkQuantity(scope: IConstruct, prop: string, value: string): number {
  const parsed = parseQuantity(value);
  if (parsed === undefined || parsed < 0) {
    fail(scope, prop, value, QUANTITY_RULE);
  }
  return parsed;
}

/**
 * Fails when a container's `<prefix>.<what>Request` exceeds its `<prefix>.<what>Limit`: the API
 * server rejects such a pod. One check, one wording, for the sidecar, the control plane and
 * injected component containers. Both values must already be valid quantities.
 * @param note appended to the allowed-values text, e.g. where a default value came from
 */
export function checkRequestWithinLimit(scope: IConstruct, prefix: string, what: 'cpu' | 'memory',
  request: string | undefined, limit: string | undefined, note: string = ''): void {
  if (request !== undefined && limit !== undefined && parseQuantity(request)! > parseQuantity(limit)!) {
    fail(scope, `${prefix}.${what}Request`, request, `at most ${prefix}.${what}Limit (${limit})${note}`);
  }
}

/** Levenshtein distance, for did-you-mean suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The closest candidate to `value`, if one is close enough to be a likely typo. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(value.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * Go's largest time.Duration, math.MaxInt64 nanoseconds (2562047h47m16.854775807s), in whole
 * milliseconds: daprd and the control plane read every duration with time.ParseDuration, which
 * refuses anything longer.
 */
export const MAX_GO_DURATION_MS = 9_223_372_036_854;

const MAX_GO_DURATION_TEXT = 'at most 2562047h47m16s (Go\'s largest duration)';

/**
 * The milliseconds of a cdk8s Duration, fractions kept, or undefined when it is not a Duration
 * or not a finite number (cdk8s's own `toMilliseconds()` throws its own error for NaN and
 * fractions, without the construct or prop).
 */
function durationMillis(value: Duration): number | undefined {
  if (typeof (value as { toMilliseconds?: unknown } | undefined)?.toMilliseconds !== 'function') return undefined;
  let ms: number;
  try {
    ms = value.toMilliseconds({ integral: false });
  } catch {
    return undefined;
  }
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}

/** A finite number of milliseconds, 0 to MAX_GO_DURATION_MS, as Go writes it: no float junk. */
function formatGoDuration(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  if (!Number.isInteger(ms)) {
    // below 2^53 ns a fraction of a millisecond is exact in whole nanoseconds; above, whole milliseconds
    if (ms * 1e6 <= Number.MAX_SAFE_INTEGER) {
      const ns = Math.round(ms * 1e6);
      if (ns % 1e6 !== 0) return ns % 1000 === 0 ? `${ns / 1000}us` : `${ns}ns`;
      ms = ns / 1e6;
    } else {
      ms = Math.round(ms);
    }
  }
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) {
      return `${ms / size}${unit}`;
    }
  }
  return `${ms}ms`;
}

/**
 * THE check and rendering of a cdk8s Duration for Go (daprd, Sentry, the operator): a Duration,
 * finite, positive (or zero when `allowZero`), at most Go's maximum, written in the largest whole
 * unit Go reads: `Duration.seconds(5)` -> "5s", `Duration.millis(500)` -> "500ms",
 * `Duration.minutes(90)` -> "90m". Fails with the library's error naming `scope` and `prop`.
 */
export function checkDuration(scope: IConstruct | string, prop: string, value: Duration, allowZero = false): string {
  const ms = durationMillis(value);
  if (ms === undefined) {
    fail(scope, prop, typeof (value as unknown) === 'object' && value !== null ? 'a Duration of no finite length' : value,
      'a cdk8s Duration of finite length, e.g. Duration.seconds(5)');
  }
  if (ms < 0 || (!allowZero && ms === 0) || ms > MAX_GO_DURATION_MS) {
    fail(scope, prop, `${ms}ms`, `${allowZero ? 'a duration of 0 or more' : 'a positive duration'}, ${MAX_GO_DURATION_TEXT}`);
  }
  return formatGoDuration(ms);
}

/** The milliseconds of a Duration already accepted by `checkDuration`. */
export function checkedMillis(value: Duration): number {
  return durationMillis(value)!;
}
