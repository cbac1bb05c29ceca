import { Chart, Duration, Testing } from 'cdk8s';
import { FakeApp } from './fake-app';
import {
  Binding, ConfigurationStore, Conversation, CryptoProvider, HttpMiddleware, LockStore, MetadataValue, PubSub, SecretStore, StateStore,
} from '../../src';

const secret = (name: string, key: string) => MetadataValue.fromSecret(name, key);

/** Every typed factory, with realistic props. Each case gets its own chart and snapshot. */
const FACTORIES: Record<string, (chart: Chart) => { grant(app: FakeApp): void }> = {
  'StateStore.redis': (c) => StateStore.redis(c, 'statestore', {
    redisHost: 'redis-master:6379', redisPassword: secret('redis', 'password'), enableTLS: true, actorStateStore: true,
  }),
  'StateStore.postgresql': (c) => StateStore.postgresql(c, 'statestore', {
    connectionString: secret('pg', 'dsn'), tablePrefix: 'orders_', timeout: Duration.seconds(30), cleanupInterval: Duration.hours(1),
  }),
  'StateStore.mongoDb': (c) => StateStore.mongoDb(c, 'statestore', { host: 'mongo:27017', username: 'dapr', password: secret('mongo', 'password') }),
  'StateStore.cosmosDb': (c) => StateStore.cosmosDb(c, 'statestore', {
    url: 'https://acct.documents.azure.com:443/', database: 'orders', collection: 'state', azureClientId: '00000000-0000-0000-0000-000000000000',
  }),
  'StateStore.dynamoDb': (c) => StateStore.dynamoDb(c, 'statestore', { table: 'orders', region: 'eu-west-1' }),
  'StateStore.inMemory': (c) => StateStore.inMemory(c, 'statestore'),
  'PubSub.kafka': (c) => PubSub.kafka(c, 'pubsub', {
    brokers: 'kafka-0:9092,kafka-1:9092', authType: 'password', saslUsername: 'dapr', saslPassword: secret('kafka', 'password'), saslMechanism: 'SHA-512',
  }),
  'PubSub.rabbitMq': (c) => PubSub.rabbitMq(c, 'pubsub', { connectionString: secret('rabbitmq', 'url'), durable: true, deliveryMode: 2 }),
  'PubSub.redis': (c) => PubSub.redis(c, 'pubsub', { redisHost: 'redis:6379', redisPassword: secret('redis', 'password'), processingTimeout: Duration.seconds(15) }),
  'PubSub.serviceBusTopics': (c) => PubSub.serviceBusTopics(c, 'pubsub', { namespaceName: 'orders.servicebus.windows.net', maxDeliveryCount: 5 }),
  'PubSub.snsSqs': (c) => PubSub.snsSqs(c, 'pubsub', { region: 'us-east-1', fifo: true }),
  'PubSub.gcpPubSub': (c) => PubSub.gcpPubSub(c, 'pubsub', { projectID: 'my-project', privateKey: secret('gcp', 'private-key') }),
  'PubSub.jetStream': (c) => PubSub.jetStream(c, 'pubsub', { natsURL: 'nats://nats:4222', deliverPolicy: 'all', token: secret('nats', 'token') }),
  'PubSub.inMemory': (c) => PubSub.inMemory(c, 'pubsub'),
  'SecretStore.kubernetes': (c) => SecretStore.kubernetes(c, 'secrets'),
  'SecretStore.vault': (c) => SecretStore.vault(c, 'vault', { vaultAddr: 'https://vault:8200', vaultTokenMountPath: '/var/run/secrets/vault/token' }),
  'SecretStore.awsSecretsManager': (c) => SecretStore.awsSecretsManager(c, 'aws-secrets', { region: 'us-east-1' }),
  'SecretStore.azureKeyVault': (c) => SecretStore.azureKeyVault(c, 'keyvault', { vaultName: 'orders-kv', azureClientId: 'client-id' }),
  'SecretStore.gcpSecretManager': (c) => SecretStore.gcpSecretManager(c, 'gcp-secrets', { projectID: 'my-project' }),
  'SecretStore.localEnv': (c) => SecretStore.localEnv(c, 'env', { prefix: 'APP_' }),
  'Binding.cron': (c) => Binding.cron(c, 'nightly', { schedule: '@every 24h', route: '/jobs/nightly' }),
  'Binding.kafka': (c) => Binding.kafka(c, 'orders-topic', { brokers: 'kafka:9092', authType: 'none', topics: 'orders', direction: 'input' }),
  'Binding.http': (c) => Binding.http(c, 'webhook', {
    url: 'https://hooks.example.com/orders', maxResponseBodySize: '4Mi', securityToken: secret('hook', 'token'), mtlsClientKey: secret('hook', 'tls.key'),
  }),
  'Binding.postgresql': (c) => Binding.postgresql(c, 'reports-db', { connectionString: secret('pg', 'dsn') }),
  'Binding.s3': (c) => Binding.s3(c, 'invoices', { bucket: 'invoices', region: 'eu-central-1', forcePathStyle: true }),
  'Binding.smtp': (c) => Binding.smtp(c, 'mail', { host: 'smtp.example.com', port: '587', user: 'dapr', password: secret('smtp', 'password') }),
  'ConfigurationStore.redis': (c) => ConfigurationStore.redis(c, 'config', { redisHost: 'redis:6379', redisPassword: secret('redis', 'password') }),
  'ConfigurationStore.postgresql': (c) => ConfigurationStore.postgresql(c, 'config', { table: 'config', connectionString: secret('pg', 'dsn') }),
  'LockStore.redis': (c) => LockStore.redis(c, 'lock', { redisHost: 'redis:6379', redisPassword: secret('redis', 'password') }),
  'CryptoProvider.kubernetesSecrets': (c) => CryptoProvider.kubernetesSecrets(c, 'crypto', { defaultNamespace: 'default' }),
  'CryptoProvider.localStorage': (c) => CryptoProvider.localStorage(c, 'crypto', { path: '/keys' }),
  'Conversation.openAi': (c) => Conversation.openAi(c, 'llm', { key: secret('openai', 'api-key'), model: 'gpt-4o-mini' }),
  'Conversation.anthropic': (c) => Conversation.anthropic(c, 'llm', { key: secret('anthropic', 'api-key') }),
  'Conversation.ollama': (c) => Conversation.ollama(c, 'llm', { endpoint: 'http://ollama:11434/v1' }),
  'HttpMiddleware.oauth2': (c) => HttpMiddleware.oauth2(c, 'oauth2', {
    clientID: 'orders', clientSecret: secret('oauth', 'client-secret'), authURL: 'https://idp/auth', tokenURL: 'https://idp/token',
  }),
  'HttpMiddleware.bearer': (c) => HttpMiddleware.bearer(c, 'bearer', { jwksURL: 'https://idp/keys', issuer: 'https://idp', audience: 'orders' }),
  'HttpMiddleware.rateLimit': (c) => HttpMiddleware.rateLimit(c, 'ratelimit', { maxRequestsPerSecond: 100 }),
};

describe('typed factories', () => {
  test.each(Object.keys(FACTORIES))('%s synthesizes a scoped Component', (factory) => {
    const chart = Testing.chart();
    const component = FACTORIES[factory](chart);
    component.grant(new FakeApp(chart, 'app', 'orders'));
    const manifest = Testing.synth(chart);
    expect(manifest).toHaveLength(1);
    expect(manifest[0]).toMatchObject({ apiVersion: 'dapr.io/v1alpha1', kind: 'Component', scopes: ['orders'] });
    expect(manifest).toMatchSnapshot();
    // Full validation passes too.
    expect(() => chart.node.root.node.validate()).not.toThrow();
    expect(chart.node.root.node.findAll().flatMap((c) => c.node.validate())).toEqual([]);
  });
});
