import { Duration } from 'cdk8s';
import { PostgresqlConnectionProps } from './postgresql-connection-props';
import { TypedComponentOptions } from './typed-component';
import { MetadataValue } from '../core/metadata-value';

/**
 * Props of Redis (`state.redis`).
 */
export interface RedisStateStoreProps extends TypedComponentOptions {
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
   * @default - not set
   */
  readonly enableTLS?: boolean;
  /**
   * Single node or Redis Cluster: "node" or "cluster".
   * @default - not set (Dapr's default: node)
   */
  readonly redisType?: string;
  /**
   * Database number to use.
   * @default - not set
   */
  readonly redisDB?: number;
  /**
   * Connect through Redis Sentinel.
   * @default - not set (Dapr's default: false)
   */
  readonly failover?: boolean;
  /**
   * Sentinel master name, when `failover` is on.
   * @default - not set
   */
  readonly sentinelMasterName?: string;
  /**
   * Default time-to-live of entries, in seconds.
   * @default - not set
   */
  readonly ttlInSeconds?: number;
  /**
   * Authenticate with Azure AD (Entra ID) instead of a password.
   * @default - not set (Dapr's default: false)
   */
  readonly useEntraID?: boolean;
  /**
   * How state keys are prefixed: "appid" (default), "name", "namespace", "none" or a fixed string.
   * @default - not set
   */
  readonly keyPrefix?: string;
  /**
   * Use this store for actor state (at most one per app).
   * @default - not set (Dapr's default: false)
   */
  readonly actorStateStore?: boolean;
}

/**
 * Props of PostgreSQL (`state.postgresql` v2).
 */
export interface PostgresqlStateStoreProps extends PostgresqlConnectionProps {
  /**
   * Prefix of the tables the store creates.
   * @default - not set
   */
  readonly tablePrefix?: string;
  /**
   * Timeout of database operations.
   * @default - not set (Dapr's default: 20s)
   */
  readonly timeout?: Duration;
  /**
   * How often expired rows are deleted.
   * @default - not set (Dapr's default: 1h)
   */
  readonly cleanupInterval?: Duration;
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
  /**
   * How state keys are prefixed: "appid" (default), "name", "namespace", "none" or a fixed string.
   * @default - not set
   */
  readonly keyPrefix?: string;
  /**
   * Use this store for actor state (at most one per app).
   * @default - not set (Dapr's default: false)
   */
  readonly actorStateStore?: boolean;
}

/**
 * Props of MongoDB (`state.mongodb`).
 */
export interface MongoDbStateStoreProps extends TypedComponentOptions {
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
   * Server for a DNS seed list (mongodb+srv) connection.
   * @default - not set
   */
  readonly server?: string;
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
   * Database that holds the state.
   * @default - not set (Dapr's default: daprStore)
   */
  readonly databaseName?: string;
  /**
   * Collection that holds the state.
   * @default - not set (Dapr's default: daprCollection)
   */
  readonly collectionName?: string;
  /**
   * How state keys are prefixed: "appid" (default), "name", "namespace", "none" or a fixed string.
   * @default - not set
   */
  readonly keyPrefix?: string;
  /**
   * Use this store for actor state (at most one per app).
   * @default - not set (Dapr's default: false)
   */
  readonly actorStateStore?: boolean;
}

/**
 * Props of Azure Cosmos DB (`state.azure.cosmosdb`).
 */
export interface CosmosDbStateStoreProps extends TypedComponentOptions {
  /**
   * Endpoint URL.
   */
  readonly url: string;
  /**
   * Database name.
   */
  readonly database: string;
  /**
   * Container that holds the state.
   */
  readonly collection: string;
  /**
   * Account master key; omit it to authenticate with Azure AD.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly masterKey?: MetadataValue;
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
   * How state keys are prefixed: "appid" (default), "name", "namespace", "none" or a fixed string.
   * @default - not set
   */
  readonly keyPrefix?: string;
  /**
   * Use this store for actor state (at most one per app).
   * @default - not set (Dapr's default: false)
   */
  readonly actorStateStore?: boolean;
}

/**
 * Props of AWS DynamoDB (`state.aws.dynamodb`).
 */
export interface DynamoDbStateStoreProps extends TypedComponentOptions {
  /**
   * DynamoDB table that holds the state.
   */
  readonly table: string;
  /**
   * AWS region of the resource.
   * @default - not set
   */
  readonly region?: string;
  /**
   * Custom service endpoint, e.g. for a local emulator.
   * @default - not set
   */
  readonly endpoint?: string;
  /**
   * Attribute that holds the item expiry (DynamoDB TTL).
   * @default - not set
   */
  readonly ttlAttributeName?: string;
  /**
   * Name of the table's partition key attribute.
   * @default - not set
   */
  readonly partitionKey?: string;
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
   * How state keys are prefixed: "appid" (default), "name", "namespace", "none" or a fixed string.
   * @default - not set
   */
  readonly keyPrefix?: string;
  /**
   * Use this store for actor state (at most one per app).
   * @default - not set (Dapr's default: false)
   */
  readonly actorStateStore?: boolean;
}

/**
 * Props of The in-memory store (`state.in-memory`): per sidecar, lost on restart; for tests.
 */
export interface InMemoryStateStoreProps extends TypedComponentOptions {
  /**
   * How state keys are prefixed: "appid" (default), "name", "namespace", "none" or a fixed string.
   * @default - not set
   */
  readonly keyPrefix?: string;
  /**
   * Use this store for actor state (at most one per app).
   * @default - not set (Dapr's default: false)
   */
  readonly actorStateStore?: boolean;
}
