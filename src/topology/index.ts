export { DaprTopology, DaprTopologyProps } from './dapr-topology';
