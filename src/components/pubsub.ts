import { Construct } from 'constructs';
import { checkCategory, Component, ComponentProps } from './component';
import { GcpPubSubProps, InMemoryPubSubProps, JetStreamPubSubProps, KafkaPubSubProps, RabbitMqPubSubProps, RedisPubSubProps, ServiceBusTopicsPubSubProps, SnsSqsPubSubProps } from './pubsub-props';
import { createTyped } from './typed-component';
import { Subscription, SubscriptionOptions } from '../config/subscription';
import { IDaprApp } from '../core/dapr-app-ref';
import { IDaprComponentRef } from '../core/refs';
import { fail } from '../core/validation';

/**
 * A pub/sub broker (`pubsub.*`): what apps publish to and what subscriptions name.
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class PubSub extends Component implements IDaprComponentRef {
  /** Apache Kafka. */
  public static kafka(scope: Construct, id: string, props: KafkaPubSubProps): PubSub {
    return createTyped(PubSub, scope, id, 'pubsub.kafka', 'v1', props);
  }

  /** RabbitMQ. */
  public static rabbitMq(scope: Construct, id: string, props: RabbitMqPubSubProps): PubSub {
    return createTyped(PubSub, scope, id, 'pubsub.rabbitmq', 'v1', props);
  }

  /** Redis Streams. */
  public static redis(scope: Construct, id: string, props: RedisPubSubProps): PubSub {
    return createTyped(PubSub, scope, id, 'pubsub.redis', 'v1', props);
  }

  /** Azure Service Bus topics. */
  public static serviceBusTopics(scope: Construct, id: string, props: ServiceBusTopicsPubSubProps): PubSub {
    return createTyped(PubSub, scope, id, 'pubsub.azure.servicebus.topics', 'v1', props);
  }

  /** AWS SNS topics fanning out to SQS queues. */
  public static snsSqs(scope: Construct, id: string, props: SnsSqsPubSubProps = {}): PubSub {
    return createTyped(PubSub, scope, id, 'pubsub.aws.snssqs', 'v1', props);
  }

  /** Google Cloud Pub/Sub. */
  public static gcpPubSub(scope: Construct, id: string, props: GcpPubSubProps): PubSub {
    return createTyped(PubSub, scope, id, 'pubsub.gcp.pubsub', 'v1', props);
  }

  /** NATS JetStream. */
  public static jetStream(scope: Construct, id: string, props: JetStreamPubSubProps): PubSub {
    return createTyped(PubSub, scope, id, 'pubsub.jetstream', 'v1', props);
  }

  /** In-memory messaging inside one sidecar; for tests. */
  public static inMemory(scope: Construct, id: string, props: InMemoryPubSubProps = {}): PubSub {
    return createTyped(PubSub, scope, id, 'pubsub.in-memory', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'pubsub');
  }

  /**
   * Subscribes `app` to `topic` declaratively: grants this pub/sub to the app and creates a
   * Subscription scoped to it, named `<pubsub>-<topic>-<app id>` unless `options.objectMetadata.name` says otherwise.
   */
  public subscribe(app: IDaprApp, topic: string, options: SubscriptionOptions = {}): Subscription {
    this.grant(app);
    const name = options.objectMetadata?.name ?? options.name ?? `${this.name}-${topic}-${app.appId}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
    if (this.node.tryFindChild(`Subscription-${name}`)) {
      fail(this, 'subscribe', name, `a subscription name this pub/sub has not used yet (app "${app.appId}" is already subscribed as "${name}"; subscribe once per app and topic, or pass options.objectMetadata.name)`);
    }
    return new Subscription(this, `Subscription-${name}`, {
      ...options, objectMetadata: { ...options.objectMetadata, name }, pubsub: this, topic, apps: [app, ...(options.apps ?? [])],
    });
  }
}
