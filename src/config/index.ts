export {
  AccessControlAction, ApiProtocol, CircuitBreakerScope, DaprApi, NameResolver, TlsRenegotiation,
  TracingProtocol, WorkflowOperation,
} from './enums';
export type {
  AccessControlOptions, AppAccessPolicy, InvocationOperation,
} from './access-control';
export type {
  ApiAccessOptions, ApiAccessRule, ApiLoggingOptions, HttpMetricsOptions, MetricLabelRule, MetricRule,
  MetricsOptions, MiddlewareHandler, MtlsOptions, NameResolutionOptions, OtelExporter, SecretScope,
  TracingOptions, WorkflowOptions, WorkflowStateRetention, ZipkinExporter,
} from './configuration-options';
export { Configuration } from './configuration';
export type { ConfigurationProps } from './configuration';
export { JwksSource, TokenValidator } from './token-validators';
export type { JwksTokenValidatorOptions } from './token-validators';
export { RetryPolicy } from './resiliency-policies';
export type {
  CircuitBreakerOptions, ConstantRetryOptions, ExponentialRetryOptions, RetryMatching, RetryOptions,
} from './resiliency-policies';
export { Resiliency } from './resiliency';
export type {
  ActorTargetPolicies, AppTargetPolicies, ComponentTargetPolicies, ResiliencyProps, TargetPolicies,
} from './resiliency';
export { Subscription, SubscriptionVersion } from './subscription';
export type { BulkSubscribeOptions, SubscriptionOptions, SubscriptionProps, SubscriptionRoute } from './subscription';
export { HttpEndpoint, TlsDocument } from './http-endpoint';
export type { HttpEndpointClientTls, HttpEndpointProps } from './http-endpoint';
export { McpServer, McpTransport } from './mcp-server';
export type {
  McpAuth, McpCatalog, McpHttpOptions, McpMiddleware, McpOAuth2, McpServerProps, McpSpiffeJwt,
  McpStdioOptions, McpWorkflowHook,
} from './mcp-server';
export { WorkflowAccessPolicy } from './workflow-access-policy';
export type {
  ActivityGrant, WorkflowAccessPolicyProps, WorkflowAccessRule, WorkflowGrant,
} from './workflow-access-policy';
