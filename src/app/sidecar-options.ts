import { AppProtocol, InitEndpoint } from './enums';
import { LogLevel, SeccompProfile } from '../core/enums';
import { IConfiguration } from '../core/refs';
import { SidecarSecretEnv } from '../core/secret-env';
import { SidecarResources } from '../core/sidecar-resources';

/**
 * Probe timings for the daprd container. Unset fields keep the injector's defaults.
 */
export interface SidecarProbe {
  /**
   * Seconds after start before the first probe.
   * @default - injector default: 180 for liveness, 1 for readiness
   */
  readonly delaySeconds?: number;
  /**
   * Seconds after which a probe times out.
   * @default - injector default: 3 for liveness, 1 for readiness
   */
  readonly timeoutSeconds?: number;
  /**
   * Seconds between probes.
   * @default - injector default: 10 for liveness, 1 for readiness
   */
  readonly periodSeconds?: number;
  /**
   * Consecutive failures before the probe fails.
   * @default 5
   */
  readonly threshold?: number;
}

/**
 * Ports daprd listens on inside the pod. The app port must not collide with any of them.
 */
export interface SidecarPorts {
  /**
   * The Dapr gRPC API port (`dapr.io/grpc-port`).
   * @default 50001
   */
  readonly grpcPort?: number;
  /**
   * The port sidecars use to talk to each other (`dapr.io/internal-grpc-port`).
   * @default 50002
   */
  readonly internalGrpcPort?: number;
}

/**
 * Logging of the daprd container.
 */
export interface SidecarLogging {
  /**
   * Log verbosity (`dapr.io/log-level`).
   * @default LogLevel.INFO
   */
  readonly level?: LogLevel;
  /**
   * JSON-formatted logs (`dapr.io/log-as-json`), what log pipelines want.
   * @default false
   */
  readonly json?: boolean;
  /**
   * Log every API call (`dapr.io/enable-api-logging`).
   * @default - the Configuration's `logging.apiLogging` setting
   */
  readonly apiLogging?: boolean;
}

/**
 * Prometheus metrics of the daprd container.
 */
export interface SidecarMetrics {
  /**
   * Expose metrics (`dapr.io/enable-metrics`).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The metrics port (`dapr.io/metrics-port`).
   * @default 9090
   */
  readonly port?: number;
}

/**
 * Debugging aids. Keep them off in production.
 */
export interface SidecarDebug {
  /**
   * Run daprd under the Delve debugger (`dapr.io/enable-debug`).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Delve's port (`dapr.io/debug-port`).
   * @default 40000
   */
  readonly port?: number;
  /**
   * Expose the pprof profiling endpoint (`dapr.io/enable-profiling`).
   * @default false
   */
  readonly profiling?: boolean;
}

/**
 * How daprd checks the app's health (the app health check feature).
 */
export interface AppHealthCheck {
  /**
   * HTTP path probed when the app protocol is HTTP (`dapr.io/app-health-check-path`).
   * @default "/healthz"
   */
  readonly path?: string;
  /**
   * Seconds between probes (`dapr.io/app-health-probe-interval`).
   * @default 5
   */
  readonly probeIntervalSeconds?: number;
  /**
   * Milliseconds before a probe times out (`dapr.io/app-health-probe-timeout`).
   * Must be lower than the interval.
   * @default 500
   */
  readonly probeTimeoutMillis?: number;
  /**
   * Consecutive failures before the app is unhealthy (`dapr.io/app-health-threshold`).
   * @default 3
   */
  readonly threshold?: number;
}

/**
 * Graceful shutdown of the sidecar.
 */
export interface SidecarShutdown {
  /**
   * Seconds daprd waits for in-flight work on shutdown (`dapr.io/graceful-shutdown-seconds`).
   * Must be shorter than the pod's termination grace period.
   * @default 5 (daprd's own default)
   */
  readonly gracefulShutdownSeconds?: number;
  /**
   * Keep serving while the app is still running, up to this Go duration
   * (`dapr.io/block-shutdown-duration`).
   * @default - shutdown is not blocked
   */
  readonly blockShutdownDuration?: string;
}

/**
 * HTTP request handling limits of the Dapr API.
 */
export interface SidecarHttp {
  /**
   * Largest request body, as a byte quantity such as "4Mi" or "16Mi" (`dapr.io/max-body-size`).
   * @default "4Mi"
   */
  readonly maxBodySize?: string;
  /**
   * HTTP header read buffer, as a byte quantity such as "4Ki" (`dapr.io/read-buffer-size`).
   * @default "4Ki"
   */
  readonly readBufferSize?: string;
  /**
   * Deprecated by Dapr: the body limit in MB (`dapr.io/http-max-request-size`). Prefer `maxBodySize`.
   * @default - not set
   * @deprecated use `maxBodySize`
   */
  readonly maxRequestSizeMb?: number;
  /**
   * Deprecated by Dapr: the read buffer in KB (`dapr.io/http-read-buffer-size`). Prefer `readBufferSize`.
   * @default - not set
   * @deprecated use `readBufferSize`
   */
  readonly readBufferSizeKb?: number;
}

/**
 * Where daprd listens and how it reaches the app.
 */
export interface SidecarNetworking {
  /**
   * Addresses the Dapr API binds to (`dapr.io/sidecar-listen-addresses`).
   * @default ["[::1]", "127.0.0.1"]
   */
  readonly listenAddresses?: string[];
  /**
   * Serve the Dapr API on a Unix domain socket in this directory instead of TCP
   * (`dapr.io/unix-domain-socket-path`).
   * @default - TCP
   */
  readonly unixDomainSocketPath?: string;
  /**
   * Annotations for the `<app-id>-dapr` Service the operator creates (`dapr.io/sidecar-svc-annotations`).
   * @default - none
   */
  readonly serviceAnnotations?: { [key: string]: string };
}

/**
 * Tokens, secrets and identity.
 */
export interface SidecarSecurity {
  /**
   * Secret holding the token apps must send to call the Dapr API (`dapr.io/api-token-secret`).
   * @default - no API token
   */
  readonly apiTokenSecret?: string;
  /**
   * Secret holding the token daprd sends to the app (`dapr.io/app-token-secret`).
   * @default - no app token
   */
  readonly appTokenSecret?: string;
  /**
   * Turn off daprd's built-in `kubernetes` secret store (`dapr.io/disable-builtin-k8s-secret-store`).
   *
   * Off by default here (Dapr's default is on): the store serves only the app's own secrets API
   * calls (component `secretKeyRef`s are resolved by the operator), and it needs a Kubernetes API
   * token in daprd, without which daprd exits. Set `false` to keep it: a DaprApp then gets a
   * ServiceAccount, a Role to `get` Secrets (`kubernetesSecretNames` when given) and a token
   * mounted into daprd only; other workloads must provide them (checked at synth).
   * @default true
   */
  readonly disableBuiltinK8sSecretStore?: boolean;
  /**
   * The Kubernetes Secrets daprd reads through its Kubernetes secret stores (the built-in one, or
   * `secretstores.kubernetes` components), for the Role's `resourceNames`: least privilege.
   * Names that components read through such a store are added on their own.
   * @default - when no names are known, the Role may get every Secret of the namespace
   */
  readonly kubernetesSecretNames?: string[];
  /**
   * Audiences requested for the sidecar's Sentry JWT (`dapr.io/sentry-request-jwt-audiences`).
   * @default - none
   */
  readonly sentryJwtAudiences?: string[];
  /**
   * The daprd container's seccomp profile (`dapr.io/sidecar-seccomp-profile-type`).
   * `LOCALHOST` fails synth: the injector sets only the type, and Kubernetes rejects a
   * Localhost profile without `localhostProfile`.
   * @default SeccompProfile.RUNTIME_DEFAULT
   */
  readonly seccompProfile?: SeccompProfile;
}

/**
 * A pod volume mounted into daprd, e.g. for a local secret store file or certificates.
 */
export interface SidecarVolumeMount {
  /** The pod volume's name; it must exist on the pod. */
  readonly volumeName: string;
  /** Absolute mount path inside daprd. */
  readonly mountPath: string;
  /**
   * Mount read-write (`dapr.io/volume-mounts-rw`) instead of read-only (`dapr.io/volume-mounts`).
   * @default false
   */
  readonly readWrite?: boolean;
}

/**
 * Pluggable components running as containers next to daprd.
 */
export interface PluggableComponentsOptions {
  /**
   * Names of the pod's containers that are pluggable components (`dapr.io/pluggable-components`).
   * @default - none
   */
  readonly containers?: string[];
  /**
   * The shared socket folder (`dapr.io/pluggable-components-sockets-folder`).
   * @default "/tmp/dapr-components-sockets"
   */
  readonly socketsFolder?: string;
  /**
   * Let the injector add the containers declared on the app's Components
   * (`dapr.io/inject-pluggable-components`).
   * @default false
   */
  readonly inject?: boolean;
}

/**
 * Actors, workflows and jobs: where daprd finds placement and scheduler.
 */
export interface SidecarActors {
  /**
   * Placement service addresses (`dapr.io/placement-host-address`). An empty list turns actors off.
   * @default - the control plane's placement service
   */
  readonly placementHostAddresses?: string[];
  /**
   * Scheduler service addresses (`dapr.io/scheduler-host-address`). An empty list turns the scheduler off.
   * @default - the control plane's scheduler service
   */
  readonly schedulerHostAddresses?: string[];
  /**
   * How long to wait for placement table dissemination, a Go duration
   * (`dapr.io/actors-disseminate-timeout`).
   * @default - daprd's default
   */
  readonly disseminateTimeout?: string;
}

/**
 * Everything the Dapr sidecar injector reads from a pod template, typed.
 * Each field maps to exactly one `dapr.io/*` annotation (see `DAPR_ANNOTATIONS`).
 */
export interface DaprSidecarOptions {
  /** The Dapr app id (`dapr.io/app-id`): an RFC 1123 label, unique in the namespace. */
  readonly appId: string;
  /**
   * Inject the sidecar (`dapr.io/enabled`). Set false to keep the annotations but pause injection.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The port the app listens on (`dapr.io/app-port`).
   * @default - the app does not listen; Dapr only calls out
   */
  readonly appPort?: number;
  /**
   * The protocol of the app port (`dapr.io/app-protocol`).
   * @default AppProtocol.HTTP
   */
  readonly appProtocol?: AppProtocol;
  /**
   * Deprecated by Dapr: TLS to the app (`dapr.io/app-ssl`). Use `AppProtocol.HTTPS` or `GRPCS`.
   * @default - not set
   * @deprecated use `appProtocol`
   */
  readonly appSsl?: boolean;
  /**
   * The host daprd reaches the app on (`dapr.io/app-channel-address`).
   * @default "127.0.0.1"
   */
  readonly appChannelAddress?: string;
  /**
   * Concurrent requests daprd sends to the app (`dapr.io/app-max-concurrency`).
   * @default - unlimited
   */
  readonly appMaxConcurrency?: number;
  /**
   * Timeout of the app's bindings OPTIONS call, a Go duration (`dapr.io/app-binding-options-timeout`).
   * @default - daprd's default
   */
  readonly appBindingOptionsTimeout?: string;
  /**
   * Name of the Dapr Configuration resource the sidecar loads (`dapr.io/config`).
   * @default - the sidecar's built-in defaults
   */
  readonly configName?: string;
  /**
   * The Dapr Configuration the sidecar loads (`dapr.io/config`). It must be built in the same
   * cdk8s app and namespace, since a sidecar whose Configuration is missing exits.
   * Use `configName` instead for a Configuration managed elsewhere.
   * @default - the sidecar's built-in defaults
   */
  readonly configuration?: IConfiguration;
  /**
   * A custom daprd image (`dapr.io/sidecar-image`). Pin it by digest or tag, never `latest`.
   * @default - the control plane's sidecar image
   */
  readonly sidecarImage?: string;
  /**
   * CPU and memory for daprd (`dapr.io/sidecar-{cpu,memory}-{request,limit}`).
   * Dapr's injector sets none by default; this library writes Dapr's production guidance, so the
   * injected daprd is bounded and the pod meets the workload policy. `SidecarResources.of({})`
   * writes none (the pod then needs the `resource-requests`, `cpu-limit` and `memory-limit`
   * policy exemptions).
   * @default - SidecarResources.production(): 100m/250Mi requested, 300m/1000Mi limits
   */
  readonly sidecarResources?: SidecarResources;
  /**
   * Set `GOMEMLIMIT` for daprd to 90% of the memory limit (through `dapr.io/env`), so the Go
   * garbage collector works harder before the container is OOM-killed. Needs a memory limit.
   * @default false
   */
  readonly goMemLimit?: boolean;
  /**
   * Environment variables for daprd (`dapr.io/env`), in plaintext on the pod template.
   *
   * A variable whose name says credential (`*PASSWORD*`, `*PASS`, `PWD`, `*SECRET*`, `*TOKEN*`,
   * `*API_KEY*`, `*PRIVATE_KEY*`, `*CREDENTIALS*`, `*CONNECTION_STRING*`, `DSN`, `DATABASE_URL` ...)
   * or whose value holds one (a private key, a URL with a password) is refused: put it in
   * `sidecarEnvFromSecret`, or name it in `allowPlaintextSecrets`.
   * @default - none
   */
  readonly sidecarEnv?: { [name: string]: string };
  /**
   * `sidecarEnv` variables whose plaintext credentials are accepted on purpose (the explicit
   * opt-out for throwaway setups). Each must be a variable that would be refused without it.
   * @default - none: credentials must come from `sidecarEnvFromSecret`
   */
  readonly allowPlaintextSecrets?: string[];
  /**
   * The former name of `allowPlaintextSecrets`; both lists are read.
   * @deprecated use `allowPlaintextSecrets`, the name every construct uses for this opt-out
   * @default - none
   */
  readonly allowPlaintextSecretEnv?: string[];
  /**
   * Environment variables for daprd from Kubernetes Secrets (`dapr.io/env-from-secret`).
   * @default - none
   */
  readonly sidecarEnvFromSecret?: { [name: string]: SidecarSecretEnv };
  /**
   * Sidecar ports.
   * @default - 50001 (gRPC API) and 50002 (internal gRPC); HTTP API on 3500
   */
  readonly ports?: SidecarPorts;
  /**
   * Logging.
   * @default - info level, text format
   */
  readonly logging?: SidecarLogging;
  /**
   * Metrics.
   * @default - enabled on port 9090
   */
  readonly metrics?: SidecarMetrics;
  /**
   * Debugging and profiling.
   * @default - off
   */
  readonly debug?: SidecarDebug;
  /**
   * Liveness probe of daprd.
   * @default - injector defaults
   */
  readonly sidecarLivenessProbe?: SidecarProbe;
  /**
   * Readiness probe of daprd.
   * @default - injector defaults
   */
  readonly sidecarReadinessProbe?: SidecarProbe;
  /**
   * Turn on daprd's app health checks (`dapr.io/enable-app-health-check`) with these settings.
   * @default - app health checks off
   */
  readonly appHealthCheck?: AppHealthCheck;
  /**
   * Shutdown behaviour.
   * @default - daprd defaults
   */
  readonly shutdown?: SidecarShutdown;
  /**
   * HTTP limits.
   * @default - daprd defaults
   */
  readonly http?: SidecarHttp;
  /**
   * Listen addresses, sockets and the sidecar Service.
   * @default - daprd defaults
   */
  readonly networking?: SidecarNetworking;
  /**
   * Tokens, secrets and seccomp.
   * @default - no tokens; seccomp RuntimeDefault
   */
  readonly security?: SidecarSecurity;
  /**
   * Pod volumes mounted into daprd.
   * @default - none
   */
  readonly sidecarVolumeMounts?: SidecarVolumeMount[];
  /**
   * Pluggable component containers.
   * @default - none
   */
  readonly pluggableComponents?: PluggableComponentsOptions;
  /**
   * Placement and scheduler addresses.
   * @default - the control plane's services
   */
  readonly actors?: SidecarActors;
  /**
   * Initialization endpoints daprd should not call on the app (`dapr.io/disable-init-endpoints`).
   * @default - all are called
   */
  readonly disableInitEndpoints?: InitEndpoint[];
  /**
   * Inject daprd as a Kubernetes native sidecar, an init container with `restartPolicy: Always`
   * (`dapr.io/enable-native-sidecar`), so it starts before and stops after the app.
   * @default false
   */
  readonly nativeSidecar?: boolean;
}
