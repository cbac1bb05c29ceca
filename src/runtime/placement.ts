import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ControlPlaneContext, TRUST_ANCHORS_DIR, CONTROL_PLANE_POLICY_EXEMPTIONS } from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { ControlPlaneStorage } from './control-plane-storage';
import { PlacementOptions } from './dapr-control-plane-props';
import { ServiceIdentity } from './rbac';
import { storageClaim } from './storage-claim';

const NAME = 'dapr-placement-server';
const COMPONENT = 'placement';
const API_PORT = 50005;
const RAFT_PORT = 8201;
const HA_REPLICAS = 3;
const RAFT_LOG_DIR = '/var/run/dapr/raft-log';

/**
 * dapr-placement-server: the raft cluster that tells sidecars which instance hosts which actor.
 * @internal
 */
export class DaprPlacement extends ControlPlaneService {
  public readonly workloadName = NAME;
  public readonly identity: ServiceIdentity;
  public readonly workload: ApiObject;

  constructor(scope: Construct, id: string, ctx: ControlPlaneContext, options: PlacementOptions = {}) {
    super(scope, id);
    const logLevel = ctx.checkLogLevel('placement.logLevel', options.logLevel) ?? ctx.logLevel;
    const storage = options.raftLogStorage ?? ControlPlaneStorage.persistent();
    const persistentLog = ctx.ha && !storage.memoryBacked;
    const claim = storage.memoryBacked ? undefined : storageClaim(this, 'raft-log', storage, '1Gi', 'placement.raftLogStorage');
    // Placement needs no Kubernetes API access; the empty ClusterRole mirrors Dapr's chart.
    this.identity = new ServiceIdentity(this, 'Rbac', ctx, { name: 'dapr-placement', clusterRules: [] });

    this.addService(ctx, 'Service', {
      name: NAME, labels: ctx.objectLabels(COMPONENT, { app: NAME }), annotations: ctx.prometheusAnnotationsMap(),
    }, {
      selector: { app: NAME },
      // Peers must resolve each other before they are ready, to form the raft cluster.
      publishNotReadyAddresses: true,
      ports: [{ name: 'api', port: API_PORT }, { name: 'raft-node', port: RAFT_PORT }, ...ctx.metricsServicePorts()],
      clusterIP: 'None',
    });

    const peers = Array.from({ length: HA_REPLICAS }, (_, i) =>
      `${NAME}-${i}=${NAME}-${i}.${NAME}.${ctx.namespace}.svc.${ctx.clusterDomain}:${RAFT_PORT}`).join(',');
    const haArgs = ctx.ha
      ? ['--id', '$(PLACEMENT_ID)', '--initial-cluster', peers,
        ...(persistentLog ? ['--raft-logstore-path', `${RAFT_LOG_DIR}/cluster-v2-nonroot-$(PLACEMENT_ID)`] : [])]
      : [];

    this.workload = new ApiObject(this, 'StatefulSet', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: {
        name: NAME, namespace: ctx.namespace, labels: ctx.objectLabels(COMPONENT, { app: NAME }), annotations: CONTROL_PLANE_POLICY_EXEMPTIONS,
      },
      spec: {
        replicas: ctx.ha ? HA_REPLICAS : 1,
        serviceName: NAME,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: { app: NAME } },
        template: {
          metadata: ctx.podMetadata(NAME, COMPONENT, 'placement', options, 'placement'),
          spec: {
            securityContext: { fsGroup: 65532 },
            containers: [{
              name: NAME,
              ...ctx.probes(),
              image: ctx.serviceImage(this, 'placement', 'placement', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              resources: ctx.resources('placement.resources', options.resources),
              volumeMounts: [
                ...ctx.trustMounts(false),
                ...(persistentLog ? [{ name: 'raft-log', mountPath: RAFT_LOG_DIR }] : []),
              ],
              ports: [
                { containerPort: API_PORT, name: 'api' },
                { containerPort: RAFT_PORT, name: 'raft-node' },
                ...ctx.metricsContainerPorts(),
              ],
              command: ['/placement'],
              args: [
                ...haArgs,
                ...ctx.logArgs(logLevel),
                '--replicationFactor=100',
                '--max-api-level=10',
                '--min-api-level=0',
                '--keepalive-time=2s',
                '--keepalive-timeout=3s',
                '--disseminate-timeout=8s',
                '--disseminate-coalesce-window=0s',
                ...ctx.metricsArgs(),
                '--tls-enabled',
                `--trust-domain=${ctx.trustDomain}`,
                `--trust-anchors-file=${TRUST_ANCHORS_DIR}/ca.crt`,
                `--sentry-address=${ctx.sentryAddress}`,
                '--mode=kubernetes',
              ],
              securityContext: ctx.containerSecurityContext(),
              env: [
                { name: 'PLACEMENT_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              ],
            }],
            serviceAccountName: 'dapr-placement',
            volumes: [ctx.trustBundleVolume(), ctx.identityTokenVolume()],
            affinity: ctx.affinity(NAME, ctx.ha),
            ...ctx.podScheduling(),
          },
        },
        volumeClaimTemplates: persistentLog ? [claim] : undefined,
      },
    });
    if (ctx.ha) {
      this.addDisruptionBudget(ctx, 'dapr-placement-server-disruption-budget', NAME, COMPONENT);
    }
  }
}
