/*
 * Props several typed factories share (the same client underneath), generated with the factories'
 * props from the same tables (src/generated/component-props.ts; groups in src/facts/typed-factories.json).
 */
export type {
  AwsCredentialsProps,
  AzureAdProps,
  GcpCredentialsProps,
  KafkaConnectionProps,
  RedisConnectionProps,
} from '../generated/component-props';
