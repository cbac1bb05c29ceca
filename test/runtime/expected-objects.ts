// The objects Dapr's chart renders for Dapr 1.18.3 (kind/name), plus the Namespace this library
// adds, less the chart's secret reader (opt-in here: `secretReader: true`). Kept by hand: a change
// here means the control plane no longer matches the chart.
export const DEFAULT_OBJECTS = [
  'ClusterRole/dapr-injector',
  'ClusterRole/dapr-operator-admin',
  'ClusterRole/dapr-placement',
  'ClusterRole/dapr-scheduler',
  'ClusterRole/dapr-sentry',
  'ClusterRoleBinding/dapr-injector',
  'ClusterRoleBinding/dapr-operator-admin',
  'ClusterRoleBinding/dapr-placement',
  'ClusterRoleBinding/dapr-scheduler',
  'ClusterRoleBinding/dapr-sentry',
  'ConfigMap/dapr-system/dapr-trust-bundle',
  'Configuration/dapr-system/daprsystem',
  'Deployment/dapr-system/dapr-operator',
  'Deployment/dapr-system/dapr-sentry',
  'Deployment/dapr-system/dapr-sidecar-injector',
  'MutatingWebhookConfiguration/dapr-sidecar-injector',
  'Namespace/dapr-system',
  'PodDisruptionBudget/dapr-system/dapr-scheduler-server-disruption-budget',
  'Role/dapr-system/dapr-injector',
  'Role/dapr-system/dapr-operator',
  'Role/dapr-system/dapr-sentry',
  'RoleBinding/dapr-system/dapr-injector',
  'RoleBinding/dapr-system/dapr-operator',
  'RoleBinding/dapr-system/dapr-sentry',
  'Secret/dapr-system/dapr-trust-bundle',
  'Service/dapr-system/dapr-api',
  'Service/dapr-system/dapr-placement-server',
  'Service/dapr-system/dapr-scheduler-server',
  'Service/dapr-system/dapr-scheduler-server-a',
  'Service/dapr-system/dapr-sentry',
  'Service/dapr-system/dapr-sidecar-injector',
  'Service/dapr-system/dapr-webhook',
  'ServiceAccount/dapr-system/dapr-injector',
  'ServiceAccount/dapr-system/dapr-operator',
  'ServiceAccount/dapr-system/dapr-placement',
  'ServiceAccount/dapr-system/dapr-scheduler',
  'ServiceAccount/dapr-system/dapr-sentry',
  'StatefulSet/dapr-system/dapr-placement-server',
  'StatefulSet/dapr-system/dapr-scheduler-server',
];

/** What HA adds. */
export const HA_EXTRA_OBJECTS = [
  'PodDisruptionBudget/dapr-system/dapr-operator-disruption-budget',
  'PodDisruptionBudget/dapr-system/dapr-placement-server-disruption-budget',
  'PodDisruptionBudget/dapr-system/dapr-sentry-budget',
  'PodDisruptionBudget/dapr-system/dapr-sidecar-injector-disruption-budget',
];

/** The API groups/versions a cluster with Dapr's CRDs serves, per kind. */
export const KNOWN_KINDS: { [kind: string]: string } = {
  Namespace: 'v1',
  ServiceAccount: 'v1',
  Service: 'v1',
  Secret: 'v1',
  ConfigMap: 'v1',
  ResourceQuota: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1',
  ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  Role: 'rbac.authorization.k8s.io/v1',
  RoleBinding: 'rbac.authorization.k8s.io/v1',
  MutatingWebhookConfiguration: 'admissionregistration.k8s.io/v1',
  PodDisruptionBudget: 'policy/v1',
  CustomResourceDefinition: 'apiextensions.k8s.io/v1',
  Configuration: 'dapr.io/v1alpha1',
};

/** Kinds without a namespace. */
export const CLUSTER_SCOPED = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'MutatingWebhookConfiguration', 'CustomResourceDefinition'];
