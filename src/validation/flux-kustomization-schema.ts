/**
 * A structural schema of Flux's `kustomize.toolkit.fluxcd.io/v1` Kustomization, for the
 * validator (Flux's CRD is installed by Flux, not by this library): the spec fields
 * `DaprStagedOutput.addFluxKustomizations` writes are checked by type and required fields, as
 * Flux's CRD declares them (interval, path, prune, sourceRef, dependsOn, healthChecks, wait,
 * timeout); the other spec fields a user may patch in are known and left open.
 * @internal
 */
export const FLUX_KUSTOMIZATION_GROUP = 'kustomize.toolkit.fluxcd.io';

const str = { type: 'string' };
const bool = { type: 'boolean' };
const open = { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true };
const openList = { type: 'array', items: open };
const ref = (required: string[], extra: { [k: string]: unknown } = {}) => ({
  type: 'object',
  required,
  properties: { apiVersion: str, kind: str, name: { type: 'string', minLength: 1 }, namespace: str, ...extra },
});

/** @internal */
export const FLUX_KUSTOMIZATION_SCHEMAS: { readonly [kindAndVersion: string]: object } = Object.freeze({
  'Kustomization/v1': {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: { type: 'object' },
      spec: {
        type: 'object',
        required: ['interval', 'prune', 'sourceRef'],
        properties: {
          interval: { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$' },
          retryInterval: { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$' },
          timeout: { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$' },
          path: str,
          prune: bool,
          wait: bool,
          force: bool,
          suspend: bool,
          targetNamespace: { type: 'string', minLength: 1, maxLength: 63 },
          serviceAccountName: str,
          namePrefix: str,
          nameSuffix: str,
          deletionPolicy: { type: 'string', enum: ['MirrorPrune', 'Delete', 'WaitForTermination', 'Orphan'] },
          sourceRef: ref(['kind', 'name'], { kind: { type: 'string', enum: ['OCIRepository', 'GitRepository', 'Bucket', 'ExternalArtifact'] } }),
          dependsOn: { type: 'array', items: ref(['name'], { readyExpr: str }) },
          healthChecks: { type: 'array', items: ref(['kind', 'name']) },
          healthCheckExprs: openList,
          components: { type: 'array', items: str },
          patches: openList,
          images: openList,
          postBuild: open,
          commonMetadata: open,
          decryption: open,
          kubeConfig: open,
        },
      },
      status: open,
    },
  },
});
