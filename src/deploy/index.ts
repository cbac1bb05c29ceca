

export { DaprNamespace } from './dapr-namespace';
export type { DaprNamespaceProps } from './dapr-namespace';
export { DaprStage } from './dapr-stage';
export { DaprStagedOutput } from './dapr-staged-output';
export { FluxSourceKind } from './flux-kustomization-props';
export type { FluxDependency, FluxKustomizationsProps, FluxSourceRef } from './flux-kustomization-props';
