/*
 * The props of the typed factories are generated from the same tables the library enforces
 * (src/generated/component-props.ts, see projenrc/dapr-facts/props.ts): one prop per metadata key.
 */
export type {
  GcpPubSubProps,
  InMemoryPubSubProps,
  JetStreamPubSubProps,
  KafkaPubSubProps,
  RabbitMqPubSubProps,
  RedisPubSubProps,
  ServiceBusTopicsPubSubProps,
  SnsSqsPubSubProps,
} from '../generated/component-props';
