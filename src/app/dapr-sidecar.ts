import { ApiObject, ApiObjectMetadataDefinition, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { IConstruct, Node } from 'constructs';
import { DAPR_ANNOTATIONS, SIDECAR_FIXED_PORTS } from './annotations';
import { IDaprApp } from './dapr-app-ref';
import { DaprSidecarOptions } from './sidecar-options';
import { resolveNamespace } from '../common/namespace';
import { checkRequestWithinLimit, fail, parseQuantity, validationProblem, addPathValidation } from '../common/validation';
import { configurationErrors } from '../config/app-wiring';

const PLUGGABLE_COMPONENTS_ANNOTATION = 'dapr.io/pluggable-components';
const SOCKETS_FOLDER_ANNOTATION = 'dapr.io/pluggable-components-sockets-folder';
/** Where the injector mounts the pluggable components' shared socket volume unless told otherwise. */
const DEFAULT_SOCKETS_FOLDER = '/tmp/dapr-components-sockets';

/** The sidecar of each annotated workload. */
const SIDECARS = new WeakMap<IConstruct, DaprSidecar>();

/** Kinds whose pod template sits at `spec.template`. */
const TEMPLATE_AT_SPEC = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController'];

/**
 * The Dapr sidecar of one workload: validates the options once, and writes the
 * `dapr.io/*` annotations onto the workload's **pod template**, where the injector reads them.
 *
 * Create it with `DaprSidecar.annotate()` (cdk8s-plus workloads and pods) or
 * `DaprSidecar.annotateApiObject()` (any `ApiObject` holding a pod template, e.g. from `Include`).
 *
 * It is not a construct of its own: it emits nothing, and as an `IDaprApp` it stands for its
 * workload, so its `node` is the workload's (error messages name the workload, and resources
 * created for the app, such as its own Configuration, go under the workload).
 */
export class DaprSidecar implements IDaprApp {
  /**
   * Adds the Dapr annotations to a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod.
   * Options are validated now; references to pod volumes and containers are checked at synth.
   */
  public static annotate(workload: kplus.AbstractPod, options: DaprSidecarOptions): DaprSidecar {
    const sidecar = new DaprSidecar(workload, options, resolveNamespace(workload, workload.metadata.namespace));
    sidecar.writeTo(workload.podMetadata);
    // getters: volumes and mounts are read only when the options name any (this runs on every validation pass)
    addPathValidation(workload, () => sidecar.checkPod({
      get volumes() { return workload.volumes.map((v) => v.name); },
      containers: workload.containers.map((c) => ({
        name: c.name,
        get mountPaths() { return c.mounts.map((m) => m.path); },
        ports: c.ports.map((p) => p.number),
      })),
    }));
    return sidecar;
  }

  /**
   * Adds the Dapr annotations to the pod template of a raw `ApiObject`: workloads with
   * `spec.template` (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job), a CronJob's
   * `spec.jobTemplate.spec.template`, or a bare Pod.
   */
  public static annotateApiObject(apiObject: ApiObject, options: DaprSidecarOptions): DaprSidecar {
    const sidecar = new DaprSidecar(apiObject, options, resolveNamespace(apiObject, apiObject.metadata.namespace));
    const templatePath = podTemplatePath(apiObject);
    // the same pod checks as for cdk8s-plus workloads, on the object as it synthesizes (patches applied)
    addPathValidation(apiObject, () => {
      const spec = podTemplateOf(apiObject.toJson(), templatePath)?.spec ?? {};
      return sidecar.checkPod({
        volumes: (spec.volumes ?? []).map((v: any) => v?.name),
        containers: (spec.containers ?? []).map((c: any) => ({
          name: c?.name,
          mountPaths: (c?.volumeMounts ?? []).map((m: any) => m?.mountPath),
          ports: (c?.ports ?? []).map((p: any) => p?.containerPort),
        })),
      });
    });
    if (templatePath === '') {
      // a Pod is its own template
      sidecar.writeTo(apiObject.metadata);
      return sidecar;
    }
    const manifest = apiObject.toJson();
    const template = podTemplateOf(manifest, templatePath);
    if (template === undefined) {
      fail(apiObject, 'pod template', undefined, `a ${apiObject.kind} with ${templatePath.replace(/\//g, '.').slice(1)}`);
    }
    if (template.metadata === undefined) {
      apiObject.addJsonPatch(JsonPatch.add(`${templatePath}/metadata`, {}));
    }
    if (template.metadata?.annotations === undefined) {
      apiObject.addJsonPatch(JsonPatch.add(`${templatePath}/metadata/annotations`, {}));
    }
    for (const [key, value] of Object.entries(sidecar.annotations)) {
      apiObject.addJsonPatch(JsonPatch.add(`${templatePath}/metadata/annotations/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, value));
    }
    return sidecar;
  }

  /** The sidecar already attached to a workload, if any. */
  public static of(workload: IConstruct): DaprSidecar | undefined {
    return SIDECARS.get(workload);
  }

  /** Every sidecar of the workloads under `scope` (itself included), in construct tree order. */
  public static all(scope: IConstruct): DaprSidecar[] {
    const sidecars: DaprSidecar[] = [];
    for (const c of scope.node.findAll()) {
      const sidecar = SIDECARS.get(c);
      if (sidecar) sidecars.push(sidecar);
    }
    return sidecars;
  }

  /** The workload's construct node. */
  public readonly node: Node;
  public readonly appId: string;
  public readonly namespace: string;
  /** The options this sidecar was created with. */
  public readonly options: DaprSidecarOptions;
  /** The annotations written onto the pod template, sorted by key. */
  public readonly annotations: { [key: string]: string };
  /** The ports the sidecar binds, computed on the first pod check (the options never change). */
  private reservedPorts?: Map<number, string>;

  private constructor(workload: IConstruct, options: DaprSidecarOptions, namespace: string) {
    if (SIDECARS.has(workload)) {
      fail(workload, 'DaprSidecar', options.appId, 'one Dapr sidecar per workload; this workload is already annotated');
    }
    this.node = workload.node;
    this.options = options;
    this.appId = options.appId;
    this.namespace = namespace;
    this.annotations = computeAnnotations(workload, options);
    const configuration = options.configuration;
    if (configuration) {
      addPathValidation(workload, () => configurationErrors(this, configuration));
    }
    SIDECARS.set(workload, this);
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

  private writeTo(metadata: ApiObjectMetadataDefinition) {
    const annotations = this.annotations;
    for (const key of Object.keys(annotations)) {
      metadata.addAnnotation(key, annotations[key]);
    }
  }
}

/** The pod template at `templatePath` of a synthesized manifest ("" for a Pod, its own template). */
function podTemplateOf(manifest: any, templatePath: string): any {
  return templatePath.split('/').filter(Boolean).reduce((obj: any, key) => obj?.[key], manifest);
}

/** What the pod checks look at, from a cdk8s-plus workload or a raw pod spec. */
interface PodShape {
  readonly volumes: string[];
  readonly containers: Array<{ readonly name: string; readonly mountPaths: string[]; readonly ports: number[] }>;
}

function podTemplatePath(apiObject: ApiObject): string {
  if (apiObject.kind === 'Pod') return '';
  if (apiObject.kind === 'CronJob') return '/spec/jobTemplate/spec/template';
  if (TEMPLATE_AT_SPEC.includes(apiObject.kind)) return '/spec/template';
  return fail(apiObject, 'kind', apiObject.kind, `a kind with a pod template: Pod, CronJob, ${TEMPLATE_AT_SPEC.join(', ')}`);
}

/** Environment variable names that hold credentials: they belong in a Secret, not on the pod template. */
export const CREDENTIAL_ENV = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|ACCOUNT_?KEY|CREDENTIALS?|CONNECTION_?STRING|CONN_?STR)/i;

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
  const options = withGoMemLimit(scope, input);
  const out: { [key: string]: string } = {};
  for (const row of POD_ROWS) {
    const value = row.read(options);
    if (value === undefined) continue;
    const encoded = row.codec.encode(value);
    if (encoded === undefined) {
      fail(scope, row.prop, shown(value), row.codec.rule);
    }
    out[row.key] = encoded;
  }
  checkCrossField(scope, options);
  return out;
}

function withGoMemLimit(scope: IConstruct, options: DaprSidecarOptions): DaprSidecarOptions {
  if (!options.goMemLimit) return options;
  const limit = options.sidecarResources?.memoryLimit;
  const bytes = limit === undefined ? undefined : parseQuantity(limit);
  if (bytes === undefined) {
    return fail(scope, 'goMemLimit', true, 'only together with sidecarResources.memoryLimit (GOMEMLIMIT is 90% of it)');
  }
  if (options.sidecarEnv?.GOMEMLIMIT !== undefined) {
    return fail(scope, 'sidecarEnv.GOMEMLIMIT', options.sidecarEnv.GOMEMLIMIT, 'no GOMEMLIMIT in sidecarEnv when goMemLimit is true');
  }
  const mib = Math.floor((bytes * 0.9) / 2 ** 20);
  return { ...options, sidecarEnv: { ...options.sidecarEnv, GOMEMLIMIT: `${mib}MiB` } };
}

function checkCrossField(scope: IConstruct, o: DaprSidecarOptions) {
  const r = o.sidecarResources;
  if (r) {
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
  for (const name of Object.keys(o.sidecarEnv ?? {}).sort()) {
    if (CREDENTIAL_ENV.test(name) && !(o.allowPlaintextSecretEnv ?? []).includes(name)) {
      fail(scope, `sidecarEnv.${name}`, '<plaintext, not shown>',
        `a variable that is not a credential: take "${name}" from a Secret with sidecarEnvFromSecret, or list it in allowPlaintextSecretEnv`);
    }
  }
  for (const name of o.allowPlaintextSecretEnv ?? []) {
    if (!Object.prototype.hasOwnProperty.call(o.sidecarEnv ?? {}, name)) fail(scope, 'allowPlaintextSecretEnv', name, 'the name of a variable in sidecarEnv');
  }
  if (o.sidecarEnv && o.sidecarEnvFromSecret) {
    // own keys only: `in` would also find inherited names such as "constructor"
    const both = Object.keys(o.sidecarEnv).filter((k) => Object.prototype.hasOwnProperty.call(o.sidecarEnvFromSecret, k));
    if (both.length > 0) fail(scope, 'sidecarEnvFromSecret', both[0], 'a variable not also set in sidecarEnv');
  }
}
