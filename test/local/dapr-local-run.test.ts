import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { twoApps } from './fixtures';
import { DaprApp, DaprLocalRun } from '../../src';
import { withoutSchemaCheck } from '../schema-checked-synth';

function twin(props = {}) {
  const app = twoApps();
  const local = new DaprLocalRun(app, 'local', {
    apps: { 'task-api': { appDirPath: '../../services/task-api', command: ['uvicorn', 'main:app', '--port', '8000'], env: { DEBUG: '1' } } },
    ...props,
  });
  return local;
}

describe('DaprLocalRun', () => {
  test('writes a run file, per-app resources, configuration and secret files (snapshot)', () => {
    expect(twin().files('dist/local')).toMatchSnapshot();
  });

  test('access control is left out locally: process mode has no identities to check', () => {
    const config = twin().files('dist/local')['config/task-api.yaml'];
    expect(config.startsWith('# accessControl is left out: process mode has no mTLS identities')).toBe(true);
    const doc = YAML.parse(config);
    expect(doc.spec).toEqual({ tracing: { samplingRate: '1' } });
    expect(doc.metadata).toEqual({ name: 'task-api-config' });
  });

  test('variables Kubernetes takes from Secrets are listed for export, never written', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'jobs', { namespace: 'jobs' });
    new DaprApp(chart, 'worker', {
      appId: 'worker',
      image: 'ghcr.io/acme/worker:1.0.0',
      sidecarEnv: { REGION: 'eu' },
      sidecarEnvFromSecret: { DB_TOKEN: { secretName: 'db', key: 'token' }, LICENSE: { secretName: 'license' } },
    });
    const run = new DaprLocalRun(app, 'local').files('out')['dapr.yaml'];
    expect(run.split('\n').slice(1, 4)).toEqual([
      '# Export these variables first (on Kubernetes they come from Secrets, through dapr.io/env-from-secret):',
      '#   DB_TOKEN (worker: Secret db, key token)',
      '#   LICENSE (worker: Secret license, key LICENSE)',
    ]);
    expect(YAML.parse(run).apps[0].env).toEqual({ REGION: 'eu' });
  });

  test('the run file lists every app with paths relative to its app directory', () => {
    const run = YAML.parse(twin().files('dist/local')['dapr.yaml']);
    expect(run.version).toBe(1);
    expect(run.apps).toEqual([
      {
        appID: 'notification-service', appDirPath: 'notification-service', resourcesPaths: ['../resources/notification-service'], appPort: 8001,
      },
      {
        appID: 'task-api',
        appDirPath: '../../services/task-api',
        command: ['uvicorn', 'main:app', '--port', '8000'],
        resourcesPaths: ['../../dist/local/resources/task-api'],
        configFilePath: '../../dist/local/config/task-api.yaml',
        appPort: 8000,
        env: { DEBUG: '1' },
      },
    ]);
  });

  test('each app gets only the resources scoped to it', () => {
    const files = Object.keys(twin().files('dist/local'));
    expect(files.filter((f) => f.startsWith('resources/task-api/'))).toEqual([
      'resources/task-api/component-kubernetes.yaml',
      'resources/task-api/component-pubsub.yaml',
      'resources/task-api/component-statestore.yaml',
      'resources/task-api/component-vault.yaml',
    ]);
    expect(files.filter((f) => f.startsWith('resources/notification-service/'))).toEqual([
      'resources/notification-service/component-pubsub.yaml',
      'resources/notification-service/component-vault.yaml',
      'resources/notification-service/subscription-task-events.yaml',
    ]);
  });

  test('secret stores become local file stores and secret references resolve from them', () => {
    const files = twin().files('dist/local');
    const vault = YAML.parse(files['resources/task-api/component-vault.yaml']);
    expect(vault.spec).toEqual({
      type: 'secretstores.local.file',
      version: 'v1',
      metadata: [
        { name: 'secretsFile', value: '../../dist/local/secrets/vault.json' },
        { name: 'nestedSeparator', value: ':' },
        { name: 'multiValued', value: 'true' },
      ],
    });
    const state = YAML.parse(files['resources/task-api/component-statestore.yaml']);
    expect(state.auth).toEqual({ secretStore: 'kubernetes' });
    expect(state.metadata.namespace).toBeUndefined();
    expect(state.spec.metadata[1]).toEqual({ name: 'redisPassword', secretKeyRef: { name: 'redis', key: 'password' } });
    expect(JSON.parse(files['secrets/kubernetes.json'])).toEqual({ redis: { password: '' } });
    expect(JSON.parse(files['secrets/vault.json'])).toEqual({ kafka: { password: '' } });
    expect(YAML.parse(files['resources/notification-service/component-vault.yaml']).spec.metadata[0].value).toBe('../secrets/vault.json');
  });

  test('writeFiles keeps secret values a developer filled in', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-'));
    const local = twin();
    local.writeFiles(dir);
    fs.writeFileSync(path.join(dir, 'secrets/vault.json'), JSON.stringify({ kafka: { password: 's3cret' }, other: { x: 'y' } }));
    local.writeFiles(dir);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'secrets/vault.json'), 'utf8'))).toEqual({ kafka: { password: 's3cret' }, other: { x: 'y' } });
    expect(fs.readFileSync(path.join(dir, 'dapr.yaml'), 'utf8')).toBe(local.files(dir)['dapr.yaml']);
    fs.writeFileSync(path.join(dir, 'resources/task-api/component-removed.yaml'), 'stale');
    local.writeFiles(dir);
    expect(fs.existsSync(path.join(dir, 'resources/task-api/component-removed.yaml'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('is deterministic', () => {
    expect(JSON.stringify(twin().files('dist/local'))).toBe(JSON.stringify(twin().files('dist/local')));
  });

  test('refuses settings for an unknown app id', () => {
    const app = twoApps();
    const local = new DaprLocalRun(app, 'local', { apps: { 'task-apj': {} } });
    expect(() => local.files('dist/local')).toThrow('[local] apps: "task-apj" is invalid; allowed: the app id of a Dapr app in this cdk8s app (notification-service, task-api)');
  });

  test('refuses absolute paths, which would not work on another machine', () => {
    const app = Testing.app();
    expect(() => new DaprLocalRun(app, 'local', { secretsDir: '/home/me/secrets' })).toThrow(
      '[local] secretsDir: "/home/me/secrets" is invalid; allowed: a relative path with "/" separators, so the generated files work on any machine');
    expect(() => new DaprLocalRun(app, 'local2', { apps: { a: { appDirPath: 'C:\\src\\a' } } })).toThrow('[local2] apps.a.appDirPath: "C:\\\\src\\\\a" is invalid');
  });
});

describe('DaprLocalRun writes only inside its folder (issue 13, class 2)', () => {
  /** `<tmp>/a/b/out`, so that "../../x" from it lands in `<tmp>/a/x`. */
  function nested() {
    const top = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-escape-'));
    const out = path.join(top, 'a', 'b', 'out');
    fs.mkdirSync(out, { recursive: true });
    return { top, out };
  }

  function listAll(dir: string): string[] {
    return fs.readdirSync(dir, { recursive: true }).map(String).sort();
  }

  test('a secret store name that is a path fails before anything is written', () => {
    const { top, out } = nested();
    const app = twoApps();
    new ApiObject(app.charts.find((c) => c.namespace === 'tasks')!, 'hostile', {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'locks' },
      spec: { type: 'lock.redis', version: 'v1', metadata: [{ name: 'redisPassword', secretKeyRef: { name: 'redis', key: 'password' } }] },
      auth: { secretStore: '../../../x' },
      scopes: ['task-api'],
    });
    const local = new DaprLocalRun(app, 'local');
    expect(() => local.writeFiles(out)).toThrow('[local] secret store name: "../../../x" is invalid; allowed: an RFC 1123 subdomain');
    expect(listAll(top)).toEqual(['a', 'a/b', 'a/b/out']);
    fs.rmSync(top, { recursive: true, force: true });
  });

  test('a resource name that is a path fails', () => {
    const app = twoApps();
    new ApiObject(app.charts.find((c) => c.namespace === 'tasks')!, 'hostile', {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: { name: '../../evil' },
      spec: { type: 'lock.redis', version: 'v1', metadata: [] },
      scopes: ['task-api'],
    });
    // the schema check of the test harness would refuse the object first; the twin must refuse it by itself
    expect(() => withoutSchemaCheck(() => new DaprLocalRun(app, 'local').files('out'))).toThrow('[local] Component name: "../../evil" is invalid; allowed: an RFC 1123 subdomain');
  });

  test('a link out of the folder on the way of a file: nothing is written', () => {
    const { top, out } = nested();
    const elsewhere = path.join(top, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(out, 'secrets'));
    expect(() => twin().writeFiles(out)).toThrow(/^\[local\] writeFiles: "secrets\/kubernetes.json" is invalid; allowed: a file inside the output folder .*a symbolic link on its way points out of the folder$/);
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    expect(fs.readdirSync(out)).toEqual(['secrets']);
    fs.rmSync(top, { recursive: true, force: true });
  });

  test('a link to a generated folder outside: the folder outside is neither emptied nor written', () => {
    const { top, out } = nested();
    const elsewhere = path.join(top, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, 'keep.txt'), 'mine');
    fs.symlinkSync(elsewhere, path.join(out, 'resources'));
    expect(() => twin().writeFiles(out)).toThrow('[local] writeFiles: "resources" is invalid; allowed: a file inside the output folder');
    expect(fs.readdirSync(elsewhere)).toEqual(['keep.txt']);
    fs.rmSync(top, { recursive: true, force: true });
  });

  test('links that stay inside the folder, and an output folder reached through a link, are fine', () => {
    const { top, out } = nested();
    fs.mkdirSync(path.join(out, 'real-secrets'));
    fs.symlinkSync('real-secrets', path.join(out, 'secrets'));
    const viaLink = path.join(top, 'link-to-out');
    fs.symlinkSync(out, viaLink);
    twin().writeFiles(viaLink);
    expect(fs.readdirSync(path.join(out, 'real-secrets')).sort()).toEqual(['kubernetes.json', 'vault.json']);
    fs.rmSync(top, { recursive: true, force: true });
  });

  test('secretsDir may not climb out of the folder', () => {
    const app = Testing.app();
    expect(() => new DaprLocalRun(app, 'local', { secretsDir: '../../x' })).toThrow(
      '[local] secretsDir: "../../x" is invalid; allowed: a folder inside the output folder (no ".." out of it)');
    expect(() => new DaprLocalRun(app, 'local2', { secretsDir: 'a/../../x' })).toThrow('[local2] secretsDir: "a/../../x" is invalid');
    expect(() => new DaprLocalRun(app, 'local3', { secretsDir: 'local/secrets' })).not.toThrow();
  });
});
