import { Construct } from 'constructs';
import { checkCategory, Component, ComponentProps } from './component';
import { RedisLockStoreProps } from './lock-store-props';
import { createTyped } from './typed-component';

/**
 * A distributed lock store (`lock.*`) for the lock API.
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class LockStore extends Component {
  /** Redis. */
  public static redis(scope: Construct, id: string, props: RedisLockStoreProps): LockStore {
    return createTyped(LockStore, scope, id, 'lock.redis', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'lock');
  }
}
