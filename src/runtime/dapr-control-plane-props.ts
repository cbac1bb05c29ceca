import { Duration } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { ControlPlaneStorage } from './control-plane-storage';
import { DaprVersion } from './dapr-version';
import { DisruptionBudget } from './disruption-budget';
import { ImagePullPolicy, PodAntiAffinityPolicy, RemindersService, WebhookFailurePolicy } from './enums';
import { ControlPlaneServiceExposure, ControlPlaneServiceOptions, ControlPlaneToleration, ReplicatedServiceOptions } from './options';
import { TrustBundle } from './trust-bundle';
import { MtlsOptions } from '../config/configuration-options';
import { LogLevel, SeccompProfile } from '../core/enums';

/**
 * What the sidecar injector puts into every daprd container it injects.
 */
export interface SidecarInjectionDefaults {
  /**
   * The daprd image, pinned by tag or digest.
   * @default - "<registry>/daprd:<version>"
   */
  readonly image?: string;
  /**
   * Pull policy of the daprd image.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Run daprd as a non-root user. `false` is an opt-out of Pod Security Standards "restricted".
   * @default true
   */
  readonly runAsNonRoot?: boolean;
  /**
   * Mount daprd's root filesystem read-only.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Drop every Linux capability of daprd, as Pod Security Standards "restricted" requires.
   * Dapr's chart leaves this off; this library turns it on. `false` is the opt-out.
   * @default true
   */
  readonly dropAllCapabilities?: boolean;
  /**
   * Inject daprd as a native sidecar (an init container with `restartPolicy: Always`, Kubernetes 1.29+).
   * @default false
   */
  readonly nativeSidecar?: boolean;
  /**
   * Pass pod name and namespace to daprd through the Kubernetes downward API.
   * @default false
   */
  readonly enableKubernetesDownwardApis?: boolean;
  /**
   * The user daprd runs as (`SIDECAR_RUN_AS_USER`); positive while `runAsNonRoot` is on.
   * @default - the image's user
   */
  readonly runAsUser?: number;
  /**
   * The group daprd runs as (`SIDECAR_RUN_AS_GROUP`).
   * @default - the image's group
   */
  readonly runAsGroup?: number;
}

/**
 * Props of the sidecar injector.
 */
export interface SidecarInjectorOptions extends ReplicatedServiceOptions {
  /**
   * Which namespaces' pods the webhook sees. Setting it replaces the default.
   * @default - every namespace with `webhookFailurePolicy` IGNORE (as the chart); with FAIL, every
   *   namespace but the control plane's own and kube-system, so the injector's own pods and the
   *   cluster's system pods can always be created
   */
  readonly namespaceSelector?: k8s.LabelSelector;
  /**
   * Which pods the webhook sees, by their labels.
   * @default - every pod
   */
  readonly objectSelector?: k8s.LabelSelector;
  /**
   * Run the injector on the host network, for CNIs (e.g. Calico on EKS) where the API server
   * cannot reach pod IPs. Leaves Pod Security Standards "restricted" (and "baseline"): the
   * synthesized Namespace must not enforce "restricted" (`enforcePodSecurityStandard: false`).
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Service accounts, as "namespace:name" (each side may be a glob: "*", "?", "[...]"), allowed to
   * create pods the injector adds daprd to, besides Kubernetes' own controllers
   * (`ALLOWED_SERVICE_ACCOUNTS`), e.g. a workflow engine that creates pods directly:
   * "argo:argo-workflow-controller". The injector leaves pods of other requesters alone.
   * @default - Kubernetes' controllers and system:masters only
   */
  readonly allowedServiceAccounts?: string[];
  /**
   * Like `allowedServiceAccounts`, as "namespace:prefix*" (`ALLOWED_SERVICE_ACCOUNTS_PREFIX_NAMES`,
   * deprecated by Dapr in favour of glob patterns in `allowedServiceAccounts`).
   * @default - none
   */
  readonly allowedServiceAccountPrefixes?: string[];
  /**
   * Tolerations marking virtual-node pods whose image entrypoint the injector must not look up
   * (`IGNORE_ENTRYPOINT_TOLERATIONS`).
   * @default - the chart's: NoSchedule on "alibabacloud.com/eci", "azure.com/aci", "aws", "huawei.com/cci"
   */
  readonly ignoreEntrypointTolerations?: ControlPlaneToleration[];
  /**
   * The injector's Service.
   * @default - ClusterIP, no extra annotations
   */
  readonly service?: ControlPlaneServiceExposure;
}

/**
 * Props of the operator.
 */
export interface OperatorOptions extends ReplicatedServiceOptions {
  /**
   * Watch Dapr resources of this namespace only (`--watch-namespace`).
   * @default - every namespace
   */
  readonly watchNamespace?: string;
  /**
   * Keep a `<app-id>-dapr` Service in front of every Dapr-enabled Deployment and StatefulSet.
   * @default true
   */
  readonly serviceReconciler?: boolean;
  /**
   * Also reconcile Services for Argo Rollouts (adds read/delete on `rollouts` to the operator's role).
   * @default false
   */
  readonly argoRolloutsServiceReconciler?: boolean;
  /**
   * Let the watchdog label pods instead of deleting them when their sidecar is missing (adds
   * "patch" on pods to the operator's cluster role).
   * @default false
   */
  readonly watchdogCanPatchPodLabels?: boolean;
  /**
   * How often the watchdog looks for pods without a sidecar; zero turns it off.
   * @default Duration.seconds(0) (off, as in Dapr's chart)
   */
  readonly watchInterval?: Duration;
  /**
   * The most pods the watchdog restarts per minute.
   * @default 20
   */
  readonly maxPodRestartsPerMinute?: number;
  /**
   * The `dapr-api` Service sidecars fetch their resources from.
   * @default - ClusterIP, no extra annotations
   */
  readonly apiService?: ControlPlaneServiceExposure;
  /**
   * The `dapr-webhook` Service (Subscription conversion).
   * @default - ClusterIP, no extra annotations
   */
  readonly webhookService?: ControlPlaneServiceExposure;
}

/**
 * Sentry issuing JWTs next to X.509 certificates. Keys are read from Sentry's credentials
 * Secret (the trust bundle), never put in the manifest.
 */
export interface SentryJwtOptions {
  /**
   * The signing key's file name in the trust bundle Secret.
   * @default "jwt.key"
   */
  readonly keyFilename?: string;
  /**
   * The JWKS file name in the trust bundle Secret.
   * @default "jwks.json"
   */
  readonly jwksFilename?: string;
  /**
   * The `iss` of issued tokens.
   * @default - none
   */
  readonly issuer?: string;
  /**
   * The signing algorithm, e.g. "RS256" or "ES256".
   * @default - Sentry's default
   */
  readonly signingAlgorithm?: string;
  /**
   * The `kid` of issued tokens.
   * @default - derived from the key
   */
  readonly keyId?: string;
}

/**
 * Sentry's OIDC discovery server, for clouds that federate with Dapr-issued JWTs.
 */
export interface SentryOidcOptions {
  /**
   * The Service port of the OIDC server (it listens on 9080).
   * @default 9080
   */
  readonly servicePort?: number;
  /**
   * The JWKS URI the discovery document advertises.
   * @default - served by Sentry
   */
  readonly jwksUri?: string;
  /**
   * A path prefix of the OIDC endpoints.
   * @default - none
   */
  readonly pathPrefix?: string;
  /**
   * Host names the OIDC server answers for.
   * @default - any
   */
  readonly allowedHosts?: string[];
  /**
   * The server's TLS certificate file: an absolute path under one of Sentry's `extraVolumeMounts`
   * (mount it from a Secret).
   * @default - none; required unless `plaintextHttp`
   */
  readonly tlsCertFile?: string;
  /**
   * The server's TLS key file, like `tlsCertFile`.
   * @default - none; required unless `plaintextHttp`
   */
  readonly tlsKeyFile?: string;
  /**
   * Serve OIDC over plain HTTP (behind a TLS-terminating proxy). An explicit opt-out.
   * @default false
   */
  readonly plaintextHttp?: boolean;
}

/**
 * Props of Sentry.
 */
export interface SentryOptions extends ReplicatedServiceOptions {
  /**
   * Sentry's Service.
   * @default - ClusterIP, no extra annotations
   */
  readonly service?: ControlPlaneServiceExposure;
  /**
   * Issue JWTs.
   * @default - off
   */
  readonly jwt?: SentryJwtOptions;
  /**
   * Serve OIDC discovery.
   * @default - off
   */
  readonly oidc?: SentryOidcOptions;
}

/**
 * Props of the placement service.
 */
export interface PlacementOptions extends ControlPlaneServiceOptions {
  /**
   * Where the HA raft log lives (only used with `ha: true`; a single replica keeps it in memory).
   * @default ControlPlaneStorage.persistent({ size: '1Gi' })
   */
  readonly raftLogStorage?: ControlPlaneStorage;
  /**
   * Virtual nodes per actor host on the hash ring.
   * @default 100
   */
  readonly replicationFactor?: number;
  /**
   * Interval of keepalives to sidecars.
   * @default Duration.seconds(2)
   */
  readonly keepAliveTime?: Duration;
  /**
   * How long a sidecar may miss keepalives before it is dropped.
   * @default Duration.seconds(3)
   */
  readonly keepAliveTimeout?: Duration;
  /**
   * How long a table dissemination may take.
   * @default Duration.seconds(8)
   */
  readonly disseminateTimeout?: Duration;
  /**
   * Window in which membership changes are batched into one dissemination.
   * @default Duration.seconds(0)
   */
  readonly disseminateCoalesceWindow?: Duration;
  /**
   * The lowest actor API level placement accepts from sidecars.
   * @default 0
   */
  readonly minApiLevel?: number;
  /**
   * The highest actor API level placement uses.
   * @default 10
   */
  readonly maxApiLevel?: number;
  /**
   * Serve placement's metadata endpoint.
   * @default false
   */
  readonly metadataEnabled?: boolean;
  /**
   * Run no placement replicas (the objects stay, for a later scale-up).
   * @default false
   */
  readonly scaleToZero?: boolean;
  /**
   * Extra annotations of placement's Service.
   * @default - none
   */
  readonly serviceAnnotations?: { [key: string]: string };
}

/**
 * Tuning of the scheduler's embedded etcd; each is the flag of the same name.
 */
export interface SchedulerEtcdTuning {
  /**
   * Backend quota (`--etcd-space-quota`), a quantity such as "16Gi" or "9.2E".
   * @default "9.2E"
   */
  readonly spaceQuota?: string;
  /**
   * "periodic" or "revision".
   * @default "revision"
   */
  readonly compactionMode?: string;
  /**
   * Revisions (mode "revision") or a duration such as "1h" (mode "periodic") to keep.
   * @default "1000000"
   */
  readonly compactionRetention?: string;
  /**
   * Committed transactions between snapshots.
   * @default 100000
   */
  readonly snapshotCount?: number;
  /**
   * Snapshot files kept (0: all).
   * @default 10
   */
  readonly maxSnapshots?: number;
  /**
   * WAL files kept (0: all).
   * @default 10
   */
  readonly maxWals?: number;
  /**
   * Operations per backend commit.
   * @default 10000
   */
  readonly backendBatchLimit?: number;
  /**
   * Longest time between backend commits.
   * @default Duration.millis(100)
   */
  readonly backendBatchInterval?: Duration;
  /**
   * Operations per transaction.
   * @default 10000
   */
  readonly maxTxnOps?: number;
  /**
   * Megabytes that must be freeable for a defragmentation at startup.
   * @default 100
   */
  readonly defragThresholdMegabytes?: number;
  /**
   * Fast-forward election ticks at startup.
   * @default false
   */
  readonly initialElectionTickAdvance?: boolean;
  /**
   * "basic" or "extensive" (adds histograms).
   * @default "basic"
   */
  readonly metrics?: string;
}

/**
 * An etcd cluster of your own instead of the scheduler's embedded one.
 */
export interface SchedulerExternalEtcd {
  /**
   * Client URLs, e.g. "https://etcd-0.etcd.svc:2379".
   */
  readonly endpoints: string[];
  /**
   * The etcd user.
   * @default - no authentication
   */
  readonly username?: string;
  /**
   * The Secret (in the control plane namespace) and key holding the user's password. It reaches
   * the scheduler through an environment variable, never the manifest.
   * @default - no password
   */
  readonly passwordSecret?: ExternalEtcdPasswordSecret;
}

/** Where the external etcd password is. */
export interface ExternalEtcdPasswordSecret {
  /** The Secret's name. */
  readonly name: string;
  /** The key in the Secret. */
  readonly key: string;
}

/**
 * Props of the scheduler service.
 */
export interface SchedulerOptions extends ControlPlaneServiceOptions {
  /**
   * Replicas of the embedded etcd cluster; odd, so a majority survives a failure.
   * @default 3 (with and without HA, like Dapr's chart)
   */
  readonly replicas?: number;
  /**
   * Where the embedded etcd keeps jobs, reminders and workflow timers.
   * @default ControlPlaneStorage.persistent({ size: '16Gi' })
   */
  readonly storage?: ControlPlaneStorage;
  /**
   * Tuning of the embedded etcd.
   * @default - Dapr's chart values
   */
  readonly etcd?: SchedulerEtcdTuning;
  /**
   * Use an external etcd cluster instead of the embedded one.
   * @default - embedded
   */
  readonly externalEtcd?: SchedulerExternalEtcd;
  /**
   * Workers that deliver due jobs.
   * @default 2048
   */
  readonly workers?: number;
  /**
   * The "host:port" the scheduler announces to sidecars instead of its own address (NAT'd or
   * layered networks).
   * @default - its own address
   */
  readonly broadcastHostPort?: string;
  /**
   * Extra annotations of the scheduler's Services.
   * @default - none
   */
  readonly serviceAnnotations?: { [key: string]: string };
}

/**
 * Props of `DaprControlPlane`. Every default matches Dapr's Helm chart, except where the chart is
 * not secure by default (noted on the prop).
 */
export interface DaprControlPlaneProps {
  /**
   * The Dapr release to run.
   * @default DaprVersion.LATEST
   */
  readonly version?: DaprVersion;
  /**
   * The namespace of the control plane.
   * @default "dapr-system"
   */
  readonly namespace?: string;
  /**
   * Synthesize the Namespace object. Turn off when the namespace is created elsewhere.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Label the synthesized Namespace `pod-security.kubernetes.io/enforce: restricted`;
   * every control plane pod meets that profile.
   * @default true
   */
  readonly enforcePodSecurityStandard?: boolean;
  /**
   * The image registry (and path) of every Dapr image.
   * @default "ghcr.io/dapr"
   */
  readonly registry?: string;
  /**
   * Pull policy of the control plane images.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Names of Secrets (in the control plane namespace) to pull the images with.
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * High availability: `haReplicas` of the operator, sentry and injector, three placement
   * replicas with a persistent raft log, pod anti-affinity and PodDisruptionBudgets.
   * @default false
   */
  readonly ha?: boolean;
  /**
   * Replicas of the operator, sentry and injector with HA on.
   * @default 3
   */
  readonly haReplicas?: number;
  /**
   * The node label replicas are spread over with HA on.
   * @default "topology.kubernetes.io/zone"
   */
  readonly haTopologyKey?: string;
  /**
   * Whether spreading replicas is preferred or required.
   * @default PodAntiAffinityPolicy.PREFERRED
   */
  readonly haPodAntiAffinity?: PodAntiAffinityPolicy;
  /**
   * The PodDisruptionBudget of each replicated service (HA services and the scheduler).
   * @default DisruptionBudget.DEFAULT (maxUnavailable 25%)
   */
  readonly disruptionBudget?: DisruptionBudget;
  /**
   * Log verbosity of every control plane service (override per service).
   * @default LogLevel.INFO
   */
  readonly logLevel?: LogLevel;
  /**
   * Log in JSON instead of text.
   * @default false
   */
  readonly logAsJson?: boolean;
  /**
   * mTLS between sidecars and the control plane, written to the `daprsystem` Configuration.
   * Turning it off is an explicit opt-out.
   * @default - enabled, workload certificates valid 24h, 15m clock skew, trust domain "cluster.local"
   */
  readonly mtls?: MtlsOptions;
  /**
   * Where Sentry's root and issuer certificates come from.
   * @default TrustBundle.generatedBySentry()
   */
  readonly trustBundle?: TrustBundle;
  /**
   * Expose Prometheus metrics from every service.
   * @default true
   */
  readonly metrics?: boolean;
  /**
   * The metrics port of every service.
   * @default 9090
   */
  readonly metricsPort?: number;
  /**
   * Annotate pods and Services with `prometheus.io/scrape|port|path` (when metrics are on).
   * @default true
   */
  readonly prometheusAnnotations?: boolean;
  /**
   * Node selector of every control plane pod (they always select `kubernetes.io/os: linux` too).
   * @default - none
   */
  readonly nodeSelector?: { [label: string]: string };
  /**
   * Tolerations of every control plane pod.
   * @default - none
   */
  readonly tolerations?: ControlPlaneToleration[];
  /**
   * PriorityClass of every control plane pod, e.g. "system-cluster-critical".
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * Extra labels on every object and pod.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Extra annotations on every control plane pod.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * The DNS domain of the cluster.
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
  /**
   * What happens to a pod when the injector webhook cannot be reached.
   * @default WebhookFailurePolicy.IGNORE
   */
  readonly webhookFailurePolicy?: WebhookFailurePolicy;
  /**
   * What the injector puts into every injected daprd.
   * @default - Dapr's defaults, with all capabilities dropped
   */
  readonly sidecar?: SidecarInjectionDefaults;
  /**
   * Let the default ServiceAccount of `secretReaderNamespace` read every Secret there, so apps
   * running as that account can use Dapr's secrets API on the built-in Kubernetes store (Dapr's
   * chart does this by default). Off by default here: least privilege; grant apps their own
   * ServiceAccount a Role for the Secrets they need instead. Component `secretKeyRef`s do not
   * need it (the operator resolves them).
   * @default false
   */
  readonly secretReader?: boolean;
  /**
   * The namespace of the secret-reader Role.
   * @default "default"
   */
  readonly secretReaderNamespace?: string;
  /**
   * Run placement, and let sidecars use actors (`global.actors.enabled`).
   * @default true
   */
  readonly actorsEnabled?: boolean;
  /**
   * Run the scheduler, and let sidecars use it (`global.scheduler.enabled`).
   * @default true
   */
  readonly schedulerEnabled?: boolean;
  /**
   * Where sidecars keep actor reminders (`global.reminders.serviceName`).
   * @default - daprd's choice
   */
  readonly remindersService?: RemindersService;
  /**
   * Grant the control plane Roles in its own namespace instead of ClusterRoles, for clusters
   * where it may not hold cluster-wide rights (`global.rbac.namespaced`); pair it with
   * `operator.watchNamespace`.
   * @default false
   */
  readonly namespacedRbac?: boolean;
  /**
   * The seccomp profile of every control plane container.
   * @default SeccompProfile.RUNTIME_DEFAULT
   */
  readonly seccompProfile?: SeccompProfile;
  /**
   * The profile file (relative to the kubelet's seccomp folder) with `SeccompProfile.LOCALHOST`.
   * @default - none; required with LOCALHOST
   */
  readonly seccompLocalhostProfile?: string;
  /**
   * The name of the control plane's Configuration.
   * @default "daprsystem"
   */
  readonly configurationName?: string;
  /**
   * Schedule the control plane on nodes of this CPU architecture only ("amd64", "arm64" or "arm").
   * @default - any architecture
   */
  readonly architecture?: string;
  /**
   * The operator.
   * @default - Dapr's defaults
   */
  readonly operator?: OperatorOptions;
  /**
   * The sidecar injector.
   * @default - Dapr's defaults
   */
  readonly sidecarInjector?: SidecarInjectorOptions;
  /**
   * Sentry, the certificate authority.
   * @default - Dapr's defaults
   */
  readonly sentry?: SentryOptions;
  /**
   * The actor placement service.
   * @default - Dapr's defaults
   */
  readonly placement?: PlacementOptions;
  /**
   * The scheduler (jobs, reminders, workflow timers).
   * @default - Dapr's defaults
   */
  readonly scheduler?: SchedulerOptions;
}
