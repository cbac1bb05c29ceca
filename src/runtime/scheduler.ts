import { Construct, IConstruct } from 'constructs';
import { ControlPlaneService } from './control-plane-service';
import { ControlPlaneStorage } from './control-plane-storage';
import { checkAnnotations, ControlPlaneValues, TRUST_ANCHORS_DIR, TRUST_BUNDLE } from './control-plane-values';
import { SchedulerEtcdTuning, SchedulerExternalEtcd, SchedulerOptions } from './dapr-control-plane-props';
import * as k8s from './kube';
import { podExtras } from './pod-extras';
import { containerSecurityContext, identityTokenVolume, metricsContainerPorts, metricsServicePorts, servicePort, trustBundleVolume, trustMounts } from './pod-spec';
import { storageClaim } from './storage-claim';
import { checkDnsSubdomain, checkInteger, checkOneOf, checkQuantity, checkDuration, fail } from '../core/validation';

const NAME = 'dapr-scheduler-server';
const COMPONENT = 'scheduler';
const API_PORT = 50006;
const ETCD_CLIENT_PORT = 2379;
const ETCD_PEER_PORT = 2380;
const DATA_DIR = '/var/run/data/dapr-scheduler';
/** The variable the external etcd password reaches the scheduler through; args expand `$(NAME)`. */
const ETCD_PASSWORD_ENV = 'DAPR_SCHEDULER_ETCD_CLIENT_PASSWORD';

/**
 * dapr-scheduler-server: an embedded etcd cluster that stores and fires jobs, actor reminders
 * and workflow timers.
 * @internal
 */
export class DaprScheduler extends ControlPlaneService {
  constructor(scope: Construct, id: string, values: ControlPlaneValues, options: SchedulerOptions = {}) {
    super(scope, id, NAME);
    const logLevel = values.checkLogLevel('scheduler.logLevel', options.logLevel) ?? values.logLevel;
    const replicas = checkInteger(this, 'scheduler.replicas', options.replicas ?? 3, 1, 7);
    if (replicas % 2 === 0) {
      fail(this, 'scheduler.replicas', replicas, '1, 3, 5 or 7 (an odd count, so a majority of etcd members survives a failure)');
    }
    const storage = options.storage ?? ControlPlaneStorage.persistent();
    const claim = storage.memoryBacked ? undefined : storageClaim(this, 'dapr-scheduler-data-dir', storage, '16Gi', 'scheduler.storage');
    const rules = [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }];
    const serviceAccountAnnotations = checkAnnotations(this, 'scheduler.serviceAccountAnnotations', options.serviceAccountAnnotations);
    const extras = podExtras(this, 'scheduler', options, ['dapr-scheduler-data-dir', 'dapr-scheduler-writeable-identity', TRUST_BUNDLE, 'dapr-identity-token'],
      ['SCHEDULER_ID', 'NAMESPACE', 'POD_IP', ETCD_PASSWORD_ENV], containerSecurityContext(values));
    const external = options.externalEtcd && externalEtcd(this, options.externalEtcd);
    const workers = checkInteger(this, 'scheduler.workers', options.workers ?? 2048, 1, 2 ** 20);
    const broadcast = options.broadcastHostPort === undefined ? undefined : checkHostPort(this, 'scheduler.broadcastHostPort', options.broadcastHostPort);
    const annotations = { ...values.prometheusAnnotationsMap(), ...checkAnnotations(this, 'scheduler.serviceAnnotations', options.serviceAnnotations) };
    const etcdPorts: k8s.ServicePort[] = [{ name: 'etcd-client', port: ETCD_CLIENT_PORT }, { name: 'etcd-peer', port: ETCD_PEER_PORT }];
    const peers = Array.from({ length: replicas }, (_, i) =>
      `${NAME}-${i}=https://${NAME}-${i}.${NAME}.${values.namespace}.svc.${values.clusterDomain}:${ETCD_PEER_PORT}`).join(',');
    const etcdTuning = etcdTuningArgs(this, options.etcd ?? {});

    this.build(values, {
      name: NAME,
      component: COMPONENT,
      prop: 'scheduler',
      options,
      binary: 'scheduler',
      replicas,
      stateful: { volumeClaimTemplates: claim ? [claim] : undefined },
      identity: {
        name: 'dapr-scheduler',
        // A Role with namespaced RBAC, as charts/dapr/charts/dapr_rbac/templates/scheduler.yaml renders it.
        ...(values.namespacedRbac ? { namespacedRules: rules } : { clusterRules: rules }),
        serviceAccountAnnotations,
      },
      // A ClusterIP Service on 443 for clients, and the headless one etcd peers find each other through.
      services: [{
        id: 'ClientService',
        name: `${NAME}-a`,
        appLabel: true,
        annotations,
        spec: {
          publishNotReadyAddresses: true,
          ports: [servicePort(443, API_PORT, { name: 'api' }), ...etcdPorts, ...metricsServicePorts(values)],
          type: 'ClusterIP',
        },
      }, {
        id: 'HeadlessService',
        name: NAME,
        appLabel: true,
        annotations,
        spec: {
          publishNotReadyAddresses: true,
          ports: [{ name: 'api', port: API_PORT }, ...etcdPorts, ...metricsServicePorts(values)],
          clusterIp: 'None',
        },
      }],
      podSecurityContext: { fsGroup: 65532 },
      container: {
        command: ['/scheduler'],
        args: [
          '--listen-address=0.0.0.0',
          '--id', '$(SCHEDULER_ID)',
          '--etcd-initial-cluster', peers,
          `--etcd-embed=${external === undefined}`,
          ...(external?.args ?? []),
          ...values.logArgs(logLevel),
          ...values.metricsArgs(),
          '--etcd-client-port', String(ETCD_CLIENT_PORT),
          `--etcd-data-dir=${DATA_DIR}/${values.namespace}/$(SCHEDULER_ID)`,
          ...etcdTuning,
          '--tls-enabled',
          `--trust-domain=${values.trustDomain}`,
          `--trust-anchors-file=${TRUST_ANCHORS_DIR}/ca.crt`,
          `--sentry-address=${values.sentryAddress}`,
          '--mode=kubernetes',
          `--workers=${workers}`,
          ...(broadcast ? [`--override-broadcast-host-port=${broadcast}`] : []),
        ],
        env: [
          // The password variable comes first: Kubernetes expands `$(VAR)` in args only from variables defined before use.
          ...(external?.env ?? []),
          { name: 'SCHEDULER_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        ],
        ports: [
          { containerPort: API_PORT },
          { containerPort: ETCD_CLIENT_PORT, name: 'etcd-client' },
          { containerPort: ETCD_PEER_PORT, name: 'etcd-peer' },
          ...metricsContainerPorts(values),
        ],
        volumeMounts: [
          { name: 'dapr-scheduler-data-dir', mountPath: `${DATA_DIR}/`, readOnly: false },
          { name: 'dapr-scheduler-writeable-identity', mountPath: '/tmp' },
          ...trustMounts(false),
        ],
      },
      volumes: [
        ...(storage.memoryBacked ? [{ name: 'dapr-scheduler-data-dir', emptyDir: { medium: 'Memory' } }] : []),
        { name: 'dapr-scheduler-writeable-identity', emptyDir: {} },
        trustBundleVolume(),
        identityTokenVolume(values),
      ],
      extras,
      // Spread etcd members even without HA: losing one node must not lose the quorum.
      spread: true,
      spreadFollowsPolicy: true,
      disruptionBudget: 'dapr-scheduler-server-disruption-budget',
    });
  }
}

/**
 * The embedded etcd's tuning flags, in the order of
 * charts/dapr/charts/dapr_scheduler/templates/dapr_scheduler_statefulset.yaml (flags in cmd/scheduler/options/options.go).
 */
export function etcdTuningArgs(scope: IConstruct, t: SchedulerEtcdTuning): string[] {
  const count = (prop: keyof SchedulerEtcdTuning, d: number, min: number) =>
    checkInteger(scope, `scheduler.etcd.${prop}`, (t[prop] as number | undefined) ?? d, min, 2 ** 31 - 1);
  const spaceQuota = t.spaceQuota ?? '9.2E';
  checkQuantity(scope, 'scheduler.etcd.spaceQuota', spaceQuota);
  const mode = checkOneOf(scope, 'scheduler.etcd.compactionMode', t.compactionMode ?? 'revision', ['revision', 'periodic']);
  const retention = t.compactionRetention ?? '1000000';
  if (mode === 'revision' ? !/^[1-9]\d*$/.test(retention) : !/^([1-9]\d*|(\d+(\.\d+)?(h|m|s|ms))+)$/.test(retention)) {
    fail(scope, 'scheduler.etcd.compactionRetention', retention, mode === 'revision'
      ? 'a positive number of revisions with compactionMode "revision"'
      : 'a duration such as "1h" or a number of hours with compactionMode "periodic"');
  }
  const interval = t.backendBatchInterval === undefined ? '100ms' : checkDuration(scope, 'scheduler.etcd.backendBatchInterval', t.backendBatchInterval);
  return [
    `--etcd-space-quota=${spaceQuota}`,
    `--etcd-compaction-mode=${mode}`,
    `--etcd-compaction-retention=${retention}`,
    `--etcd-snapshot-count=${count('snapshotCount', 100000, 1)}`,
    `--etcd-max-snapshots=${count('maxSnapshots', 10, 0)}`,
    `--etcd-max-wals=${count('maxWals', 10, 0)}`,
    `--etcd-backend-batch-limit=${count('backendBatchLimit', 10000, 1)}`,
    `--etcd-backend-batch-interval=${interval}`,
    `--etcd-max-txn-ops=${count('maxTxnOps', 10000, 1)}`,
    `--etcd-experimental-bootstrap-defrag-threshold-megabytes=${count('defragThresholdMegabytes', 100, 0)}`,
    `--etcd-initial-election-tick-advance=${t.initialElectionTickAdvance ?? false}`,
    `--etcd-metrics=${checkOneOf(scope, 'scheduler.etcd.metrics', t.metrics ?? 'basic', ['basic', 'extensive'])}`,
  ];
}

/**
 * Flags and env of an external etcd. The chart passes the password as a literal flag value; here
 * it comes from a Secret through an environment variable the flag expands, so no credential is in
 * the manifest.
 */
export function externalEtcd(scope: IConstruct, e: SchedulerExternalEtcd): { args: string[]; env: k8s.EnvVar[] } {
  if (e.endpoints.length === 0) fail(scope, 'scheduler.externalEtcd.endpoints', [], 'at least one endpoint');
  e.endpoints.forEach((u, i) => {
    if (!/^https?:\/\/[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:\d{1,5})?$/.test(u)) {
      fail(scope, `scheduler.externalEtcd.endpoints[${i}]`, u, 'an etcd client URL "http(s)://host:port" without credentials or path');
    }
  });
  if (e.username !== undefined && !/^[-._@a-zA-Z0-9]{1,128}$/.test(e.username)) {
    fail(scope, 'scheduler.externalEtcd.username', e.username, 'a user name: letters, digits, "-", "_", ".", "@"');
  }
  if (e.passwordSecret !== undefined) {
    checkDnsSubdomain(scope, 'scheduler.externalEtcd.passwordSecret.name', e.passwordSecret.name);
    if (!/^[-._a-zA-Z0-9]{1,253}$/.test(e.passwordSecret.key)) fail(scope, 'scheduler.externalEtcd.passwordSecret.key', e.passwordSecret.key, 'a Secret key: letters, digits, "-", "_" and "."');
    if (e.username === undefined) fail(scope, 'scheduler.externalEtcd.username', undefined, 'a user name when passwordSecret is set');
  }
  return {
    args: [
      '--etcd-client-endpoints', e.endpoints.join(','),
      ...(e.username !== undefined ? ['--etcd-client-username', e.username] : []),
      ...(e.passwordSecret ? ['--etcd-client-password', `$(${ETCD_PASSWORD_ENV})`] : []),
    ],
    env: e.passwordSecret
      ? [{ name: ETCD_PASSWORD_ENV, valueFrom: { secretKeyRef: { name: e.passwordSecret.name, key: e.passwordSecret.key } } }]
      : [],
  };
}

function checkHostPort(scope: IConstruct, prop: string, value: string): string {
  const m = /^([A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(value);
  if (!m || Number(m[3]) < 1 || Number(m[3]) > 65535) fail(scope, prop, value, '"host:port", e.g. "scheduler.acme.example:50006"');
  return value;
}
