import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  Configuration, DaprApp, MetadataValue, RetryPolicy, SidecarResources, StateStore,
  WorkflowAccessPolicy, WorkflowOperation,
} from '../../src';

/**
 * A Dapr Workflow app: `order-processing` runs the OrderProcessing workflow (on the actor
 * runtime: placement and scheduler from the control plane, state in Redis), calls the
 * inventory service with resiliency, and only the checkout app may start or query workflows.
 */
export function workflowExample(app: App): void {
  const chart = new Chart(app, 'workflows', { namespace: 'orders', disableResourceNameHashes: true });

  const workflowConfig = new Configuration(chart, 'order-processing-config', {
    workflow: { maxConcurrentWorkflowInvocations: 100, maxConcurrentActivityInvocations: 200 },
  });

  const processing = new DaprApp(chart, 'order-processing', {
    appId: 'order-processing',
    appPort: 5000,
    image: 'ghcr.io/acme/order-processing:1.2.0',
    replicas: 3,
    configuration: workflowConfig,
    container: { liveness: kplus.Probe.fromHttpGet('/healthz', { port: 5000 }) },
    sidecarResources: SidecarResources.production(),
    goMemLimit: true,
    // placement and scheduler: the control plane's services (the defaults); a bounded wait for the placement table
    actors: { disseminateTimeout: '5s' },
    shutdown: { gracefulShutdownSeconds: 20, blockShutdownDuration: '15s' },
  });
  const inventory = new DaprApp(chart, 'inventory', {
    appId: 'inventory',
    appPort: 5001,
    image: 'ghcr.io/acme/inventory:4.0.2',
    container: { liveness: kplus.Probe.fromHttpGet('/healthz', { port: 5001 }) },
    sidecarResources: SidecarResources.production(),
  });
  const checkout = DaprApp.fromAppId(chart, 'checkout', 'checkout', 'orders');

  // Workflow and actor state: a Redis state store flagged as the actor state store.
  const state = StateStore.redis(chart, 'workflow-state', {
    redisHost: 'redis-master.orders.svc:6379',
    redisPassword: MetadataValue.fromSecret('redis', 'redis-password'),
    actorStateStore: true,
  });
  state.grant(processing);

  inventory.allowInvocationFrom(processing, { operations: ['/reserve', '/release'] });

  const resiliency = processing.withResiliency(inventory, {
    retry: RetryPolicy.exponential({ maxRetries: 5, maxInterval: Duration.seconds(15) }),
    timeout: Duration.seconds(10),
  });
  resiliency.addRetry('state-retry', RetryPolicy.constant({ interval: Duration.millis(500), maxRetries: 3 }));
  resiliency.targetComponent(state, { outbound: { retry: 'state-retry' } });

  // Only checkout may schedule, query or terminate OrderProcessing instances.
  new WorkflowAccessPolicy(chart, 'order-workflows', {
    apps: [processing],
    rules: [{
      callers: [checkout],
      workflows: [{ name: 'OrderProcessing', operations: [WorkflowOperation.SCHEDULE, WorkflowOperation.GET, WorkflowOperation.TERMINATE] }],
    }],
  });
}
