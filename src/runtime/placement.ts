import { Construct, IConstruct } from 'constructs';
import { ControlPlaneService } from './control-plane-service';
import { ControlPlaneStorage } from './control-plane-storage';
import { checkAnnotations, ControlPlaneValues, TRUST_ANCHORS_DIR, TRUST_BUNDLE } from './control-plane-values';
import { PlacementOptions } from './dapr-control-plane-props';
import { podExtras } from './pod-extras';
import { containerSecurityContext, identityTokenVolume, metricsContainerPorts, metricsServicePorts, trustBundleVolume, trustMounts } from './pod-spec';
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
  constructor(scope: Construct, id: string, values: ControlPlaneValues, options: PlacementOptions = {}) {
    super(scope, id, NAME);
    const logLevel = values.checkLogLevel('placement.logLevel', options.logLevel) ?? values.logLevel;
    const storage = options.raftLogStorage ?? ControlPlaneStorage.persistent();
    const persistentLog = values.ha && !storage.memoryBacked;
    const claim = storage.memoryBacked ? undefined : storageClaim(this, 'raft-log', storage, '1Gi', 'placement.raftLogStorage');
    const serviceAccountAnnotations = checkAnnotations(this, 'placement.serviceAccountAnnotations', options.serviceAccountAnnotations);
    const extras = podExtras(this, 'placement', options, [TRUST_BUNDLE, 'dapr-identity-token', 'raft-log'], ['PLACEMENT_ID', 'NAMESPACE'], containerSecurityContext(values));
    const tuning = placementArgs(this, options);
    const annotations = { ...values.prometheusAnnotationsMap(), ...checkAnnotations(this, 'placement.serviceAnnotations', options.serviceAnnotations) };
    const peers = Array.from({ length: HA_REPLICAS }, (_, i) =>
      `${NAME}-${i}=${NAME}-${i}.${NAME}.${values.namespace}.svc.${values.clusterDomain}:${RAFT_PORT}`).join(',');
    const haArgs = values.ha
      ? ['--id', '$(PLACEMENT_ID)', '--initial-cluster', peers,
        ...(persistentLog ? ['--raft-logstore-path', `${RAFT_LOG_DIR}/cluster-v2-nonroot-$(PLACEMENT_ID)`] : [])]
      : [];

    this.build(values, {
      name: NAME,
      component: COMPONENT,
      prop: 'placement',
      options,
      binary: 'placement',
      replicas: options.scaleToZero ? 0 : values.ha ? HA_REPLICAS : 1,
      stateful: { volumeClaimTemplates: persistentLog ? [claim!] : undefined },
      // Placement needs no Kubernetes API access; the empty ClusterRole (Role with namespaced RBAC) mirrors Dapr's chart.
      identity: {
        name: 'dapr-placement',
        ...(values.namespacedRbac ? { namespacedRules: [] } : { clusterRules: [] }),
        serviceAccountAnnotations,
      },
      services: [{
        id: 'Service',
        name: NAME,
        appLabel: true,
        annotations,
        spec: {
          // Peers must resolve each other before they are ready, to form the raft cluster.
          publishNotReadyAddresses: true,
          ports: [{ name: 'api', port: API_PORT }, { name: 'raft-node', port: RAFT_PORT }, ...metricsServicePorts(values)],
          clusterIp: 'None',
        },
      }],
      podSecurityContext: { fsGroup: 65532 },
      container: {
        command: ['/placement'],
        args: [
          ...haArgs,
          ...values.logArgs(logLevel),
          ...tuning,
          ...values.metricsArgs(),
          '--tls-enabled',
          `--trust-domain=${values.trustDomain}`,
          `--trust-anchors-file=${TRUST_ANCHORS_DIR}/ca.crt`,
          `--sentry-address=${values.sentryAddress}`,
          '--mode=kubernetes',
        ],
        env: [
          { name: 'PLACEMENT_ID', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        ],
        ports: [
          { containerPort: API_PORT, name: 'api' },
          { containerPort: RAFT_PORT, name: 'raft-node' },
          ...metricsContainerPorts(values),
        ],
        volumeMounts: [
          ...trustMounts(false),
          ...(persistentLog ? [{ name: 'raft-log', mountPath: RAFT_LOG_DIR }] : []),
        ],
      },
      volumes: [trustBundleVolume(), identityTokenVolume(values)],
      extras,
      spread: values.ha,
      spreadFollowsPolicy: true,
      disruptionBudget: values.ha ? 'dapr-placement-server-disruption-budget' : undefined,
    });
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
