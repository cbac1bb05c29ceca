/**
 * The Kubernetes L1 structs of cdk8s-plus-28 (`k8s` in its API) as types, and for the kinds the
 * control plane renders, `KubeX.manifest(props)` and `KubeX.GVK` from a generated table instead
 * of cdk8s-plus-28's k8s module: that module is 2.7 MB of JavaScript (about 45 ms to load) and a
 * control-plane-only synth would pay for it (issue 17, synth speed). The output is the same: a
 * test renders every kind through both (test/core/kube-l1.test.ts).
 * Public API types keep `import { k8s } from 'cdk8s-plus-28'`; these are the same declarations.
 */
export * from '../generated/kube-l1';
