import { Construct } from 'constructs';
import { checkCategory, Component, ComponentProps } from './component';
import { CosmosDbStateStoreProps, DynamoDbStateStoreProps, InMemoryStateStoreProps, MongoDbStateStoreProps, PostgresqlStateStoreProps, RedisStateStoreProps } from './state-store-props';
import { createTyped } from './typed-component';

/**
 * A state store (`state.*`): key/value state for the state API, and for actors when `actorStateStore` is set.
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class StateStore extends Component {
  /** Redis or a Redis-compatible service. */
  public static redis(scope: Construct, id: string, props: RedisStateStoreProps): StateStore {
    return createTyped(StateStore, scope, id, 'state.redis', 'v1', props);
  }

  /** PostgreSQL, with the v2 table layout Dapr recommends for new stores. */
  public static postgresql(scope: Construct, id: string, props: PostgresqlStateStoreProps): StateStore {
    return createTyped(StateStore, scope, id, 'state.postgresql', 'v2', props);
  }

  /** MongoDB. */
  public static mongoDb(scope: Construct, id: string, props: MongoDbStateStoreProps): StateStore {
    return createTyped(StateStore, scope, id, 'state.mongodb', 'v1', props);
  }

  /** Azure Cosmos DB (NoSQL API). */
  public static cosmosDb(scope: Construct, id: string, props: CosmosDbStateStoreProps): StateStore {
    return createTyped(StateStore, scope, id, 'state.azure.cosmosdb', 'v1', props);
  }

  /** AWS DynamoDB. */
  public static dynamoDb(scope: Construct, id: string, props: DynamoDbStateStoreProps): StateStore {
    return createTyped(StateStore, scope, id, 'state.aws.dynamodb', 'v1', props);
  }

  /** In-memory state inside each sidecar: lost on restart, not shared between replicas; for tests. */
  public static inMemory(scope: Construct, id: string, props: InMemoryStateStoreProps = {}): StateStore {
    return createTyped(StateStore, scope, id, 'state.in-memory', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'state');
  }
}
