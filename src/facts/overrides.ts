import { FieldFacts, FieldType } from '../core/component-spec';

/*
 * The deliberate differences between what components-contrib declares (src/generated/, never
 * edited by hand) and what this library enforces. Generated facts + these overrides = the
 * component tables; nothing else. Every row says why. A row that no longer changes anything
 * (upstream caught up) fails test/facts/overrides.test.ts, so it is removed, not left to rot.
 */

/** One change to one metadata key of one or more component types (every version). */
export interface FieldOverride {
  /** Full component types, e.g. `state.redis`. */
  readonly types: readonly string[];
  readonly key: string;
  /** Holds a credential: must come from a secret. */
  readonly sensitive?: boolean;
  /** Set when the key must (true) or need not (false) be set. */
  readonly required?: boolean;
  /** A stricter (or the correct) parse type. */
  readonly type?: FieldType;
  /** The values the component's code accepts, when upstream's list is incomplete. */
  readonly allowedValues?: readonly string[];
  /** The typed factory's prop name, where the key's camelCase form will not do (src/generated/component-props.ts). */
  readonly prop?: string;
  /** Why. */
  readonly reason: string;
}

/** A key a type's metadata.yaml does not declare, though daprd or the component reads it. */
export interface AddedField {
  readonly types: readonly string[];
  readonly field: FieldFacts;
  readonly reason: string;
}

/** Keys of which at least one must be set: alternative ways to connect or authenticate. */
export interface RequireOneOf {
  readonly types: readonly string[];
  readonly keys: readonly string[];
  readonly reason: string;
}

const REDIS = ['state.redis', 'pubsub.redis', 'configuration.redis', 'bindings.redis'];
const POSTGRES = ['state.postgresql', 'configuration.postgresql', 'bindings.postgres'];
const KAFKA = ['pubsub.kafka', 'bindings.kafka'];

export const FIELD_OVERRIDES: readonly FieldOverride[] = [
  // Credentials upstream does not flag sensitive.
  { types: REDIS, key: 'clientKey', sensitive: true, reason: 'the private key of the TLS client certificate' },
  { types: POSTGRES, key: 'password', sensitive: true, reason: 'the database password' },
  { types: ['state.mongodb'], key: 'connectionString', sensitive: true, reason: 'a MongoDB connection string carries the password' },
  { types: KAFKA, key: 'schemaRegistryAPISecret', sensitive: true, reason: 'the Schema Registry API secret' },
  { types: ['pubsub.jetstream'], key: 'token', sensitive: true, reason: 'the NATS authentication token' },
  { types: ['pubsub.jetstream'], key: 'jwt', sensitive: true, reason: 'the NATS user JWT, a bearer credential' },
  { types: ['pubsub.jetstream'], key: 'seedKey', sensitive: true, reason: 'the NATS NKey seed, a private key' },
  { types: ['pubsub.jetstream'], key: 'tls_client_key', sensitive: true, prop: 'tlsClientKey', reason: 'the private key of the TLS client certificate' },
  { types: ['bindings.http'], key: 'MTLSClientKey', sensitive: true, prop: 'mtlsClientKey', reason: 'the private key of the mTLS client certificate' },
  { types: ['bindings.http'], key: 'securityToken', sensitive: true, reason: 'a token sent as a request header' },
  { types: ['secretstores.hashicorp.vault'], key: 'vaultToken', sensitive: true, required: false, reason: 'the Vault token; optional because vaultTokenMountPath is the alternative (requireOneOf)' },
  { types: ['secretstores.hashicorp.vault'], key: 'vaultTokenMountPath', required: false, reason: 'optional because vaultToken is the alternative (requireOneOf)' },
  { types: ['bindings.alicloud.dingtalk.webhook'], key: 'secret', sensitive: true, reason: 'the webhook signing secret' },

  // Keys that look like credentials (isCredentialName) but upstream leaves unflagged: kept out of
  // manifests, as the library did for these types before their tables were generated.
  { types: ['bindings.alicloud.oss', 'bindings.alicloud.tablestore', 'bindings.aws.dynamodb', 'bindings.aws.kinesis', 'bindings.aws.ses', 'bindings.aws.sqs', 'bindings.azure.eventgrid', 'bindings.huawei.obs', 'bindings.rocketmq', 'pubsub.rocketmq', 'secretstores.huaweicloud.csms', 'state.alicloud.tablestore'], key: 'accessKey', sensitive: true, reason: 'a cloud access key (or its secret half)' },
  { types: ['bindings.alicloud.tablestore', 'state.alicloud.tablestore'], key: 'accessKeyID', sensitive: true, reason: 'half of an Alibaba Cloud key pair' },
  { types: ['secretstores.alicloud.parameterstore'], key: 'accessKeyId', sensitive: true, reason: 'half of an Alibaba Cloud key pair' },
  { types: ['secretstores.alicloud.parameterstore'], key: 'accessKeySecret', sensitive: true, reason: 'the secret of an Alibaba Cloud key pair' },
  { types: ['secretstores.huaweicloud.csms'], key: 'secretAccessKey', sensitive: true, reason: 'the secret of a Huawei Cloud key pair' },
  { types: ['pubsub.rocketmq', 'secretstores.tencentcloud.ssm'], key: 'secretKey', sensitive: true, reason: 'the secret of a cloud key pair' },
  { types: ['pubsub.rocketmq', 'secretstores.alicloud.parameterstore'], key: 'securityToken', sensitive: true, reason: 'a temporary cloud security token' },
  { types: ['secretstores.tencentcloud.ssm'], key: 'token', sensitive: true, reason: 'a temporary cloud security token' },
  { types: ['bindings.azure.eventhubs', 'pubsub.azure.eventhubs'], key: 'storageAccountKey', sensitive: true, reason: 'the checkpoint storage account key' },
  { types: ['bindings.azure.eventhubs', 'pubsub.azure.eventhubs'], key: 'storageConnectionString', sensitive: true, reason: 'a storage connection string carries the account key' },
  { types: ['state.mysql', 'state.oracledatabase', 'state.ravendb', 'state.sqlite'], key: 'connectionString', sensitive: true, reason: 'a connection string may carry the password' },
  { types: ['bindings.kubemq', 'pubsub.kubemq'], key: 'authToken', sensitive: true, reason: 'the KubeMQ authentication token' },
  { types: ['bindings.postmark'], key: 'serverToken', sensitive: true, reason: 'the Postmark server API token' },
  { types: ['bindings.postmark'], key: 'accountToken', sensitive: true, reason: 'the Postmark account API token' },
  { types: ['bindings.rabbitmq'], key: 'clientKey', sensitive: true, reason: 'the private key of the TLS client certificate' },
  { types: ['state.etcd'], key: 'key', sensitive: true, reason: 'the private key of the TLS client certificate' },
  { types: ['state.coherence'], key: 'tlsClientKey', sensitive: true, reason: 'the private key of the TLS client certificate' },
  { types: ['bindings.rethinkdb.statechange', 'state.couchbase', 'state.rethinkdb'], key: 'password', sensitive: true, reason: 'the database password' },
  { types: ['pubsub.pulsar', 'state.oci.objectstorage'], key: 'privateKey', sensitive: true, reason: 'a private key' },
  { types: ['state.gcp.firestore'], key: 'private_key', sensitive: true, reason: 'the service account\'s private key' },
  { types: ['state.hashicorp.consul'], key: 'aclToken', sensitive: true, reason: 'the Consul ACL token' },
  { types: ['state.jetstream'], key: 'seedKey', sensitive: true, reason: 'the NATS NKey seed, a private key' },
  { types: ['state.jetstream'], key: 'jwt', sensitive: true, reason: 'the NATS user JWT, a bearer credential (pubsub.jetstream flags its twin)' },

  { types: [...KAFKA, ...POSTGRES], key: 'awsAccessKey', sensitive: true, reason: 'the deprecated twin of accessKey, which upstream flags sensitive' },

  // Go integers (strconv.Atoi / ParseInt / mapstructure into int): "1.5", "1e3" and negatives fail at init.
  { types: ['state.redis', 'pubsub.redis', 'configuration.redis'], key: 'redisDB', type: 'count', reason: 'a Redis database index, parsed as a Go int' },
  { types: ['state.postgresql', 'configuration.postgresql', 'bindings.postgres'], key: 'port', type: 'count', reason: 'a TCP port, parsed as a Go int' },
  { types: ['pubsub.rabbitmq'], key: 'prefetchCount', type: 'count', reason: 'a message count, parsed as a Go uint8' },
  { types: ['pubsub.rabbitmq'], key: 'deliveryMode', type: 'count', reason: 'AMQP delivery mode 0-2, parsed as a Go uint8' },
  { types: ['pubsub.redis'], key: 'maxLenApprox', type: 'count', reason: 'a stream length, parsed as a Go int64' },
  { types: ['pubsub.azure.servicebus.topics'], key: 'maxConcurrentHandlers', type: 'count', reason: 'a handler count, parsed as a Go int' },
  { types: ['pubsub.azure.servicebus.topics'], key: 'maxDeliveryCount', type: 'count', reason: 'a delivery count, parsed as a Go int32' },
  { types: ['pubsub.aws.snssqs'], key: 'messageVisibilityTimeout', type: 'count', reason: 'whole seconds, parsed as a Go int64' },
  { types: ['pubsub.gcp.pubsub'], key: 'maxDeliveryAttempts', type: 'count', reason: 'an attempt count, parsed as a Go int' },

  // Required although upstream's metadata.yaml does not say so: the component's code fails without it.
  { types: KAFKA, key: 'authType', required: true, reason: 'every authentication profile of Kafka requires it (pubsub/kafka/metadata.yaml)' },
  { types: ['pubsub.gcp.pubsub'], key: 'projectID', required: true, reason: 'pubsub/gcp/pubsub/pubsub.go fails init without it' },
  { types: ['secretstores.gcp.secretmanager'], key: 'projectID', required: true, reason: 'secretstores/gcp/secretmanager/secretmanager.go fails init without it' },
  { types: ['pubsub.jetstream'], key: 'natsURL', required: true, reason: 'pubsub/jetstream/metadata.go fails with "missing nats URL"' },
  { types: ['conversation.openai', 'conversation.anthropic'], key: 'key', required: true, reason: 'required by the type\'s only authentication profile' },
  { types: ['middleware.http.oauth2'], key: 'clientID', required: true, reason: 'required by the type\'s only authentication profile' },
  { types: ['middleware.http.oauth2'], key: 'clientSecret', required: true, reason: 'required by the type\'s only authentication profile' },
  { types: ['middleware.http.oauth2'], key: 'authURL', required: true, reason: 'required by the type\'s only authentication profile' },
  { types: ['middleware.http.oauth2'], key: 'tokenURL', required: true, reason: 'required by the type\'s only authentication profile' },

  // Not required although upstream says so: the value can come from elsewhere.
  { types: ['bindings.smtp'], key: 'emailFrom', required: false, reason: 'bindings/smtp/smtp.go also takes it from each request\'s metadata' },
  { types: ['bindings.smtp'], key: 'emailTo', required: false, reason: 'bindings/smtp/smtp.go also takes it from each request\'s metadata' },
  { types: ['bindings.smtp'], key: 'subject', required: false, reason: 'bindings/smtp/smtp.go also takes it from each request\'s metadata' },
  { types: ['bindings.kafka'], key: 'publishTopic', required: false, reason: 'an input-only binding has no publish topic (requireOneOf topics, publishTopic)' },

  // Stricter or corrected types and values.
  { types: POSTGRES, key: 'port', type: 'number', reason: 'a TCP port; pgx fails to parse anything else' },
  { types: ['pubsub.rabbitmq'], key: 'exchangeKind', allowedValues: ['fanout', 'topic', 'direct', 'headers'], reason: 'pubsub/rabbitmq/metadata.go exchangeKindValid accepts all four AMQP kinds' },

  // Name resolvers (a Configuration's nameResolution.configuration): what their code reads.
  { types: ['nameresolution.hashicorp.consul'], key: 'address', required: false, reason: 'nameresolution/hashicorp/consul/configuration.go reads the address from the nested `client` object, not from this key; without it the Consul client\'s default (127.0.0.1:8500) applies' },

  // jsii prop names of the typed factories for keys that are not camelCase.
  { types: ['pubsub.jetstream'], key: 'tls_client_cert', prop: 'tlsClientCert', reason: 'jsii props are camelCase' },
  { types: ['bindings.http'], key: 'MTLSRootCA', prop: 'mtlsRootCa', reason: 'jsii props are camelCase' },
  { types: ['bindings.http'], key: 'MTLSClientCert', prop: 'mtlsClientCert', reason: 'jsii props are camelCase' },
  { types: ['bindings.http'], key: 'MTLSRenegotiation', prop: 'mtlsRenegotiation', reason: 'jsii props are camelCase' },
  { types: ['pubsub.jetstream'], key: 'name', prop: 'connectionName', reason: 'the NATS connection name; `name` is the component\'s own name (ComponentOptions)' },
];

export const REQUIRE_ONE_OF: readonly RequireOneOf[] = [
  { types: POSTGRES, keys: ['connectionString', 'host'], reason: 'a connection string, or its parts starting with the host' },
  { types: ['state.mongodb'], keys: ['connectionString', 'host', 'server'], reason: 'a connection string, a host, or an SRV server' },
  { types: ['pubsub.rabbitmq'], keys: ['connectionString', 'hostname'], reason: 'a connection string or a host name' },
  { types: ['pubsub.azure.servicebus.topics'], keys: ['connectionString', 'namespaceName'], reason: 'a connection string, or a namespace with Azure AD' },
  { types: ['secretstores.hashicorp.vault'], keys: ['vaultToken', 'vaultTokenMountPath'], reason: 'the token inline or from a file' },
  { types: ['bindings.kafka'], keys: ['topics', 'publishTopic'], reason: 'an input binding reads topics, an output binding publishes to publishTopic' },
  { types: ['nameresolution.aws.cloudmap'], keys: ['namespaceName', 'namespaceId'], reason: 'nameresolution/aws/cloudmap/metadata.go Validate: "either namespaceName or namespaceId must be provided"' },
];

const NR_KUBERNETES = 'nameresolution/kubernetes/kubernetes.go reads clusterDomain and template from the configuration';
const NR_SQLITE = 'nameresolution/sqlite/sqlite_metadata.go decodes it from the configuration';
const NR_SQLITE_AUTH = 'nameresolution/sqlite/sqlite_metadata.go decodes common/authentication/sqlite\'s keys from the configuration; without a connection string Validate fails ("missing connection string")';
const IN_MEMORY_TRANSACTIONS = 'state/in-memory/in_memory.go declares transactions (its metadata.yaml lists no capabilities), and daprd reads the key for every transactional store';

export const ADDED_FIELDS: readonly AddedField[] = [
  { types: ['state.in-memory'], field: { name: 'actorStateStore', type: 'bool', default: 'false' }, reason: 'daprd reads it for any state store (pkg/runtime/processor/state/state.go); in-memory has the transactions and ETags actors need' },
  { types: ['state.in-memory'], field: { name: 'outboxPublishPubsub' }, reason: IN_MEMORY_TRANSACTIONS },
  { types: ['state.in-memory'], field: { name: 'outboxPublishTopic' }, reason: IN_MEMORY_TRANSACTIONS },
  { types: ['state.in-memory'], field: { name: 'outboxPubsub', default: 'outboxPublishPubsub' }, reason: IN_MEMORY_TRANSACTIONS },
  { types: ['state.in-memory'], field: { name: 'outboxDiscardWhenMissingState', type: 'bool', default: 'false' }, reason: IN_MEMORY_TRANSACTIONS },

  // Name resolvers whose metadata.yaml declares nothing (`metadata: []`) though their code reads configuration keys.
  { types: ['nameresolution.kubernetes'], field: { name: 'clusterDomain', default: 'cluster.local' }, reason: NR_KUBERNETES },
  { types: ['nameresolution.kubernetes'], field: { name: 'template' }, reason: NR_KUBERNETES },
  { types: ['nameresolution.sqlite'], field: { name: 'connectionString', required: true }, reason: NR_SQLITE_AUTH },
  { types: ['nameresolution.sqlite'], field: { name: 'timeout', type: 'duration', default: '1s' }, reason: NR_SQLITE_AUTH },
  { types: ['nameresolution.sqlite'], field: { name: 'busyTimeout', type: 'duration', default: '800ms' }, reason: NR_SQLITE_AUTH },
  { types: ['nameresolution.sqlite'], field: { name: 'disableWAL', type: 'bool', default: 'false' }, reason: NR_SQLITE_AUTH },
  { types: ['nameresolution.sqlite'], field: { name: 'tableName', default: 'hosts' }, reason: NR_SQLITE },
  { types: ['nameresolution.sqlite'], field: { name: 'metadataTableName', default: 'metadata' }, reason: NR_SQLITE },
  { types: ['nameresolution.sqlite'], field: { name: 'updateInterval', type: 'duration', default: '5s' }, reason: NR_SQLITE },
  { types: ['nameresolution.sqlite'], field: { name: 'cleanupInterval', type: 'duration', default: '1h' }, reason: NR_SQLITE },
  { types: ['nameresolution.aws.cloudmap'], field: { name: 'endpoint' }, reason: 'nameresolution/aws/cloudmap/metadata.go reads it (a custom endpoint); the metadata.yaml leaves it out' },
];
