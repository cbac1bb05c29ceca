import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { injectedPodOf, isTruthy, KUBE_API_TOKEN_DIR, podTemplateOfManifest, podTemplatePointer } from './injected-pod';
import { Component } from '../components/component';
import { validationProblem } from '../core/validation';
import { addChartScopedValidation, currentSynth } from '../core/validation-scope';

/*
 * Conditions daprd needs to start, checked at synth for every sidecar (DaprApp, annotated
 * workloads, annotated included objects). Each names the upstream code that makes it fatal.
 */

/** What the checks need of a sidecar; `annotations` is read at synth (it may grow after construction). */
export interface SidecarFacts {
  readonly appId: string;
  readonly namespace: string;
  readonly annotations: { readonly [key: string]: string };
}

/** The type of the Kubernetes secret store component. */
const KUBERNETES_STORE = 'secretstores.kubernetes';

/**
 * What one validation pass reads of the whole cdk8s app, once (see `registerPassReset`). Within
 * one `App.synth()` / `synthYaml()`, all its passes share one cache (no code of the app runs in
 * between: `currentSynth`), and the writing of the workloads reuses their renders (`reuseRenderInSynth`).
 */
interface PassCache {
  /** The synth call the cache belongs to; undefined for a pass outside synth() (a chart's toJson()). */
  readonly synth?: object;
  /** Each object as it rendered in this pass: the checks of all sidecars read the same objects. */
  renders?: Map<ApiObject, { readonly json?: any; readonly error?: unknown }>;
  components?: Component[];
  /** `namespace` -> the components shared by all its apps, and those granted to each app id. */
  componentIndex?: Map<string, { readonly shared: Component[]; readonly granted: Map<string, Component[]> }>;
  componentOrder?: Map<Component, number>;
  actorStores?: Set<Component>;
  appIds?: Map<string, IConstruct[]>;
}
const PASS = new WeakMap<IConstruct, PassCache>();

function passOf(scope: IConstruct): PassCache {
  const root = scope.node.root;
  let cache = PASS.get(root);
  if (!cache) {
    cache = {};
    PASS.set(root, cache);
  }
  return cache;
}

/** Components of the cdk8s app that an app loads: its namespace, granted to it or shared by all apps. */
function componentsOf(scope: IConstruct, appId: string, namespace: string): Component[] {
  const cache = passOf(scope);
  cache.components ??= scope.node.root.node.findAll().filter((c): c is Component => Component.isComponent(c));
  // indexed once per pass: filtering every component for every app is quadratic in large apps
  if (!cache.componentIndex) {
    const index = new Map<string, { readonly shared: Component[]; readonly granted: Map<string, Component[]> }>();
    for (const c of cache.components) {
      let entry = index.get(c.namespace);
      if (!entry) {
        entry = { shared: [], granted: new Map() };
        index.set(c.namespace, entry);
      }
      if (c.sharedByAllApps) {
        entry.shared.push(c);
        continue;
      }
      for (const id of new Set(c.scopes)) {
        const list = entry.granted.get(id);
        if (list) list.push(c); else entry.granted.set(id, [c]);
      }
    }
    cache.componentIndex = index;
  }
  const entry = cache.componentIndex.get(namespace);
  if (!entry) return [];
  const granted = entry.granted.get(appId) ?? [];
  if (entry.shared.length === 0) return granted;
  // in tree order, as the components were found
  cache.componentOrder ??= new Map(cache.components.map((c, i) => [c, i]));
  const order = cache.componentOrder;
  return [...entry.shared, ...granted].sort((a, b) => order.get(a)! - order.get(b)!);
}

/** The state stores of the cdk8s app with `actorStateStore` on, read once per pass. */
function actorStores(scope: IConstruct): Set<Component> {
  const cache = passOf(scope);
  cache.actorStores ??= new Set((cache.components ?? scope.node.root.node.findAll().filter((c): c is Component => Component.isComponent(c)))
    .filter((c) => c.type.startsWith('state.') && (renderOrUndefined(c.apiObject)?.spec?.metadata ?? [])
      .some((m: any) => typeof m?.name === 'string' && m.name.toLowerCase() === 'actorstatestore' && isTruthy(m.value))));
  return cache.actorStores;
}

/** Registers the start conditions of one sidecar on its workload. */
export function addStartConditions(workload: IConstruct, sidecar: SidecarFacts, ownerOf: (c: IConstruct) => IConstruct | undefined): void {
  registerPassReset(workload);
  // read the whole app but are the workload's: run in its chart's pass (see validation-scope.ts)
  addChartScopedValidation(workload, () => [
    ...kubernetesApiErrors(workload, sidecar),
    ...actorStateStoreErrors(workload, sidecar),
    ...appIdErrors(workload, sidecar, ownerOf),
  ]);
}

/**
 * (1) daprd's Kubernetes secret stores (the built-in one unless turned off, and any
 * `secretstores.kubernetes` component the app loads) need an API token in daprd and RBAC to get
 * Secrets; otherwise their Init fails and daprd exits. See `kubernetes-api-access.ts`.
 */
function kubernetesApiErrors(workload: IConstruct, sidecar: SidecarFacts): string[] {
  if (!isTruthy(sidecar.annotations['dapr.io/enabled'])) return [];
  const builtIn = !isTruthy(sidecar.annotations['dapr.io/disable-builtin-k8s-secret-store']);
  const stores = componentsOf(workload, sidecar.appId, sidecar.namespace).filter((c) => c.type === KUBERNETES_STORE).map((c) => c.name);
  if (!builtIn && stores.length === 0) return [];
  const [prop, value] = builtIn ? ['security.disableBuiltinK8sSecretStore', false] : ['secret stores', stores];
  const why = builtIn ? 'daprd\'s built-in Kubernetes secret store' : `the secretstores.kubernetes component${stores.length > 1 ? 's' : ''} ${stores.map((s) => `"${s}"`).join(', ')}`;
  let pod: any;
  try {
    pod = injectedPodOf(workload);
  } catch {
    return []; // the workload cannot render; its own validation says why
  }
  const spec = pod.spec ?? {};
  const daprd = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c: any) => c?.name === 'daprd');
  const hasToken = spec.automountServiceAccountToken !== false
    || (daprd?.volumeMounts ?? []).some((m: any) => m?.mountPath === KUBE_API_TOKEN_DIR);
  if (!hasToken) {
    return [validationProblem(prop, value,
      `a Kubernetes API token in daprd for ${why} (its Init reads ${KUBE_API_TOKEN_DIR}/token; without it daprd exits): `
      + (builtIn ? 'leave security.disableBuiltinK8sSecretStore unset (the built-in store is then off), or ' : '')
      + `mount a token into daprd (DaprApp does this itself; for other workloads add a projected token volume and list it in sidecarVolumeMounts at ${KUBE_API_TOKEN_DIR})`)];
  }
  const serviceAccount = spec.serviceAccountName ?? 'default';
  if (!canGetSecrets(workload, sidecar.namespace, serviceAccount)) {
    return [validationProblem(prop, value,
      `RBAC for ${why}: a Role (or ClusterRole) with "get" on secrets, bound by a RoleBinding in namespace "${sidecar.namespace}" to ServiceAccount "${serviceAccount}" (DaprApp emits them itself)`)];
  }
  return [];
}

/** Whether the cdk8s app grants `serviceAccount` of `namespace` "get" on Secrets there. */
function canGetSecrets(scope: IConstruct, namespace: string, serviceAccount: string): boolean {
  const objects = scope.node.root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject
    && ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(c.kind)).map((o) => ({ o, json: renderOrUndefined(o) ?? {} }));
  const nsOf = (json: any, o: ApiObject) => json.metadata?.namespace ?? resolveChartNamespace(o);
  const allowsSecrets = (rules: any[]) => (rules ?? []).some((r: any) => (r.apiGroups ?? []).includes('')
    && (r.resources ?? []).some((x: string) => x === 'secrets' || x === '*') && (r.verbs ?? []).some((v: string) => v === 'get' || v === '*'));
  return objects.some(({ o, json }) => {
    if (json.kind !== 'RoleBinding' && json.kind !== 'ClusterRoleBinding') return false;
    if (json.kind === 'RoleBinding' && nsOf(json, o) !== namespace) return false;
    const bindsAccount = (json.subjects ?? []).some((s: any) => s.kind === 'ServiceAccount' && s.name === serviceAccount
      && (s.namespace ?? (json.kind === 'RoleBinding' ? namespace : undefined)) === namespace);
    if (!bindsAccount) return false;
    const ref = json.roleRef ?? {};
    return objects.some((r) => r.json.kind === ref.kind && r.json.metadata?.name === ref.name
      && (ref.kind === 'ClusterRole' || nsOf(r.json, r.o) === namespace) && allowsSecrets(r.json.rules));
  });
}

/**
 * `o.toJson()`, rendered once per validation pass (no code of the app runs within a pass, so the
 * object cannot change in between) and shared by every check of the pass; the result is read, never
 * changed. A pass is reset by the root's validation (`registerPassReset`), which the caller's
 * sidecar has registered.
 */
export function renderInPass(o: ApiObject): any {
  const cache = passOf(o);
  cache.renders ??= new Map();
  let render = cache.renders.get(o);
  if (!render) {
    try {
      render = { json: o.toJson() };
    } catch (error) {
      render = { error };
    }
    cache.renders.set(o, render);
    // written as rendered here when the pass is a synth's: each object renders once per synth
    if (cache.synth !== undefined) reuseRenderInSynth(o);
  }
  if ('error' in render) throw render.error;
  return render.json;
}

/**
 * Lets cdk8s write `o` as the validation rendered it in the running `App.synth()` /
 * `synthYaml()` (see `PassCache`) instead of rendering it once more. Outside a synth, and for an
 * object that did not render, `o.toJson()` renders as usual.
 */
export function reuseRenderInSynth(o: ApiObject): void {
  if (REUSING.has(o)) return;
  REUSING.add(o);
  const render = o.toJson;
  const root = o.node.root;
  Object.defineProperty(o, 'toJson', {
    configurable: true,
    writable: true,
    value: function toJson(this: ApiObject): any {
      const synth = currentSynth(root);
      const cache = synth === undefined ? undefined : PASS.get(root);
      const rendered = cache?.synth === synth ? cache?.renders?.get(this) : undefined;
      return rendered !== undefined && !('error' in rendered) ? rendered.json : render.call(this);
    },
  });
}

const REUSING = new WeakSet<ApiObject>();

/** The object as it synthesizes; undefined when it cannot (its own validation reports why). */
function renderOrUndefined(o: ApiObject): any {
  try {
    return renderInPass(o);
  } catch {
    return undefined;
  }
}

function resolveChartNamespace(o: ApiObject): string {
  return Chart.of(o).namespace ?? 'default';
}

/**
 * (2) One actor state store per app: daprd fails the second `actorStateStore: true` store's
 * init ("detected duplicate actor state store", dapr v1.18.3 `pkg/runtime/compstore/statestore.go`
 * AddStateStoreActor, called from `pkg/runtime/processor/state/state.go`), and exits.
 */
function actorStateStoreErrors(workload: IConstruct, sidecar: SidecarFacts): string[] {
  if (sidecar.annotations['dapr.io/placement-host-address'] === '') return []; // actors off
  const flagged = actorStores(workload);
  const names = componentsOf(workload, sidecar.appId, sidecar.namespace).filter((c) => flagged.has(c)).map((c) => c.name).sort();
  if (names.length <= 1) return [];
  return [validationProblem('actor state stores', names,
    'at most one state store with actorStateStore: true per app (daprd exits on the second: "detected duplicate actor state store"); grant the app only one of them, or set actorStateStore on one only')];
}

const RESET_REGISTERED = new WeakSet<IConstruct>();

/** The root validates first (pre-order), so the index is rebuilt once per validation pass. */
function registerPassReset(scope: IConstruct): void {
  const root = scope.node.root;
  if (RESET_REGISTERED.has(root)) return;
  RESET_REGISTERED.add(root);
  root.node.addValidation({
    validate: () => {
      const synth = currentSynth(root);
      if (synth === undefined || PASS.get(root)?.synth !== synth) PASS.set(root, { synth });
      return [];
    },
  });
}

/** App ids of the cdk8s app: `namespace/appId` -> the constructs that use it, once per pass. */
function appIdIndex(scope: IConstruct, ownerOf: (c: IConstruct) => IConstruct | undefined): Map<string, IConstruct[]> {
  const root = scope.node.root;
  const cache = passOf(scope);
  if (cache.appIds) return cache.appIds;
  const index = new Map<string, IConstruct[]>();
  for (const o of root.node.findAll()) {
    if (!(o instanceof ApiObject) || podTemplatePointer(o.kind) === undefined) continue;
    const manifest = renderOrUndefined(o);
    if (manifest === undefined) continue;
    const template = podTemplateOfManifest(manifest);
    const annotations = template?.metadata?.annotations ?? {};
    if (!isTruthy(annotations['dapr.io/enabled'])) continue;
    const appId = annotations['dapr.io/app-id'] ?? (manifest.kind === 'Pod' ? manifest.metadata?.name : undefined);
    if (appId === undefined) continue;
    const key = `${manifest.metadata?.namespace ?? resolveChartNamespace(o)}/${appId}`;
    const owner = ownerOf(o) ?? o;
    index.set(key, [...(index.get(key) ?? []), owner]);
  }
  cache.appIds = index;
  return index;
}

/**
 * (3) App ids unique per namespace across the cdk8s app: Dapr names the `<app-id>-dapr` Service
 * after it and routes invocations by it, and DaprApp names its Deployment, Service and
 * PodDisruptionBudget after it; two apps with one id overwrite each other.
 */
function appIdErrors(workload: IConstruct, sidecar: SidecarFacts, ownerOf: (c: IConstruct) => IConstruct | undefined): string[] {
  const others = (appIdIndex(workload, ownerOf).get(`${sidecar.namespace}/${sidecar.appId}`) ?? []).filter((c) => c !== workload);
  return others.map((other) => validationProblem('appId', sidecar.appId,
    `an app id unique in namespace "${sidecar.namespace}" (${other.node.path} has it too: their Deployments, Services and the "${sidecar.appId}-dapr" Service would overwrite each other)`));
}
