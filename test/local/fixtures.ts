import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { DaprApp } from '../../src';

/**
 * A small cdk8s app with two Dapr apps and the Dapr resources they use, written as raw
 * ApiObjects so these tests pin the twin and the topology to the CRD shapes alone.
 */
export function twoApps(): App {
  const app = Testing.app();
  const chart = new Chart(app, 'tasks', { namespace: 'tasks' });
  new DaprApp(chart, 'task-api', { appId: 'task-api', appPort: 8000, image: 'ghcr.io/acme/task-api:1.0.0', configName: 'task-api-config' });
  new DaprApp(chart, 'notifier', { appId: 'notification-service', appPort: 8001, image: 'ghcr.io/acme/notifier:1.0.0' });
  dapr(chart, 'Component', 'statestore', {
    spec: { type: 'state.redis', version: 'v1', metadata: [{ name: 'redisHost', value: 'redis:6379' }, { name: 'redisPassword', secretKeyRef: { name: 'redis', key: 'password' } }] },
    scopes: ['task-api'],
  });
  dapr(chart, 'Component', 'pubsub', {
    spec: { type: 'pubsub.kafka', version: 'v1', metadata: [{ name: 'brokers', value: 'kafka:9092' }, { name: 'saslPassword', secretKeyRef: { name: 'kafka', key: 'password' } }] },
    auth: { secretStore: 'vault' },
    scopes: ['notification-service', 'task-api'],
  });
  dapr(chart, 'Component', 'vault', {
    spec: { type: 'secretstores.hashicorp.vault', version: 'v1', metadata: [{ name: 'vaultAddr', value: 'https://vault:8200' }] },
    scopes: ['task-api'],
  });
  dapr(chart, 'Configuration', 'task-api-config', {
    spec: {
      tracing: { samplingRate: '1' },
      accessControl: { defaultAction: 'deny', trustDomain: 'public', policies: [{ appId: 'notification-service', namespace: 'tasks', defaultAction: 'deny', operations: [{ name: '/tasks/*', httpVerb: ['GET'], action: 'allow' }] }] },
    },
  });
  dapr(chart, 'Subscription', 'task-events', {
    apiVersion: 'dapr.io/v2alpha1',
    spec: { pubsubname: 'pubsub', topic: 'task-events', routes: { default: '/events' }, deadLetterTopic: 'task-events-dead' },
    scopes: ['notification-service'],
  });
  return app;
}

function dapr(chart: Chart, kind: string, name: string, body: { [key: string]: any }) {
  const { apiVersion, ...rest } = body;
  new ApiObject(chart, `${kind}-${name}`, { apiVersion: apiVersion ?? 'dapr.io/v1alpha1', kind, metadata: { name }, ...rest });
}
