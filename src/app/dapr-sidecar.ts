import { ApiObject, ApiObjectMetadataDefinition, JsonPatch } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { checkExistingAnnotations } from './annotation-check';
import { DAPR_ANNOTATIONS, SIDECAR_FIXED_PORTS, sidecarResourcesOf } from './annotations';
import { configurationErrors } from './app-wiring';
import { injectedPodOf } from './injected-pod';
import { checkOptionKeys } from './option-keys';
import { AnnotateApiObjectOptions, InjectedPodOptions } from './sidecar-call-options';
import { DaprSidecarOptions } from './sidecar-options';
import { addStartConditions, renderInPass, reuseRenderInSynth } from './start-conditions';
import { IDaprApp, registerDaprAppFacts } from '../core/dapr-app-ref';
import { resolveNamespace } from '../core/namespace';
import { checkOptOut, checkPlaintext, plaintextCredential } from '../core/plaintext-secrets';
import { checkRequestWithinLimit, fail, parseQuantity, QUANTITY_RULE, validationProblem } from '../core/validation';
import { addChartScopedValidation } from '../core/validation-scope';
import { CHART_INJECTOR_SETTINGS, injectorSettingsFromSidecar } from '../runtime/injector-settings';

const PLUGGABLE_COMPONENTS_ANNOTATION = 'dapr.io/pluggable-components';
const SOCKETS_FOLDER_ANNOTATION = 'dapr.io/pluggable-components-sockets-folder';
/** Where the injector mounts the pluggable components' shared socket volume unless told otherwise. */
const DEFAULT_SOCKETS_FOLDER = '/tmp/dapr-components-sockets';

/** The construct id of a sidecar under its workload. */
const SIDECAR_ID = 'DaprSidecar';

/** The sidecar of each annotated Kubernetes object (a workload and its ApiObject share one). */
const SIDECARS = new WeakMap<ApiObject, DaprSidecar>();

/** Kinds whose pod template sits at `spec.template`. */
const TEMPLATE_AT_SPEC = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'];

/**
 * The Dapr sidecar of one workload: validates the options once, and writes the
 * `dapr.io/*` annotations onto the workload's **pod template**, where the injector reads them.
 *
 * Create it with `DaprSidecar.annotate()` (a workload of any cdk8s-plus version, or any
 * `ApiObject` holding a pod template, e.g. from `Include`).
 *
 * It is a construct of its own, a child of the workload (id `DaprSidecar`) that emits nothing:
 * an `IDaprApp`, so components and policies can be granted to it, and resources created
 * for the app go under it.
 */
export class DaprSidecar extends Construct implements IDaprApp {
  /**
   * Adds the Dapr annotations to the pod template of a workload: a Deployment, StatefulSet,
   * DaemonSet, ReplicaSet, Job, CronJob or Pod of **any cdk8s-plus version** (cdk8s-plus-28,
   * cdk8s-plus-33, ...), or a raw `ApiObject` of one of those kinds (e.g. from `Include`).
   *
   * The workload is found through cdk8s core types every cdk8s-plus version shares:
   * `ApiObject.of(workload)` gives its kind and namespace, and the annotations go into its pod
   * metadata (`podMetadata`, rendered when the workload synthesizes, so annotations added
   * later are kept) or, for a raw object, into its pod template by JSON patch.
   * Options are validated now; references to pod volumes and containers are checked at
   * synth, on the workload as it synthesizes.
   *
   * `dapr.io/*` annotations a raw object already has on its pod template are checked: an unknown
   * key fails (with a suggestion), and one the options would set to another value fails unless
   * `annotateOptions.overwrite` is true; identical ones are fine.
   *
   * @param workload the workload (a construct whose `ApiObject.of()` is a kind with a pod template)
   * @param options the sidecar's options
   * @param annotateOptions how to treat `dapr.io/*` annotations the object already has
   */
  public static annotate(workload: IConstruct, options: DaprSidecarOptions, annotateOptions: AnnotateApiObjectOptions = {}): DaprSidecar {
    // plain JavaScript: unknown keys (with a suggestion) and a missing app id fail first
    checkOptionKeys(workload, options);
    const apiObject = apiObjectOf(workload);
    if (SIDECARS.has(apiObject)) {
      fail(workload, 'DaprSidecar', options.appId, 'one Dapr sidecar per workload; this workload is already annotated');
    }
    const templatePath = podTemplatePath(apiObject, workload);
    const namespace = resolveNamespace(workload, apiObject.metadata.namespace);
    // everything is validated before anything is added to the tree or the workload
    const annotations = computeAnnotations(workload, options);
    if (workload instanceof ApiObject) {
      // an included object may carry dapr.io/* annotations of its own
      checkExistingAnnotations(apiObject, annotations, annotateOptions.overwrite ?? false);
    }
    const podMetadata = templatePath === '' ? apiObject.metadata : podMetadataOf(workload) ?? podMetadataOfOwner(apiObject);
    if (podMetadata) {
      for (const key of Object.keys(annotations)) podMetadata.addAnnotation(key, annotations[key]);
    } else {
      patchTemplateAnnotations(apiObject, templatePath, annotations);
    }
    const sidecar = new DaprSidecar(workload, options, namespace, annotations);
    SIDECARS.set(apiObject, sidecar);
    // the pod checks read the object as it synthesizes (patches applied), whichever library built it;
    // like all the sidecar's checks, they run in the app-level pass and in the pass of the
    // workload's chart's toJson(), not in the passes of other charts (see validation-scope.ts)
    addChartScopedValidation(workload, () => sidecar.checkPod(podShape(podTemplateOf(renderInPass(apiObject), templatePath)?.spec)));
    if (options.configuration) {
      const configuration = options.configuration;
      addChartScopedValidation(workload, () => configurationErrors(workload, sidecar, configuration));
    }
    addStartConditions(workload, sidecar, sidecarOwnerOf);
    reuseRenderInSynth(apiObject);
    return sidecar;
  }

  /**
   * Adds the Dapr annotations to the pod template of a raw `ApiObject`: workloads with
   * `spec.template` (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job), a CronJob's
   * `spec.jobTemplate.spec.template`, or a bare Pod. The same as `annotate(apiObject, options, annotateOptions)`.
   */
  public static annotateApiObject(apiObject: ApiObject, options: DaprSidecarOptions, annotateOptions: AnnotateApiObjectOptions = {}): DaprSidecar {
    return DaprSidecar.annotate(apiObject, options, annotateOptions);
  }

  /**
   * The pod template (`{ metadata, spec }`) of a workload as Dapr 1.18.3's sidecar injector
   * would patch it: the daprd container (image, args, env, ports, probes, resources, security
   * context), its volumes and mounts, labels, and what it adds to the other containers. The
   * injector's settings are those of the `DaprControlPlane` in the same cdk8s app, else Dapr's
   * chart defaults (or `options.sidecarInjection`). The trust anchors, known only in the
   * cluster, are a placeholder.
   *
   * @param workload a cdk8s-plus workload or an `ApiObject` holding a pod template
   */
  public static injectedPod(workload: IConstruct, options: InjectedPodOptions = {}): any {
    const fallback = options.sidecarInjection === undefined ? undefined
      : injectorSettingsFromSidecar(options.sidecarInjection, CHART_INJECTOR_SETTINGS, 'the sidecarInjection option');
    // the caller's own copy: the patched pod shares what the patch leaves with the workload's render
    return JSON.parse(JSON.stringify(injectedPodOf(workload, fallback)));
  }

  /** The sidecar already attached to a workload (or to its `ApiObject`), if any. */
  public static of(workload: IConstruct): DaprSidecar | undefined {
    const own = workload.node.tryFindChild(SIDECAR_ID);
    if (own instanceof DaprSidecar) return own;
    const apiObject = workload instanceof ApiObject ? workload : workload.node.defaultChild;
    return apiObject instanceof ApiObject ? SIDECARS.get(apiObject) : undefined;
  }

  /** Every sidecar of the workloads under `scope` (itself included), in construct tree order. */
  public static all(scope: IConstruct): DaprSidecar[] {
    return scope.node.findAll().filter((c): c is DaprSidecar => c instanceof DaprSidecar);
  }

  public readonly appId: string;
  public readonly namespace: string;
  /** The options this sidecar was created with. */
  public readonly options: DaprSidecarOptions;
  /** The annotations written onto the pod template, sorted by key. */
  public readonly annotations: { [key: string]: string };
  /** The ports the sidecar binds, computed on the first pod check (the options never change). */
  private reservedPorts?: Map<number, string>;

  private constructor(workload: IConstruct, options: DaprSidecarOptions, namespace: string, annotations: { [key: string]: string }) {
    super(workload as Construct, SIDECAR_ID);
    this.options = options;
    this.appId = options.appId;
    this.namespace = namespace;
    this.annotations = annotations;
    registerDaprAppFacts(this, { injectsComponentContainers: () => this.options.pluggableComponents?.inject === true });
  }

  /**
   * Records an annotation added after construction (e.g. `dapr.io/config` for a Configuration
   * created on demand), keeping `annotations` sorted. The caller writes it onto the pod template.
   * @internal
   */
  public _recordAnnotation(key: string, value: string): void {
    const all: { [key: string]: string } = { ...this.annotations, [key]: value };
    for (const k of Object.keys(this.annotations)) delete this.annotations[k];
    for (const k of Object.keys(all).sort()) this.annotations[k] = all[k];
  }

  /** Names of the pod's pluggable component containers (`dapr.io/pluggable-components`). */
  public get pluggableComponentContainers(): string[] {
    const list = this.annotations[PLUGGABLE_COMPONENTS_ANNOTATION];
    return list ? list.split(',') : [];
  }

  /**
   * Checks the workload's own containers against the sidecar's ports, and that the
   * volumes and pluggable component containers the options name exist in the pod.
   */
  private checkPod(pod: PodShape): string[] {
    const errors: string[] = [];
    const mounts = this.options.sidecarVolumeMounts ?? [];
    const volumes = new Set(mounts.length > 0 ? pod.volumes : []);
    for (const mount of mounts) {
      if (!volumes.has(mount.volumeName)) {
        errors.push(validationProblem('sidecarVolumeMounts.volumeName', mount.volumeName,
          `a volume of this pod (${[...volumes].sort().join(', ') || 'it has none'})`));
      }
    }
    const pluggable = this.pluggableComponentContainers;
    const containers = new Map(pluggable.length > 0 ? pod.containers.map((c) => [c.name, c]) : []);
    const socketsFolder = this.annotations[SOCKETS_FOLDER_ANNOTATION] ?? DEFAULT_SOCKETS_FOLDER;
    for (const name of pluggable) {
      const container = containers.get(name);
      if (!container) {
        errors.push(validationProblem('pluggableComponents.containers', name,
          `a container of this pod (${[...containers.keys()].sort().join(', ') || 'it has none'})`));
        continue;
      }
      // The injector mounts the shared socket volume there; a second mount at the same path is rejected.
      for (const path of container.mountPaths) {
        if (path === socketsFolder) {
          errors.push(validationProblem(`containers[${name}].mounts`, path,
            `a path other than the sockets folder ${socketsFolder}, where the injector mounts the shared socket volume`));
        }
      }
    }
    this.reservedPorts ??= sidecarPorts(this.options);
    const reserved = this.reservedPorts;
    for (const container of pod.containers) {
      for (const p of container.ports) {
        if (reserved.has(p) && p !== this.options.appPort) {
          errors.push(validationProblem(`containers[${container.name}].ports`, p,
            `a port not used by the Dapr sidecar (${reserved.get(p)})`));
        }
      }
    }
    return errors;
  }
}

/**
 * The annotated workload an ApiObject belongs to (the construct `annotate` was given, the
 * sidecar's parent), for the app-id check: a workload and its ApiObject are one app.
 */
function sidecarOwnerOf(apiObject: IConstruct): IConstruct | undefined {
  return apiObject instanceof ApiObject ? SIDECARS.get(apiObject)?.node.scope : undefined;
}

/**
 * The Kubernetes object of a workload: the construct itself if it is an `ApiObject`, else its
 * default child, as cdk8s-plus (any version) and most constructs libraries arrange it.
 */
function apiObjectOf(workload: IConstruct): ApiObject {
  try {
    return ApiObject.of(workload);
  } catch {
    return fail(workload, 'workload', workload.node.path,
      'a cdk8s-plus workload or an ApiObject of a kind with a pod template (ApiObject.of() finds none here)');
  }
}

/**
 * The pod template's metadata of a cdk8s-plus workload of any version: its `podMetadata`, an
 * `ApiObjectMetadataDefinition` of cdk8s core (one copy, a peer of both libraries) that the
 * workload renders into its pod template at synth.
 */
function podMetadataOf(construct: IConstruct | undefined): ApiObjectMetadataDefinition | undefined {
  const podMetadata = (construct as { podMetadata?: unknown } | undefined)?.podMetadata;
  return podMetadata instanceof ApiObjectMetadataDefinition ? podMetadata : undefined;
}

/** The pod metadata of the cdk8s-plus workload whose own object `apiObject` is (`ApiObject.of(workload)`), if any. */
function podMetadataOfOwner(apiObject: ApiObject): ApiObjectMetadataDefinition | undefined {
  const owner = apiObject.node.scope;
  return owner?.node.defaultChild === apiObject ? podMetadataOf(owner) : undefined;
}

/** Adds the annotations to a raw object's pod template by JSON patch, creating what is missing. */
function patchTemplateAnnotations(apiObject: ApiObject, templatePath: string, annotations: { [key: string]: string }) {
  const template = podTemplateOf(apiObject.toJson(), templatePath);
  if (template === undefined) {
    fail(apiObject, 'pod template', undefined, `a ${apiObject.kind} with ${templatePath.replace(/\//g, '.').slice(1)}`);
  }
  if (template.metadata === undefined) {
    apiObject.addJsonPatch(JsonPatch.add(`${templatePath}/metadata`, {}));
  }
  if (template.metadata?.annotations === undefined) {
    apiObject.addJsonPatch(JsonPatch.add(`${templatePath}/metadata/annotations`, {}));
  }
  for (const [key, value] of Object.entries(annotations)) {
    apiObject.addJsonPatch(JsonPatch.add(`${templatePath}/metadata/annotations/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value));
  }
}

/** The pod template at `templatePath` of a synthesized manifest ("" for a Pod, its own template). */
function podTemplateOf(manifest: any, templatePath: string): any {
  return templatePath.split('/').filter(Boolean).reduce((obj: any, key) => obj?.[key], manifest);
}

/** What the pod checks look at, from a synthesized pod spec. */
function podShape(spec: any): PodShape {
  return {
    volumes: (spec?.volumes ?? []).map((v: any) => v?.name),
    containers: (spec?.containers ?? []).map((c: any) => ({
      name: c?.name,
      mountPaths: (c?.volumeMounts ?? []).map((m: any) => m?.mountPath),
      ports: (c?.ports ?? []).map((p: any) => p?.containerPort),
    })),
  };
}

/** What the pod checks look at. */
interface PodShape {
  readonly volumes: string[];
  readonly containers: Array<{ readonly name: string; readonly mountPaths: string[]; readonly ports: number[] }>;
}

/** Where the pod template of `apiObject` sits; errors name `scope`, the construct given. */
function podTemplatePath(apiObject: ApiObject, scope: IConstruct): string {
  if (apiObject.kind === 'Pod') return '';
  if (apiObject.kind === 'CronJob') return '/spec/jobTemplate/spec/template';
  if (TEMPLATE_AT_SPEC.includes(apiObject.kind)) return '/spec/template';
  return fail(scope, 'kind', apiObject.kind, `a kind with a pod template: Pod, CronJob, ${TEMPLATE_AT_SPEC.join(', ')}`);
}

/** `SIDECAR_FIXED_PORTS` as entries with numeric keys, converted once. */
const FIXED_PORTS: ReadonlyArray<readonly [number, string]> = Object.entries(SIDECAR_FIXED_PORTS).map(([p, what]) => [Number(p), what]);

/** Ports the sidecar binds with these options, and what each is for. */
export function sidecarPorts(options: DaprSidecarOptions): Map<number, string> {
  const ports = new Map<number, string>(FIXED_PORTS);
  ports.set(options.ports?.grpcPort ?? 50001, 'ports.grpcPort, the Dapr gRPC API');
  ports.set(options.ports?.internalGrpcPort ?? 50002, 'ports.internalGrpcPort, sidecar-to-sidecar gRPC');
  if (options.metrics?.enabled ?? true) ports.set(options.metrics?.port ?? 9090, 'metrics.port');
  if (options.debug?.enabled) ports.set(options.debug?.port ?? 40000, 'debug.port');
  if (options.debug?.profiling) ports.set(7777, 'the profiling port');
  return ports;
}

/** A value as users wrote it: enum-like class instances (`LogLevel.of('x')`) by their value. */
function shown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shown);
  const v = value as { value?: unknown } | null;
  return v !== null && typeof v === 'object' && v.constructor !== Object && typeof v.value === 'string' ? v.value : value;
}

/** The rows written onto pods, sorted by key: options are checked, and annotations emitted, in that order. */
const POD_ROWS = DAPR_ANNOTATIONS.filter((row) => row.readFrom === 'pod').sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Validates the options and returns the annotation map, keys sorted. */
export function computeAnnotations(scope: IConstruct, input: DaprSidecarOptions): { [key: string]: string } {
  // first: no other check may show a credential the pod template would carry in plaintext
  checkPlaintextEnv(scope, input);
  const options = withGoMemLimit(scope, input);
  const out: { [key: string]: string } = {};
  for (const row of POD_ROWS) {
    const value = row.read(options);
    if (value === undefined) continue;
    const encoded = row.codec.encode(value);
    if (encoded === undefined) {
      // maps are shown by their offending entry, never whole: other entries may be credentials
      const [suffix, bad, rule] = row.codec.locate?.(value) ?? ['', shown(value), row.codec.rule];
      fail(scope, `${row.prop}${suffix}`, bad, rule);
    }
    out[row.key] = encoded;
  }
  checkCrossField(scope, options);
  return out;
}

/**
 * Refuses `sidecarEnv` variables that would put a credential on the pod template in plaintext,
 * unless named in the opt-out (`allowPlaintextSecrets`, formerly `allowPlaintextSecretEnv`).
 */
function checkPlaintextEnv(scope: IConstruct, o: DaprSidecarOptions): void {
  const env = o.sidecarEnv !== null && typeof o.sidecarEnv === 'object' ? o.sidecarEnv : {};
  const optOut = [...o.allowPlaintextSecrets ?? [], ...o.allowPlaintextSecretEnv ?? []];
  const names = Object.keys(env).sort();
  for (const name of names) {
    const value = env[name];
    checkPlaintext(scope, `sidecarEnv.${name}`, name, typeof value === 'string' ? value : undefined, optOut,
      `a variable that is not a credential: take "${name}" from a Secret with sidecarEnvFromSecret`);
  }
  const needing = names.filter((n) => plaintextCredential(n, typeof env[n] === 'string' ? env[n] : undefined) !== undefined);
  checkOptOut(scope, o.allowPlaintextSecrets, needing, 'variables of sidecarEnv');
  checkOptOut(scope, o.allowPlaintextSecretEnv, needing, 'variables of sidecarEnv', 'allowPlaintextSecretEnv');
}

function withGoMemLimit(scope: IConstruct, options: DaprSidecarOptions): DaprSidecarOptions {
  if (!options.goMemLimit) return options;
  const limit = sidecarResourcesOf(options).memoryLimit;
  const bytes = limit === undefined ? undefined : parseQuantity(limit);
  if (limit !== undefined && bytes === undefined) {
    return fail(scope, 'sidecarResources.memoryLimit', limit, QUANTITY_RULE);
  }
  if (bytes === undefined) {
    return fail(scope, 'goMemLimit', true, 'only together with sidecarResources.memoryLimit (GOMEMLIMIT is 90% of it)');
  }
  if (options.sidecarEnv?.GOMEMLIMIT !== undefined) {
    return fail(scope, 'sidecarEnv.GOMEMLIMIT', options.sidecarEnv.GOMEMLIMIT, 'no GOMEMLIMIT in sidecarEnv when goMemLimit is true');
  }
  const mib = Math.floor((bytes * 0.9) / 2 ** 20);
  if (mib < 1) {
    // GOMEMLIMIT=0MiB would make daprd's garbage collector run without pause
    return fail(scope, 'sidecarResources.memoryLimit', limit, 'at least 2Mi with goMemLimit (GOMEMLIMIT is 90% of it, in whole MiB)');
  }
  return { ...options, sidecarEnv: { ...options.sidecarEnv, GOMEMLIMIT: `${mib}MiB` } };
}

function checkCrossField(scope: IConstruct, o: DaprSidecarOptions) {
  const r = sidecarResourcesOf(o);
  {
    checkRequestWithinLimit(scope, 'sidecarResources', 'cpu', r.cpuRequest, r.cpuLimit);
    checkRequestWithinLimit(scope, 'sidecarResources', 'memory', r.memoryRequest, r.memoryLimit);
  }
  // the sidecar's own ports must be distinct, and the app port must be none of them
  const seen = new Map<number, string>(FIXED_PORTS);
  const own: [string, number | undefined][] = [
    ['ports.grpcPort', o.ports?.grpcPort ?? 50001],
    ['ports.internalGrpcPort', o.ports?.internalGrpcPort ?? 50002],
    ['metrics.port', (o.metrics?.enabled ?? true) ? o.metrics?.port ?? 9090 : undefined],
    ['debug.port', o.debug?.enabled ? o.debug?.port ?? 40000 : undefined],
  ];
  for (const [prop, p] of own) {
    if (p === undefined) continue;
    if (seen.has(p)) fail(scope, prop, p, `a port not already used by ${seen.get(p)}`);
    seen.set(p, prop);
  }
  if (o.appPort !== undefined) {
    const taken = sidecarPorts(o).get(o.appPort);
    if (taken) fail(scope, 'appPort', o.appPort, `a port not used by the Dapr sidecar (${o.appPort} is ${taken})`);
  }
  const hc = o.appHealthCheck;
  if (hc && (hc.probeTimeoutMillis ?? 500) >= (hc.probeIntervalSeconds ?? 5) * 1000) {
    fail(scope, 'appHealthCheck.probeTimeoutMillis', hc.probeTimeoutMillis ?? 500,
      `less than appHealthCheck.probeIntervalSeconds in milliseconds (${(hc.probeIntervalSeconds ?? 5) * 1000})`);
  }
  if (hc && o.appPort === undefined) {
    fail(scope, 'appHealthCheck', hc, 'only together with appPort (daprd probes the app on it)');
  }
  const paths = new Set<string>();
  for (const m of o.sidecarVolumeMounts ?? []) {
    if (paths.has(m.mountPath)) fail(scope, 'sidecarVolumeMounts.mountPath', m.mountPath, 'each mount path once');
    paths.add(m.mountPath);
  }
  if (o.configName !== undefined && o.configuration !== undefined) {
    fail(scope, 'configName', o.configName, `not together with configuration (it names "${o.configuration.name}"): pass one`);
  }
  if (o.appSsl !== undefined && o.appProtocol !== undefined) {
    fail(scope, 'appSsl', o.appSsl, 'not together with appProtocol (appSsl is deprecated: use AppProtocol.HTTPS or GRPCS)');
  }
  if (o.sidecarEnv !== undefined && Object.keys(o.sidecarEnv).length === 0) {
    fail(scope, 'sidecarEnv', o.sidecarEnv, 'at least one variable, or leave it out');
  }
  if (o.sidecarEnvFromSecret !== undefined && Object.keys(o.sidecarEnvFromSecret).length === 0) {
    fail(scope, 'sidecarEnvFromSecret', o.sidecarEnvFromSecret, 'at least one variable, or leave it out');
  }
  if (o.sidecarEnv && o.sidecarEnvFromSecret) {
    // own keys only: `in` would also find inherited names such as "constructor"
    const both = Object.keys(o.sidecarEnv).filter((k) => Object.prototype.hasOwnProperty.call(o.sidecarEnvFromSecret, k));
    if (both.length > 0) fail(scope, 'sidecarEnvFromSecret', both[0], 'a variable not also set in sidecarEnv');
  }
}
