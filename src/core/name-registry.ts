import { IConstruct } from 'constructs';

/**
 * Which constructs of a cdk8s app claim a Kubernetes name, per kind and namespace.
 *
 * Resources register their name once, when constructed, so uniqueness checks look up their
 * rivals directly instead of walking the whole construct tree for every resource (which made
 * synth quadratic in the number of resources).
 */
const registries = new WeakMap<IConstruct, Map<string, IConstruct[]>>();

function registryOf(scope: IConstruct): Map<string, IConstruct[]> {
  const root = scope.node.root;
  let registry = registries.get(root);
  if (!registry) {
    registry = new Map();
    registries.set(root, registry);
  }
  return registry;
}

/** Records that `scope` is the `kind` named `name` in `namespace`. */
export function claimName(scope: IConstruct, kind: string, namespace: string, name: string): void {
  const key = `${kind}/${namespace}/${name}`;
  const registry = registryOf(scope);
  const claimants = registry.get(key);
  if (claimants) {
    claimants.push(scope);
  } else {
    registry.set(key, [scope]);
  }
}

/** The other constructs that claimed the same kind, namespace and name. */
export function rivalsOf(scope: IConstruct, kind: string, namespace: string, name: string): IConstruct[] {
  const claimants = registryOf(scope).get(`${kind}/${namespace}/${name}`) ?? [];
  // the common case, checked on every validation pass: the name is scope's alone
  return claimants.length === 1 && claimants[0] === scope ? [] : claimants.filter((c) => c !== scope);
}
