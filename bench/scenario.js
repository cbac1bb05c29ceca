// The benchmarked cdk8s app: the control plane plus N DaprApps, each with its own component.
'use strict';
const { Chart } = require('cdk8s');

exports.build = function build(app, dapr, n) {
  if (dapr.DaprControlPlane) {
    const platform = new Chart(app, 'platform');
    new dapr.DaprControlPlane(platform, 'dapr');
  }
  const chart = new Chart(app, 'apps', { namespace: 'bench', disableResourceNameHashes: true });
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
