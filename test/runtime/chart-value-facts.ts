// What Dapr's 1.18.3 chart renders for the values operators set, recorded by hand from its
// templates (charts/dapr/charts/<service>/templates/*.yaml and charts/dapr/charts/dapr_rbac/templates/*.yaml).
// Each group names the chart values it stands for; the tests synthesize the library's equivalent
// props and compare. A change here means the control plane no longer matches the chart.

/** `global.ha.enabled=true, global.ha.podAntiAffinityPolicy=requiredDuringSchedulingIgnoredDuringExecution`. */
export const ANTI_AFFINITY_REQUIRED = {
  // The Deployment templates hard-code `preferred`, whatever the policy.
  preferred: ['dapr-operator', 'dapr-sentry', 'dapr-sidecar-injector'],
  // Only the StatefulSet templates read the policy.
  required: ['dapr-placement-server', 'dapr-scheduler-server'],
};

/** The pod anti-affinity term every template writes for `app` (topology key `global.ha.topologyKey`). */
export function antiAffinityTerm(app: string, topologyKey: string = 'topology.kubernetes.io/zone'): object {
  return { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [app] }] }, topologyKey };
}

/**
 * `dapr_sidecar_injector.namespaceSelector` / `.objectSelector`: copied verbatim onto the one webhook,
 * after `admissionReviewVersions`.
 */
export const WEBHOOK_SELECTORS = {
  namespaceSelector: { matchLabels: { 'dapr.io/inject': 'enabled' } },
  objectSelector: { matchExpressions: [{ key: 'dapr.io/enabled', operator: 'In', values: ['true'] }] },
};

/**
 * `dapr_sidecar_injector.hostNetwork=true, sidecarRunAsUser=1000, sidecarRunAsGroup=3000,
 * allowedServiceAccounts="argocd:argocd-application-controller", allowedServiceAccountsPrefixNames="flux-system:kustomize-*"`:
 * the pod gets `hostNetwork: true`; the env gets these variables (the run-as pair right after
 * SIDECAR_RUN_AS_NON_ROOT, the allow lists last).
 */
export const INJECTOR_ENV = {
  afterRunAsNonRoot: [
    { name: 'SIDECAR_RUN_AS_USER', value: '1000' },
    { name: 'SIDECAR_RUN_AS_GROUP', value: '3000' },
  ],
  last: [
    { name: 'ALLOWED_SERVICE_ACCOUNTS', value: 'argocd:argocd-application-controller' },
    { name: 'ALLOWED_SERVICE_ACCOUNTS_PREFIX_NAMES', value: 'flux-system:kustomize-*' },
  ],
};

/** `dapr_rbac.serviceAccount.<svc>.annotations`: on the ServiceAccount of each service. */
export const SERVICE_ACCOUNTS = ['dapr-operator', 'dapr-injector', 'dapr-sentry', 'dapr-placement', 'dapr-scheduler'];

/**
 * `<svc>.extraEnvVars`, `global.extraVolumes.<svc>`, `global.extraVolumeMounts.<svc>`,
 * `global.initContainers.<svc>`: the variables follow the ones the template writes first (listed),
 * volumes and mounts follow the built-in ones, init containers go to the pod spec.
 */
export const EXTRAS_POSITION: { [workload: string]: { envBefore: string[]; volumesBefore: string[]; mountsBefore: string[] } } = {
  'dapr-operator': { envBefore: ['NAMESPACE'], volumesBefore: ['dapr-operator-tmp', 'dapr-trust-bundle', 'dapr-identity-token'], mountsBefore: ['dapr-trust-bundle', 'dapr-identity-token', 'dapr-operator-tmp'] },
  'dapr-sentry': { envBefore: ['NAMESPACE'], volumesBefore: ['credentials'], mountsBefore: ['credentials'] },
  'dapr-sidecar-injector': { envBefore: ['DAPR_TRUST_ANCHORS_FILE', 'DAPR_CONTROL_PLANE_TRUST_DOMAIN', 'DAPR_SENTRY_ADDRESS'], volumesBefore: ['dapr-trust-bundle', 'dapr-identity-token'], mountsBefore: ['dapr-trust-bundle', 'dapr-identity-token'] },
  'dapr-placement-server': { envBefore: ['PLACEMENT_ID', 'NAMESPACE'], volumesBefore: ['dapr-trust-bundle', 'dapr-identity-token'], mountsBefore: ['dapr-trust-bundle', 'dapr-identity-token'] },
  'dapr-scheduler-server': { envBefore: ['SCHEDULER_ID', 'NAMESPACE', 'POD_IP'], volumesBefore: ['dapr-scheduler-writeable-identity', 'dapr-trust-bundle', 'dapr-identity-token'], mountsBefore: ['dapr-scheduler-data-dir', 'dapr-scheduler-writeable-identity', 'dapr-trust-bundle', 'dapr-identity-token'] },
};

/**
 * `dapr_operator.apiService.type/annotations`, `.webhookService.*`, `dapr_sentry.service.*`,
 * `dapr_sidecar_injector.service.*`, `dapr_placement.service.annotations`, `dapr_scheduler.service.annotations`:
 * the user's annotations follow the Prometheus ones; the type replaces ClusterIP (placement and
 * scheduler stay headless/ClusterIP).
 */
export const SERVICES_WITH_TYPE = ['dapr-api', 'dapr-webhook', 'dapr-sentry', 'dapr-sidecar-injector'];
export const SERVICES_WITH_ANNOTATIONS_ONLY = ['dapr-placement-server', 'dapr-scheduler-server', 'dapr-scheduler-server-a'];

/** `global.actors.enabled=false`: placement's objects are gone, and the injector says so. */
export const ACTORS_OFF = {
  gone: ['ClusterRole/dapr-placement', 'ClusterRoleBinding/dapr-placement', 'Service/dapr-system/dapr-placement-server',
    'ServiceAccount/dapr-system/dapr-placement', 'StatefulSet/dapr-system/dapr-placement-server'],
  injectorEnv: { ACTORS_ENABLED: 'false', ACTORS_SERVICE_NAME: 'placement', ACTORS_SERVICE_ADDRESS: 'dapr-placement-server:50005' },
};

/** `global.scheduler.enabled=false`. */
export const SCHEDULER_OFF = {
  gone: ['ClusterRole/dapr-scheduler', 'ClusterRoleBinding/dapr-scheduler', 'PodDisruptionBudget/dapr-system/dapr-scheduler-server-disruption-budget',
    'Service/dapr-system/dapr-scheduler-server', 'Service/dapr-system/dapr-scheduler-server-a', 'ServiceAccount/dapr-system/dapr-scheduler',
    'StatefulSet/dapr-system/dapr-scheduler-server'],
  injectorArg: '--scheduler-enabled=false',
};

/** `global.reminders.serviceName=scheduler` (address from templates/_address_scheduler.tpl). */
export const REMINDERS_SCHEDULER_ENV = [
  { name: 'REMINDERS_SERVICE_NAME', value: 'scheduler' },
  { name: 'REMINDERS_SERVICE_ADDRESS', value: 'dapr-scheduler-server:50006' },
];

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };

const LEADER_ELECTION: Rule[] = [
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'list', 'watch', 'update', 'create'], resourceNames: ['operator.dapr.io', 'webhooks.dapr.io'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'update', 'create'], resourceNames: ['operator.dapr.io', 'webhooks.dapr.io'] },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
  { apiGroups: [''], resources: ['configmaps', 'events'], verbs: ['create'] },
];
const WATCH = (podVerbs: string[]): Rule[] => [
  { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: ['get', 'patch'] },
  { apiGroups: ['apps'], resources: ['deployments', 'deployments/finalizers'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments/finalizers'], verbs: ['update'] },
  { apiGroups: ['apps'], resources: ['statefulsets', 'statefulsets/finalizers'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['statefulsets/finalizers'], verbs: ['update'] },
  { apiGroups: [''], resources: ['pods'], verbs: podVerbs },
  { apiGroups: [''], resources: ['services', 'services/finalizers'], verbs: ['get', 'list', 'watch', 'update', 'create'] },
  { apiGroups: [''], resources: ['services'], verbs: ['delete'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['dapr.io'], resources: ['components', 'configurations', 'subscriptions', 'resiliencies', 'httpendpoints', 'mcpservers', 'workflowaccesspolicies'], verbs: ['get', 'list', 'watch'] },
];
const ROLLOUTS: Rule[] = [
  { apiGroups: ['argoproj.io'], resources: ['rollouts'], verbs: ['get', 'list', 'watch', 'delete'] },
  { apiGroups: ['argoproj.io'], resources: ['rollouts/finalizers'], verbs: ['update'] },
];

/** The operator's roles (dapr_rbac/templates/operator.yaml) for the values that change them. */
export const OPERATOR_RBAC: { [values: string]: { clusterRole?: Rule[]; role: Rule[] } } = {
  'defaults': { clusterRole: WATCH(['get', 'list', 'delete', 'watch']), role: LEADER_ELECTION },
  'global.operator.watchdogCanPatchPodLabels=true': { clusterRole: WATCH(['get', 'list', 'delete', 'watch', 'patch']), role: LEADER_ELECTION },
  'global.argoRolloutServiceReconciler.enabled=true': { clusterRole: [...WATCH(['get', 'list', 'delete', 'watch']), ...ROLLOUTS], role: [...LEADER_ELECTION, ...ROLLOUTS] },
  // No ClusterRole; the Role's pods rule has no "watch" (and no "patch" whatever the watchdog value).
  'global.rbac.namespaced=true': { role: [...LEADER_ELECTION, ...WATCH(['get', 'list', 'delete'])] },
};

/** `global.rbac.namespaced=true` for the other identities. */
export const NAMESPACED_RBAC = {
  injectorClusterRole: [
    { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get', 'list'] },
    { apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['patch'], resourceNames: ['dapr-sidecar-injector'] },
  ],
  injectorRoleAdds: { apiGroups: ['dapr.io'], resources: ['components'], verbs: ['get', 'list'] },
  sentryClusterRole: [{ apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] }],
  // ClusterRole/ClusterRoleBinding become Role/RoleBinding of the same name and rules.
  roles: { 'dapr-placement': [], 'dapr-scheduler': [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }] },
  gone: ['ClusterRole/dapr-operator-admin', 'ClusterRoleBinding/dapr-operator-admin', 'ClusterRole/dapr-placement', 'ClusterRoleBinding/dapr-placement',
    'ClusterRole/dapr-scheduler', 'ClusterRoleBinding/dapr-scheduler'],
};

/**
 * `dapr_operator.watchNamespace=apps, serviceReconciler.enabled=false, global.argoRolloutServiceReconciler.enabled=true,
 * global.operator.watchdogCanPatchPodLabels=true, watchInterval=30s, maxPodRestartsPerMinute=5`: the flags after metrics.
 */
export const OPERATOR_ARGS = {
  head: ['--watch-interval', '30s', '--max-pod-restarts-per-minute', '5'],
  tail: ['--watch-namespace', 'apps', '--disable-service-reconciler', '--enable-argo-rollout-service-reconciler', '--watchdog-can-patch-pod-labels'],
};

/**
 * `dapr_sentry.jwt.enabled=true, keyFilename=jwt.key, jwksFilename=jwks.json, issuer=https://dapr.acme.example,
 * signingAlgorithm=ES256, keyID=k1` and `oidc.enabled=true, server.port=8443, jwksURI=..., pathPrefix=/oidc,
 * allowedHosts={a.acme.example,b.acme.example}, tls.certFile=/oidc-tls/tls.crt, tls.keyFile=/oidc-tls/tls.key`:
 * flags after the trust domain, an "oidc" container port 9080, and a Service port.
 */
export const SENTRY_ARGS = [
  '--jwt-enabled=true',
  '--jwt-key-filename=jwt.key',
  '--jwks-filename=jwks.json',
  '--jwt-issuer=https://dapr.acme.example',
  '--jwt-signing-algorithm=ES256',
  '--jwt-key-id=k1',
  '--oidc-enabled=true',
  '--oidc-server-listen-address=0.0.0.0',
  '--oidc-jwks-uri=https://dapr.acme.example/jwks.json',
  '--oidc-path-prefix=/oidc',
  '--oidc-allowed-hosts=a.acme.example,b.acme.example',
  '--oidc-server-tls-cert-file=/oidc-tls/tls.crt',
  '--oidc-server-tls-key-file=/oidc-tls/tls.key',
  '--oidc-server-tls-enabled=true',
];
export const SENTRY_OIDC_PORTS = {
  container: { name: 'oidc', containerPort: 9080, protocol: 'TCP' },
  service: { name: 'oidc', port: 8443, targetPort: 9080, protocol: 'TCP' },
};

/**
 * `dapr_scheduler.etcdSpaceQuota=16Gi, etcdCompactionMode=periodic, etcdCompactionRetention=10m, etcdSnapshotCount=5000,
 * etcdMaxSnapshots=3, etcdMaxWals=4, etcdBackendBatchLimit=500, etcdBackendBatchInterval=50ms, etcdMaxTxnOps=256,
 * etcdDefragThresholdMB=0, etcdInitialElectionTickAdvance=true, etcdMetrics=extensive, workers=512,
 * overrideBroadcastHostPort=scheduler.acme.example:443`.
 */
export const SCHEDULER_TUNED_ARGS = [
  '--etcd-space-quota=16Gi',
  '--etcd-compaction-mode=periodic',
  '--etcd-compaction-retention=10m',
  '--etcd-snapshot-count=5000',
  '--etcd-max-snapshots=3',
  '--etcd-max-wals=4',
  '--etcd-backend-batch-limit=500',
  '--etcd-backend-batch-interval=50ms',
  '--etcd-max-txn-ops=256',
  '--etcd-experimental-bootstrap-defrag-threshold-megabytes=0',
  '--etcd-initial-election-tick-advance=true',
  '--etcd-metrics=extensive',
];
export const SCHEDULER_TAIL_ARGS = ['--workers=512', '--override-broadcast-host-port=scheduler.acme.example:443'];

/**
 * `dapr_scheduler.etcdEmbed=false, etcdClientEndpoints={https://etcd-0.etcd:2379,https://etcd-1.etcd:2379}, etcdClientUsername=dapr`,
 * right after `--etcd-initial-cluster <peers>`. (The chart's `etcdClientPassword` is a literal flag value;
 * the library's equivalent takes it from a Secret, see the test.)
 */
export const EXTERNAL_ETCD_ARGS = ['--etcd-embed=false', '--etcd-client-endpoints', 'https://etcd-0.etcd:2379,https://etcd-1.etcd:2379', '--etcd-client-username', 'dapr'];

/**
 * `dapr_placement.metadataEnabled=true, replicationFactor=50, maxActorApiLevel=20, minActorApiLevel=5,
 * keepAliveTime=5s, keepAliveTimeout=10s, disseminateTimeout=20s, disseminateCoalesceWindow=500ms`: right after the log flags.
 * `scaleZero=true`: `replicas: 0`.
 */
export const PLACEMENT_ARGS = [
  '--metadata-enabled',
  '--replicationFactor=50',
  '--max-api-level=20',
  '--min-api-level=5',
  '--keepalive-time=5s',
  '--keepalive-timeout=10s',
  '--disseminate-timeout=20s',
  '--disseminate-coalesce-window=500ms',
];

/** `<svc>.livenessProbe.* / readinessProbe.*` (same keys for every service). */
export const PROBES = {
  livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 30, periodSeconds: 5, failureThreshold: 6 },
  readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 2, periodSeconds: 3, failureThreshold: 4 },
};

/**
 * `global.daprControlPlaneArch=arm64`: a second requirement in the one node selector term of every pod.
 */
export const ARCH_NODE_REQUIREMENTS = [
  { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
  { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
];

/** `dapr_config.dapr_default_system_config_name=platform-system`: the Configuration's name. */
export const CONFIGURATION_NAME = 'platform-system';
