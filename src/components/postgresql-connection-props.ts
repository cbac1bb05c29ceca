import { MetadataValue } from './metadata-value';
import { TypedComponentOptions } from './typed-component';

/**
 * How a PostgreSQL component connects: a connection string, or host, port, database and
 * user with a password.
 *
 * @deprecated The PostgreSQL factories' props (`PostgresqlStateStoreProps`, `PostgresqlBindingProps`,
 * `PostgresqlConfigurationStoreProps`) are generated per type from Dapr's tables and no longer
 * extend this interface; they have these props and more. Use them instead.
 */
export interface PostgresqlConnectionProps extends TypedComponentOptions {
  /**
   * Connection string; it usually embeds a password, so it is sensitive.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly connectionString?: MetadataValue;
  /**
   * Server host name.
   * @default - not set
   */
  readonly host?: string;
  /**
   * Server port.
   * @default - not set (PostgreSQL's default: 5432)
   */
  readonly port?: number;
  /**
   * Database name.
   * @default - not set
   */
  readonly database?: string;
  /**
   * User name.
   * @default - not set
   */
  readonly user?: string;
  /**
   * Password of the user.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly password?: MetadataValue;
}
