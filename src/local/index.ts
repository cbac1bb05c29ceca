export { DaprLocalRun } from './dapr-local-run';
export type { DaprLocalRunProps, LocalAppOptions } from './dapr-local-run';
