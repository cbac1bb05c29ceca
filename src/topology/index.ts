export { DaprTopology } from './dapr-topology';
export type { DaprTopologyProps } from './dapr-topology';
