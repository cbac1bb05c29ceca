import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ControlPlaneContext, TRUST_ANCHORS_DIR, CONTROL_PLANE_POLICY_EXEMPTIONS } from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { ControlPlaneStorage } from './control-plane-storage';
import { SchedulerOptions } from './dapr-control-plane-props';
import { ServiceIdentity } from './rbac';
import { storageClaim } from './storage-claim';
import { checkInteger, fail } from '../common/validation';

const NAME = 'dapr-scheduler-server';
const COMPONENT = 'scheduler';
const API_PORT = 50006;
const ETCD_CLIENT_PORT = 2379;
const ETCD_PEER_PORT = 2380;
const DATA_DIR = '/var/run/data/dapr-scheduler';

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
    this.identity = new ServiceIdentity(this, 'Rbac', ctx, {
      name: 'dapr-scheduler',
      clusterRules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }],
    });

    const serviceMetadata = { labels: ctx.objectLabels(COMPONENT, { app: NAME }), annotations: ctx.prometheusAnnotationsMap() };
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
    this.workload = new ApiObject(this, 'StatefulSet', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {
        name: NAME, namespace: ctx.namespace, labels: ctx.objectLabels(COMPONENT, { app: NAME }), annotations: CONTROL_PLANE_POLICY_EXEMPTIONS,
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
            containers: [{
              name: NAME,
              ...ctx.probes(),
              image: ctx.serviceImage(this, 'scheduler', 'scheduler', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              resources: ctx.resources('scheduler.resources', options.resources),
              volumeMounts: [
                { name: 'dapr-scheduler-data-dir', mountPath: `${DATA_DIR}/`, readOnly: false },
                { name: 'dapr-scheduler-writeable-identity', mountPath: '/tmp' },
                ...ctx.trustMounts(false),
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
                '--etcd-embed=true',
                ...ctx.logArgs(logLevel),
                ...ctx.metricsArgs(),
                '--etcd-client-port', String(ETCD_CLIENT_PORT),
                `--etcd-data-dir=${DATA_DIR}/${ctx.namespace}/$(SCHEDULER_ID)`,
                '--etcd-space-quota=9.2E',
                '--etcd-compaction-mode=revision',
                '--etcd-compaction-retention=1000000',
                '--etcd-snapshot-count=100000',
                '--etcd-max-snapshots=10',
                '--etcd-max-wals=10',
                '--etcd-backend-batch-limit=10000',
                '--etcd-backend-batch-interval=100ms',
                '--etcd-max-txn-ops=10000',
                '--etcd-experimental-bootstrap-defrag-threshold-megabytes=100',
                '--etcd-initial-election-tick-advance=false',
                '--etcd-metrics=basic',
                '--tls-enabled',
                `--trust-domain=${ctx.trustDomain}`,
                `--trust-anchors-file=${TRUST_ANCHORS_DIR}/ca.crt`,
                `--sentry-address=${ctx.sentryAddress}`,
                '--mode=kubernetes',
                '--workers=2048',
              ],
              securityContext: ctx.containerSecurityContext(),
              env: [
                { name: 'SCHEDULER_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
              ],
            }],
            serviceAccountName: 'dapr-scheduler',
            volumes: [
              ...(storage.memoryBacked ? [{ name: 'dapr-scheduler-data-dir', emptyDir: { medium: 'Memory' } }] : []),
              { name: 'dapr-scheduler-writeable-identity', emptyDir: {} },
              ctx.trustBundleVolume(),
              ctx.identityTokenVolume(),
            ],
            // Spread etcd members even without HA: losing one node must not lose the quorum.
            affinity: ctx.affinity(NAME, true),
            ...ctx.podScheduling(),
          },
        },
      },
    });
    this.addDisruptionBudget(ctx, 'dapr-scheduler-server-disruption-budget', NAME, COMPONENT);
  }
}
