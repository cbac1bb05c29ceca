import { ApiObject } from 'cdk8s';
import { DaprTopology } from '../../src';
import { twoApps } from '../local/fixtures';

function topology() {
  const app = twoApps();
  return new DaprTopology(app, 'topology');
}

describe('DaprTopology', () => {
  test('draws apps, components, scopes, subscriptions and invocation rights (snapshot)', () => {
    expect(topology().toMarkdown()).toMatchSnapshot();
  });

  test('groups nodes by namespace with app and component shapes', () => {
    const m = topology().toMermaid();
    expect(m.startsWith('flowchart LR\n')).toBe(true);
    expect(m).toContain('subgraph ns_tasks_["namespace tasks"]');
    expect(m).toContain('app_tasks_task_api(["task-api"])');
    expect(m).toContain('component_tasks_statestore[("statestore<br/><small>state.redis</small>")]');
  });

  test('edges: component use from scopes, topics from subscriptions, invocation from access control', () => {
    const m = topology().toMermaid();
    expect(m).toContain('app_tasks_task_api -->|"uses"| component_tasks_statestore');
    expect(m).toContain('app_tasks_notification_service -->|"uses"| component_tasks_pubsub');
    expect(m).not.toContain('app_tasks_notification_service -->|"uses"| component_tasks_statestore');
    expect(m).toContain('component_tasks_pubsub ==>|"topic task-events, dead letters to task-events-dead"| app_tasks_notification_service');
    expect(m).toContain('app_tasks_notification_service -.->|"invokes GET /tasks/*"| app_tasks_task_api');
  });

  test('marks apps that are only referenced as external', () => {
    const app = twoApps();
    const tasks = app.charts.find((c) => c.namespace === 'tasks')!;
    new ApiObject(tasks, 'shared', { apiVersion: 'dapr.io/v1alpha1', kind: 'Component', metadata: { name: 'locks' }, spec: { type: 'lock.redis', version: 'v1', metadata: [] }, scopes: ['billing'] });
    const m = new DaprTopology(app, 'topology').toMermaid();
    expect(m).toContain('app_tasks_billing(["billing"])');
    expect(m).toContain('class app_tasks_billing external;');
  });

  test('is deterministic', () => {
    expect(topology().toMarkdown()).toBe(topology().toMarkdown());
  });
});
