import { Testing } from 'cdk8s';
import { app, one } from './fakes';
import { Configuration, HttpEndpoint, HttpMiddleware, McpServer, McpTransport, MetadataValue, PubSub, SecretStore, Subscription } from '../../src';

describe('with the real components', () => {
  test('a rate-limit middleware in the pipeline and a subscription on a Redis pub/sub', () => {
    const chart = Testing.chart();
    const orders = app(chart, 'orders');
    const ratelimit = HttpMiddleware.rateLimit(chart, 'ratelimit', { maxRequestsPerSecond: 10 });
    const config = new Configuration(chart, 'orders-config', { httpPipeline: [{ middleware: ratelimit }] });
    const pubsub = PubSub.redis(chart, 'orders-pubsub', { redisHost: 'redis:6379' });
    new Subscription(chart, 'orders-sub', { pubsub, topic: 'orders', defaultRoute: '/orders', apps: [orders] });
    const shipping = app(chart, 'shipping', { configuration: config });

    // neither app was granted the components yet
    expect(() => Testing.synth(chart)).toThrow(/configuration\.middleware: "ratelimit" is invalid|pubsub: "orders-pubsub" is invalid/);
    ratelimit.grant(shipping);
    pubsub.grant(orders);
    expect(one(chart, 'Configuration').spec.httpPipeline).toEqual({ handlers: [{ name: 'ratelimit', type: 'middleware.http.ratelimit' }] });
    expect(one(chart, 'Subscription').scopes).toEqual(['orders']);
  });

  test('an HTTP endpoint and an MCP server reading secrets from a secret store granted to their apps', () => {
    const chart = Testing.chart();
    const agent = app(chart, 'agent');
    const store = SecretStore.kubernetes(chart, 'agent-secrets');
    const token = MetadataValue.fromSecret('tokens', 'github');
    new HttpEndpoint(chart, 'github', { baseUrl: 'https://api.github.com', headers: { Authorization: token }, secretStore: store, apps: [agent] });
    new McpServer(chart, 'tools', {
      transport: McpTransport.streamableHttp({ url: 'https://mcp.internal/mcp', headers: { Authorization: token }, auth: { secretStore: store } }),
      apps: [agent],
    });
    store.grant(app(chart, 'other'));
    expect(() => Testing.synth(chart)).toThrow(/\[test\/github\] secretStore: "agent-secrets" is invalid; allowed: a secret store that every app of this endpoint can load: also grant "agent-secrets" to app "agent"/);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/tools\] endpoint\.streamableHTTP\.auth\.secretStore: "agent-secrets" is invalid; allowed: a secret store that every app of this MCP server can load/);
    store.grant(agent);
    const synthesized = Testing.synth(chart);
    expect(synthesized.find((o) => o.kind === 'HTTPEndpoint').auth).toEqual({ secretStore: 'agent-secrets' });
    expect(synthesized.find((o) => o.kind === 'MCPServer').spec.endpoint.streamableHTTP.auth).toEqual({ secretStore: 'agent-secrets' });
  });
});
