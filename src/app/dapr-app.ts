import { ApiObject, Duration, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { addAppResiliency, AppResiliencyOptions, configurationForAccessControl } from './app-wiring';
import { DaprSidecar } from './dapr-sidecar';
import { KUBE_API_TOKEN_DIR } from './injected-pod';
import { checkOptionKeys, DAPR_APP_EXTRA_KEYS, SIDECAR_OPTION_KEYS } from './option-keys';
import { DaprSidecarOptions } from './sidecar-options';
import { Resiliency } from '../config/resiliency';
import { IDaprApp, injectsComponentContainers, registerDaprAppFacts } from '../core/dapr-app-ref';
import { IMAGE_REF_RULE, isPinnedImage } from '../core/image-reference';
import { checkInstance, checkMap, checkProps, checkStruct } from '../core/js-values';
import { KUBE_API_VOLUME, kubeApiVolume, onKubernetesApiNeeded } from '../core/kubernetes-api-access';
import { requireNamespace } from '../core/namespace-registry';
import { InvocationAccessOptions, IConfiguration } from '../core/refs';
import {
  APP_ID_RULE, checkAnnotationMap, checkDnsLabel, checkDuration, checkedMillis, checkInteger, checkLabelMap, checkPort, fail, isAppId, isDnsLabel,
} from '../core/validation';

const CONFIG_ANNOTATION = 'dapr.io/config';
const PLUGGABLE_COMPONENTS_ANNOTATION = 'dapr.io/pluggable-components';
const VOLUME_MOUNTS_ANNOTATION = 'dapr.io/volume-mounts';

/**
 * Resources of a pluggable component container unless its props say otherwise: a small gRPC
 * server next to daprd, not cdk8s-plus's generic defaults (1-1.5 CPU, 0.5-2 GiB per container).
 */
const PLUGGABLE_COMPONENT_RESOURCES: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(200) },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
};

/**
 * Props for `DaprApp`: the Deployment's props, the app container, and the sidecar's options.
 */
export interface DaprAppProps extends kplus.DeploymentProps, DaprSidecarOptions {
  /** The app's container image, pinned by tag or digest (never `latest`). */
  readonly image: string;
  /**
   * Further settings of the app container: env, probes, resources, command, security context.
   * The container's port is `appPort`.
   * @default - a container named "app" with cdk8s-plus's secure defaults
   */
  readonly container?: kplus.ContainerOpts;
  /**
   * Create a ClusterIP Service named after the app id for `appPort`.
   * Dapr's own `<app-id>-dapr` Service is created by the operator either way.
   * @default true when `appPort` is set
   */
  readonly service?: boolean;
  /**
   * Create a PodDisruptionBudget (`maxUnavailable: 1`) so voluntary disruptions such as node
   * drains never take down every replica at once.
   * @default true when the Deployment has more than one replica
   */
  readonly podDisruptionBudget?: boolean;
}

/** Reference to an app defined elsewhere (another chart, another repository). */
class ImportedDaprApp extends Construct implements IDaprApp {
  constructor(scope: Construct, id: string, public readonly appId: string, public readonly namespace: string) {
    super(scope, id);
    if (!isAppId(appId)) fail(this, 'appId', appId, APP_ID_RULE);
    checkDnsLabel(this, 'namespace', namespace);
  }
}

/**
 * A Dapr-enabled application: a cdk8s-plus Deployment whose pod template carries every
 * `dapr.io/*` annotation, typed and validated, plus (by default) a Service for the app port.
 *
 * It is a `kplus.Deployment`, so everything cdk8s-plus offers stays in reach: containers,
 * volumes, scheduling, `exposeViaIngress`, and `ApiObject.of(app)` for raw patches.
 */
export class DaprApp extends kplus.Deployment implements IDaprApp {
  /**
   * An app that is not defined in this cdk8s app, by app id and namespace, so components,
   * subscriptions and policies can still be granted to it.
   */
  public static fromAppId(scope: Construct, id: string, appId: string, namespace: string = 'default'): IDaprApp {
    return new ImportedDaprApp(scope, id, appId, namespace);
  }

  public readonly appId: string;
  public readonly namespace: string;
  /** The sidecar's options and annotations. */
  public readonly sidecar: DaprSidecar;
  /** The app's own container. */
  public readonly appContainer: kplus.Container;
  /** The Service for the app port, if one was created. */
  public readonly appService?: kplus.Service;
  /** The PodDisruptionBudget, if one was created. */
  public readonly disruptionBudget?: ApiObject;
  private _configuration?: IConfiguration;
  private readonly configName?: string;
  /** daprd's Kubernetes API access, once something needs it. */
  private kubeApi?: { readonly serviceAccountName: string; readonly secretNames: Array<() => string[]> };
  private readonly ownSecretNames: string[];

  constructor(scope: Construct, id: string, props: DaprAppProps) {
    super(scope, id, deploymentProps(scope, id, props));
    checkOptionKeys(this, props, DAPR_APP_EXTRA_KEYS);
    if (!isPinnedImage(props.image)) {
      fail(this, 'image', props.image, IMAGE_REF_RULE);
    }
    if (props.replicas !== undefined) {
      // cdk8s-plus writes any number through; the API server wants a non-negative int32.
      checkInteger(this, 'replicas', props.replicas, 0, 2147483647);
    }
    this.appContainer = this.addContainer({
      name: 'app',
      ...props.container,
      image: props.image,
      portNumber: props.appPort,
      securityContext: {
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        ...props.container?.securityContext,
      },
      readiness: props.container?.readiness ?? (props.appPort !== undefined ? kplus.Probe.fromTcpSocket({ port: props.appPort }) : undefined),
    });
    this.sidecar = DaprSidecar.annotate(this, sidecarOptionsOf(props));
    this.appId = this.sidecar.appId;
    this.namespace = this.sidecar.namespace;
    registerDaprAppFacts(this, { injectsComponentContainers: () => injectsComponentContainers(this.sidecar) === true });
    // A fresh cluster has no namespace but the system ones: emit it (once) unless declared elsewhere.
    requireNamespace(this, this.namespace);
    this._configuration = props.configuration;
    this.configName = props.configName;
    this.ownSecretNames = props.security?.kubernetesSecretNames ?? [];
    checkShutdown(this, props);
    onKubernetesApiNeeded(this, (names) => this.provideKubernetesApi(props, names));
    if (props.security?.disableBuiltinK8sSecretStore === false) {
      this.provideKubernetesApi(props, () => []);
    }

    if (props.podDisruptionBudget ?? (props.replicas ?? 2) > 1) {
      this.disruptionBudget = new ApiObject(this, 'DisruptionBudget', {
        apiVersion: 'policy/v1',
        kind: 'PodDisruptionBudget',
        metadata: { name: props.appId, namespace: props.metadata?.namespace },
        spec: { maxUnavailable: 1, selector: { matchLabels: Lazy.any({ produce: () => this.matchLabels }) } },
      });
    }

    if (props.service ?? props.appPort !== undefined) {
      if (props.appPort === undefined) {
        fail(this, 'service', true, 'only together with appPort');
      }
      this.appService = this.exposeViaService({
        name: props.appId,
        ports: [{ port: props.appPort, targetPort: props.appPort, name: 'app' }],
      });
    }
  }

  /**
   * The pod spec, plus daprd's Kubernetes API access when something needs it (see
   * `kubernetes-api-access.ts`): the ServiceAccount, and the token volume daprd alone mounts.
   * @internal
   */
  public _toPodSpec(): any {
    const spec: any = super._toPodSpec();
    if (!this.kubeApi) return spec;
    return { ...spec, serviceAccountName: this.kubeApi.serviceAccountName, volumes: [...(spec.volumes ?? []), kubeApiVolume()] };
  }

  /**
   * Gives daprd a Kubernetes API token and the RBAC to get Secrets: a ServiceAccount (unless the
   * Deployment has one), a Role limited to the Secrets named (when any are known) and its
   * RoleBinding, and a projected token volume mounted into daprd only.
   */
  private provideKubernetesApi(props: DaprAppProps, secretNames: () => string[]): void {
    if (this.kubeApi) {
      this.kubeApi.secretNames.push(secretNames);
      return;
    }
    const namespace = props.metadata?.namespace;
    const serviceAccountName = this.serviceAccount?.name ?? this.appId;
    this.kubeApi = { serviceAccountName, secretNames: [secretNames] };
    if (!this.serviceAccount) {
      new ApiObject(this, 'ServiceAccount', {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: serviceAccountName, namespace },
        automountServiceAccountToken: false,
      });
    }
    const name = `${this.appId}-dapr-secrets`;
    const sources = this.kubeApi.secretNames;
    new ApiObject(this, 'SecretsRole', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name, namespace },
      rules: Lazy.any({
        produce: () => {
          const names = [...new Set([...this.ownSecretNames, ...sources.flatMap((s) => s())])].sort();
          return [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'], ...(names.length > 0 ? { resourceNames: names } : {}) }];
        },
      }),
    });
    new ApiObject(this, 'SecretsRoleBinding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccountName, namespace: this.namespace }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    });
    const mount = `${KUBE_API_VOLUME}:${KUBE_API_TOKEN_DIR}`;
    const existing = this.sidecar.annotations[VOLUME_MOUNTS_ANNOTATION];
    const mounts = existing ? `${existing},${mount}` : mount;
    this.podMetadata.addAnnotation(VOLUME_MOUNTS_ANNOTATION, mounts);
    this.sidecar._recordAnnotation(VOLUME_MOUNTS_ANNOTATION, mounts);
  }

  /** The Configuration the sidecar loads, if it is one built here. */
  public get configuration(): IConfiguration | undefined {
    return this._configuration;
  }

  /**
   * Lets `caller` invoke this app (service invocation access control), optionally only some
   * operations and verbs. Calls from apps not allowed are denied.
   *
   * The policies go into the app's Configuration; without one, a Configuration
   * `<appId>-config` is created and loaded. Access control needs mTLS, which the control
   * plane turns on by default.
   *
   * @param caller the calling app
   * @param options operations and verbs the caller may use
   */
  public allowInvocationFrom(caller: IDaprApp, options?: InvocationAccessOptions): void {
    const { configuration, created } = configurationForAccessControl(this, this._configuration, this.configName);
    if (created) {
      this._configuration = configuration;
      this.podMetadata.addAnnotation(CONFIG_ANNOTATION, configuration.name);
      this.sidecar._recordAnnotation(CONFIG_ANNOTATION, configuration.name);
    }
    configuration.allowInvocationFrom(caller, options);
  }

  /**
   * Adds a pluggable component container to the pod and lists it in
   * `dapr.io/pluggable-components`, e.g. with an image built by `DaprImage`:
   * `app.addPluggableComponent({ name: 'my-store', image: image.imageRef })`.
   *
   * The sidecar injector adds the shared socket volume and mounts it into daprd and this
   * container at the sockets folder (`DAPR_COMPONENT_SOCKETS_FOLDER` tells the component
   * where), so the container must not mount anything there itself.
   *
   * No readiness probe is needed: the pod is Ready only when daprd is, and daprd becomes ready
   * only after it has found the component's socket in the sockets folder and connected to it
   * (dapr v1.18.3 `pkg/runtime/runtime.go` runs `pluggable.Discover` before loading components;
   * `pkg/components/pluggable/grpc.go` pings with WaitForReady); a component not listening yet
   * makes daprd fail the component and restart. Give one in `readiness` if the component has it.
   *
   * Resources default to 50m/64Mi requested and 200m/256Mi limits, not cdk8s-plus's generic
   * container defaults (1-1.5 CPU, 0.5-2 GiB); set `resources` for more. The container gets a
   * writable `/tmp` (an emptyDir of 64Mi) unless it mounts something there itself.
   *
   * @param container the container; `name` is required, the image pinned by tag or digest
   */
  public addPluggableComponent(container: kplus.ContainerProps): kplus.Container {
    if (container.name === undefined || !isDnsLabel(container.name)) {
      fail(this, 'addPluggableComponent.name', container.name, 'a container name that is a DNS-1123 label (the annotation lists containers by name)');
    }
    if (this.containers.some((c) => c.name === container.name)) {
      fail(this, 'addPluggableComponent.name', container.name, 'a name no other container of this pod has');
    }
    if (!isPinnedImage(container.image)) {
      fail(this, 'addPluggableComponent.image', container.image, IMAGE_REF_RULE);
    }
    if (this.appService && container.readiness === undefined && this.sidecar.annotations['dapr.io/enabled'] === 'false') {
      // without daprd in the pod, nothing covers this container's readiness (found by fuzzing)
      fail(this, 'addPluggableComponent.readiness', undefined,
        'a readiness probe while the sidecar is disabled (enabled: false): without daprd\'s readiness, the app\'s Service would send traffic before the container is ready');
    }
    const added = this.addContainer({
      resources: PLUGGABLE_COMPONENT_RESOURCES,
      ...container,
      securityContext: {
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        ...container.securityContext,
      },
    });
    if (!(container.volumeMounts ?? []).some((m) => m.path === '/tmp')) {
      // A writable /tmp for a container whose root filesystem is read-only. It also gives the pod a
      // volume of its own, which the injector needs here: for a pod without volumes it patches
      // "add /spec/volumes [sockets volume]" after adding its token volume the same way, replacing
      // it, and the API server then rejects daprd's mount of the missing token volume (dapr v1.18.3
      // pkg/injector/patcher/sidecar_components.go addSharedSocketVolume, sidecar_patcher.go).
      added.mount('/tmp', kplus.Volume.fromEmptyDir(this, `PluggableTmp-${container.name}`, `${container.name}-tmp`, { sizeLimit: Size.mebibytes(64) }));
    }
    const names = [...this.sidecar.pluggableComponentContainers, container.name].join(',');
    this.podMetadata.addAnnotation(PLUGGABLE_COMPONENTS_ANNOTATION, names);
    this.sidecar._recordAnnotation(PLUGGABLE_COMPONENTS_ANNOTATION, names);
    return added;
  }

  /**
   * Retries, timeouts and a circuit breaker for this app's calls to `target`, e.g.
   * `app.withResiliency(notifications, { retry: RetryPolicy.exponential({ maxRetries: 3 }) })`.
   * The policies go into a Resiliency `<appId>-resiliency` scoped to this app.
   *
   * @param target the app called
   * @param options the policies
   */
  public withResiliency(target: IDaprApp, options: AppResiliencyOptions): Resiliency {
    return addAppResiliency(this, target, options);
  }
}

/** The sidecar options among DaprApp's props (the sidecar refuses keys it does not know). */
function sidecarOptionsOf(props: DaprAppProps): DaprSidecarOptions {
  const out: { [key: string]: unknown } = {};
  for (const key of SIDECAR_OPTION_KEYS) {
    if ((props as any)[key] !== undefined) out[key] = (props as any)[key];
  }
  return out as unknown as DaprSidecarOptions;
}

/** daprd must finish its graceful shutdown before the kubelet kills the pod. */
function checkShutdown(app: DaprApp, props: DaprAppProps) {
  const graceful = props.shutdown?.gracefulShutdownSeconds;
  // a whole number of seconds within int64 (terminationGracePeriodSeconds); cdk8s-plus would throw its own error on a fraction or NaN
  const period = props.terminationGracePeriod ?? Duration.seconds(30);
  checkDuration(app, 'terminationGracePeriod', period, true);
  const ms = checkedMillis(period);
  if (ms % 1000 !== 0) fail(app, 'terminationGracePeriod', `${ms}ms`, 'a whole number of seconds');
  const grace = ms / 1000;
  if (graceful !== undefined && graceful >= grace) {
    fail(app, 'shutdown.gracefulShutdownSeconds', graceful, `less than the pod's terminationGracePeriod (${grace} seconds)`);
  }
}

/**
 * The Deployment's props, checked before cdk8s-plus reads them: a JavaScript caller may pass
 * no props, or an app port cdk8s-plus would crash on (the construct does not exist yet, so the
 * error names the path it would have).
 */
function deploymentProps(scope: Construct, id: string, props: DaprAppProps): kplus.DeploymentProps {
  const path = `${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
  checkProps(path, props, true);
  if (props.appPort !== undefined) checkPort(path, 'appPort', props.appPort);
  const metadata = checkStruct(path, 'metadata', props.metadata, 'ObjectMeta (name, namespace, labels, annotations)');
  checkLabelMap(path, 'metadata.labels', metadata.labels);
  const container = checkStruct(path, 'container', props.container, 'container options (kplus.ContainerOpts)');
  for (const [name, value] of Object.entries(checkMap(path, 'container.envVariables', container.envVariables, 'kplus.EnvValue'))) {
    checkInstance(path, `container.envVariables.${name}`, value, kplus.EnvValue, 'a kplus.EnvValue, e.g. EnvValue.fromValue("x")');
  }
  checkAnnotationMap(path, 'metadata.annotations', metadata.annotations);
  return { ...props, metadata: { name: props.appId, ...props.metadata } };
}
