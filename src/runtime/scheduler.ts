import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkAnnotations, ControlPlaneContext, TRUST_ANCHORS_DIR, TRUST_BUNDLE, controlPlanePolicyExemptions } from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { ControlPlaneStorage } from './control-plane-storage';
import { SchedulerEtcdTuning, SchedulerExternalEtcd, SchedulerOptions } from './dapr-control-plane-props';
import { podExtras } from './pod-extras';
import { ServiceIdentity } from './rbac';
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
  public readonly workloadName = NAME;
  public readonly identity: ServiceIdentity;
  public readonly workload: ApiObject;

  constructor(scope: Construct, id: string, ctx: ControlPlaneContext, options: SchedulerOptions = {}) {
    super(scope, id);
    const logLevel = ctx.checkLogLevel('scheduler.logLevel', options.logLevel) ?? ctx.logLevel;
    const replicas = checkInteger(this, 'scheduler.replicas', options.replicas ?? 3, 1, 7);
    if (replicas % 2 === 0) {
      fail(this, 'scheduler.replicas', replicas, '1, 3, 5 or 7 (an odd count, so a majority of etcd members survives a failure)');
    }
    const storage = options.storage ?? ControlPlaneStorage.persistent();
    const claim = storage.memoryBacked ? undefined : storageClaim(this, 'dapr-scheduler-data-dir', storage, '16Gi', 'scheduler.storage');
    const rules = [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }];
    this.identity = new ServiceIdentity(this, 'Rbac', ctx, {
      name: 'dapr-scheduler',
      // A Role with namespaced RBAC, as charts/dapr/charts/dapr_rbac/templates/scheduler.yaml renders it.
      ...(ctx.namespacedRbac ? { namespacedRules: rules } : { clusterRules: rules }),
      serviceAccountAnnotations: checkAnnotations(this, 'scheduler.serviceAccountAnnotations', options.serviceAccountAnnotations),
    });
    const securityContext = ctx.containerSecurityContext();
    const extras = podExtras(this, 'scheduler', options, ['dapr-scheduler-data-dir', 'dapr-scheduler-writeable-identity', TRUST_BUNDLE, 'dapr-identity-token'],
      ['SCHEDULER_ID', 'NAMESPACE', 'POD_IP', ETCD_PASSWORD_ENV], securityContext);
    const external = options.externalEtcd && externalEtcd(this, options.externalEtcd);
    const workers = checkInteger(this, 'scheduler.workers', options.workers ?? 2048, 1, 2 ** 20);
    const broadcast = options.broadcastHostPort === undefined ? undefined : checkHostPort(this, 'scheduler.broadcastHostPort', options.broadcastHostPort);

    const annotations = { ...ctx.prometheusAnnotationsMap(), ...checkAnnotations(this, 'scheduler.serviceAnnotations', options.serviceAnnotations) };
    const serviceMetadata = {
      labels: ctx.objectLabels(COMPONENT, { app: NAME }),
      annotations: Object.keys(annotations).length ? annotations : undefined,
    };
    const etcdPorts = [{ name: 'etcd-client', port: ETCD_CLIENT_PORT }, { name: 'etcd-peer', port: ETCD_PEER_PORT }];
    // A ClusterIP Service on 443 for clients, and the headless one etcd peers find each other through.
    this.addService(ctx, 'ClientService', { name: `${NAME}-a`, ...serviceMetadata }, {
      selector: { app: NAME },
      publishNotReadyAddresses: true,
      ports: [{ name: 'api', port: 443, targetPort: API_PORT }, ...etcdPorts, ...ctx.metricsServicePorts()],
      type: 'ClusterIP',
    });
    this.addService(ctx, 'HeadlessService', { name: NAME, ...serviceMetadata }, {
      selector: { app: NAME },
      publishNotReadyAddresses: true,
      ports: [{ name: 'api', port: API_PORT }, ...etcdPorts, ...ctx.metricsServicePorts()],
      clusterIP: 'None',
    });

    const peers = Array.from({ length: replicas }, (_, i) =>
      `${NAME}-${i}=https://${NAME}-${i}.${NAME}.${ctx.namespace}.svc.${ctx.clusterDomain}:${ETCD_PEER_PORT}`).join(',');
    const resources = ctx.resources('scheduler.resources', options.resources);
    this.workload = new ApiObject(this, 'StatefulSet', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {
        name: NAME,
        namespace: ctx.namespace,
        labels: ctx.objectLabels(COMPONENT, { app: NAME }),
        annotations: controlPlanePolicyExemptions(resources),
      },
      spec: {
        replicas,
        serviceName: NAME,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: { app: NAME } },
        volumeClaimTemplates: claim ? [claim] : undefined,
        template: {
          metadata: ctx.podMetadata(NAME, COMPONENT, 'scheduler', options, 'scheduler'),
          spec: {
            securityContext: { fsGroup: 65532 },
            initContainers: extras.initContainers,
            containers: [{
              name: NAME,
              ...ctx.probes('scheduler', options.probes),
              image: ctx.serviceImage(this, 'scheduler', 'scheduler', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              resources,
              volumeMounts: [
                { name: 'dapr-scheduler-data-dir', mountPath: `${DATA_DIR}/`, readOnly: false },
                { name: 'dapr-scheduler-writeable-identity', mountPath: '/tmp' },
                ...ctx.trustMounts(false),
                ...extras.mounts,
              ],
              ports: [
                { containerPort: API_PORT },
                { containerPort: ETCD_CLIENT_PORT, name: 'etcd-client' },
                { containerPort: ETCD_PEER_PORT, name: 'etcd-peer' },
                ...ctx.metricsContainerPorts(),
              ],
              command: ['/scheduler'],
              args: [
                '--listen-address=0.0.0.0',
                '--id', '$(SCHEDULER_ID)',
                '--etcd-initial-cluster', peers,
                `--etcd-embed=${external === undefined}`,
                ...(external?.args ?? []),
                ...ctx.logArgs(logLevel),
                ...ctx.metricsArgs(),
                '--etcd-client-port', String(ETCD_CLIENT_PORT),
                `--etcd-data-dir=${DATA_DIR}/${ctx.namespace}/$(SCHEDULER_ID)`,
                ...etcdTuningArgs(this, options.etcd ?? {}),
                '--tls-enabled',
                `--trust-domain=${ctx.trustDomain}`,
                `--trust-anchors-file=${TRUST_ANCHORS_DIR}/ca.crt`,
                `--sentry-address=${ctx.sentryAddress}`,
                '--mode=kubernetes',
                `--workers=${workers}`,
                ...(broadcast ? [`--override-broadcast-host-port=${broadcast}`] : []),
              ],
              securityContext,
              env: [
                // The password variable comes first: Kubernetes expands `$(VAR)` in args only from variables defined before use.
                ...(external?.env ?? []),
                { name: 'SCHEDULER_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                ...extras.env,
              ],
            }],
            serviceAccountName: 'dapr-scheduler',
            volumes: [
              ...(storage.memoryBacked ? [{ name: 'dapr-scheduler-data-dir', emptyDir: { medium: 'Memory' } }] : []),
              { name: 'dapr-scheduler-writeable-identity', emptyDir: {} },
              ctx.trustBundleVolume(),
              ctx.identityTokenVolume(),
              ...extras.volumes,
            ],
            // Spread etcd members even without HA: losing one node must not lose the quorum.
            affinity: ctx.affinity(NAME, true, true),
            ...ctx.podScheduling(),
          },
        },
      },
    });
    this.addDisruptionBudget(ctx, 'dapr-scheduler-server-disruption-budget', NAME, COMPONENT);
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
export function externalEtcd(scope: IConstruct, e: SchedulerExternalEtcd): { args: string[]; env: object[] } {
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
