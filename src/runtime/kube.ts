

/**
 * The Kubernetes L1 structs and classes of cdk8s-plus-28 (`k8s` in its API), from their own module:
 * importing 'cdk8s-plus-28' would also load its L2 constructs, which the control plane does not
 * use, and a control-plane-only synth would pay for them (issue 17, synth speed).
 * Public API types keep `import { k8s } from 'cdk8s-plus-28'`; these are the same declarations.
 */
export * from 'cdk8s-plus-28/lib/imports/k8s';
