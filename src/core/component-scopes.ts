import { IConstruct } from 'constructs';
import { IDaprComponentRef } from './refs';
import { ISecretStore } from './secret-store-ref';
import { validationMessage } from './validation';

/*
 * Scopes of Dapr resources, shared by components and the resources of src/config: which apps
 * load a component, and whether the apps of a resource can load the secret store it reads from.
 *
 * References are interfaces (`IDaprComponentRef`, `ISecretStore`): a component defined
 * elsewhere has no scopes this library can see. A component of this library registers what it
 * knows (its type and scopes) under a brand, so the resources of src/config read it without
 * importing src/components and without guessing from an object's shape. The brand is a global
 * symbol, so a component made by another copy of the library is read the same way.
 */

const COMPONENT_SCOPES = Symbol.for('cdk8s-dapr.ComponentScopes');

/** What a component of this library says about the apps that load it. */
interface ScopedComponent {
  /** The component's type, e.g. `secretstores.kubernetes`. */
  readonly type: string;
  /** The app ids in its scopes, or undefined when every app of the namespace loads it. */
  scopes(): readonly string[] | undefined;
}

type Branded = { [COMPONENT_SCOPES]?: ScopedComponent };

/**
 * Registers a component's scopes (called by `Component`'s constructor).
 * @param scopes the app ids in its scopes, or undefined when it is shared by all apps
 */
export function registerComponentScopes(component: IDaprComponentRef, scopes: () => readonly string[] | undefined): void {
  const value: ScopedComponent = { get type() { return component.type; }, scopes };
  Object.defineProperty(component, COMPONENT_SCOPES, { value, enumerable: false });
}

function scopedComponent(ref: IDaprComponentRef | ISecretStore): ScopedComponent | undefined {
  return (ref as Branded)[COMPONENT_SCOPES];
}

/** Scopes of a component of this library, unless shared by all apps (or defined elsewhere: unknown). */
export function componentScopes(ref: IDaprComponentRef | ISecretStore): string[] | undefined {
  const scopes = scopedComponent(ref)?.scopes();
  return scopes === undefined ? undefined : [...scopes];
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
  const component = scopedComponent(store);
  return component === undefined ? store.name === BUILT_IN_KUBERNETES_STORE : component.type === 'secretstores.kubernetes';
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
