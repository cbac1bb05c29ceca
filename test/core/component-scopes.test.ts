import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { DaprApp, IDaprComponentRef, ISecretStore, SecretStore, StateStore } from '../../src';
import { componentScopes, readsKubernetesSecrets } from '../../src/core/component-scopes';
import { injectsComponentContainers } from '../../src/core/dapr-app-ref';

/** A reference implemented outside the library, with members that look like a Component's. */
class LookAlike extends Construct implements IDaprComponentRef {
  public readonly namespace = 'default';
  public readonly scopes = ['orders'];
  public readonly sharedByAllApps = false;
  constructor(scope: Construct, public readonly name: string, public readonly type: string) {
    super(scope, name);
  }
}

describe('core reads components and apps through their interfaces and a brand, never their shape', () => {
  test('a Component tells its scopes; one shared by all apps, or defined elsewhere, has none to tell', () => {
    const chart = Testing.chart();
    const app = DaprApp.fromAppId(chart, 'orders', 'orders');
    const scoped = StateStore.redis(chart, 'cache', { redisHost: 'redis:6379' });
    scoped.grant(app);
    const shared = StateStore.redis(chart, 'shared', { redisHost: 'redis:6379', sharedByAllApps: true });
    expect(componentScopes(scoped)).toEqual(['orders']);
    expect(componentScopes(shared)).toBeUndefined();
    expect(componentScopes(new LookAlike(chart, 'lookalike', 'state.redis'))).toBeUndefined();
    expect(componentScopes(SecretStore.fromName(chart, 'vault', 'vault'))).toBeUndefined();
  });

  test('Kubernetes Secrets are read through no store, the built-in one by name, or a secretstores.kubernetes Component by type', () => {
    const chart = Testing.chart();
    const builtIn: ISecretStore = SecretStore.fromName(chart, 'k8s', 'kubernetes');
    expect(readsKubernetesSecrets(undefined)).toBe(true);
    expect(readsKubernetesSecrets(builtIn)).toBe(true);
    expect(readsKubernetesSecrets(SecretStore.fromName(chart, 'other', 'vault'))).toBe(false);
    // a look-alike's `type` is not read: only the name counts for a store defined elsewhere
    expect(readsKubernetesSecrets(new LookAlike(chart, 'kubernetes', 'secretstores.hashicorp.vault'))).toBe(true);
  });

  test('whether the injector adds component containers is known for apps of this library only', () => {
    const chart = Testing.chart();
    const app = new DaprApp(chart, 'api', { appId: 'api', image: 'ghcr.io/acme/api:1.0.0', pluggableComponents: { inject: true } });
    const plain = new DaprApp(chart, 'web', { appId: 'web', image: 'ghcr.io/acme/web:1.0.0' });
    expect(injectsComponentContainers(app)).toBe(true);
    expect(injectsComponentContainers(app.sidecar)).toBe(true);
    expect(injectsComponentContainers(plain)).toBe(false);
    expect(injectsComponentContainers(DaprApp.fromAppId(chart, 'elsewhere', 'elsewhere'))).toBeUndefined();
  });
});
