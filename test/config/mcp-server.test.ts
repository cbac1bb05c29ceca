import { Duration, Testing } from 'cdk8s';
import { FakeApp, FakeComponent, one } from './fakes';
import { McpServer, McpTransport } from '../../src';
import { MetadataValue } from '../../src/core/metadata-value';

describe('McpServer', () => {
  test('streamable HTTP with OAuth2, hooks and catalog (snapshot)', () => {
    const chart = Testing.chart();
    const agent = new FakeApp(chart, 'agent');
    const guard = new FakeApp(chart, 'guardrails');
    new McpServer(chart, 'payments-mcp', {
      transport: McpTransport.streamableHttp({
        url: 'https://mcp.payments.internal/mcp',
        headers: { 'X-Tenant': MetadataValue.fromString('acme') },
        timeout: Duration.seconds(30),
        protocolVersion: '2025-06-18',
        auth: { oauth2: { issuer: 'https://login.acme.com/oauth2/token', clientId: 'agent', scopes: ['tools.write', 'tools.read'], clientSecretName: 'mcp-oauth', clientSecretKey: 'secret' } },
      }),
      catalog: { displayName: 'Payments', ownerTeam: 'payments', tags: ['pci', 'billing'], links: { runbook: 'https://wiki.acme.com/payments-mcp' } },
      middleware: {
        beforeCallTool: [{ workflowName: 'redact-pii', app: guard, mutate: true }],
        afterListTools: [{ workflowName: 'filter-tools' }],
      },
      apps: [agent],
    });
    const synthesized = Testing.synth(chart);
    expect(synthesized).toMatchSnapshot();
    expect(synthesized[0].spec.endpoint.streamableHTTP.auth.oauth2.scopes).toEqual(['tools.read', 'tools.write']);
    expect(synthesized[0].spec.middleware.beforeCallTool).toEqual([{ workflow: { workflowName: 'redact-pii', appID: 'guardrails' }, mutate: true }]);
  });

  test('stdio and SPIFFE transports', () => {
    const chart = Testing.chart();
    new McpServer(chart, 'files', {
      transport: McpTransport.stdio({ command: 'npx', args: ['-y', '@acme/files-mcp'], env: { TOKEN: MetadataValue.fromSecret('files', 'token') } }),
      sharedByAllApps: true,
    });
    expect(one(chart, 'MCPServer').spec.endpoint).toEqual({
      stdio: { command: 'npx', args: ['-y', '@acme/files-mcp'], env: [{ name: 'TOKEN', secretKeyRef: { name: 'files', key: 'token' } }] },
    });
    const chart2 = Testing.chart();
    new McpServer(chart2, 'sse', {
      transport: McpTransport.sse({ url: 'https://x/sse', auth: { spiffe: { audience: 'mcp://x', headerValuePrefix: 'Bearer ' } } }),
      sharedByAllApps: true,
    });
    expect(one(chart2, 'MCPServer').spec.endpoint.sse.auth).toEqual({ spiffe: { jwt: { audience: 'mcp://x', header: 'Authorization', headerValuePrefix: 'Bearer ' } } });
  });

  test('invalid settings fail with the prop named', () => {
    const c = () => Testing.chart();
    expect(() => new McpServer(c(), 'm', { transport: McpTransport.streamableHttp({ url: 'https://x', auth: { oauth2: { issuer: 'https://i' }, spiffe: { audience: 'a' } } }) }))
      .toThrow(/\[test\/m\] endpoint\.streamableHTTP\.auth\.spiffe: "set together with oauth2" is invalid; allowed: one of oauth2 or spiffe/);
    expect(() => new McpServer(c(), 'm', { transport: McpTransport.stdio({ command: '' }) }))
      .toThrow(/endpoint\.stdio\.command: "" is invalid; allowed: the executable to run/);
    expect(() => new McpServer(c(), 'm', { transport: McpTransport.sse({ url: 'https://x', protocolVersion: 'latest' }) }))
      .toThrow(/endpoint\.sse\.protocolVersion: "latest" is invalid; allowed: an MCP spec version date/);
    expect(() => new McpServer(c(), 'm', { transport: McpTransport.sse({ url: 'https://x' }), middleware: { beforeListTools: [{ workflowName: 'w', mutate: true }] } }))
      .toThrow(/middleware\.beforeListTools\.mutate: true is invalid; allowed: nothing: beforeListTools hooks cannot mutate/);
    expect(() => new McpServer(c(), 'm', { transport: McpTransport.sse({ url: 'http://x' }) }))
      .toThrow(/endpoint\.sse\.url: "http:\/\/x" is invalid; allowed: an https:\/\/ URL/);
    const chart = c();
    new McpServer(chart, 'm', { transport: McpTransport.sse({ url: 'https://x' }) });
    expect(() => Testing.synth(chart)).toThrow(/scopes: \[\] is invalid; allowed: at least one app: call server\.grant\(app\)/);
  });

  test('every app of the server must be granted the secret store of its headers', () => {
    const chart = Testing.chart();
    const vault = new FakeComponent(chart, 'vault', 'secretstores.hashicorp.vault', { scopes: ['agent'] });
    const server = new McpServer(chart, 'm', {
      transport: McpTransport.streamableHttp({ url: 'https://x/mcp', headers: { 'X-Api-Key': MetadataValue.fromSecret('mcp/key', 'key') }, auth: { secretStore: vault } }),
      apps: [new FakeApp(chart, 'agent')],
    });
    expect(one(chart, 'MCPServer').spec.endpoint.streamableHTTP.auth).toEqual({ secretStore: 'vault' });
    server.grant(new FakeApp(chart, 'planner'));
    const expected = '[test/m] endpoint.streamableHTTP.auth.secretStore: "vault" is invalid; allowed: a secret store that every app of this MCP server can load: '
      + 'also grant "vault" to app "planner"';
    expect(() => Testing.synth(chart)).toThrow(expected);

    const chart2 = Testing.chart();
    const store = new FakeComponent(chart2, 'vault', 'secretstores.hashicorp.vault', { scopes: ['agent'] });
    new McpServer(chart2, 'm', { transport: McpTransport.sse({ url: 'https://x/sse', auth: { secretStore: store } }), sharedByAllApps: true });
    expect(() => Testing.synth(chart2)).toThrow(/\[test\/m\] endpoint\.sse\.auth\.secretStore: "vault" is invalid; allowed: .*the MCP server is shared by all apps of the namespace/);
  });

  test('without a secret store, secret references name Kubernetes Secrets', () => {
    const chart = Testing.chart();
    const build = (id: string, headerSecret: string, secretStore?: FakeComponent) => new McpServer(chart, id, {
      transport: McpTransport.streamableHttp({ url: 'https://mcp.internal/mcp', headers: { Authorization: MetadataValue.fromSecret(headerSecret, 'token') }, auth: secretStore ? { secretStore } : undefined }),
      sharedByAllApps: true,
    });
    expect(() => build('a', 'mcp/token')).toThrow('[test/a] endpoint.streamableHTTP.secretKeyRef.name: "mcp/token" is invalid; allowed: the name of a Kubernetes Secret');
    expect(() => build('b', 'mcp/token', new FakeComponent(chart, 'vault', 'secretstores.hashicorp.vault'))).not.toThrow();
    // a secret store of type secretstores.kubernetes reads Kubernetes Secrets too, whatever its name
    expect(() => build('c', 'mcp/token', new FakeComponent(chart, 'k8s', 'secretstores.kubernetes')))
      .toThrow('[test/c] endpoint.streamableHTTP.secretKeyRef.name: "mcp/token" is invalid; allowed: the name of a Kubernetes Secret');
  });
});
