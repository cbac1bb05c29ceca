import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Configuration, DaprApp, DaprAppProps, DaprSidecar, MetadataValue, PubSub, SecretStore, StateStore, Subscription } from '../../src';
import { NESTED_OPTION_KEYS, SIDECAR_OPTION_KEYS } from '../../src/app/option-keys';
import { withoutSchemaCheck } from '../schema-checked-synth';

/*
 * daprd's start conditions, each with the broken form that fails synth (issue: daprd exits in
 * every DaprApp; two actor state stores; app id collisions; references not granted).
 */

const IMAGE = 'ghcr.io/acme/task-api:1.0.0';

function app(scope: Chart, id: string, props: Partial<DaprAppProps> = {}): DaprApp {
  return new DaprApp(scope, id, { appId: id, image: IMAGE, ...props });
}

describe('(1) a Kubernetes API token wherever daprd loads a Kubernetes secret store', () => {
  test('a plain DaprApp starts: the built-in store is off, no token, no RBAC', () => {
    const chart = Testing.chart();
    app(chart, 'web');
    const objects = Testing.synth(chart);
    const pod = objects.find((o) => o.kind === 'Deployment').spec.template;
    expect(pod.metadata.annotations['dapr.io/disable-builtin-k8s-secret-store']).toBe('true');
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(objects.map((o) => o.kind)).not.toContain('Role');
  });

  test('keeping the built-in store: a ServiceAccount, a Role to get the named Secrets, its binding, and a token in daprd only', () => {
    const chart = Testing.chart();
    const web = app(chart, 'web', { security: { disableBuiltinK8sSecretStore: false, kubernetesSecretNames: ['web-db', 'api-keys'] } });
    const objects = Testing.synth(chart);
    expect(objects.find((o) => o.kind === 'ServiceAccount')).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'web' }, automountServiceAccountToken: false });
    expect(objects.find((o) => o.kind === 'Role').rules).toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['api-keys', 'web-db'] }]);
    expect(objects.find((o) => o.kind === 'RoleBinding')).toMatchObject({
      subjects: [{ kind: 'ServiceAccount', name: 'web', namespace: 'default' }], roleRef: { kind: 'Role', name: 'web-dapr-secrets' },
    });
    const spec = objects.find((o) => o.kind === 'Deployment').spec.template.spec;
    expect(spec.serviceAccountName).toBe('web');
    expect(spec.automountServiceAccountToken).toBe(false);
    const pod = DaprSidecar.injectedPod(web);
    const [appContainer, daprd] = pod.spec.containers;
    expect(daprd.volumeMounts).toContainEqual({ name: 'dapr-kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true });
    expect(appContainer.volumeMounts ?? []).toEqual([]);
    expect(daprd.args).not.toContain('--disable-builtin-k8s-secret-store');
  });

  test('a secretstores.kubernetes component granted to the app: token and RBAC, limited to the Secrets components read through it', () => {
    const chart = Testing.chart();
    const web = app(chart, 'web');
    const store = SecretStore.kubernetes(chart, 'k8s-secrets');
    store.grant(web);
    const redis = StateStore.redis(chart, 'state', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password'), secretStore: store });
    redis.grant(web);
    const objects = Testing.synth(chart);
    expect(objects.find((o) => o.kind === 'Role').rules[0].resourceNames).toEqual(['redis']);
    expect(DaprSidecar.injectedPod(web).spec.volumes.map((v: any) => v.name)).toEqual(['dapr-kube-api-access', 'dapr-identity-token']);
  });

  test('broken: an annotated workload keeps the built-in store without a token', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: IMAGE }] });
    DaprSidecar.annotate(deployment, { appId: 'web', security: { disableBuiltinK8sSecretStore: false } });
    expect(() => Testing.synth(chart)).toThrow('[test/web] security.disableBuiltinK8sSecretStore: false is invalid; allowed: a Kubernetes API token in daprd for daprd\'s built-in Kubernetes secret store (its Init reads /var/run/secrets/kubernetes.io/serviceaccount/token; without it daprd exits)');
  });

  test('broken: a token but no RBAC to get Secrets', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: IMAGE }], automountServiceAccountToken: true });
    DaprSidecar.annotate(deployment, { appId: 'web', security: { disableBuiltinK8sSecretStore: false } });
    expect(() => Testing.synth(chart)).toThrow('[test/web] security.disableBuiltinK8sSecretStore: false is invalid; allowed: RBAC for daprd\'s built-in Kubernetes secret store: a Role (or ClusterRole) with "get" on secrets, bound by a RoleBinding in namespace "default" to ServiceAccount "default"');
    new ApiObject(chart, 'role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }] });
    new ApiObject(chart, 'binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'default' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
    });
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('broken: a Kubernetes secret store shared by all apps reaches an annotated workload without a token', () => {
    const chart = Testing.chart();
    const deployment = new kplus.Deployment(chart, 'web', { containers: [{ image: IMAGE }] });
    DaprSidecar.annotate(deployment, { appId: 'web' });
    SecretStore.kubernetes(chart, 'shared', { sharedByAllApps: true });
    expect(() => Testing.synth(chart)).toThrow('[test/web] secret stores: ["shared"] is invalid; allowed: a Kubernetes API token in daprd for the secretstores.kubernetes component "shared"');
  });
});

describe('(2) one actor state store per app', () => {
  test('broken: two actorStateStore stores granted to one app (daprd: "detected duplicate actor state store")', () => {
    const chart = Testing.chart();
    const web = app(chart, 'web');
    for (const id of ['actors-a', 'actors-b']) {
      StateStore.redis(chart, id, { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password'), actorStateStore: true }).grant(web);
    }
    expect(() => Testing.synth(chart)).toThrow('[test/web] actor state stores: ["actors-a","actors-b"] is invalid; allowed: at most one state store with actorStateStore: true per app');
  });

  test('one per app is fine, and apps each with their own store too', () => {
    const chart = Testing.chart();
    const a = app(chart, 'a');
    const b = app(chart, 'b');
    StateStore.redis(chart, 'actors-a', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password'), actorStateStore: true }).grant(a);
    StateStore.redis(chart, 'actors-b', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password'), actorStateStore: true }).grant(b);
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});

describe('(3) app ids unique per namespace across the cdk8s app', () => {
  test('broken: two DaprApps in one chart', () => {
    const chart = Testing.chart();
    app(chart, 'web');
    new DaprApp(chart, 'web2', { appId: 'web', image: IMAGE, metadata: { name: 'web-two' } });
    expect(() => withoutSchemaCheck(() => Testing.synth(chart))).toThrow('[test/web] appId: "web" is invalid; allowed: an app id unique in namespace "default" (test/web2 has it too');
  });

  test('broken: two DaprApps across charts of one namespace; fine across namespaces', () => {
    const root = Testing.app();
    const a = new Chart(root, 'a', { namespace: 'shop' });
    const b = new Chart(root, 'b', { namespace: 'shop' });
    app(a, 'web');
    app(b, 'web');
    expect(() => Testing.synth(a)).toThrow('[a/web] appId: "web" is invalid; allowed: an app id unique in namespace "shop" (b/web has it too');
    const other = Testing.app();
    app(new Chart(other, 'a', { namespace: 'shop' }), 'web');
    const c = new Chart(other, 'c', { namespace: 'billing' });
    app(c, 'web');
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('broken: a DaprApp and an annotated workload', () => {
    const chart = Testing.chart();
    app(chart, 'web');
    const deployment = new kplus.Deployment(chart, 'legacy', { containers: [{ image: IMAGE }] });
    DaprSidecar.annotate(deployment, { appId: 'web' });
    expect(() => Testing.synth(chart)).toThrow('[test/legacy] appId: "web" is invalid; allowed: an app id unique in namespace "default" (test/web has it too');
  });

  test('broken: a DaprApp and an included object that carries dapr.io/app-id', () => {
    const chart = Testing.chart();
    app(chart, 'web');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'include-'));
    const file = path.join(dir, 'legacy.yaml');
    fs.writeFileSync(file, [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: legacy }',
      'spec:', '  selector: { matchLabels: { app: legacy } }', '  template:',
      '    metadata: { labels: { app: legacy }, annotations: { dapr.io/enabled: "true", dapr.io/app-id: web } }',
      '    spec: { containers: [{ name: app, image: "ghcr.io/acme/legacy:1.0.0" }] }', '',
    ].join('\n'));
    new Include(chart, 'legacy', { url: file });
    fs.rmSync(dir, { recursive: true });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/web\] appId: "web" is invalid; allowed: an app id unique in namespace "default" \(test\/legacy\/.* has it too/);
  });
});

describe('(4) what an app references exists and is granted to it', () => {
  test('broken: a Configuration not built in the app, in another namespace', () => {
    const chart = Testing.chart();
    const config = new Configuration(chart, 'config', { name: 'cfg', namespace: 'other' });
    expect(() => { app(chart, 'web', { configuration: config }); Testing.synth(chart); })
      .toThrow('configuration: "other/cfg" is invalid; allowed: a Configuration in the app\'s namespace "default"');
  });

  test('broken: a subscription on a pub/sub the app is not granted', () => {
    const chart = Testing.chart();
    const web = app(chart, 'web', { appPort: 8080 });
    const other = app(chart, 'other');
    const pubsub = PubSub.redis(chart, 'events', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password') });
    pubsub.grant(other);
    new Subscription(chart, 'sub', { pubsub, topic: 'orders', defaultRoute: '/orders', apps: [web] } as any);
    expect(() => Testing.synth(chart)).toThrow('pubsub: "events" is invalid; allowed: a pub/sub component that app "web" loads: also grant "events" to it');
  });

  test('broken: a component reads secrets from a store its app is not granted', () => {
    const chart = Testing.chart();
    const web = app(chart, 'web');
    const vault = SecretStore.vault(chart, 'vault', { vaultAddr: 'https://vault:8200', vaultToken: MetadataValue.fromSecret('vault', 'token') } as any);
    vault.grant(app(chart, 'other'));
    const redis = StateStore.redis(chart, 'state', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password'), secretStore: vault });
    redis.grant(web);
    expect(() => Testing.synth(chart)).toThrow('[test/state] secretStore: "vault" is invalid; allowed: a secret store that every app of this component can load: also grant "vault" to app "web"');
  });

  test('a secret store granted to no app says why and what to do', () => {
    const chart = Testing.chart();
    const web = app(chart, 'web');
    const vault = SecretStore.vault(chart, 'vault', { vaultAddr: 'https://vault:8200', vaultToken: MetadataValue.fromSecret('vault', 'token') } as any);
    StateStore.redis(chart, 'state', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password'), secretStore: vault }).grant(web);
    expect(() => Testing.synth(chart)).toThrow('[test/vault] scopes: [] is invalid; allowed: at least one app: daprd loads a secret store only in the apps it is granted to (an empty scope list would load it in every app), and components that read secrets through it (auth.secretStore) resolve them in those apps\' sidecars; grant it to the apps of "state": store.grant(app) for "web", or set sharedByAllApps: true');
  });
});

describe('annotateApiObject and plain JavaScript props', () => {
  function included(chart: Chart, annotations: { [k: string]: string }): ApiObject {
    return new ApiObject(chart, 'legacy', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'legacy' },
      spec: {
        selector: { matchLabels: { app: 'legacy' } },
        template: { metadata: { labels: { app: 'legacy' }, annotations }, spec: { containers: [{ name: 'app', image: IMAGE }] } },
      },
    });
  }

  test('an existing dapr.io annotation with another value fails, unless identical or overwrite is asked for', () => {
    const chart = Testing.chart();
    expect(() => DaprSidecar.annotateApiObject(included(chart, { 'dapr.io/app-port': '9000' }), { appId: 'legacy', appPort: 8080 }))
      .toThrow('[test/legacy] annotations["dapr.io/app-port"]: "9000" is invalid; allowed: "8080", the value the options give it; the object already sets it otherwise: drop it from the object, or pass { overwrite: true }');
    const same = Testing.chart();
    DaprSidecar.annotateApiObject(included(same, { 'dapr.io/app-port': '8080' }), { appId: 'legacy', appPort: 8080 });
    const over = Testing.chart();
    DaprSidecar.annotateApiObject(included(over, { 'dapr.io/app-port': '9000' }), { appId: 'legacy', appPort: 8080 }, { overwrite: true });
    expect(Testing.synth(over)[0].spec.template.metadata.annotations['dapr.io/app-port']).toBe('8080');
  });

  test('a misspelled dapr.io key on the object fails with a suggestion; ill-typed values too', () => {
    const chart = Testing.chart();
    expect(() => DaprSidecar.annotateApiObject(included(chart, { 'dapr.io/app-prot': '8080' }), { appId: 'legacy' }))
      .toThrow('[test/legacy] annotations["dapr.io/app-prot"]: "8080" is invalid; allowed: an annotation the Dapr 1.18 injector reads on pods (did you mean "dapr.io/app-port"?)');
    const typed = Testing.chart();
    expect(() => DaprSidecar.annotateApiObject(included(typed, { 'dapr.io/log-as-json': 'ture' }), { appId: 'legacy' }))
      .toThrow('[test/legacy] annotations["dapr.io/log-as-json"]: "ture" is invalid; allowed: true or false');
  });

  test('from plain JavaScript: a missing or misspelled appId is the library\'s error, never scopes: [null]', () => {
    const chart = Testing.chart();
    expect(() => new DaprApp(chart, 'a', { image: IMAGE } as any)).toThrow('[test/a] appId: undefined is invalid; allowed: an RFC 1035 label');
    expect(() => new DaprApp(chart, 'b', { appID: 'b', image: IMAGE } as any)).toThrow('[test/b] appID: "b" is invalid; allowed: a known option (did you mean "appId"?)');
    const deployment = new kplus.Deployment(chart, 'd', { containers: [{ image: IMAGE }] });
    expect(() => DaprSidecar.annotate(deployment, { appid: 'd' } as any)).toThrow('[test/d] appid: "d" is invalid; allowed: a known option (did you mean "appId"?)');
  });

  test('from plain JavaScript: unknown nested keys get a suggestion too', () => {
    const chart = Testing.chart();
    expect(() => new DaprApp(chart, 'a', { appId: 'a', image: IMAGE, security: { disableBuiltinK8sSecretstore: false } } as any))
      .toThrow('[test/a] security.disableBuiltinK8sSecretstore: false is invalid; allowed: a known option (did you mean "security.disableBuiltinK8sSecretStore"?)');
  });

  test('broken: an annotated included object and a DaprApp with one app id (patches applied)', () => {
    const chart = Testing.chart();
    const legacy = included(chart, {});
    DaprSidecar.annotateApiObject(legacy, { appId: 'web' });
    app(chart, 'web');
    legacy.addJsonPatch(JsonPatch.add('/metadata/labels', { a: 'b' }));
    expect(() => Testing.synth(chart)).toThrow('[test/legacy] appId: "web" is invalid; allowed: an app id unique in namespace "default" (test/web has it too');
  });

  test('the option key lists match the interfaces', () => {
    const source = fs.readFileSync(path.join(__dirname, '../../src/app/sidecar-options.ts'), 'utf8');
    const members = (iface: string) => {
      const body = source.slice(source.indexOf(`export interface ${iface} `));
      return [...body.slice(0, body.indexOf('\n}')).matchAll(/^ {2}readonly (\w+)\??:/gm)].map((m) => m[1]).sort();
    };
    expect([...SIDECAR_OPTION_KEYS].sort()).toEqual(members('DaprSidecarOptions'));
    const structs: { [option: string]: string } = {
      ports: 'SidecarPorts',
      logging: 'SidecarLogging',
      metrics: 'SidecarMetrics',
      debug: 'SidecarDebug',
      sidecarLivenessProbe: 'SidecarProbe',
      sidecarReadinessProbe: 'SidecarProbe',
      appHealthCheck: 'AppHealthCheck',
      shutdown: 'SidecarShutdown',
      http: 'SidecarHttp',
      networking: 'SidecarNetworking',
      security: 'SidecarSecurity',
      pluggableComponents: 'PluggableComponentsOptions',
      actors: 'SidecarActors',
    };
    for (const [option, iface] of Object.entries(structs)) expect([...NESTED_OPTION_KEYS[option]].sort()).toEqual(members(iface));
    expect(Object.keys(NESTED_OPTION_KEYS).sort()).toEqual(Object.keys(structs).sort());
  });
});
