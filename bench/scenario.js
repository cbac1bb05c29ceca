// The benchmarked cdk8s app: the control plane plus N DaprApps, each with its own component.
'use strict';
const { ApiObject, Chart, Lazy } = require('cdk8s');
const { Construct } = require('constructs');

const APPS_CHART = { namespace: 'bench', disableResourceNameHashes: true };

exports.build = function build(app, dapr, n) {
  if (dapr.DaprControlPlane) {
    const platform = new Chart(app, 'platform');
    new dapr.DaprControlPlane(platform, 'dapr');
  }
  const chart = new Chart(app, 'apps', APPS_CHART);
  for (let i = 0; i < n; i++) {
    const app = new dapr.DaprApp(chart, `app-${i}`, {
      appId: `app-${i}`,
      appPort: 8000,
      image: 'ghcr.io/acme/app:1.0.0',
      sidecarResources: dapr.SidecarResources.production(),
      goMemLimit: true,
    });
    const state = dapr.StateStore.redis(chart, `state-${i}`, {
      redisHost: 'redis:6379',
      redisPassword: dapr.MetadataValue.fromSecret('redis', 'password'),
    });
    state.grant(app);
  }
};

/**
 * The same apps written by hand with cdk8s-plus: a `kplus.Deployment` per app with the Dapr
 * annotations typed in as strings, its Service, and raw ApiObjects for the disruption budget and
 * the component. The other charts (the control plane, the app's Namespaces) come from the
 * library's manifests as plain ApiObjects, in the library's chart order.
 * This is the reference for what cdk8s-plus itself costs, apart from this library's layer.
 */
exports.buildCdk8sPlus = function buildCdk8sPlus(app, kplus, n, charts) {
  for (const c of charts) {
    if (c.id === 'apps') {
      buildApps(app, kplus, n);
    } else {
      const chart = new Chart(app, c.id);
      c.objects.forEach((obj, i) => new ApiObject(chart, `o${i}`, obj));
    }
  }
};

function buildApps(app, kplus, n) {
  const chart = new Chart(app, 'apps', APPS_CHART);
  for (let i = 0; i < n; i++) {
    const name = `app-${i}`;
    const deployment = new kplus.Deployment(chart, name, { metadata: { name } });
    deployment.addContainer({
      name: 'app',
      image: 'ghcr.io/acme/app:1.0.0',
      portNumber: 8000,
      securityContext: {
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
      },
      readiness: kplus.Probe.fromTcpSocket({ port: 8000 }),
    });
    const annotations = {
      'dapr.io/app-id': name,
      'dapr.io/app-port': '8000',
      'dapr.io/disable-builtin-k8s-secret-store': 'true',
      'dapr.io/enabled': 'true',
      'dapr.io/env': 'GOMEMLIMIT=900MiB',
      'dapr.io/sidecar-cpu-limit': '300m',
      'dapr.io/sidecar-cpu-request': '100m',
      'dapr.io/sidecar-memory-limit': '1000Mi',
      'dapr.io/sidecar-memory-request': '250Mi',
      'dapr.io/sidecar-seccomp-profile-type': 'RuntimeDefault',
    };
    for (const [key, value] of Object.entries(annotations)) deployment.podMetadata.addAnnotation(key, value);
    new ApiObject(deployment, 'DisruptionBudget', {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name },
      spec: { maxUnavailable: 1, selector: { matchLabels: Lazy.any({ produce: () => deployment.matchLabels }) } },
    });
    deployment.exposeViaService({ name, ports: [{ port: 8000, targetPort: 8000, name: 'app' }] });
    new ApiObject(new Construct(chart, `state-${i}`), 'Resource', {
      apiVersion: 'dapr.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `state-${i}` },
      scopes: [name],
      spec: {
        type: 'state.redis',
        version: 'v1',
        metadata: [
          { name: 'redisHost', value: 'redis:6379' },
          { name: 'redisPassword', secretKeyRef: { name: 'redis', key: 'password' } },
        ],
      },
    });
  }
}
