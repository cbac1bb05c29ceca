import { IConstruct } from 'constructs';
import { COMPONENT_CONTAINER_ANNOTATION, DAPR_ANNOTATIONS, IMAGE_REF_RULE, isPinnedImage } from '../app/annotations';
import { SidecarResources } from '../app/sidecar-resources';
import { checkRequestWithinLimit, DNS_LABEL_RULE, fail, isDnsLabel, isEnvName, parseQuantity, QUANTITY_RULE } from '../common/validation';

/**
 * The container of a pluggable component that the sidecar injector adds to the pods of the apps
 * using the component (`dapr.io/component-container` on the Component, read when the app sets
 * `pluggableComponents.inject`). The injector mounts the shared socket folder into it.
 */
export interface InjectedComponentContainer {
  /**
   * The image, pinned by tag or digest (e.g. `DaprImage.imageRef`).
   */
  readonly image: string;
  /**
   * The container's name in the app's pod.
   * @default - the component's name
   */
  readonly name?: string;
  /**
   * Arguments for the image's entrypoint.
   * @default - the image's own
   */
  readonly args?: string[];
  /**
   * Environment variables, in plaintext on the Component resource.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * CPU and memory requests and limits.
   * @default - 50m/200m CPU, 64Mi/256Mi memory
   */
  readonly resources?: SidecarResources;
}

const DEFAULT_RESOURCES = SidecarResources.of({ cpuRequest: '50m', cpuLimit: '200m', memoryRequest: '64Mi', memoryLimit: '256Mi' });

/**
 * The annotation value: the container as JSON, with the restricted-profile security context
 * every other container of the library gets, so the injected pod still passes the policy.
 */
export function renderInjectedContainer(scope: IConstruct, componentName: string, c: InjectedComponentContainer): { [key: string]: string } {
  const name = c.name ?? componentName;
  if (!isDnsLabel(name)) fail(scope, 'injectedContainer.name', name, `${DNS_LABEL_RULE}${c.name === undefined ? ' (set it: the component name is not one)' : ''}`);
  if (!isPinnedImage(c.image)) fail(scope, 'injectedContainer.image', c.image, IMAGE_REF_RULE);
  for (const key of Object.keys(c.env ?? {})) {
    if (!isEnvName(key)) fail(scope, 'injectedContainer.env', key, 'an environment variable name ([A-Za-z_][A-Za-z0-9_]*)');
  }
  const r = c.resources ?? DEFAULT_RESOURCES;
  const quantities: [string, string | undefined][] = [['cpuRequest', r.cpuRequest], ['cpuLimit', r.cpuLimit], ['memoryRequest', r.memoryRequest], ['memoryLimit', r.memoryLimit]];
  for (const [prop, q] of quantities) {
    // QUANTITY_RULE: a negative request or limit is a pod the API server rejects
    if (q === undefined || !(parseQuantity(q)! >= 0)) fail(scope, `injectedContainer.resources.${prop}`, q, `${QUANTITY_RULE} (all four are set: the workload policy wants requests and limits)`);
  }
  checkRequestWithinLimit(scope, 'injectedContainer.resources', 'cpu', r.cpuRequest, r.cpuLimit);
  checkRequestWithinLimit(scope, 'injectedContainer.resources', 'memory', r.memoryRequest, r.memoryLimit);
  const env = Object.keys(c.env ?? {}).sort().map((k) => ({ name: k, value: c.env![k] }));
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
  const row = DAPR_ANNOTATIONS.find((a) => a.key === COMPONENT_CONTAINER_ANNOTATION)!;
  if (row.codec.encode(value) === undefined) fail(scope, row.prop, value, row.codec.rule);
  return { [COMPONENT_CONTAINER_ANNOTATION]: value };
}

/** True when `app` is a Dapr app of this cdk8s app whose sidecar lets the injector add component containers. */
export function injectsComponentContainers(app: unknown): boolean | undefined {
  const a = app as { sidecar?: { options?: any }; options?: any };
  const options = a.sidecar?.options ?? a.options;
  return options === undefined ? undefined : options.pluggableComponents?.inject === true;
}
