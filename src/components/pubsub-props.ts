import { Duration } from 'cdk8s';
import { TypedComponentOptions } from './typed-component';
import { MetadataValue } from '../core/metadata-value';

/**
 * Props of Apache Kafka (`pubsub.kafka`).
 */
export interface KafkaPubSubProps extends TypedComponentOptions {
  /**
   * Comma-separated list of Kafka brokers, `host:port`.
   */
  readonly brokers: string;
  /**
   * How to authenticate to Kafka: "none", "password", "mtls", "oidc", "oidc_private_key_jwt" or "awsiam".
   */
  readonly authType: string;
  /**
   * Consumer group the app reads as.
   * @default - not set
   */
  readonly consumerGroup?: string;
  /**
   * Client id sent to the broker.
   * @default - not set (Dapr's default: sarama)
   */
  readonly clientID?: string;
  /**
   * SASL user, with `authType: "password"`.
   * @default - not set
   */
  readonly saslUsername?: string;
  /**
   * SASL password, with `authType: "password"`.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly saslPassword?: MetadataValue;
  /**
   * SASL mechanism: "PLAINTEXT", "SHA-256" or "SHA-512".
   * @default - not set (Dapr's default: PLAINTEXT)
   */
  readonly saslMechanism?: string;
  /**
   * CA certificate (PEM) that signs the server certificate.
   * @default - not set
   */
  readonly caCert?: string;
  /**
   * Client certificate (PEM) for mutual TLS.
   * @default - not set
   */
  readonly clientCert?: string;
  /**
   * Client private key (PEM) for mutual TLS.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly clientKey?: MetadataValue;
  /**
   * Where a new consumer group starts: "newest" or "oldest".
   * @default - not set (Dapr's default: newest)
   */
  readonly initialOffset?: string;
  /**
   * AWS region of the resource.
   * @default - not set
   */
  readonly region?: string;
  /**
   * Comma-separated topics apps may use with this component; others are refused.
   * @default - not set
   */
  readonly allowedTopics?: string;
}

/**
 * Props of RabbitMQ (`pubsub.rabbitmq`).
 */
export interface RabbitMqPubSubProps extends TypedComponentOptions {
  /**
   * Connection string; it usually embeds a password, so it is sensitive.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly connectionString?: MetadataValue;
  /**
   * Broker host name, instead of a connection string.
   * @default - not set
   */
  readonly hostname?: string;
  /**
   * User name.
   * @default - not set
   */
  readonly username?: string;
  /**
   * Password of the user.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly password?: MetadataValue;
  /**
   * Declare durable queues.
   * @default - not set (Dapr's default: false)
   */
  readonly durable?: boolean;
  /**
   * Message persistence: 1 transient, 2 persistent.
   * @default - not set (Dapr's default: 0)
   */
  readonly deliveryMode?: number;
  /**
   * Send messages that fail processing to a dead-letter queue.
   * @default - not set (Dapr's default: false)
   */
  readonly enableDeadLetter?: boolean;
  /**
   * Messages prefetched per consumer (0: unlimited).
   * @default - not set (Dapr's default: 0)
   */
  readonly prefetchCount?: number;
  /**
   * Exchange type: "fanout", "topic", "direct" or "headers".
   * @default - not set (Dapr's default: fanout)
   */
  readonly exchangeKind?: string;
  /**
   * Comma-separated topics apps may use with this component; others are refused.
   * @default - not set
   */
  readonly allowedTopics?: string;
}

/**
 * Props of Redis Streams (`pubsub.redis`).
 */
export interface RedisPubSubProps extends TypedComponentOptions {
  /**
   * Redis address as `host:port`.
   */
  readonly redisHost: string;
  /**
   * Redis ACL user (Redis 6+).
   * @default - not set
   */
  readonly redisUsername?: string;
  /**
   * Password of the Redis user.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly redisPassword?: MetadataValue;
  /**
   * Connect to Redis over TLS.
   * @default - not set (Dapr's default: false)
   */
  readonly enableTLS?: boolean;
  /**
   * Consumer group id.
   * @default - not set
   */
  readonly consumerID?: string;
  /**
   * How long a message may stay unacknowledged before redelivery.
   * @default - not set (Dapr's default: 15s)
   */
  readonly processingTimeout?: Duration;
  /**
   * How often pending messages are checked for redelivery.
   * @default - not set (Dapr's default: 60s)
   */
  readonly redeliverInterval?: Duration;
  /**
   * Approximate maximum stream length.
   * @default - not set
   */
  readonly maxLenApprox?: number;
  /**
   * Comma-separated topics apps may use with this component; others are refused.
   * @default - not set
   */
  readonly allowedTopics?: string;
}

/**
 * Props of Azure Service Bus topics (`pubsub.azure.servicebus.topics`).
 */
export interface ServiceBusTopicsPubSubProps extends TypedComponentOptions {
  /**
   * Connection string; it usually embeds a password, so it is sensitive.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly connectionString?: MetadataValue;
  /**
   * Fully qualified Service Bus namespace, for Azure AD authentication.
   * @default - not set
   */
  readonly namespaceName?: string;
  /**
   * Client id of the Azure AD identity (workload or managed identity).
   * @default - not set
   */
  readonly azureClientId?: string;
  /**
   * Azure AD tenant id.
   * @default - not set
   */
  readonly azureTenantId?: string;
  /**
   * Client secret of the Azure AD application.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly azureClientSecret?: MetadataValue;
  /**
   * Consumer group id.
   * @default - not set
   */
  readonly consumerID?: string;
  /**
   * Deliveries before a message is dead-lettered.
   * @default - not set
   */
  readonly maxDeliveryCount?: number;
  /**
   * Maximum concurrent message handlers (0: unlimited).
   * @default - not set (Dapr's default: 0)
   */
  readonly maxConcurrentHandlers?: number;
  /**
   * Do not create topics, queues or subscriptions; they must exist.
   * @default - not set (Dapr's default: false)
   */
  readonly disableEntityManagement?: boolean;
  /**
   * Comma-separated topics apps may use with this component; others are refused.
   * @default - not set
   */
  readonly allowedTopics?: string;
}

/**
 * Props of AWS SNS/SQS (`pubsub.aws.snssqs`).
 */
export interface SnsSqsPubSubProps extends TypedComponentOptions {
  /**
   * AWS region of the resource.
   * @default - not set
   */
  readonly region?: string;
  /**
   * AWS access key id; omit it to use the pod's IAM role (IRSA).
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly accessKey?: MetadataValue;
  /**
   * AWS secret access key; omit it to use the pod's IAM role (IRSA).
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly secretKey?: MetadataValue;
  /**
   * Custom service endpoint, e.g. for a local emulator.
   * @default - not set
   */
  readonly endpoint?: string;
  /**
   * Use FIFO topics and queues.
   * @default - not set (Dapr's default: false)
   */
  readonly fifo?: boolean;
  /**
   * Queue that receives messages past the retry limit.
   * @default - not set
   */
  readonly sqsDeadLettersQueueName?: string;
  /**
   * Seconds a received message stays hidden from other consumers.
   * @default - not set (Dapr's default: 10)
   */
  readonly messageVisibilityTimeout?: number;
  /**
   * Do not create topics, queues or subscriptions; they must exist.
   * @default - not set (Dapr's default: false)
   */
  readonly disableEntityManagement?: boolean;
  /**
   * Comma-separated topics apps may use with this component; others are refused.
   * @default - not set
   */
  readonly allowedTopics?: string;
}

/**
 * Props of Google Cloud Pub/Sub (`pubsub.gcp.pubsub`).
 */
export interface GcpPubSubProps extends TypedComponentOptions {
  /**
   * GCP project id.
   */
  readonly projectID: string;
  /**
   * Private key id of the service account key.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly privateKeyID?: MetadataValue;
  /**
   * Private key of the service account key.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly privateKey?: MetadataValue;
  /**
   * Email of the service account.
   * @default - not set
   */
  readonly clientEmail?: string;
  /**
   * Deliver messages with the same ordering key in order.
   * @default - not set (Dapr's default: false)
   */
  readonly enableMessageOrdering?: boolean;
  /**
   * Topic that receives messages past `maxDeliveryAttempts`.
   * @default - not set
   */
  readonly deadLetterTopic?: string;
  /**
   * Delivery attempts before dead-lettering.
   * @default - not set (Dapr's default: 5)
   */
  readonly maxDeliveryAttempts?: number;
  /**
   * Do not create topics, queues or subscriptions; they must exist.
   * @default - not set (Dapr's default: false)
   */
  readonly disableEntityManagement?: boolean;
  /**
   * Comma-separated topics apps may use with this component; others are refused.
   * @default - not set
   */
  readonly allowedTopics?: string;
}

/**
 * Props of NATS JetStream (`pubsub.jetstream`).
 */
export interface JetStreamPubSubProps extends TypedComponentOptions {
  /**
   * NATS server URL, e.g. `nats://nats:4222`.
   */
  readonly natsURL: string;
  /**
   * Where a new consumer starts: "all", "last", "new", "sequence" or "time".
   */
  readonly deliverPolicy: string;
  /**
   * User JWT, with `seedKey`.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly jwt?: MetadataValue;
  /**
   * NKey seed that signs the JWT challenge.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly seedKey?: MetadataValue;
  /**
   * Authentication token.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly token?: MetadataValue;
  /**
   * JetStream stream to bind to.
   * @default - not set
   */
  readonly streamName?: string;
  /**
   * Durable consumer name.
   * @default - not set
   */
  readonly durableName?: string;
  /**
   * Acknowledgement policy: "explicit", "all" or "none".
   * @default - not set (Dapr's default: explicit)
   */
  readonly ackPolicy?: string;
  /**
   * Comma-separated topics apps may use with this component; others are refused.
   * @default - not set
   */
  readonly allowedTopics?: string;
}

/**
 * Props of The in-memory broker (`pubsub.in-memory`): within one sidecar only; for tests.
 */
export interface InMemoryPubSubProps extends TypedComponentOptions {
  /**
   * Comma-separated topics apps may use with this component; others are refused.
   * @default - not set
   */
  readonly allowedTopics?: string;
}
