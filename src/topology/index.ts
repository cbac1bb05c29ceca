export * from './dapr-topology';
