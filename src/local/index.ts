export * from './dapr-local-run';
