import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { DaprApp, IDaprComponentRef, ISecretStore, MetadataValue, StateStore, SecretStore, Subscription } from '../../src';

/*
 * Issue 13, class 2: every name the library takes for a Kubernetes/Dapr object it refers to is
 * checked as the API server checks that kind's names, since names end up in references and in
 * the local twin's file names. Custom resources (Component, Configuration, ...) and Secrets:
 * NameIsDNSSubdomain (apiextensions-apiserver's custom resource validator; ValidateSecretName in
 * k8s.io/kubernetes pkg/apis/core/validation), Secret keys: IsConfigMapKey
 * (k8s.io/apimachinery/pkg/util/validation/validation.go).
 */

function chart() {
  return new Chart(Testing.app(), 'c', { namespace: 'ns' });
}

describe('names that become references or paths', () => {
  test('SecretStore.fromName refuses a path', () => {
    expect(() => SecretStore.fromName(chart(), 'store', '../../x')).toThrow(
      '[c/store] name: "../../x" is invalid; allowed: an RFC 1123 subdomain');
    expect(SecretStore.fromName(chart(), 'store', 'vault').name).toBe('vault');
  });

  test('DaprApp.fromAppId refuses a path', () => {
    expect(() => DaprApp.fromAppId(chart(), 'peer', '../x')).toThrow('[c/peer] appId: "../x" is invalid; allowed: an RFC 1035 label');
  });

  test('a secret store of our own implementation is checked where it is used', () => {
    const c = chart();
    class Hostile extends Construct implements ISecretStore {
      public readonly name = '../../x';
      public readonly namespace = 'ns';
    }
    const store = StateStore.redis(c, 'state', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', 'password') });
    expect(() => store.useSecretStore(new Hostile(c, 'hostile'))).toThrow('[c/state] secretStore: "../../x" is invalid; allowed: an RFC 1123 subdomain');
  });

  test('a component reference of our own implementation is checked (Subscription pubsub)', () => {
    const c = chart();
    class Hostile extends Construct implements IDaprComponentRef {
      public readonly name = 'a/../b';
      public readonly namespace = 'ns';
      public readonly type = 'pubsub.redis';
    }
    expect(() => new Subscription(c, 'sub', { pubsub: new Hostile(c, 'hostile'), topic: 't', route: '/t', sharedByAllApps: true } as any)).toThrow(
      '[c/sub] pubsub: "a/../b" is invalid; allowed: the name of a Dapr component: an RFC 1123 subdomain');
  });

  test('a Kubernetes Secret key must be a Secret data key', () => {
    const c = chart();
    const store = StateStore.redis(c, 'state', { redisHost: 'redis:6379', redisPassword: MetadataValue.fromSecret('redis', '../x') });
    store.grant(DaprApp.fromAppId(c, 'peer', 'peer', 'ns'));
    expect(() => Testing.synth(c)).toThrow('metadata.redisPassword.secretKeyRef.key: <redacted: 4 characters> is invalid; allowed: a Secret key: letters, digits, "-", "_" and ".", at most 253 characters, not "." or ".."');
  });
});
