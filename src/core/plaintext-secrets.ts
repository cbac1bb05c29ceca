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

/**
 * The command-line arguments that carry a plaintext credential, as [index, name] pairs: the value
 * of a credential flag (`--api-key=...`, `--token ...`, named by the flag without its dashes), or
 * an argument whose value holds one (named by its position, `args[3]`).
 */
export function credentialArgs(args: readonly string[] | undefined): [number, string][] {
  const found: [number, string][] = [];
  (args ?? []).forEach((arg, i) => {
    if (typeof arg !== 'string') return;
    const flag = /^--?([A-Za-z][-\w.]*)(=(.*))?$/s.exec(arg);
    if (flag && flag[2] !== undefined && flag[3] !== '' && isCredentialName(flag[1])) {
      found.push([i, flag[1]]);
    } else if (i > 0 && !arg.startsWith('-') && /^--?[A-Za-z][-\w.]*$/.test(args![i - 1]) && isCredentialName(args![i - 1].replace(/^--?/, ''))) {
      found.push([i, args![i - 1].replace(/^--?/, '')]);
    } else if (credentialInValue(arg) !== undefined) {
      found.push([i, `args[${i}]`]);
    }
  });
  return found;
}

/**
 * Fails when a command-line argument carries a plaintext credential not opted out by its flag's
 * name (`api-key` for `--api-key=...`) or position (`args[3]`). Arguments are visible in the
 * manifest and to everyone who can list the process.
 */
export function checkPlaintextArgs(scope: IConstruct, prop: string, args: readonly string[] | undefined,
  optOut: readonly string[] | undefined, secure: string): string[] {
  const found = credentialArgs(args);
  for (const [i, name] of found) {
    if (!(optOut ?? []).includes(name)) {
      fail(scope, `${prop}[${i}]`, redacted(args![i]), `${secure} (the argument holds a credential); or, to accept the plaintext on purpose, list "${name}" in ${PLAINTEXT_OPT_OUT}`);
    }
  }
  return found.map(([, name]) => name);
}
