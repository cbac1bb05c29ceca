import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkAnnotations, ControlPlaneContext, TRUST_ANCHORS_DIR, TRUST_BUNDLE, controlPlanePolicyExemptions } from './control-plane-context';
import { ControlPlaneService } from './control-plane-service';
import { ControlPlaneStorage } from './control-plane-storage';
import { PlacementOptions } from './dapr-control-plane-props';
import { podExtras } from './pod-extras';
import { ServiceIdentity } from './rbac';
import { storageClaim } from './storage-claim';
import { checkDuration, checkInteger, fail } from '../core/validation';

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
    // Placement needs no Kubernetes API access; the empty ClusterRole (Role with namespaced RBAC) mirrors Dapr's chart.
    this.identity = new ServiceIdentity(this, 'Rbac', ctx, {
      name: 'dapr-placement',
      ...(ctx.namespacedRbac ? { namespacedRules: [] } : { clusterRules: [] }),
      serviceAccountAnnotations: checkAnnotations(this, 'placement.serviceAccountAnnotations', options.serviceAccountAnnotations),
    });
    const securityContext = ctx.containerSecurityContext();
    const extras = podExtras(this, 'placement', options, [TRUST_BUNDLE, 'dapr-identity-token', 'raft-log'], ['PLACEMENT_ID', 'NAMESPACE'], securityContext);
    const tuning = placementArgs(this, options);

    const annotations = { ...ctx.prometheusAnnotationsMap(), ...checkAnnotations(this, 'placement.serviceAnnotations', options.serviceAnnotations) };
    this.addService(ctx, 'Service', {
      name: NAME, labels: ctx.objectLabels(COMPONENT, { app: NAME }), annotations: Object.keys(annotations).length ? annotations : undefined,
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

    const resources = ctx.resources('placement.resources', options.resources);
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
        replicas: options.scaleToZero ? 0 : ctx.ha ? HA_REPLICAS : 1,
        serviceName: NAME,
        podManagementPolicy: 'Parallel',
        selector: { matchLabels: { app: NAME } },
        template: {
          metadata: ctx.podMetadata(NAME, COMPONENT, 'placement', options, 'placement'),
          spec: {
            securityContext: { fsGroup: 65532 },
            initContainers: extras.initContainers,
            containers: [{
              name: NAME,
              ...ctx.probes('placement', options.probes),
              image: ctx.serviceImage(this, 'placement', 'placement', options.image),
              imagePullPolicy: ctx.imagePullPolicy,
              resources,
              volumeMounts: [
                ...ctx.trustMounts(false),
                ...(persistentLog ? [{ name: 'raft-log', mountPath: RAFT_LOG_DIR }] : []),
                ...extras.mounts,
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
                ...tuning,
                ...ctx.metricsArgs(),
                '--tls-enabled',
                `--trust-domain=${ctx.trustDomain}`,
                `--trust-anchors-file=${TRUST_ANCHORS_DIR}/ca.crt`,
                `--sentry-address=${ctx.sentryAddress}`,
                '--mode=kubernetes',
              ],
              securityContext,
              env: [
                { name: 'PLACEMENT_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                ...extras.env,
              ],
            }],
            serviceAccountName: 'dapr-placement',
            volumes: [ctx.trustBundleVolume(), ctx.identityTokenVolume(), ...extras.volumes],
            affinity: ctx.affinity(NAME, ctx.ha, true),
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

/**
 * Placement's tuning flags, in the order of charts/dapr/charts/dapr_placement/templates/dapr_placement_statefulset.yaml.
 */
export function placementArgs(scope: IConstruct, options: PlacementOptions): string[] {
  const duration = (prop: 'keepAliveTime' | 'keepAliveTimeout' | 'disseminateTimeout' | 'disseminateCoalesceWindow', d: string) =>
    (options[prop] === undefined ? d : checkDuration(scope, `placement.${prop}`, options[prop]));
  const minApi = checkInteger(scope, 'placement.minApiLevel', options.minApiLevel ?? 0, 0, 1000);
  const maxApi = checkInteger(scope, 'placement.maxApiLevel', options.maxApiLevel ?? 10, 0, 1000);
  if (minApi > maxApi) fail(scope, 'placement.minApiLevel', minApi, `at most placement.maxApiLevel (${maxApi})`);
  const keepAliveTime = duration('keepAliveTime', '2s');
  const keepAliveTimeout = duration('keepAliveTimeout', '3s');
  return [
    ...(options.metadataEnabled ? ['--metadata-enabled'] : []),
    `--replicationFactor=${checkInteger(scope, 'placement.replicationFactor', options.replicationFactor ?? 100, 1, 10000)}`,
    `--max-api-level=${maxApi}`,
    `--min-api-level=${minApi}`,
    `--keepalive-time=${keepAliveTime}`,
    `--keepalive-timeout=${keepAliveTimeout}`,
    `--disseminate-timeout=${duration('disseminateTimeout', '8s')}`,
    `--disseminate-coalesce-window=${duration('disseminateCoalesceWindow', '0s')}`,
  ];
}
