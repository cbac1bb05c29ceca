import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { checkKubernetesSecretNames, checkSecretStoreRef, nameValueList, nonEmpty, optionalDuration } from './private';
import { secretStoreGrantErrors } from '../core/component-scopes';
import { IDaprApp } from '../core/dapr-app-ref';
import { checkResourceProps, DaprResourceProps, hasBrand, ScopedDaprResource, setBrand } from '../core/dapr-resource';
import { checkInstance, checkList, checkStringList } from '../core/js-values';
import { MetadataValue } from '../core/metadata-value';
import { checkPlaintextArgs } from '../core/plaintext-secrets';
import { ISecretStore } from '../core/secret-store-ref';
import { checkHttpsUrl, checkUrl } from '../core/urls';
import { fail } from '../core/validation';

/** The Kubernetes group/version of Dapr's MCPServer resource. */
export const MCP_SERVER_API_VERSION = 'dapr.io/v1alpha1';

const MCP_SERVER = Symbol.for('cdk8s-dapr.McpServer');

/**
 * OAuth2 client-credentials authentication towards the MCP server.
 */
export interface McpOAuth2 {
  /** The authorization server's token endpoint. */
  readonly issuer: string;
  /**
   * The client id.
   * @default - none (for flows keyed on the secret only)
   */
  readonly clientId?: string;
  /**
   * The token audience.
   * @default - none
   */
  readonly audience?: string;
  /**
   * Scopes requested.
   * @default - none
   */
  readonly scopes?: string[];
  /**
   * The secret holding the client secret.
   * @default - no client secret
   */
  readonly clientSecretName?: string;
  /**
   * The key of the client secret inside `clientSecretName`.
   * @default - the secret's only key
   */
  readonly clientSecretKey?: string;
}

/**
 * SPIFFE workload identity: daprd attaches its Sentry-issued JWT to each request.
 */
export interface McpSpiffeJwt {
  /** The JWT audience, e.g. "mcp://payments". */
  readonly audience: string;
  /**
   * The header carrying the JWT.
   * @default "Authorization"
   */
  readonly header?: string;
  /**
   * Text put before the JWT, e.g. "Bearer ".
   * @default - none
   */
  readonly headerValuePrefix?: string;
}

/**
 * Authentication towards an HTTP MCP server: OAuth2 or SPIFFE, not both.
 */
export interface McpAuth {
  /**
   * The secret store that header secret references are read from. Every app granted the
   * server must also be granted the store.
   * @default - Kubernetes Secrets
   */
  readonly secretStore?: ISecretStore;
  /**
   * OAuth2 client credentials.
   * @default - none
   */
  readonly oauth2?: McpOAuth2;
  /**
   * SPIFFE JWT.
   * @default - none
   */
  readonly spiffe?: McpSpiffeJwt;
}

/**
 * An MCP server reached over HTTP (streamable HTTP or SSE).
 */
export interface McpHttpOptions {
  /** The server's URL. */
  readonly url: string;
  /**
   * Headers on every request; sensitive-looking ones need a secret or environment reference.
   * @default - none
   */
  readonly headers?: { [name: string]: MetadataValue };
  /**
   * Header names whose plaintext credentials are accepted on purpose (the explicit opt-out).
   * Each must be a header that would be refused without it.
   * @default - none
   */
  readonly allowPlaintextSecrets?: string[];
  /**
   * Deadline of each call.
   * @default - Dapr's default
   */
  readonly timeout?: Duration;
  /**
   * The MCP spec version, a date such as "2025-06-18".
   * @default - negotiated
   */
  readonly protocolVersion?: string;
  /**
   * Authentication.
   * @default - none beyond the headers
   */
  readonly auth?: McpAuth;
  /**
   * Accept a plain `http://` URL.
   * @default false
   */
  readonly allowPlaintextHttp?: boolean;
}

/**
 * An MCP server run as a subprocess speaking over stdio.
 */
export interface McpStdioOptions {
  /** The executable. */
  readonly command: string;
  /**
   * Its arguments. A credential in them (`--api-key=...`, `--token <value>`, a URL with a
   * password) is refused: pass it in `env` from a secret.
   * @default - none
   */
  readonly args?: string[];
  /**
   * Environment variables of the subprocess; sensitive-looking ones need a secret or environment reference.
   * @default - none
   */
  readonly env?: { [name: string]: MetadataValue };
  /**
   * Variables, and argument flags (`api-key` for `--api-key=...`), whose plaintext credentials
   * are accepted on purpose (the explicit opt-out). Each must be one that would be refused without it.
   * @default - none
   */
  readonly allowPlaintextSecrets?: string[];
}

/**
 * How Dapr reaches an MCP server: exactly one transport.
 */
export class McpTransport {
  /** The streamable HTTP transport. */
  public static streamableHttp(options: McpHttpOptions): McpTransport {
    return new McpTransport('streamableHTTP', options, undefined);
  }

  /** The legacy server-sent events transport. */
  public static sse(options: McpHttpOptions): McpTransport {
    return new McpTransport('sse', options, undefined);
  }

  /** A subprocess speaking over stdio. */
  public static stdio(options: McpStdioOptions): McpTransport {
    return new McpTransport('stdio', undefined, options);
  }

  private constructor(
    /** The transport's key in `spec.endpoint`. */
    public readonly kind: string,
    private readonly http: McpHttpOptions | undefined,
    private readonly stdio: McpStdioOptions | undefined) {}

  /**
   * The secret store that header secret references are read from (`auth.secretStore`), if any.
   * @internal
   */
  public get _secretStore(): ISecretStore | undefined {
    return this.http?.auth?.secretStore;
  }

  /** @internal */
  public _render(scope: Construct, namespace: string): object {
    const prop = `endpoint.${this.kind}`;
    if (this.stdio) {
      const s = this.stdio;
      nonEmpty(scope, `${prop}.command`, s.command, 'the executable to run');
      const args = s.args === undefined ? undefined : checkStringList(scope, `${prop}.args`, s.args, 'arguments');
      const argNames = checkPlaintextArgs(scope, `${prop}.args`, args, s.allowPlaintextSecrets,
        'an argument that is not a credential: pass it in env, with MetadataValue.fromSecret(name, key)');
      return { [this.kind]: { command: s.command, args, env: nameValueList(scope, `${prop}.env`, s.env, s.allowPlaintextSecrets, argNames) } };
    }
    const h = this.http!;
    checkHttpsUrl(scope, `${prop}.url`, h.url, h.allowPlaintextHttp);
    if (h.protocolVersion !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(h.protocolVersion)) {
      fail(scope, `${prop}.protocolVersion`, h.protocolVersion, 'an MCP spec version date such as "2025-06-18"');
    }
    checkKubernetesSecretNames(scope, `${prop}.secretKeyRef.name`, h.auth?.secretStore,
      [...Object.values(h.headers ?? {}).map((v) => v.secretKeyRef?.name), h.auth?.oauth2?.clientSecretName]);
    return {
      [this.kind]: {
        url: h.url,
        headers: nameValueList(scope, `${prop}.headers`, h.headers, h.allowPlaintextSecrets),
        timeout: optionalDuration(scope, `${prop}.timeout`, h.timeout),
        protocolVersion: h.protocolVersion,
        auth: h.auth ? renderAuth(scope, `${prop}.auth`, h.auth, namespace) : undefined,
      },
    };
  }
}

function renderAuth(scope: Construct, prop: string, auth: McpAuth, namespace: string): object {
  if (auth.oauth2 && auth.spiffe) {
    fail(scope, `${prop}.spiffe`, 'set together with oauth2', 'one of oauth2 or spiffe');
  }
  if (auth.secretStore) checkSecretStoreRef(scope, `${prop}.secretStore`, auth.secretStore, namespace);
  const o = auth.oauth2;
  if (o) {
    checkUrl(scope, `${prop}.oauth2.issuer`, o.issuer, ['https']);
    if (o.clientSecretKey !== undefined && o.clientSecretName === undefined) {
      fail(scope, `${prop}.oauth2.clientSecretKey`, o.clientSecretKey, 'only together with clientSecretName');
    }
  }
  const s = auth.spiffe;
  if (s) {
    nonEmpty(scope, `${prop}.spiffe.audience`, s.audience, 'a non-empty JWT audience');
    if (s.header !== undefined) nonEmpty(scope, `${prop}.spiffe.header`, s.header, 'a non-empty header name');
  }
  return {
    secretStore: auth.secretStore?.name,
    oauth2: o ? {
      issuer: o.issuer,
      clientID: o.clientId,
      audience: o.audience,
      scopes: o.scopes && o.scopes.length > 0 ? [...new Set(o.scopes)].sort() : undefined,
      secretKeyRef: o.clientSecretName ? { name: o.clientSecretName, key: o.clientSecretKey } : undefined,
    } : undefined,
    spiffe: s ? { jwt: { audience: s.audience, header: s.header ?? 'Authorization', headerValuePrefix: s.headerValuePrefix } } : undefined,
  };
}

/**
 * A workflow run as a middleware hook of the MCP server's calls.
 */
export interface McpWorkflowHook {
  /** The workflow's name. */
  readonly workflowName: string;
  /**
   * The app that hosts the workflow.
   * @default - the calling app itself
   */
  readonly app?: IDaprApp;
  /**
   * Replace the data flowing through the pipeline with the hook's result (not for beforeListTools).
   * @default false
   */
  readonly mutate?: boolean;
}

/**
 * Workflows run around the MCP server's tool calls and tool listings, in order.
 */
export interface McpMiddleware {
  /**
   * Before each tool call.
   * @default - none
   */
  readonly beforeCallTool?: McpWorkflowHook[];
  /**
   * After each tool call.
   * @default - none
   */
  readonly afterCallTool?: McpWorkflowHook[];
  /**
   * Before each tool listing (cannot mutate).
   * @default - none
   */
  readonly beforeListTools?: McpWorkflowHook[];
  /**
   * After each tool listing.
   * @default - none
   */
  readonly afterListTools?: McpWorkflowHook[];
}

/**
 * Informational catalog entry of an MCP server.
 */
export interface McpCatalog {
  /**
   * Display name.
   * @default - none
   */
  readonly displayName?: string;
  /**
   * Description.
   * @default - none
   */
  readonly description?: string;
  /**
   * The owning team.
   * @default - none
   */
  readonly ownerTeam?: string;
  /**
   * How to reach the owners.
   * @default - none
   */
  readonly ownerContact?: string;
  /**
   * Tags.
   * @default - none
   */
  readonly tags?: string[];
  /**
   * Named links (docs, runbook, dashboard) to URLs.
   * @default - none
   */
  readonly links?: { [name: string]: string };
}

/**
 * Props of an `McpServer`.
 */
export interface McpServerProps extends DaprResourceProps {
  /** How Dapr reaches the server. */
  readonly transport: McpTransport;
  /**
   * Catalog entry.
   * @default - none
   */
  readonly catalog?: McpCatalog;
  /**
   * Workflow hooks.
   * @default - none
   */
  readonly middleware?: McpMiddleware;
  /**
   * Let daprd start even if the server cannot be reached.
   * @default false
   */
  readonly ignoreErrors?: boolean;
  /**
   * The apps that may use the server (`scopes`). Needed unless `sharedByAllApps` is true.
   * @default - none; add them with `grant()`
   */
  readonly apps?: IDaprApp[];
  /**
   * Let every app of the namespace use the server.
   * @default false
   */
  readonly sharedByAllApps?: boolean;
}

/**
 * A Dapr MCPServer (`dapr.io/v1alpha1`): a Model Context Protocol server that Dapr calls as
 * durable tool executions, with workflow hooks around the calls.
 */
export class McpServer extends ScopedDaprResource {
  /**
   * Whether `x` is an `McpServer` of this library, also when it comes from another copy of it.
   */
  public static isMcpServer(x: any): x is McpServer {
    return hasBrand(x, MCP_SERVER);
  }

  private readonly transport: McpTransport;
  private readonly spec: object;

  constructor(scope: Construct, id: string, props: McpServerProps) {
    checkResourceProps(scope, id, props, true);
    super(scope, id, {
      apiVersion: MCP_SERVER_API_VERSION,
      kind: 'MCPServer',
      metadata: props.metadata,
      name: props.name,
      namespace: props.namespace,
      sharedByAllApps: props.sharedByAllApps,
    });
    setBrand(this, MCP_SERVER);
    this.transport = checkInstance(this, 'transport', props.transport, McpTransport, 'McpTransport.streamableHttp(), McpTransport.sse() or McpTransport.stdio()');
    const endpoint = props.transport._render(this, this.namespace);
    const middleware = props.middleware ? this.renderMiddleware(props.middleware) : undefined;
    const c = props.catalog;
    for (const [name, url] of Object.entries(c?.links ?? {})) checkUrl(this, `catalog.links.${name}`, url);
    this.spec = {
      endpoint,
      catalog: c ? {
        displayName: c.displayName,
        description: c.description,
        owner: c.ownerTeam || c.ownerContact ? { team: c.ownerTeam, contact: c.ownerContact } : undefined,
        tags: c.tags && c.tags.length > 0 ? [...new Set(c.tags)].sort() : undefined,
        links: c.links,
      } : undefined,
      middleware,
      ignoreErrors: props.ignoreErrors,
    };
    for (const app of checkList(this, 'apps', props.apps, 'Dapr apps')) this.grant(app);
  }

  /** @internal */
  protected _noun(): string {
    return 'MCP server';
  }

  /** @internal */
  protected _renderSpec(): any {
    return this.spec;
  }

  private renderMiddleware(m: McpMiddleware): object {
    const hooks = (stage: string, list: McpWorkflowHook[] | undefined, canMutate: boolean) => {
      if (list === undefined || list.length === 0) return undefined;
      return list.map((h) => {
        nonEmpty(this, `middleware.${stage}.workflowName`, h.workflowName, 'a workflow name');
        if (h.mutate !== undefined && !canMutate) {
          fail(this, `middleware.${stage}.mutate`, h.mutate, `nothing: ${stage} hooks cannot mutate`);
        }
        return { workflow: { workflowName: h.workflowName, appID: h.app?.appId }, mutate: h.mutate };
      });
    };
    return {
      beforeCallTool: hooks('beforeCallTool', m.beforeCallTool, true),
      afterCallTool: hooks('afterCallTool', m.afterCallTool, true),
      beforeListTools: hooks('beforeListTools', m.beforeListTools, false),
      afterListTools: hooks('afterListTools', m.afterListTools, true),
    };
  }

  /** @internal */
  protected _noAppsAllowed(): string {
    return `at least one app: call server.grant(app) for each app that uses it, or set sharedByAllApps: true to apply it to every app of namespace "${this.namespace}"`;
  }

  /** @internal */
  protected _validate(): string[] {
    return secretStoreGrantErrors(this, `endpoint.${this.transport.kind}.auth.secretStore`, this.transport._secretStore,
      this.appIds, 'MCP server', this.sharedByAllApps);
  }
}
