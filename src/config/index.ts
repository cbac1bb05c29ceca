export * from './enums';
export {
  AccessControlOptions, AppAccessPolicy, DEFAULT_TRUST_DOMAIN, InvocationOperation,
} from './access-control';
export * from './configuration-options';
export * from './configuration';
export { JwksSource, JwksTokenValidatorOptions, TokenValidator } from './token-validators';
export {
  CircuitBreakerOptions, ConstantRetryOptions, ExponentialRetryOptions, RetryMatching, RetryOptions, RetryPolicy,
} from './resiliency-policies';
export * from './resiliency';
export * from './subscription';
export * from './http-endpoint';
export * from './mcp-server';
export * from './workflow-access-policy';
