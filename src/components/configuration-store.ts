import { Construct } from 'constructs';
import { checkCategory, Component, ComponentProps } from './component';
import { PostgresqlConfigurationStoreProps, RedisConfigurationStoreProps } from './configuration-store-props';
import { createTyped } from './typed-component';

/**
 * A configuration store (`configuration.*`): read-only, subscribable configuration items for the configuration API.
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class ConfigurationStore extends Component {
  /** Redis. */
  public static redis(scope: Construct, id: string, props: RedisConfigurationStoreProps): ConfigurationStore {
    return createTyped(ConfigurationStore, scope, id, 'configuration.redis', 'v1', props);
  }

  /** PostgreSQL, notified of changes through a trigger. */
  public static postgresql(scope: Construct, id: string, props: PostgresqlConfigurationStoreProps): ConfigurationStore {
    return createTyped(ConfigurationStore, scope, id, 'configuration.postgresql', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'configuration');
  }
}
