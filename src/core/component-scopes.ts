import { IConstruct } from 'constructs';
import { hasBrand, ScopedDaprResource } from './dapr-resource';
import { IDaprComponentRef } from './refs';
import { ISecretStore } from './secret-store-ref';
import { validationMessage } from './validation';

/*
 * Scopes of Dapr resources, shared by components and the resources of src/config: which apps
 * load a component, and whether the apps of a resource can load the secret store it reads from.
 *
 * References are interfaces (`IDaprComponentRef`, `ISecretStore`): a component defined
 * elsewhere has no scopes this library can see. A resource of this library carries a brand
 * (`ScopedDaprResource`, `Component`: global symbols, so another copy of the library is read the
 * same way), so the resources of src/config read it without importing src/components and without
 * guessing from an object's shape.
 */

/**
 * The brand `Component` sets (components/component.ts), here so core can read a store's `type`
 * without importing components. A global symbol: another copy of the library sets the same one.
 */
export const COMPONENT_BRAND = Symbol.for('cdk8s-dapr.Component');

/**
 * Scopes of a scoped resource of this library (`ScopedDaprResource`, read through its brand, so a
 * copy of the library loaded twice still counts), unless shared by all apps; a reference defined
 * elsewhere has no scopes known here.
 */
export function componentScopes(ref: IDaprComponentRef | ISecretStore): string[] | undefined {
  if (!ScopedDaprResource.isScopedDaprResource(ref) || ref.sharedByAllApps) return undefined;
  return [...ref.appIds];
}

/** The secret store Dapr provides on Kubernetes without a component. */
export const BUILT_IN_KUBERNETES_STORE = 'kubernetes';

/**
 * Whether secret references read through `store` name Kubernetes Secrets, whose names must be
 * RFC 1123 subdomains: without a store; through the built-in store (a reference by the name
 * "kubernetes" to a store defined elsewhere); or through a component of type
 * `secretstores.kubernetes`, whatever its name. A component of another type is judged by its
 * type, even when it is named "kubernetes".
 */
export function readsKubernetesSecrets(store: ISecretStore | undefined): boolean {
  if (store === undefined) return true;
  return hasBrand(store, COMPONENT_BRAND) ? (store as IDaprComponentRef).type === 'secretstores.kubernetes' : store.name === BUILT_IN_KUBERNETES_STORE;
}

/**
 * Why apps of a resource that reads its secrets from `store` (`auth.secretStore`) could not
 * resolve them: each app must load the store too. Components, HTTP endpoints and MCP servers
 * share this one check. Stores without scopes (shared by all apps, or defined elsewhere) pass.
 *
 * @param what the resource, as the message names it: "endpoint", "MCP server" ...
 * @param sharedByAllApps whether the resource applies to every app of the namespace
 */
export function secretStoreGrantErrors(owner: IConstruct, prop: string, store: ISecretStore | undefined,
  appIds: readonly string[], what: string, sharedByAllApps: boolean): string[] {
  if (store === undefined) return [];
  const granted = componentScopes(store);
  if (granted === undefined) return [];
  if (sharedByAllApps) {
    return [validationMessage(owner, prop, store.name,
      `a secret store that every app of this ${what} can load: the ${what} is shared by all apps of the namespace, so share "${store.name}" with all apps too (sharedByAllApps: true), or grant the ${what} only to apps granted "${store.name}"`)];
  }
  return appIds.filter((appId) => !granted.includes(appId)).map((appId) => validationMessage(owner, prop, store.name,
    `a secret store that every app of this ${what} can load: also grant "${store.name}" to app "${appId}"`));
}
