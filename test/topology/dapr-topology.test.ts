import { ApiObject } from 'cdk8s';
import { DaprTopology } from '../../src';
import { topologyNodeId } from '../../src/topology/node-id';
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
    expect(m).toContain('subgraph ns__tasks__["namespace tasks"]');
    expect(m).toContain('app__tasks__task_hapi(["task-api"])');
    expect(m).toContain('component__tasks__statestore[("statestore<br/><small>state.redis</small>")]');
  });

  test('edges: component use from scopes, topics from subscriptions, invocation from access control', () => {
    const m = topology().toMermaid();
    expect(m).toContain('app__tasks__task_hapi -->|"uses"| component__tasks__statestore');
    expect(m).toContain('app__tasks__notification_hservice -->|"uses"| component__tasks__pubsub');
    expect(m).not.toContain('app__tasks__notification_hservice -->|"uses"| component__tasks__statestore');
    expect(m).toContain('component__tasks__pubsub ==>|"topic task-events, dead letters to task-events-dead"| app__tasks__notification_hservice');
    expect(m).toContain('app__tasks__notification_hservice -.->|"invokes GET /tasks/*"| app__tasks__task_hapi');
  });

  test('marks apps that are only referenced as external', () => {
    const app = twoApps();
    const tasks = app.charts.find((c) => c.namespace === 'tasks')!;
    new ApiObject(tasks, 'shared', { apiVersion: 'dapr.io/v1alpha1', kind: 'Component', metadata: { name: 'locks' }, spec: { type: 'lock.redis', version: 'v1', metadata: [] }, scopes: ['billing'] });
    const m = new DaprTopology(app, 'topology').toMermaid();
    expect(m).toContain('app__tasks__billing(["billing"])');
    expect(m).toContain('class app__tasks__billing external;');
  });

  test('is deterministic', () => {
    expect(topology().toMarkdown()).toBe(topology().toMarkdown());
  });
});

describe('DaprTopology node ids (issue 13, class 9)', () => {
  test('names that differ only in punctuation stay distinct nodes', () => {
    const app = twoApps();
    for (const name of ['a-b', 'a.b']) {
      new ApiObject(app.charts.find((c) => c.namespace === 'tasks')!, name, { apiVersion: 'dapr.io/v1alpha1', kind: 'Component', metadata: { name }, spec: { type: 'lock.redis', version: 'v1', metadata: [] }, scopes: ['billing'] });
    }
    const m = new DaprTopology(app, 'topology').toMermaid();
    expect(m).toContain('component__tasks__a_hb[("a-b<br/><small>lock.redis</small>")]');
    expect(m).toContain('component__tasks__a_db[("a.b<br/><small>lock.redis</small>")]');
    expect(m).toContain('app__tasks__billing -->|"uses"| component__tasks__a_hb');
    expect(m).toContain('app__tasks__billing -->|"uses"| component__tasks__a_db');
  });

  test('the namespace/name boundary is part of the id', () => {
    expect(topologyNodeId('app', 'ns-a', 'b')).not.toBe(topologyNodeId('app', 'ns', 'a-b'));
    expect(topologyNodeId('app', 'ns_a', 'b')).not.toBe(topologyNodeId('app', 'ns', 'a_b'));
    expect(topologyNodeId('app', 'tasks', 'task-api')).toBe('app__tasks__task_hapi');
    expect(topologyNodeId('app', 'a', 'é')).toBe('app__a___x00e9');
  });
});
