import { ApiObject, Duration, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { IMAGE_REF_RULE, isPinnedImage } from './annotations';
import { IDaprApp } from './dapr-app-ref';
import { DaprSidecar } from './dapr-sidecar';
import { DaprSidecarOptions } from './sidecar-options';
import { APP_ID_RULE, checkDnsLabel, checkInteger, fail, isAppId, isDnsLabel } from '../common/validation';
import { InvocationAccessOptions } from '../config/access-control';
import { addAppResiliency, AppResiliencyOptions, configurationForAccessControl } from '../config/app-wiring';
import { IConfiguration } from '../config/refs';
import { Resiliency } from '../config/resiliency';
import { requireNamespace } from '../deploy/namespace-registry';

const CONFIG_ANNOTATION = 'dapr.io/config';
const PLUGGABLE_COMPONENTS_ANNOTATION = 'dapr.io/pluggable-components';

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

  constructor(scope: Construct, id: string, props: DaprAppProps) {
    super(scope, id, {
      ...props,
      metadata: { name: props.appId, ...props.metadata },
    });
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
    this.sidecar = DaprSidecar.annotate(this, props);
    this.appId = this.sidecar.appId;
    this.namespace = this.sidecar.namespace;
    // A fresh cluster has no namespace but the system ones: emit it (once) unless declared elsewhere.
    requireNamespace(this, this.namespace);
    this._configuration = props.configuration;
    this.configName = props.configName;
    checkShutdown(this, props);

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
   * When the app has a Service, the container needs a `readiness` probe (the workload policy
   * wants one on every container of a pod a Service sends traffic to).
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
    if (this.appService && container.readiness === undefined) {
      // The workload policy wants a readiness probe on every container of a pod behind a Service.
      fail(this, 'addPluggableComponent.readiness', undefined,
        'a readiness probe, e.g. Probe.fromCommand([...]): the app\'s Service sends traffic to this pod (or set `service: false`)');
    }
    const added = this.addContainer({
      ...container,
      securityContext: {
        capabilities: { drop: [kplus.Capability.ALL] },
        seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
        ...container.securityContext,
      },
    });
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

/** daprd must finish its graceful shutdown before the kubelet kills the pod. */
function checkShutdown(app: DaprApp, props: DaprAppProps) {
  const graceful = props.shutdown?.gracefulShutdownSeconds;
  const grace = (props.terminationGracePeriod ?? Duration.seconds(30)).toSeconds();
  if (graceful !== undefined && graceful >= grace) {
    fail(app, 'shutdown.gracefulShutdownSeconds', graceful, `less than the pod's terminationGracePeriod (${grace} seconds)`);
  }
}
