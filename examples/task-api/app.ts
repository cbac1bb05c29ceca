import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DaprApp, LogLevel, SidecarResources } from '../../src';

/**
 * The Task API from the sidecar-pattern story: a FastAPI service on port 8000 whose
 * state, events, secrets and calls all go through its Dapr sidecar.
 */
export function taskApi(app: App): void {
  const chart = new Chart(app, 'task-api', { namespace: 'tasks', disableResourceNameHashes: true });

  new DaprApp(chart, 'task-api', {
    appId: 'task-api',
    appPort: 8000,
    image: 'ghcr.io/acme/task-api:1.4.2',
    replicas: 2,
    container: {
      envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue('info') },
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8000 }),
      readiness: kplus.Probe.fromHttpGet('/readyz', { port: 8000 }),
      resources: {
        cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(256), limit: Size.mebibytes(512) },
      },
    },
    sidecarResources: SidecarResources.production(),
    goMemLimit: true,
    logging: { level: LogLevel.INFO, json: true },
    appHealthCheck: { path: '/healthz' },
  });
}
