/*
 * The props the PostgreSQL factories share, generated with the typed factories' props from the
 * same tables (src/generated/component-props.ts; groups in src/facts/typed-factories.json).
 */
export type { PostgresqlConnectionProps } from '../generated/component-props';
