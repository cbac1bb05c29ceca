import { IConstruct } from 'constructs';
import { checkAnnotations, checkEnumValue, checkLabels } from './control-plane-values';
import { ServiceType } from './enums';
import * as k8s from './kube';
import { ControlPlaneServiceExposure, ControlPlaneServiceOptions } from './options';
import { isCredentialName } from '../core/credentials';
import { IMAGE_REF_RULE, isPinnedImage } from '../core/image-reference';
import { checkDnsLabel, fail, isEnvName, isLabelValue, LABEL_VALUE_RULE } from '../core/validation';

/** Volume sources Pod Security Standards "restricted" admits. */
const RESTRICTED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];

/**
 * The operator's additions to one control plane pod (`global.extraVolumes.<svc>`,
 * `global.extraVolumeMounts.<svc>`, `global.initContainers.<svc>`, `<svc>.extraEnvVars` in
 * Dapr's chart), validated.
 */
export interface PodExtras {
  readonly env: k8s.EnvVar[];
  readonly volumes: k8s.Volume[];
  readonly mounts: k8s.VolumeMount[];
  readonly initContainers?: k8s.Container[];
}

/**
 * @param ownVolumes the pod's built-in volumes (extra ones may not reuse their names; mounts may name them)
 * @param ownEnv the variables the control plane sets (extra ones may not override them)
 * @param securityContext given to init containers that have none
 */
export function podExtras(scope: IConstruct, prop: string, options: ControlPlaneServiceOptions, ownVolumes: string[],
  ownEnv: string[], securityContext: k8s.SecurityContext): PodExtras {
  const env = (options.extraEnv ?? []).map((e, i) => {
    const at = `${prop}.extraEnv[${i}]`;
    if (!isEnvName(e.name)) fail(scope, `${at}.name`, e.name, 'an environment variable name: letters, digits and "_", not starting with a digit');
    if (ownEnv.includes(e.name)) fail(scope, `${at}.name`, e.name, `a name the control plane does not set (${ownEnv.join(', ')})`);
    if ((e.value === undefined) === (e.valueFrom === undefined)) {
      fail(scope, at, e.name, 'exactly one of value and valueFrom');
    }
    if (e.value !== undefined && isCredentialName(e.name)) {
      fail(scope, `${at}.value`, '(hidden)', `no literal value for a credential-like name ("${e.name}"): take it from a Secret with valueFrom.secretKeyRef`);
    }
    return e;
  });
  const volumes = (options.extraVolumes ?? []).map((v, i) => {
    const at = `${prop}.extraVolumes[${i}]`;
    checkDnsLabel(scope, `${at}.name`, v.name);
    const json = k8s.toJson_Volume(v)!;
    const sources = Object.keys(json).filter((k) => k !== 'name');
    if (sources.length !== 1 || !RESTRICTED_VOLUME_SOURCES.includes(sources[0])) {
      fail(scope, at, sources.join(', ') || '(no source)', `exactly one source admitted by Pod Security Standards "restricted": ${RESTRICTED_VOLUME_SOURCES.join(', ')}`);
    }
    return v;
  });
  const volumeNames = [...ownVolumes, ...volumes.map((v) => v.name)];
  const duplicate = volumeNames.find((n, i) => volumeNames.indexOf(n) !== i);
  if (duplicate !== undefined) fail(scope, `${prop}.extraVolumes`, duplicate, `volume names not used twice (the pod already has ${ownVolumes.join(', ')})`);
  const mounts = (options.extraVolumeMounts ?? []).map((m, i) => {
    const at = `${prop}.extraVolumeMounts[${i}]`;
    if (!volumeNames.includes(m.name)) fail(scope, `${at}.name`, m.name, `a volume of the pod: ${volumeNames.join(', ')}`);
    if (!m.mountPath.startsWith('/')) fail(scope, `${at}.mountPath`, m.mountPath, 'an absolute path');
    return m;
  });
  const initContainers = (options.initContainers ?? []).map((c, i) => {
    checkDnsLabel(scope, `${prop}.initContainers[${i}].name`, c.name);
    if (c.image === undefined || !isPinnedImage(c.image)) fail(scope, `${prop}.initContainers[${i}].image`, c.image, IMAGE_REF_RULE);
    // Restricted unless the operator wrote a security context of their own.
    return { ...c, securityContext: c.securityContext ?? securityContext };
  });
  return { env, volumes, mounts, initContainers: initContainers.length ? initContainers : undefined };
}

/** The type and annotations of a Service from `<prop>`, over `base` annotations (Prometheus). */
export function serviceExposure(scope: IConstruct, prop: string, exposure: ControlPlaneServiceExposure | undefined,
  base: { [key: string]: string } = {}): { type: string; annotations?: { [key: string]: string } } {
  const type = checkEnumValue(scope, `${prop}.type`, exposure?.type ?? ServiceType.CLUSTER_IP, ServiceType.ALL);
  const annotations = { ...base, ...checkAnnotations(scope, `${prop}.annotations`, exposure?.annotations) };
  return { type, annotations: Object.keys(annotations).length ? annotations : undefined };
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A validated label selector. */
export function labelSelector(scope: IConstruct, prop: string, selector: k8s.LabelSelector): k8s.LabelSelector {
  const matchLabels = selector.matchLabels === undefined ? undefined : checkLabels(scope, `${prop}.matchLabels`, selector.matchLabels);
  const matchExpressions = selector.matchExpressions?.map((e, i) => {
    const at = `${prop}.matchExpressions[${i}]`;
    checkLabels(scope, `${at}.key`, { [e.key]: '' });
    if (!SELECTOR_OPERATORS.includes(e.operator)) fail(scope, `${at}.operator`, e.operator, `one of ${SELECTOR_OPERATORS.map((o) => `"${o}"`).join(', ')}`);
    const needsValues = e.operator === 'In' || e.operator === 'NotIn';
    if (needsValues !== ((e.values ?? []).length > 0)) {
      fail(scope, `${at}.values`, e.values ?? [], needsValues ? 'at least one value with "In" and "NotIn"' : 'no values with "Exists" and "DoesNotExist"');
    }
    (e.values ?? []).forEach((v, j) => {
      if (!isLabelValue(v)) fail(scope, `${at}.values[${j}]`, v, LABEL_VALUE_RULE);
    });
    return { key: e.key, operator: e.operator, values: e.values && [...e.values] };
  });
  if (!matchLabels && !matchExpressions?.length) {
    fail(scope, prop, '{}', 'matchLabels or matchExpressions (an empty selector matches everything: leave the prop unset instead)');
  }
  return { matchLabels, matchExpressions };
}
