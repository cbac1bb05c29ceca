export { DaprLocalRun, DaprLocalRunProps, LocalAppOptions } from './dapr-local-run';
