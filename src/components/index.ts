export { MetadataValue, SecretKeyRef } from './metadata-value';
export { ISecretStore } from './secret-store-ref';
export { Component, ComponentOptions, ComponentProps } from './component';
export { InjectedComponentContainer } from './injected-container';
export { TypedComponentOptions } from './typed-component';
export { PostgresqlConnectionProps } from './postgresql-connection-props';
export {
  CosmosDbStateStoreProps, DynamoDbStateStoreProps, InMemoryStateStoreProps, MongoDbStateStoreProps,
  PostgresqlStateStoreProps, RedisStateStoreProps,
} from './state-store-props';
export { StateStore } from './state-store';
export {
  GcpPubSubProps, InMemoryPubSubProps, JetStreamPubSubProps, KafkaPubSubProps, RabbitMqPubSubProps,
  RedisPubSubProps, ServiceBusTopicsPubSubProps, SnsSqsPubSubProps,
} from './pubsub-props';
export { PubSub } from './pubsub';
export {
  AwsSecretsManagerSecretStoreProps, AzureKeyVaultSecretStoreProps, GcpSecretManagerSecretStoreProps,
  KubernetesSecretStoreProps, LocalEnvSecretStoreProps, VaultSecretStoreProps,
} from './secret-store-props';
export { SecretStore } from './secret-store';
export {
  CronBindingProps, HttpBindingProps, KafkaBindingProps, PostgresqlBindingProps, S3BindingProps,
  SmtpBindingProps,
} from './binding-props';
export { Binding } from './binding';
export { PostgresqlConfigurationStoreProps, RedisConfigurationStoreProps } from './configuration-store-props';
export { ConfigurationStore } from './configuration-store';
export { RedisLockStoreProps } from './lock-store-props';
export { LockStore } from './lock-store';
export { KubernetesSecretsCryptoProviderProps, LocalStorageCryptoProviderProps } from './crypto-provider-props';
export { CryptoProvider } from './crypto-provider';
export { AnthropicConversationProps, OllamaConversationProps, OpenAiConversationProps } from './conversation-props';
export { Conversation } from './conversation';
export { BearerMiddlewareProps, OAuth2MiddlewareProps, RateLimitMiddlewareProps } from './http-middleware-props';
export { HttpMiddleware } from './http-middleware';
