import { IConstruct } from 'constructs';
import { InjectedComponentContainer } from '../core/component-options';
import { redacted } from '../core/credentials';
import { IMAGE_REF_RULE, isPinnedImage } from '../core/image-reference';
import { checkOptOut, checkPlaintext, checkPlaintextArgs, plaintextCredential } from '../core/plaintext-secrets';
import { SidecarResources } from '../core/sidecar-resources';
import { checkRequestWithinLimit, DNS_LABEL_RULE, DNS_SUBDOMAIN_RULE, fail, isDnsLabel, isDnsSubdomain, isEnvName, parseQuantity, QUANTITY_RULE } from '../core/validation';

/** Read by the injector from Component resources: the container of a pluggable component it injects. */
export const COMPONENT_CONTAINER_ANNOTATION = 'dapr.io/component-container';

/** What the annotation must hold. */
export const CONTAINER_SPEC_RULE = 'a JSON Kubernetes container spec with a "name" (an RFC 1123 label) and an "image" pinned by tag or digest';

/** True when `v` is a JSON container spec the injector can add: an object with a DNS-label name and a pinned image. */
export function isContainerSpec(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const c = JSON.parse(v);
    return c !== null && typeof c === 'object' && !Array.isArray(c)
      && typeof c.name === 'string' && isDnsLabel(c.name) && typeof c.image === 'string' && isPinnedImage(c.image);
  } catch {
    return false;
  }
}

const DEFAULT_RESOURCES = SidecarResources.of({ cpuRequest: '50m', cpuLimit: '200m', memoryRequest: '64Mi', memoryLimit: '256Mi' });

/**
 * The annotation value: the container as JSON, with the restricted-profile security context
 * every other container of the library gets, so the injected pod still passes the policy.
 */
export function renderInjectedContainer(scope: IConstruct, componentName: string, c: InjectedComponentContainer): { [key: string]: string } {
  // first: no other check may show a credential the annotation would carry in plaintext
  const plainEnv = c.env ?? {};
  const envNames = Object.keys(plainEnv).sort();
  for (const key of envNames) {
    checkPlaintext(scope, `injectedContainer.env.${key}`, key, plainEnv[key], c.allowPlaintextSecrets,
      `a variable that is not a credential: take "${key}" from a Secret with injectedContainer.envFromSecret`);
  }
  const argNames = checkPlaintextArgs(scope, 'injectedContainer.args', c.args, c.allowPlaintextSecrets,
    'an argument that is not a credential: pass it in envFromSecret');
  checkOptOut(scope, c.allowPlaintextSecrets, [...envNames.filter((k) => plaintextCredential(k, plainEnv[k]) !== undefined), ...argNames],
    'variables of injectedContainer.env (or flags of its args)', 'injectedContainer.allowPlaintextSecrets');
  const name = c.name ?? componentName;
  if (!isDnsLabel(name)) fail(scope, 'injectedContainer.name', name, `${DNS_LABEL_RULE}${c.name === undefined ? ' (set it: the component name is not one)' : ''}`);
  if (!isPinnedImage(c.image)) fail(scope, 'injectedContainer.image', c.image, IMAGE_REF_RULE);
  for (const key of envNames) {
    if (!isEnvName(key)) fail(scope, 'injectedContainer.env', key, 'an environment variable name ([A-Za-z_][A-Za-z0-9_]*)');
    if (typeof plainEnv[key] !== 'string') fail(scope, `injectedContainer.env.${key}`, redacted(plainEnv[key]), 'a string');
  }
  const fromSecret = c.envFromSecret ?? {};
  for (const key of Object.keys(fromSecret).sort()) {
    const ref = fromSecret[key];
    if (!isEnvName(key)) fail(scope, 'injectedContainer.envFromSecret', key, 'an environment variable name ([A-Za-z_][A-Za-z0-9_]*)');
    if (Object.prototype.hasOwnProperty.call(plainEnv, key)) fail(scope, 'injectedContainer.envFromSecret', key, 'a variable not also set in env');
    if (typeof ref?.secretName !== 'string' || !isDnsSubdomain(ref.secretName)) {
      fail(scope, `injectedContainer.envFromSecret.${key}.secretName`, ref?.secretName, `the name of a Kubernetes Secret: ${DNS_SUBDOMAIN_RULE}`);
    }
    if (ref.key !== undefined && !/^[-._a-zA-Z0-9]+$/.test(ref.key)) {
      fail(scope, `injectedContainer.envFromSecret.${key}.key`, ref.key, 'a Secret key ([-._a-zA-Z0-9]+)');
    }
  }
  const r = c.resources ?? DEFAULT_RESOURCES;
  const quantities: [string, string | undefined][] = [['cpuRequest', r.cpuRequest], ['cpuLimit', r.cpuLimit], ['memoryRequest', r.memoryRequest], ['memoryLimit', r.memoryLimit]];
  for (const [prop, q] of quantities) {
    // QUANTITY_RULE: a negative request or limit is a pod the API server rejects
    if (q === undefined || !(parseQuantity(q)! >= 0)) fail(scope, `injectedContainer.resources.${prop}`, q, `${QUANTITY_RULE} (all four are set: the workload policy wants requests and limits)`);
  }
  checkRequestWithinLimit(scope, 'injectedContainer.resources', 'cpu', r.cpuRequest, r.cpuLimit);
  checkRequestWithinLimit(scope, 'injectedContainer.resources', 'memory', r.memoryRequest, r.memoryLimit);
  // sidecar_components.go (dapr/dapr pkg/injector/patcher) decodes the annotation into a whole
  // corev1.Container, so valueFrom.secretKeyRef reaches the pod as Kubernetes reads it
  const env = [
    ...envNames.map((k) => ({ name: k, value: plainEnv[k] })),
    ...Object.keys(fromSecret).map((k) => ({
      name: k, valueFrom: { secretKeyRef: { name: fromSecret[k].secretName, key: fromSecret[k].key ?? k } },
    })),
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const value = JSON.stringify({
    name,
    image: c.image,
    ...(c.args ? { args: c.args } : {}),
    ...(env.length ? { env } : {}),
    resources: { limits: { cpu: r.cpuLimit, memory: r.memoryLimit }, requests: { cpu: r.cpuRequest, memory: r.memoryRequest } },
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    },
  });
  // the container spec holds the environment: never shown
  if (!isContainerSpec(value)) fail(scope, 'injectedContainer', redacted(value), CONTAINER_SPEC_RULE);
  return { [COMPONENT_CONTAINER_ANNOTATION]: value };
}
