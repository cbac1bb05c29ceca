import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ClusterScopedApiObject } from './cluster-scoped-object';
import { fail } from './validation';

/**
 * Which Namespaces a cdk8s app emits, per app root: the ones the library adds for its apps'
 * charts ("auto"), and the ones declared elsewhere (a `DaprNamespace`, the control plane's own,
 * or `DaprNamespace.useExisting`). A declared namespace is never also emitted automatically,
 * whichever of the two comes first in the program.
 */
interface NamespaceState {
  declared: boolean;
  /** The construct that emits the Namespace, when one does (a DaprNamespace, the control plane). */
  owner?: IConstruct;
  auto?: ClusterScopedApiObject;
}

const registries = new WeakMap<IConstruct, Map<string, NamespaceState>>();

/** The chart that holds the automatic Namespaces; charts that need one depend on it. */
export const NAMESPACES_CHART_ID = 'dapr-namespaces';

/**
 * Namespaces every cluster has: kube-apiserver's system namespaces controller creates them, so
 * emitting them would only fight the cluster over their labels.
 */
export const SYSTEM_NAMESPACES: readonly string[] = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/**
 * The labels that make the Pod Security admission controller enforce, audit and warn on the
 * "restricted" profile in a namespace (https://kubernetes.io/docs/concepts/security/pod-security-admission/).
 */
export const RESTRICTED_POD_SECURITY_LABELS: { readonly [key: string]: string } = {
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
};

function stateOf(scope: IConstruct, name: string): NamespaceState {
  const root = scope.node.root;
  let registry = registries.get(root);
  if (!registry) {
    registry = new Map();
    registries.set(root, registry);
  }
  let state = registry.get(name);
  if (!state) {
    state = { declared: false };
    registry.set(name, state);
  }
  return state;
}

/**
 * Records that the app emits (`emits`: `scope` does) or the cluster already has the Namespace
 * `name`, and drops the automatic one if it was added earlier. Two constructs emitting the same
 * Namespace would overwrite each other's labels on every apply: that fails.
 */
export function declareNamespace(scope: IConstruct, name: string, emits: boolean): void {
  const state = stateOf(scope, name);
  if (emits && state.owner) {
    fail(scope, 'namespace', name, `a namespace no other construct of the app emits (${state.owner.node.path} does)`);
  }
  if (emits) state.owner = scope;
  state.declared = true;
  if (state.auto) {
    state.auto.node.scope?.node.tryRemoveChild(state.auto.node.id);
    state.auto = undefined;
  }
}

/**
 * Makes sure the Namespace `name`, which objects in `scope`'s chart use, is applied before them:
 * unless it is a system namespace or declared elsewhere, one Namespace object (shared by every
 * chart that needs it) with the restricted Pod Security labels, in a chart of its own that
 * `scope`'s chart depends on.
 */
export function requireNamespace(scope: IConstruct, name: string): void {
  if (SYSTEM_NAMESPACES.includes(name)) return;
  const chart = Chart.of(scope);
  const app = App.of(scope);
  if (chart === (app as IConstruct)) return;
  const state = stateOf(scope, name);
  if (state.declared) return;
  const namespaces = (app.node.tryFindChild(NAMESPACES_CHART_ID) as Chart | undefined) ?? new Chart(app, NAMESPACES_CHART_ID);
  if (chart !== namespaces) chart.addDependency(namespaces);
  if (!state.auto) {
    state.auto = namespaceObject(namespaces, name, name, {});
  }
}

/** A Namespace object with the restricted Pod Security labels (and `extraLabels`, which cannot override them). */
export function namespaceObject(scope: IConstruct, id: string, name: string,
  extraLabels: { [key: string]: string }, annotations?: { [key: string]: string }): ClusterScopedApiObject {
  return new ClusterScopedApiObject(scope as any, id, {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/managed-by': 'cdk8s', ...extraLabels, ...RESTRICTED_POD_SECURITY_LABELS },
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
  });
}
