import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { readsKubernetesSecrets } from '../core/component-scopes';
import { redacted } from '../core/credentials';
import { checkMap, checkStringList } from '../core/js-values';
import { MetadataValue } from '../core/metadata-value';
import { checkOptOut, checkPlaintext, plaintextCredential } from '../core/plaintext-secrets';
import { ISecretStore } from '../core/secret-store-ref';
import { checkDuration, DNS_SUBDOMAIN_RULE, fail, isDnsSubdomain, isEnvName } from '../core/validation';

/*
 * Helpers shared by the constructs of this folder; not exported from the package.
 */

/** Checks that an enum-like value is one of the known instances (guards against casts in JavaScript). */
export function checkEnum<T extends { value: string }>(scope: IConstruct, prop: string, value: T, all: readonly T[]): string {
  if (!all.includes(value)) {
    fail(scope, prop, (value as { value?: unknown } | undefined)?.value ?? value,
      `one of ${all.map((a) => JSON.stringify(a.value)).join(', ')}`);
  }
  return value.value;
}

export function optionalDuration(scope: IConstruct, prop: string, value: Duration | undefined): string | undefined {
  return value === undefined ? undefined : checkDuration(scope, prop, value);
}

/** An integer within [min, max], or undefined. */
export function optionalInt(scope: IConstruct, prop: string, value: number | undefined, min: number, max = 2147483647): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    fail(scope, prop, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

/** A string that must hold something other than white space. */
export function nonEmpty(scope: IConstruct, prop: string, value: string, what = 'a non-empty string'): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(scope, prop, value, what);
  }
  return value;
}

/** How a sensitive name/value pair is passed instead of plaintext. */
const SECURE_PAIR = 'MetadataValue.fromSecret(name, key) or MetadataValue.fromEnv(variable)';

/**
 * A Dapr name/value pair (`value`, `secretKeyRef` or `envRef`). A plaintext value that carries a
 * credential (by its name, `Authorization`, `x-api-key`, `DB_PASSWORD` ..., or by its content)
 * must come from a secret or an environment variable, unless its name is in the opt-out list.
 */
export function nameValuePair(scope: IConstruct, prop: string, name: string, value: MetadataValue, allowPlaintext: readonly string[] = []): object {
  const where = `${prop}.${name}`;
  if (!/^\S+$/.test(name)) {
    fail(scope, prop, name, 'a non-empty name without white space');
  }
  if (!(value instanceof MetadataValue)) {
    fail(scope, where, redacted(value), `a MetadataValue: ${SECURE_PAIR}, or MetadataValue.fromString(value) for a value that is not secret`);
  }
  if (value.secretKeyRef) {
    if (!value.secretKeyRef.name || !value.secretKeyRef.key) {
      fail(scope, `${where}.secretKeyRef`, value.secretKeyRef, 'a secret reference with a non-empty secret name and key');
    }
    return { name, secretKeyRef: { name: value.secretKeyRef.name, key: value.secretKeyRef.key } };
  }
  if (value.envRef !== undefined) {
    if (!isEnvName(value.envRef)) {
      fail(scope, `${where}.envRef`, value.envRef, 'an environment variable name (letters, digits and "_", not starting with a digit)');
    }
    return { name, envRef: value.envRef };
  }
  checkPlaintext(scope, where, name, value.value, allowPlaintext, SECURE_PAIR);
  return { name, value: value.value };
}

/**
 * Renders a map of name/value pairs as a list sorted by name. Every entry of the opt-out list
 * must name a pair whose plaintext value needs it (or one of `alsoNeeded`, names the caller
 * checked elsewhere, such as command-line flags).
 */
export function nameValueList(scope: IConstruct, prop: string, map: { [name: string]: MetadataValue } | undefined,
  allowPlaintext: readonly string[] = [], alsoNeeded: readonly string[] = []): object[] | undefined {
  if (map === undefined) return undefined;
  checkMap(scope, prop, map, 'MetadataValue');
  checkStringList(scope, 'allowPlaintextSecrets', allowPlaintext, 'names');
  const names = Object.keys(map).sort();
  const rendered = names.map((name) => nameValuePair(scope, prop, name, map[name], allowPlaintext));
  const needing = names.filter((n) => map[n].value !== undefined && plaintextCredential(n, map[n].value) !== undefined);
  checkOptOut(scope, allowPlaintext, [...needing, ...alsoNeeded], prop);
  return rendered;
}

/**
 * Checks the Secret names that secret references of a resource read through `store` use, when
 * that store reads Kubernetes Secrets (see `readsKubernetesSecrets`): they must be RFC 1123 names.
 */
export function checkKubernetesSecretNames(scope: IConstruct, prop: string, store: ISecretStore | undefined,
  names: ReadonlyArray<string | undefined>): void {
  if (!readsKubernetesSecrets(store)) return;
  for (const name of names) {
    if (name !== undefined && !isDnsSubdomain(name)) fail(scope, prop, name, `the name of a Kubernetes Secret: ${DNS_SUBDOMAIN_RULE}`);
  }
}

/** Fails unless a referenced component lives in the resource's namespace and has the category's type. */
export function checkComponentRef(scope: IConstruct, prop: string, ref: { name: string; namespace: string; type: string },
  namespace: string, typePrefix: string): void {
  // a Component's name as the API server takes it (NameIsDNSSubdomain); it is written as a reference
  if (!isDnsSubdomain(ref.name)) fail(scope, prop, ref.name, `the name of a Dapr component: ${DNS_SUBDOMAIN_RULE}`);
  if (ref.namespace !== namespace) {
    fail(scope, prop, ref.name, `a component in namespace "${namespace}" (it is in "${ref.namespace}")`);
  }
  if (!ref.type.startsWith(typePrefix)) {
    fail(scope, prop, ref.name, `a "${typePrefix}<name>" component (it is "${ref.type}")`);
  }
}

/**
 * Checks a secret store reference: same namespace, and a `secretstores.*` component when the
 * reference knows its type (`SecretStore.fromName()` refers to a store by name only).
 */
export function checkSecretStoreRef(scope: IConstruct, prop: string, store: ISecretStore, namespace: string): void {
  const type = (store as { type?: unknown }).type;
  checkComponentRef(scope, prop, { name: store.name, namespace: store.namespace, type: typeof type === 'string' ? type : 'secretstores.' }, namespace, 'secretstores.');
}
