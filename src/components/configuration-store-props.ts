/*
 * The props of the typed factories are generated from the same tables the library enforces
 * (src/generated/component-props.ts, see projenrc/dapr-facts/props.ts): one prop per metadata key.
 */
export type {
  PostgresqlConfigurationStoreProps,
  RedisConfigurationStoreProps,
} from '../generated/component-props';
