import { TypedComponentOptions } from './typed-component';
import { MetadataValue } from '../core/metadata-value';

/**
 * Props of Redis (`lock.redis`).
 */
export interface RedisLockStoreProps extends TypedComponentOptions {
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
   * Single node or Redis Cluster: "node" or "cluster".
   * @default - not set (Dapr's default: node)
   */
  readonly redisType?: string;
}
