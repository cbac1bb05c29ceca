// The benchmarked cdk8s app: the control plane plus N DaprApps, each with its own component.
'use strict';
const { Chart } = require('cdk8s');

exports.build = function build(app, dapr, n) {
  const chart = new Chart(app, 'apps', { namespace: 'bench', disableResourceNameHashes: true });
  for (let i = 0; i < n; i++) {
    new dapr.DaprApp(chart, `app-${i}`, {
      appId: `app-${i}`,
      appPort: 8000,
      image: 'ghcr.io/acme/app:1.0.0',
      sidecarResources: dapr.SidecarResources.production(),
      goMemLimit: true,
    });
  }
};
