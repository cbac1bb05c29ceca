import { ControlPlaneValues, HEALTHZ_PORT, ProbeTimings, ResolvedResources, TRUST_ANCHORS_DIR, TRUST_BUNDLE } from './control-plane-values';
import { PodAntiAffinityPolicy } from './enums';
import * as k8s from './kube';

/*
 * The pieces of pod spec the five control plane services share, as typed Kubernetes structs built
 * from validated values (control-plane-values.ts validates; nothing here checks a prop).
 */

/** The container port of the metrics endpoint, when on. */
export function metricsContainerPorts(v: ControlPlaneValues): k8s.ContainerPort[] {
  return v.metrics ? [{ name: 'metrics', containerPort: v.metricsPort, protocol: 'TCP' }] : [];
}

/** The Service port of the metrics endpoint, when on. */
export function metricsServicePorts(v: ControlPlaneValues): k8s.ServicePort[] {
  return v.metrics ? [{ name: 'metrics', port: v.metricsPort, targetPort: k8s.IntOrString.fromNumber(v.metricsPort), protocol: 'TCP' }] : [];
}

/** A Service port; `targetPort` is a number or a container port's name. */
export function servicePort(port: number, targetPort: number | string | undefined,
  fields: { name?: string; protocol?: string } = {}): k8s.ServicePort {
  return {
    ...fields,
    port,
    targetPort: targetPort === undefined ? undefined
      : typeof targetPort === 'number' ? k8s.IntOrString.fromNumber(targetPort) : k8s.IntOrString.fromString(targetPort),
  };
}

/** Liveness and readiness probes on `/healthz`. */
export function probes(t: ProbeTimings, port: number = HEALTHZ_PORT): { livenessProbe: k8s.Probe; readinessProbe: k8s.Probe } {
  const httpGet = (): k8s.HttpGetAction => ({ path: '/healthz', port: k8s.IntOrString.fromNumber(port) });
  return {
    livenessProbe: {
      httpGet: httpGet(),
      initialDelaySeconds: t.livenessInitialDelay,
      periodSeconds: t.livenessPeriod,
      failureThreshold: t.livenessFailureThreshold,
    },
    readinessProbe: {
      httpGet: httpGet(),
      initialDelaySeconds: t.readinessInitialDelay,
      periodSeconds: t.readinessPeriod,
      failureThreshold: t.readinessFailureThreshold,
    },
  };
}

/**
 * The container security context: Pod Security Standards "restricted". Dapr's chart sets
 * everything but the seccomp profile; it is added here so the pods pass "restricted".
 */
export function containerSecurityContext(v: ControlPlaneValues): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: v.seccompProfile,
  };
}

/** Resolved requests and limits as Kubernetes quantities. */
export function resourceRequirements(r: ResolvedResources): k8s.ResourceRequirements {
  const quantities = (m?: { [k: string]: string }) => m && Object.fromEntries(Object.entries(m).map(([k, q]) => [k, k8s.Quantity.fromString(q)]));
  return { requests: quantities(r.requests), limits: quantities(r.limits) };
}

/** The ConfigMap volume with the root certificate. */
export function trustBundleVolume(): k8s.Volume {
  return { name: TRUST_BUNDLE, configMap: { name: TRUST_BUNDLE } };
}

/** The projected ServiceAccount token services present to sentry. */
export function identityTokenVolume(v: ControlPlaneValues): k8s.Volume {
  return {
    name: 'dapr-identity-token',
    projected: {
      sources: [{
        serviceAccountToken: {
          path: 'token',
          expirationSeconds: 600,
          audience: `spiffe://${v.trustDomain}/ns/${v.namespace}/dapr-sentry`,
        },
      }],
    },
  };
}

/** Mounts of the two volumes above. */
export function trustMounts(identityReadOnly: boolean): k8s.VolumeMount[] {
  return [
    { name: TRUST_BUNDLE, mountPath: TRUST_ANCHORS_DIR, readOnly: true },
    { name: 'dapr-identity-token', mountPath: '/var/run/secrets/dapr.io/sentrytoken', ...(identityReadOnly ? { readOnly: true } : {}) },
  ];
}

/**
 * Linux nodes only, and spread over the topology key when `spread`. Only the raft and etcd
 * StatefulSets (placement, scheduler) take `haPodAntiAffinity`; the Deployments always prefer
 * (charts/dapr/charts/dapr_{operator,sentry,sidecar_injector}/templates/*_deployment.yaml hard-code
 * `preferred`): a required term with the default rollout (maxSurge 1, maxUnavailable 0) leaves the
 * surge pod unschedulable when every zone already holds a replica, and the upgrade stalls.
 */
export function affinity(v: ControlPlaneValues, app: string, spread: boolean, followsPolicy: boolean = false): k8s.Affinity {
  const term: k8s.PodAffinityTerm = { labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [app] }] }, topologyKey: v.topologyKey };
  const antiAffinity: k8s.PodAntiAffinity = followsPolicy && v.antiAffinity === PodAntiAffinityPolicy.REQUIRED
    ? { requiredDuringSchedulingIgnoredDuringExecution: [term] }
    : { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] };
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{
          matchExpressions: [
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
            ...(v.architecture ? [{ key: 'kubernetes.io/arch', operator: 'In', values: [v.architecture] }] : []),
          ],
        }],
      },
    },
    podAntiAffinity: spread ? antiAffinity : undefined,
  };
}

/** Scheduling fields shared by every pod: pull secrets, node selector, tolerations, priority. */
export function podScheduling(v: ControlPlaneValues): Pick<k8s.PodSpec, 'imagePullSecrets' | 'nodeSelector' | 'tolerations' | 'priorityClassName'> {
  return {
    imagePullSecrets: v.imagePullSecrets.length ? v.imagePullSecrets.map((name) => ({ name })) : undefined,
    nodeSelector: Object.keys(v.nodeSelector).length ? v.nodeSelector : undefined,
    tolerations: v.tolerations.length ? v.tolerations : undefined,
    priorityClassName: v.priorityClassName,
  };
}

/** The pod template metadata of a service; `annotations` are the service's own pod annotations, checked. */
export function podMetadata(v: ControlPlaneValues, app: string, component: string, controlPlaneName: string,
  annotations: { [key: string]: string }): k8s.ObjectMeta {
  return {
    labels: { ...v.labels, app, ...v.standardLabels(component) },
    annotations: {
      ...v.podAnnotations,
      ...annotations,
      'dapr.io/control-plane': controlPlaneName,
      ...v.prometheusAnnotationsMap(),
    },
  };
}
