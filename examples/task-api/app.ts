import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DaprApp, LogLevel, MetadataValue, PubSub, SecretStore, SidecarResources, StateStore } from '../../src';

/**
 * The Task API from the sidecar-pattern story: a FastAPI service on port 8000 whose
 * state, events, secrets and calls all go through its Dapr sidecar.
 */
export function taskApi(app: App): void {
  const chart = new Chart(app, 'task-api', { namespace: 'tasks', disableResourceNameHashes: true });

  const taskApi = new DaprApp(chart, 'task-api', {
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

  // Vault holds the API keys and the Kafka credentials; its own token comes from a Kubernetes Secret.
  const vault = SecretStore.vault(chart, 'vault', {
    vaultAddr: 'https://vault.vault.svc:8200',
    vaultToken: MetadataValue.fromSecret('vault-token', 'token'),
  });
  const state = StateStore.redis(chart, 'statestore', {
    redisHost: 'redis-master.tasks.svc:6379',
    redisPassword: MetadataValue.fromSecret('redis', 'redis-password'),
    enableTLS: true,
  });
  const events = PubSub.kafka(chart, 'pubsub', {
    brokers: 'kafka.kafka.svc:9092',
    authType: 'password',
    saslUsername: 'task-api',
    saslPassword: MetadataValue.fromSecret('kafka', 'password'),
    consumerGroup: 'task-api',
    secretStore: vault,
  });

  // Scopes follow use: each component is loaded by the apps granted it, and by no other.
  for (const component of [vault, state, events]) {
    component.grant(taskApi);
  }
}
