import { IConstruct } from 'constructs';
import { credentialInValue, isCredentialName, redacted } from './credentials';
import { fail } from './validation';

/**
 * The one explicit opt-out for plaintext credentials, by the same name on every construct that
 * writes name/value pairs into its output: component metadata, sidecar and container variables,
 * HTTP and MCP headers, image variables and build arguments, the local run file.
 */
export const PLAINTEXT_OPT_OUT = 'allowPlaintextSecrets';

/**
 * Why a plaintext value under `name` must not be written into the output, or undefined when it may:
 * the name says credential (or is known to be sensitive), or the value holds one.
 * @param sensitive the name is known to be sensitive, e.g. a component field Dapr marks `sensitive`
 */
export function plaintextCredential(name: string, value: string | undefined, sensitive = false): string | undefined {
  if (sensitive || isCredentialName(name)) return `"${name}" names a credential`;
  const inValue = credentialInValue(value ?? '');
  return inValue === undefined ? undefined : `the value holds ${inValue}`;
}

/**
 * Fails when a plaintext value would carry a credential into the output and `name` is not in the
 * opt-out list. The message names the entry and never shows the value.
 * @param secure how to pass the value instead, e.g. "MetadataValue.fromSecret(name, key)"
 */
export function checkPlaintext(scope: IConstruct, prop: string, name: string, value: string | undefined,
  optOut: readonly string[] | undefined, secure: string, sensitive = false): void {
  const why = plaintextCredential(name, value, sensitive);
  if (why !== undefined && !(optOut ?? []).includes(name)) {
    fail(scope, prop, redacted(value), `${secure} (${why}); or, to accept the plaintext on purpose, list "${name}" in ${PLAINTEXT_OPT_OUT}`);
  }
}

/**
 * The opt-out entries that opt out of nothing (typos, stale entries): each must name an entry
 * whose plaintext value `checkPlaintext` refuses. Returns [entry, allowed] pairs for messages.
 * @param needing the names whose plaintext values need the opt-out
 * @param what what the names are, e.g. "variables of sidecarEnv"
 */
export function uselessOptOuts(optOut: readonly string[] | undefined, needing: readonly string[], what: string): [string, string][] {
  const allowed = `only names of ${what} with a plaintext value refused as a credential (${needing.length > 0
    ? [...needing].sort().map((n) => JSON.stringify(n)).join(', ') : 'there are none'})`;
  return (optOut ?? []).filter((n) => !needing.includes(n)).map((n) => [n, allowed]);
}

/** Fails for the first useless opt-out entry (see `uselessOptOuts`). */
export function checkOptOut(scope: IConstruct, optOut: readonly string[] | undefined, needing: readonly string[], what: string,
  prop: string = PLAINTEXT_OPT_OUT): void {
  const [first] = uselessOptOuts(optOut, needing, what);
  if (first) fail(scope, prop, first[0], first[1]);
}
