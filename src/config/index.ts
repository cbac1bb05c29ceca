export { IConfiguration, IDaprComponentRef } from './refs';
export {
  AccessControlAction, ApiProtocol, CircuitBreakerScope, DaprApi, HttpVerb, NameResolver, TlsRenegotiation,
  TracingProtocol, WorkflowOperation,
} from './enums';
export { AccessControlOptions, AppAccessPolicy, InvocationAccessOptions, InvocationOperation } from './access-control';
export {
  ApiAccessOptions, ApiAccessRule, ApiLoggingOptions, HttpMetricsOptions, MetricLabelRule, MetricRule,
  MetricsOptions, MiddlewareHandler, MtlsOptions, NameResolutionOptions, OtelExporter, SecretScope,
  TracingOptions, WorkflowOptions, WorkflowStateRetention, ZipkinExporter,
} from './configuration-options';
export { Configuration, ConfigurationProps } from './configuration';
export { JwksSource, JwksTokenValidatorOptions, TokenValidator } from './token-validators';
export {
  CircuitBreakerOptions, ConstantRetryOptions, ExponentialRetryOptions, RetryMatching, RetryOptions,
  RetryPolicy,
} from './resiliency-policies';
export {
  ActorTargetPolicies, AppTargetPolicies, ComponentTargetPolicies, Resiliency, ResiliencyProps,
  TargetPolicies,
} from './resiliency';
export {
  BulkSubscribeOptions, Subscription, SubscriptionOptions, SubscriptionProps, SubscriptionRoute,
  SubscriptionVersion,
} from './subscription';
export { HttpEndpoint, HttpEndpointClientTls, HttpEndpointProps, TlsDocument } from './http-endpoint';
export {
  McpAuth, McpCatalog, McpHttpOptions, McpMiddleware, McpOAuth2, McpServer, McpServerProps, McpSpiffeJwt,
  McpStdioOptions, McpTransport, McpWorkflowHook,
} from './mcp-server';
export {
  ActivityGrant, WorkflowAccessPolicy, WorkflowAccessPolicyProps, WorkflowAccessRule, WorkflowGrant,
} from './workflow-access-policy';
export { AppResiliencyOptions } from './app-wiring';
