import { IConstruct } from 'constructs';

/*
 * Why and when daprd needs a Kubernetes API token (the reasoning behind the defaults):
 *
 * - daprd adds a built-in secret store named "kubernetes" in Kubernetes mode unless started with
 *   `--disable-builtin-k8s-secret-store` (dapr v1.18.3 `pkg/runtime/runtime.go`
 *   appendBuiltinSecretStore; the injector passes the flag for the annotation
 *   `dapr.io/disable-builtin-k8s-secret-store`, `pkg/injector/patcher/sidecar_container.go`).
 * - That store, like any `secretstores.kubernetes` component, builds its client in `Init` with
 *   `rest.InClusterConfig()`, which reads the token and CA under
 *   /var/run/secrets/kubernetes.io/serviceaccount (components-contrib v1.18.4
 *   `secretstores/kubernetes/kubernetes.go`, `common/authentication/kubernetes/client.go`).
 * - A component whose Init fails, without `ignoreErrors`, makes daprd exit (dapr v1.18.3
 *   `pkg/runtime/processor/components.go`: "Error processing component, daprd will exit gracefully").
 * - The injector mounts only the Sentry token projection, not an API token (`sidecar_volumes.go`
 *   getTokenVolume), and workloads here keep `automountServiceAccountToken: false`.
 * - Component `secretKeyRef`s through "kubernetes" (or no `auth.secretStore`) are resolved by the
 *   operator, not by daprd (dapr v1.18.3 `pkg/operator/api/components.go`,
 *   `pkg/runtime/processor/secret/secret.go` skips the store when an operator client exists).
 *
 * So the built-in store serves only the app's own secrets API calls, and a plain app does not
 * need it: sidecars turn it off by default (no token, nothing to fail). An app that opts back in
 * (`security.disableBuiltinK8sSecretStore: false`) or loads a `secretstores.kubernetes`
 * component gets, for a DaprApp, a ServiceAccount, a Role that may `get` Secrets (only the named
 * ones when the names are known) bound to it, and a bound, expiring token projected into daprd
 * alone (not into the app's containers).
 */

/** The pod volume holding daprd's Kubernetes API token, CA and namespace. */
export const KUBE_API_VOLUME = 'dapr-kube-api-access';

/** What a workload does when it must give daprd a Kubernetes API token. */
const HOOKS = new WeakMap<IConstruct, (secretNames: () => string[]) => void>();

/**
 * Registers how `workload` provisions a token and RBAC for daprd (DaprApp does).
 * @internal
 */
export function onKubernetesApiNeeded(workload: IConstruct, hook: (secretNames: () => string[]) => void): void {
  HOOKS.set(workload, hook);
}

/**
 * Tells the app that daprd needs the Kubernetes API (e.g. a `secretstores.kubernetes` component was
 * granted to it); `secretNames` lists the Secrets it will read, when known. Apps that cannot
 * provision it themselves are checked at synth instead (start conditions).
 * @internal
 */
export function requestKubernetesApi(app: IConstruct, secretNames: () => string[]): void {
  HOOKS.get(app)?.(secretNames);
}

/** The projected volume of a bound, expiring token with what `rest.InClusterConfig()` reads. */
export function kubeApiVolume(): any {
  return {
    name: KUBE_API_VOLUME,
    projected: {
      defaultMode: 292,
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}
