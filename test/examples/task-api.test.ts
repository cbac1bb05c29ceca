import { Testing } from 'cdk8s';
import { EXAMPLES } from '../../examples';
import { DaprLocalRun, DaprStage, DaprTopology } from '../../src';

function synth() {
  const app = Testing.app();
  EXAMPLES['task-api'](app);
  const objects = app.charts.flatMap((c) => Testing.synth(c));
  return { app, objects };
}

const find = (objects: any[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe('the Task API example', () => {
  test('synthesizes (snapshot)', () => {
    expect(synth().objects).toMatchSnapshot();
  });

  test('the Task API runs with the production sidecar limits and its Configuration', () => {
    const { objects } = synth();
    const annotations = find(objects, 'Deployment', 'task-api').spec.template.metadata.annotations;
    expect(annotations).toMatchObject({
      'dapr.io/app-id': 'task-api',
      'dapr.io/app-port': '8000',
      'dapr.io/config': 'task-api-config',
      'dapr.io/sidecar-cpu-request': '100m',
      'dapr.io/sidecar-cpu-limit': '300m',
      'dapr.io/sidecar-memory-request': '250Mi',
      'dapr.io/sidecar-memory-limit': '1000Mi',
      'dapr.io/env': 'GOMEMLIMIT=900MiB',
    });
    expect(find(objects, 'Configuration', 'task-api-config').spec.tracing).toMatchObject({ samplingRate: '1' });
  });

  test('components take credentials from secrets and are scoped to the apps that use them', () => {
    const { objects } = synth();
    const redis = find(objects, 'Component', 'statestore');
    expect(redis.scopes).toEqual(['task-api']);
    expect(redis.spec.metadata).toContainEqual({ name: 'redisPassword', secretKeyRef: { name: 'redis', key: 'redis-password' } });
    const kafka = find(objects, 'Component', 'pubsub');
    expect(kafka.auth).toEqual({ secretStore: 'vault' });
    expect(kafka.scopes).toEqual(['notification-service', 'task-api']);
    expect(kafka.spec.metadata).toContainEqual({ name: 'saslPassword', secretKeyRef: { name: 'kafka', key: 'password' } });
    expect(find(objects, 'Component', 'vault').scopes).toEqual(['notification-service', 'task-api']);
    const plaintext = objects.filter((o) => o.kind === 'Component').flatMap((o) => o.spec.metadata)
      .filter((m: any) => /password|token|secret/i.test(m.name) && m.value !== undefined);
    expect(plaintext).toEqual([]);
  });

  test('only the Task API may invoke the notification service, with retries on the way', () => {
    const { objects } = synth();
    const notifyConfig = find(objects, 'Configuration', 'notification-service-config');
    expect(find(objects, 'Deployment', 'notification-service').spec.template.metadata.annotations['dapr.io/config']).toBe('notification-service-config');
    expect(notifyConfig.spec.accessControl.defaultAction).toBe('deny');
    expect(notifyConfig.spec.accessControl.policies).toEqual([expect.objectContaining({
      appId: 'task-api',
      namespace: 'tasks',
      defaultAction: 'deny',
      operations: [{ name: '/notify', httpVerb: ['POST'], action: 'allow' }],
    })]);
    const resiliency = find(objects, 'Resiliency', 'task-api-resiliency');
    expect(resiliency.scopes).toEqual(['task-api']);
    expect(resiliency.spec.policies.retries['notification-service-retry']).toEqual({ policy: 'exponential', maxRetries: 3, maxInterval: '10s' });
  });

  test('the notification service subscribes to task events with a dead-letter topic', () => {
    const { objects } = synth();
    const sub = objects.find((o) => o.kind === 'Subscription');
    expect(sub.spec).toMatchObject({ pubsubname: 'pubsub', topic: 'task-events', deadLetterTopic: 'task-events-dead' });
    expect(sub.spec.routes.rules).toEqual([{ match: 'event.type == "task.completed"', path: '/events/task-completed' }]);
    expect(sub.scopes).toEqual(['notification-service']);
  });

  test('has a process-mode twin and a topology picture', () => {
    const { app } = synth();
    const local = app.node.findAll().find((c) => c instanceof DaprLocalRun) as DaprLocalRun;
    const files = local.files('dist/examples/task-api/local');
    expect(Object.keys(files)).toContain('resources/task-api/resiliency-task-api-resiliency.yaml');
    expect(JSON.parse(files['secrets/vault.json'])).toEqual({ kafka: { password: '' } });
    const topology = new DaprTopology(app, 'topology').toMermaid();
    expect(topology).toContain('app__tasks__task_hapi -.->|"invokes POST /notify"| app__tasks__notification_hservice');
  });
});

describe('the Task API example platform', () => {
  test('installs the CRDs first, then the control plane in HA mode, then the apps', () => {
    const { app } = synth();
    expect(app.charts.map((c) => [c.node.id, DaprStage.of(c).folder])).toEqual([
      ['dapr-crds', '1-crds'], ['platform', '2-control-plane'], ['dapr-namespaces', '3-apps'], ['task-api', '3-apps'],
    ]);
    const [crds, platform, namespaces] = app.charts.map((c) => Testing.synth(c));
    // the apps' Namespace, not the control plane's own (dapr-system, in the platform chart)
    expect(namespaces.map((o: any) => [o.kind, o.metadata.name])).toEqual([['Namespace', 'tasks']]);
    expect(platform.filter((o: any) => o.kind === 'Namespace').map((o: any) => o.metadata.name)).toEqual(['dapr-system']);
    expect(crds.map((o: any) => o.kind)).toEqual(Array(7).fill('CustomResourceDefinition'));
    const deployments = platform.filter((o: any) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
    expect(deployments.map((o: any) => [o.metadata.name, o.spec.replicas])).toEqual(expect.arrayContaining([
      ['dapr-operator', 3], ['dapr-sidecar-injector', 3], ['dapr-sentry', 3], ['dapr-placement-server', 3], ['dapr-scheduler-server', 3],
    ]));
    expect(platform.filter((o: any) => o.kind === 'PodDisruptionBudget')).toHaveLength(5);
  });
});
