import { PostgresqlConnectionProps } from './postgresql-connection-props';
import { TypedComponentOptions } from './typed-component';
import { MetadataValue } from '../core/metadata-value';

/**
 * Props of Redis (`configuration.redis`).
 */
export interface RedisConfigurationStoreProps extends TypedComponentOptions {
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
   * Database number to use.
   * @default - not set (Dapr's default: 0)
   */
  readonly redisDB?: number;
  /**
   * Authenticate with Azure AD (Entra ID) instead of a password.
   * @default - not set (Dapr's default: false)
   */
  readonly useEntraID?: boolean;
}

/**
 * Props of PostgreSQL (`configuration.postgresql`).
 */
export interface PostgresqlConfigurationStoreProps extends PostgresqlConnectionProps {
  /**
   * Table that holds the configuration items.
   */
  readonly table: string;
  /**
   * Channel the store listens on for changes.
   * @default - not set
   */
  readonly notifyChannel?: string;
  /**
   * Authenticate with Azure AD; the connection string then carries no password.
   * @default - not set
   */
  readonly useAzureAD?: boolean;
  /**
   * Authenticate with AWS IAM; the connection string then carries no password.
   * @default - not set
   */
  readonly useAWSIAM?: boolean;
}
