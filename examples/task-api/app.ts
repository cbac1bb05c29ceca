import { App, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Configuration, DaprApp, DaprControlPlane, DaprCrds, DaprLocalRun, HttpVerb, LogLevel, MetadataValue, PubSub, RetryPolicy, SecretStore,
  SidecarResources, StateStore, TracingProtocol,
} from '../../src';

/**
 * The Task API from the sidecar-pattern story: a FastAPI service on port 8000 that keeps task
 * state in Redis, publishes task events to Kafka, reads API keys from HashiCorp Vault and
 * calls a notification service with retries, all through its Dapr sidecar.
 */
export function taskApiExample(app: App): void {
  // Dapr itself: CRDs first (their own chart, applied before anything of their kinds), then the
  // control plane in HA mode, then the apps.
  const crds = new Chart(app, 'dapr-crds');
  new DaprCrds(crds, 'crds');
  const platform = new Chart(app, 'platform');
  new DaprControlPlane(platform, 'dapr', { ha: true });
  platform.addDependency(crds);

  const chart = new Chart(app, 'task-api', { namespace: 'tasks', disableResourceNameHashes: true });
  chart.addDependency(platform);

  // Traces of every call go to the OpenTelemetry collector.
  const observability = new Configuration(chart, 'task-api-config', {
    tracing: { samplingRate: 1, otel: { endpointAddress: 'otel-collector.observability.svc:4317', protocol: TracingProtocol.GRPC } },
  });

  const taskApi = new DaprApp(chart, 'task-api', {
    appId: 'task-api',
    appPort: 8000,
    image: 'ghcr.io/acme/task-api:1.4.2',
    replicas: 2,
    configuration: observability,
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

  const notifications = new DaprApp(chart, 'notification-service', {
    appId: 'notification-service',
    appPort: 8001,
    image: 'ghcr.io/acme/notification-service:2.0.3',
    container: { liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8001 }) },
    sidecarResources: SidecarResources.production(),
    goMemLimit: true,
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
    consumerGroup: 'tasks',
    secretStore: vault,
  });

  // Scopes follow use: each component is loaded by the apps granted it, and by no other.
  for (const component of [vault, state, events]) {
    component.grant(taskApi);
  }
  vault.grant(notifications); // it reads the Kafka password from Vault

  // Only the Task API may call the notification service, and only POST /notify (default deny).
  notifications.allowInvocationFrom(taskApi, { operations: ['/notify'], verbs: [HttpVerb.POST] });

  // Calls to the notification service: retried 3 times with backoff, 5 s timeout, circuit breaker.
  taskApi.withResiliency(notifications, {
    retry: RetryPolicy.exponential({ maxRetries: 3, maxInterval: Duration.seconds(10) }),
    timeout: Duration.seconds(5),
    circuitBreaker: { trip: 'consecutiveFailures >= 5', interval: Duration.seconds(30), timeout: Duration.seconds(60), maxRequests: 1 },
  });

  // The notification service gets task events declaratively, with a dead-letter topic.
  events.subscribe(notifications, 'task-events', {
    rules: [{ match: 'event.type == "task.completed"', path: '/events/task-completed' }],
    defaultRoute: '/events/tasks',
    deadLetterTopic: 'task-events-dead',
  });

  // The same definition, run locally with `dapr run -f dist/examples/task-api/local`.
  new DaprLocalRun(app, 'local', {
    apps: {
      'task-api': { appDirPath: '../../../../examples/task-api/service', command: ['uvicorn', 'main:app', '--port', '8000'] },
      'notification-service': { appDirPath: '../../../../examples/task-api/service', command: ['uvicorn', 'notifications:app', '--port', '8001'] },
    },
  });
}
