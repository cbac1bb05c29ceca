export { Component } from './component';
export type { ComponentOptions, InjectedComponentContainer, TypedComponentOptions } from '../core/component-options';
export type { ComponentProps } from './component';
export type { PostgresqlConnectionProps } from './postgresql-connection-props';
export type {
  AwsCredentialsProps, AzureAdProps, GcpCredentialsProps, KafkaConnectionProps, RedisConnectionProps,
} from './shared-props';
export type {
  CosmosDbStateStoreProps, DynamoDbStateStoreProps, InMemoryStateStoreProps, MongoDbStateStoreProps,
  PostgresqlStateStoreProps, RedisStateStoreProps,
} from './state-store-props';
export { StateStore } from './state-store';
export type {
  GcpPubSubProps, InMemoryPubSubProps, JetStreamPubSubProps, KafkaPubSubProps, RabbitMqPubSubProps,
  RedisPubSubProps, ServiceBusTopicsPubSubProps, SnsSqsPubSubProps,
} from './pubsub-props';
export { PubSub } from './pubsub';
export type {
  AwsSecretsManagerSecretStoreProps, AzureKeyVaultSecretStoreProps, GcpSecretManagerSecretStoreProps,
  KubernetesSecretStoreProps, LocalEnvSecretStoreProps, VaultSecretStoreProps,
} from './secret-store-props';
export { SecretStore } from './secret-store';
export type {
  CronBindingProps, HttpBindingProps, KafkaBindingProps, PostgresqlBindingProps, S3BindingProps,
  SmtpBindingProps,
} from './binding-props';
export { Binding } from './binding';
export type { PostgresqlConfigurationStoreProps, RedisConfigurationStoreProps } from './configuration-store-props';
export { ConfigurationStore } from './configuration-store';
export type { RedisLockStoreProps } from './lock-store-props';
export { LockStore } from './lock-store';
export type { KubernetesSecretsCryptoProviderProps, LocalStorageCryptoProviderProps } from './crypto-provider-props';
export { CryptoProvider } from './crypto-provider';
export type {
  AnthropicConversationProps, OllamaConversationProps, OpenAiConversationProps,
} from './conversation-props';
export { Conversation } from './conversation';
export type { BearerMiddlewareProps, OAuth2MiddlewareProps, RateLimitMiddlewareProps } from './http-middleware-props';
export { HttpMiddleware } from './http-middleware';
