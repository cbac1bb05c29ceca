import { Duration } from 'cdk8s';
import { ApiProtocol, DaprApi, NameResolver, TracingProtocol, AccessControlAction } from './enums';
import { TokenValidator } from './token-validators';
import { MetadataValue } from '../core/metadata-value';
import { IDaprComponentRef } from '../core/refs';

/**
 * Export of traces to Zipkin.
 */
export interface ZipkinExporter {
  /** The Zipkin spans endpoint, e.g. "http://zipkin.observability:9411/api/v2/spans". */
  readonly endpointAddress: string;
}

/**
 * Export of traces to an OpenTelemetry (OTLP) collector.
 */
export interface OtelExporter {
  /** The collector's address, "host:port", e.g. "otel-collector.observability:4317". */
  readonly endpointAddress: string;
  /** OTLP over gRPC or HTTP. */
  readonly protocol: TracingProtocol;
  /**
   * Use TLS to the collector. Plaintext is an explicit opt-out: set false.
   * @default true
   */
  readonly isSecure?: boolean;
  /**
   * Headers sent with every export, e.g. an API key. A header whose name says credential
   * (`Authorization`, `x-api-key`, `*-Token` ...) or whose value holds one needs
   * `MetadataValue.fromSecret` or `fromEnv`.
   * @default - none
   */
  readonly headers?: { [name: string]: MetadataValue };
  /**
   * Header names whose plaintext credentials are accepted on purpose (the explicit opt-out).
   * Each must be a header that would be refused without it.
   * @default - none
   */
  readonly allowPlaintextSecrets?: string[];
  /**
   * Timeout of one export request.
   * @default - the exporter's default (10s)
   */
  readonly timeout?: Duration;
}

/**
 * Distributed tracing (`spec.tracing`).
 */
export interface TracingOptions {
  /** The fraction of requests traced, from 0 (none) to 1 (all). */
  readonly samplingRate: number;
  /**
   * Also write spans to daprd's standard output.
   * @default false
   */
  readonly stdout?: boolean;
  /**
   * Export to Zipkin.
   * @default - no Zipkin export
   */
  readonly zipkin?: ZipkinExporter;
  /**
   * Export to an OpenTelemetry collector.
   * @default - no OTLP export
   */
  readonly otel?: OtelExporter;
}

/**
 * A label regex rule of a metric: label values matching a regex are replaced by a fixed
 * value, which keeps cardinality low.
 */
export interface MetricLabelRule {
  /** The label, e.g. "method". */
  readonly name: string;
  /** Replacement value -> regex; values matching the regex are recorded as the replacement. */
  readonly regex: { [replacement: string]: string };
}

/**
 * A rule for one metric.
 */
export interface MetricRule {
  /** The metric, e.g. "dapr_runtime_service_invocation_req_sent_total". */
  readonly name: string;
  /** Its label rules. */
  readonly labels: MetricLabelRule[];
}

/**
 * Metrics of the HTTP server.
 */
export interface HttpMetricsOptions {
  /**
   * Record metrics per path and verb (high cardinality). Prefer false with `pathMatching`.
   * @default - Dapr's default for the version
   */
  readonly increasedCardinality?: boolean;
  /**
   * Path patterns to record paths by, e.g. "/orders/{orderID}"; other paths are grouped.
   * Order is kept: the first match wins.
   * @default - none
   */
  readonly pathMatching?: string[];
  /**
   * Leave HTTP verbs out of the metrics.
   * @default false
   */
  readonly excludeVerbs?: boolean;
}

/**
 * Metrics (`spec.metrics`).
 */
export interface MetricsOptions {
  /**
   * Collect metrics.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Per-metric label rules.
   * @default - none
   */
  readonly rules?: MetricRule[];
  /**
   * Latency histogram buckets in milliseconds (positive integers; written sorted).
   * @default - Dapr's buckets, 1ms to 100s
   */
  readonly latencyDistributionBuckets?: number[];
  /**
   * HTTP server metrics.
   * @default - Dapr's defaults
   */
  readonly http?: HttpMetricsOptions;
  /**
   * Record error codes as a metric.
   * @default false
   */
  readonly recordErrorCodes?: boolean;
}

/**
 * mTLS settings (`spec.mtls` of a Configuration). Dapr reads them only from the control plane's
 * Configuration (`daprsystem` in the control-plane namespace), never from an app's Configuration:
 * set them on `DaprControlPlaneProps.mtls`, or on the `Configuration` named "daprsystem".
 */
export interface MtlsOptions {
  /**
   * Turn on mTLS between sidecars. Access control needs it.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The control plane's trust domain.
   * @default "cluster.local"
   */
  readonly controlPlaneTrustDomain?: string;
  /**
   * The Sentry address, "host:port".
   * @default "dapr-sentry.dapr-system.svc.cluster.local:443"
   */
  readonly sentryAddress?: string;
  /**
   * Lifetime of workload certificates.
   * @default - Sentry's default (24h)
   */
  readonly workloadCertTtl?: Duration;
  /**
   * Clock skew tolerated when checking certificates.
   * @default - Sentry's default (15m)
   */
  readonly allowedClockSkew?: Duration;
  /**
   * Extra validators of the tokens sidecars present to Sentry for their certificates
   * (`tokenValidators`), e.g. `TokenValidator.jwks({ source: JwksSource.fromUrl(url) })`.
   * In Kubernetes they are added to the built-in "kubernetes" validator; in self-hosted mode
   * they replace the built-in "insecure" one.
   * @default - the built-in validator only
   */
  readonly tokenValidators?: TokenValidator[];
}

/**
 * Name resolution (`spec.nameResolution`): how sidecars find each other.
 */
export interface NameResolutionOptions {
  /** The resolver. */
  readonly resolver: NameResolver;
  /**
   * The resolver's version.
   * @default "v1"
   */
  readonly version?: string;
  /**
   * The resolver's settings (flat keys; patch `apiObject` for nested ones).
   * @default - none
   */
  readonly configuration?: { [key: string]: string };
}

/**
 * Which secrets of a secret store the app may read through the secrets API.
 */
export interface SecretScope {
  /** The secret store's name, e.g. "kubernetes" or a secret store component's name. */
  readonly storeName: string;
  /**
   * Access to secrets not listed.
   * @default AccessControlAction.DENY
   */
  readonly defaultAccess?: AccessControlAction;
  /**
   * Secrets readable regardless of `defaultAccess`.
   * @default - none
   */
  readonly allowedSecrets?: string[];
  /**
   * Secrets never readable.
   * @default - none
   */
  readonly deniedSecrets?: string[];
}

/**
 * One Dapr API in the allow or deny list.
 */
export interface ApiAccessRule {
  /** The API. */
  readonly api: DaprApi;
  /** Its version, e.g. "v1.0", "v1" (gRPC) or "v1.0-alpha1". */
  readonly version: string;
  /**
   * The protocol.
   * @default ApiProtocol.HTTP
   */
  readonly protocol?: ApiProtocol;
}

/**
 * Which Dapr APIs the app may call (`spec.api`). An allow list turns every other API off;
 * the deny list wins over it.
 */
export interface ApiAccessOptions {
  /**
   * APIs allowed.
   * @default - all
   */
  readonly allowed?: ApiAccessRule[];
  /**
   * APIs denied.
   * @default - none
   */
  readonly denied?: ApiAccessRule[];
}

/**
 * One handler of a middleware pipeline.
 */
export interface MiddlewareHandler {
  /** The HTTP middleware component (`middleware.http.<name>`). */
  readonly middleware: IDaprComponentRef;
  /**
   * Apply only to requests whose fields match (selector fields).
   * @default - every request
   */
  readonly selector?: { [field: string]: string };
}

/**
 * API logging (`spec.logging.apiLogging`).
 */
export interface ApiLoggingOptions {
  /**
   * Log API calls; sidecars can override with `dapr.io/enable-api-logging`.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Log route names instead of URLs, which may carry personal data.
   * @default false
   */
  readonly obfuscateUrls?: boolean;
  /**
   * Leave health checks out of the log.
   * @default false
   */
  readonly omitHealthChecks?: boolean;
}

/**
 * When finished workflow instances are purged.
 */
export interface WorkflowStateRetention {
  /**
   * After any terminal state.
   * @default - kept
   */
  readonly anyTerminal?: Duration;
  /**
   * After completion.
   * @default - `anyTerminal`
   */
  readonly completed?: Duration;
  /**
   * After failure.
   * @default - `anyTerminal`
   */
  readonly failed?: Duration;
  /**
   * After termination.
   * @default - `anyTerminal`
   */
  readonly terminated?: Duration;
}

/**
 * Workflow engine settings (`spec.workflow`).
 */
export interface WorkflowOptions {
  /**
   * Concurrent workflow invocations per sidecar; more are queued.
   * @default - unlimited
   */
  readonly maxConcurrentWorkflowInvocations?: number;
  /**
   * Concurrent activity invocations per sidecar; more are queued.
   * @default - unlimited
   */
  readonly maxConcurrentActivityInvocations?: number;
  /**
   * Concurrent workflow invocations across all replicas (enforced by the scheduler).
   * @default - unlimited
   */
  readonly globalMaxConcurrentWorkflowInvocations?: number;
  /**
   * Concurrent activity invocations across all replicas (enforced by the scheduler).
   * @default - unlimited
   */
  readonly globalMaxConcurrentActivityInvocations?: number;
  /**
   * Concurrency limits per workflow name, across all replicas.
   * @default - none
   */
  readonly workflowConcurrencyLimits?: { [workflowName: string]: number };
  /**
   * Concurrency limits per activity name, across all replicas.
   * @default - none
   */
  readonly activityConcurrencyLimits?: { [activityName: string]: number };
  /**
   * Purging of finished workflow state.
   * @default - never purged
   */
  readonly stateRetention?: WorkflowStateRetention;
}
