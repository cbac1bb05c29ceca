import { IConstruct } from 'constructs';
import { validationMessage } from './validation';
import { ScopedDaprResource } from '../core/dapr-resource';

/*
 * Scopes of Dapr resources, shared by components and the resources of src/config: which apps
 * load a component, and whether the apps of a resource can load the secret store it reads from.
 */

/**
 * The app ids a referenced resource is granted to, when it is a scoped resource of this library
 * (a brand check, so a copy of the library loaded twice still counts), unless shared by all apps.
 * Other references (a component managed elsewhere) have no scopes known here.
 */
export function componentScopes(ref: object): string[] | undefined {
  if (!ScopedDaprResource.isScopedDaprResource(ref) || ref.sharedByAllApps) return undefined;
  return ref.appIds;
}

/** The secret store Dapr provides on Kubernetes without a component. */
export const BUILT_IN_KUBERNETES_STORE = 'kubernetes';

/**
 * Whether secret references read through `store` name Kubernetes Secrets, whose names must be
 * RFC 1123 subdomains: without a store; through the built-in store (a reference by the name
 * "kubernetes"); or through a component of type `secretstores.kubernetes`, whatever its name.
 * A component of another type is judged by its type, even when it is named "kubernetes".
 */
export function readsKubernetesSecrets(store: { readonly name: string } | undefined): boolean {
  if (store === undefined) return true;
  const type = (store as { type?: unknown }).type;
  return type === undefined ? store.name === BUILT_IN_KUBERNETES_STORE : type === 'secretstores.kubernetes';
}

/**
 * Why apps of a resource that reads its secrets from `store` (`auth.secretStore`) could not
 * resolve them: each app must load the store too. Components, HTTP endpoints and MCP servers
 * share this one check. Stores without scopes (shared by all apps, or defined elsewhere) pass.
 *
 * @param what the resource, as the message names it: "endpoint", "MCP server" ...
 * @param sharedByAllApps whether the resource applies to every app of the namespace
 */
export function secretStoreGrantErrors(owner: IConstruct, prop: string, store: { readonly name: string } | undefined,
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
