import { Construct, IConstruct } from 'constructs';
import { AccessControlModel, AccessControlOptions, AppAccessPolicy } from './access-control';
import { ApiAccessOptions, ApiAccessRule, ApiLoggingOptions, MetricsOptions, MiddlewareHandler, NameResolutionOptions, SecretScope, TracingOptions, WorkflowOptions, MtlsOptions } from './configuration-options';
import { AccessControlAction, ApiProtocol, TracingProtocol } from './enums';
import { checkComponentRef, checkEnum, nameValueList, nonEmpty, optionalDuration, optionalInt } from './private';
import { renderTokenValidators } from './token-validators';
import { byCodePoint } from '../core/code-point-order';
import { CONFIGURATION_API_VERSION, CONTROL_PLANE_CONFIGURATION } from '../core/configuration-names';
import { IDaprApp } from '../core/dapr-app-ref';
import { checkResourceProps, DaprResource, DaprResourceProps, hasBrand, setBrand } from '../core/dapr-resource';
import { HttpVerb } from '../core/enums';
import { checkList, checkMap, checkOptionalBoolean, checkStringList, checkStruct } from '../core/js-values';
import { IConfiguration, IDaprComponentRef, InvocationAccessOptions } from '../core/refs';
import { checkUrl } from '../core/urls';
import { checkDuration, DNS_SUBDOMAIN_RULE, fail, isDnsSubdomain } from '../core/validation';
import { checkNameResolution } from '../facts/name-resolution';

const CONFIGURATION = Symbol.for('cdk8s-dapr.Configuration');


/**
 * Props of a `Configuration`.
 */
export interface ConfigurationProps extends DaprResourceProps {
  /**
   * Distributed tracing.
   * @default - no tracing
   */
  readonly tracing?: TracingOptions;
  /**
   * Metrics.
   * @default - Dapr's defaults (enabled)
   */
  readonly metrics?: MetricsOptions;
  /**
   * mTLS; only on the control plane's Configuration, named "daprsystem".
   * @default - not set
   */
  readonly mtls?: MtlsOptions;
  /**
   * Service-invocation access control of the apps loading this Configuration.
   * Also built by `allowInvocationFrom()`.
   * @default - no access control: every app may call every operation
   */
  readonly accessControl?: AccessControlOptions;
  /**
   * Preview features, by name, e.g. `{ SchedulerReminders: true }`.
   * @default - none
   */
  readonly features?: { [name: string]: boolean };
  /**
   * Name resolution.
   * @default - Kubernetes DNS
   */
  readonly nameResolution?: NameResolutionOptions;
  /**
   * Which secrets the app may read, per secret store.
   * @default - every secret of every store
   */
  readonly secretScopes?: SecretScope[];
  /**
   * Dapr API allow and deny lists.
   * @default - every API
   */
  readonly api?: ApiAccessOptions;
  /**
   * Middleware on calls into the Dapr API (`httpPipeline`), in order.
   * @default - none
   */
  readonly httpPipeline?: MiddlewareHandler[];
  /**
   * Middleware on calls from daprd to the app (`appHttpPipeline`), in order.
   * @default - none
   */
  readonly appHttpPipeline?: MiddlewareHandler[];
  /**
   * Component types the sidecar refuses to load, e.g. "bindings.smtp" or "state.redis/v1".
   * @default - none
   */
  readonly deniedComponentTypes?: string[];
  /**
   * API logging.
   * @default - off, unless the sidecar turns it on
   */
  readonly apiLogging?: ApiLoggingOptions;
  /**
   * Workflow engine settings.
   * @default - Dapr's defaults
   */
  readonly workflow?: WorkflowOptions;
  /**
   * Run every WebAssembly component in strict sandbox mode.
   * @default false
   */
  readonly wasmStrictSandbox?: boolean;
}

const FEATURE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const COMPONENT_TYPE = /^[a-z]+(\.[A-Za-z0-9][A-Za-z0-9_-]*)+(\/v\d+)?$/;
const API_VERSION = /^v\d+(\.\d+)?(-?(alpha|beta)\d+)?$/;
const API_NAME = /^[a-z][a-z0-9.-]*$/;
const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?):\d{1,5}$/;

/**
 * A Dapr Configuration (`dapr.io/v1alpha1`): tracing, metrics, access control, API lists,
 * middleware pipelines, secret scopes and more for the apps that load it.
 *
 * Apps load it with `new DaprApp(..., { configuration })`, which writes `dapr.io/config`.
 * A sidecar whose Configuration does not exist exits, so an app may only load a Configuration
 * of the same cdk8s app and namespace.
 *
 * Access control needs mTLS (on by default in the control plane): callers are identified
 * by their certificate's SPIFFE id `spiffe://<trustDomain>/ns/<namespace>/<appId>`.
 */
export class Configuration extends DaprResource implements IConfiguration {
  /**
   * Whether `x` is a `Configuration` of this library, also when it comes from another copy of it.
   */
  public static isConfiguration(x: any): x is Configuration {
    return hasBrand(x, CONFIGURATION);
  }

  private readonly props: ConfigurationProps;
  private accessControl?: AccessControlModel;
  private readonly features = new Map<string, boolean>();
  private readonly secretScopes = new Map<string, SecretScope>();
  private readonly pipelines: { [key: string]: MiddlewareHandler[] } = { httpPipeline: [], appHttpPipeline: [] };
  private readonly renderedOnce: object;

  constructor(scope: Construct, id: string, props: ConfigurationProps = {}) {
    checkResourceProps(scope, id, props, false);
    super(scope, id, {
      apiVersion: CONFIGURATION_API_VERSION,
      kind: 'Configuration',
      metadata: props.metadata,
      name: props.name,
      namespace: props.namespace,
    });
    setBrand(this, CONFIGURATION);
    this.props = props;
    if (props.accessControl) {
      this.accessControl = this.newAccessControl(props.accessControl);
    }
    for (const [name, enabled] of Object.entries(props.features ?? {})) {
      this.setFeature(name, enabled);
    }
    for (const s of props.secretScopes ?? []) {
      this.addSecretScope(s);
    }
    for (const h of props.httpPipeline ?? []) {
      this.addHttpMiddleware(h);
    }
    for (const h of props.appHttpPipeline ?? []) {
      this.addAppHttpMiddleware(h);
    }
    if (props.mtls && this.name !== CONTROL_PLANE_CONFIGURATION) {
      fail(this, 'mtls', this.name, `only on the control plane's Configuration named "${CONTROL_PLANE_CONFIGURATION}": Dapr ignores mtls anywhere else`);
    }
    // render once now so that bad props fail at construction
    this.renderedOnce = {
      tracing: this.renderTracing(),
      metrics: this.renderMetrics(),
      mtls: this.renderMtls(),
      nameResolution: this.renderNameResolution(),
      api: this.renderApi(),
      components: this.renderComponents(),
      logging: this.renderLogging(),
      workflow: this.renderWorkflow(),
    };
  }

  /** @internal */
  protected _renderSpec(): any {
    const props = this.props;
    return {
      ...this.renderedOnce,
      accessControl: this.accessControl?.render(),
      features: this.features.size === 0 ? undefined
        : [...this.features.keys()].sort().map((name) => ({ name, enabled: this.features.get(name) })),
      secrets: this.secretScopes.size === 0 ? undefined : { scopes: this.renderSecretScopes() },
      httpPipeline: this.renderPipeline('httpPipeline'),
      appHttpPipeline: this.renderPipeline('appHttpPipeline'),
      wasm: props.wasmStrictSandbox === undefined ? undefined : { strictSandbox: props.wasmStrictSandbox },
    };
  }

  /**
   * The trust domain of the apps loading this Configuration, part of their SPIFFE identity.
   */
  public get trustDomain(): string {
    return this.accessControl?.trustDomain ?? 'public';
  }

  /**
   * Lets `caller` invoke the apps loading this Configuration. Turns access control on with
   * default action deny if it is off, so apps not allowed are refused.
   *
   * @param caller the calling app
   * @param options which operations and verbs it may call
   */
  public allowInvocationFrom(caller: IDaprApp, options: InvocationAccessOptions = {}): void {
    checkStruct(this, 'allowInvocationFrom', options, 'invocation access options (operations, verbs, trustDomain)');
    const verbs = options.verbs === undefined ? undefined : checkList(this, 'allowInvocationFrom.verbs', options.verbs, 'HttpVerb');
    const operations = options.operations === undefined ? undefined
      : checkStringList(this, 'allowInvocationFrom.operations', options.operations, 'operation paths');
    if (operations !== undefined && operations.length === 0) {
      fail(this, 'allowInvocationFrom.operations', [], 'at least one operation, or leave it out to allow every operation');
    }
    if (verbs !== undefined && operations === undefined && !(verbs.length === 1 && verbs[0] === HttpVerb.ANY)) {
      fail(this, 'allowInvocationFrom.verbs', verbs.map((v) => (v as { value?: unknown }).value), 'only together with operations (e.g. operations: ["/**"])');
    }
    this.addAccessPolicy({
      caller,
      trustDomain: options.trustDomain,
      operations: operations?.map((name) => ({ name, httpVerbs: verbs, action: AccessControlAction.ALLOW })),
    });
  }

  /** Adds (or merges) an access-control policy for one calling app. */
  public addAccessPolicy(policy: AppAccessPolicy): void {
    if (!this.accessControl) {
      this.accessControl = this.newAccessControl({});
    }
    this.accessControl.addPolicy(policy);
  }

  /** Turns a preview feature on or off. */
  public setFeature(name: string, enabled: boolean): void {
    if (typeof name !== 'string' || !FEATURE.test(name)) {
      fail(this, 'features', name, 'a feature name of letters, digits, ".", "_" and "-"');
    }
    if (typeof enabled !== 'boolean') {
      fail(this, `features.${name}`, enabled, 'true or false');
    }
    this.features.set(name, enabled);
  }

  /** Limits which secrets of one store the app may read. */
  public addSecretScope(scope: SecretScope): void {
    const prop = 'secretScopes';
    if (!isDnsSubdomain(scope.storeName ?? '')) {
      fail(this, `${prop}.storeName`, scope.storeName, `the name of a secret store: ${DNS_SUBDOMAIN_RULE}`);
    }
    if (this.secretScopes.has(scope.storeName)) {
      fail(this, `${prop}.storeName`, scope.storeName, 'each secret store once');
    }
    checkEnum(this, `${prop}[${scope.storeName}].defaultAccess`, scope.defaultAccess ?? AccessControlAction.DENY, AccessControlAction.ALL);
    for (const [field, list] of [['allowedSecrets', scope.allowedSecrets], ['deniedSecrets', scope.deniedSecrets]] as const) {
      for (const s of list ?? []) nonEmpty(this, `${prop}[${scope.storeName}].${field}`, s, 'a non-empty secret name');
    }
    const both = (scope.allowedSecrets ?? []).filter((s) => (scope.deniedSecrets ?? []).includes(s));
    if (both.length > 0) {
      fail(this, `${prop}[${scope.storeName}].deniedSecrets`, both[0], 'a secret not also in allowedSecrets');
    }
    this.secretScopes.set(scope.storeName, scope);
  }

  /** Appends a handler to the pipeline of calls into the Dapr API (`httpPipeline`). */
  public addHttpMiddleware(handler: MiddlewareHandler): void {
    this.addHandler('httpPipeline', handler);
  }

  /** Appends a handler to the pipeline of calls from daprd to the app (`appHttpPipeline`). */
  public addAppHttpMiddleware(handler: MiddlewareHandler): void {
    this.addHandler('appHttpPipeline', handler);
  }

  /** The middleware components of both pipelines. */
  public get middleware(): IDaprComponentRef[] {
    return [...this.pipelines.httpPipeline, ...this.pipelines.appHttpPipeline].map((h) => h.middleware);
  }

  private newAccessControl(options: AccessControlOptions): AccessControlModel {
    return new AccessControlModel(this, options, (app) => trustDomainOfApp(app));
  }

  private addHandler(pipeline: string, handler: MiddlewareHandler): void {
    const ref = handler.middleware;
    checkComponentRef(this, `${pipeline}.middleware`, ref, this.namespace, 'middleware.http.');
    if (this.pipelines[pipeline].some((h) => h.middleware.name === ref.name)) {
      fail(this, `${pipeline}.middleware`, ref.name, 'each middleware once per pipeline');
    }
    for (const [field, value] of Object.entries(handler.selector ?? {})) {
      nonEmpty(this, `${pipeline}[${ref.name}].selector.${field}`, value);
    }
    this.pipelines[pipeline].push(handler);
  }

  private renderPipeline(pipeline: string): object | undefined {
    const handlers = this.pipelines[pipeline];
    if (handlers.length === 0) return undefined;
    return {
      handlers: handlers.map((h) => ({
        name: h.middleware.name,
        type: h.middleware.type,
        selector: h.selector === undefined || Object.keys(h.selector).length === 0 ? undefined
          : { fields: Object.keys(h.selector).sort().map((field) => ({ field, value: h.selector![field] })) },
      })),
    };
  }

  private renderSecretScopes(): object[] {
    return [...this.secretScopes.keys()].sort().map((storeName) => {
      const s = this.secretScopes.get(storeName)!;
      const sorted = (l?: string[]) => (l === undefined || l.length === 0 ? undefined : [...new Set(l)].sort());
      return {
        storeName,
        defaultAccess: (s.defaultAccess ?? AccessControlAction.DENY).value,
        allowedSecrets: sorted(s.allowedSecrets),
        deniedSecrets: sorted(s.deniedSecrets),
      };
    });
  }

  private renderTracing(): object | undefined {
    const t = this.props.tracing;
    if (!t) return undefined;
    if (typeof t.samplingRate !== 'number' || !(t.samplingRate >= 0 && t.samplingRate <= 1)) {
      fail(this, 'tracing.samplingRate', t.samplingRate, 'a number from 0 (trace nothing) to 1 (trace every request)');
    }
    let otel: object | undefined;
    if (t.otel) {
      const o = t.otel;
      if (typeof o.endpointAddress !== 'string' || !HOST_PORT.test(o.endpointAddress)) {
        fail(this, 'tracing.otel.endpointAddress', o.endpointAddress, 'a collector address "host:port" without scheme, e.g. "otel-collector.observability:4317"');
      }
      otel = {
        endpointAddress: o.endpointAddress,
        protocol: checkEnum(this, 'tracing.otel.protocol', o.protocol, TracingProtocol.ALL),
        isSecure: o.isSecure ?? true,
        headers: nameValueList(this, 'tracing.otel.headers', o.headers, o.allowPlaintextSecrets),
        timeout: optionalDuration(this, 'tracing.otel.timeout', o.timeout),
      };
    }
    return {
      samplingRate: String(t.samplingRate),
      stdout: t.stdout,
      zipkin: t.zipkin ? { endpointAddress: checkUrl(this, 'tracing.zipkin.endpointAddress', t.zipkin.endpointAddress) } : undefined,
      otel,
    };
  }

  private renderMetrics(): object | undefined {
    const m = this.props.metrics;
    if (!m) return undefined;
    checkOptionalBoolean(this, 'metrics.enabled', m.enabled);
    const rules = checkList(this, 'metrics.rules', m.rules, 'metric rules').map((r) => {
      nonEmpty(this, 'metrics.rules.name', r.name, 'a metric name');
      if (!Array.isArray(r.labels) || r.labels.length === 0) fail(this, `metrics.rules[${r.name}].labels`, r.labels, 'at least one label rule');
      const labels = checkList(this, `metrics.rules[${r.name}].labels`, r.labels, 'label rules').map((l) => {
        nonEmpty(this, `metrics.rules[${r.name}].labels.name`, l.name, 'a label name');
        const entries = Object.entries(checkMap(this, `metrics.rules[${r.name}].labels[${l.name}].regex`, l.regex, 'regular expressions'));
        if (entries.length === 0) fail(this, `metrics.rules[${r.name}].labels[${l.name}].regex`, l.regex, 'at least one replacement -> regex entry');
        for (const [, re] of entries) checkRegex(this, `metrics.rules[${r.name}].labels[${l.name}].regex`, re);
        return { name: l.name, regex: l.regex };
      }).sort(byCodePoint((x) => x.name));
      return { name: r.name, labels };
    }).sort(byCodePoint((x) => x.name));
    return {
      enabled: m.enabled ?? true,
      rules: rules.length === 0 ? undefined : rules,
      latencyDistributionBuckets: buckets(this, 'metrics.latencyDistributionBuckets', m.latencyDistributionBuckets),
      http: m.http ? {
        increasedCardinality: m.http.increasedCardinality,
        pathMatching: m.http.pathMatching?.map((p) => nonEmpty(this, 'metrics.http.pathMatching', p, 'a path pattern such as "/orders/{orderID}"')),
        excludeVerbs: m.http.excludeVerbs,
      } : undefined,
      recordErrorCodes: m.recordErrorCodes,
    };
  }

  private renderMtls(): object | undefined {
    const m = this.props.mtls;
    if (!m) return undefined;
    const domain = m.controlPlaneTrustDomain ?? 'cluster.local';
    if (!isDnsSubdomain(domain)) fail(this, 'mtls.controlPlaneTrustDomain', domain, DNS_SUBDOMAIN_RULE);
    const sentry = m.sentryAddress ?? 'dapr-sentry.dapr-system.svc.cluster.local:443';
    if (!HOST_PORT.test(sentry)) fail(this, 'mtls.sentryAddress', sentry, 'a "host:port" address');
    return {
      enabled: m.enabled ?? true,
      controlPlaneTrustDomain: domain,
      sentryAddress: sentry,
      workloadCertTTL: optionalDuration(this, 'mtls.workloadCertTtl', m.workloadCertTtl),
      allowedClockSkew: m.allowedClockSkew === undefined ? undefined : checkDuration(this, 'mtls.allowedClockSkew', m.allowedClockSkew, true),
      tokenValidators: renderTokenValidators(this, 'mtls.tokenValidators', m.tokenValidators),
    };
  }

  private renderNameResolution(): object | undefined {
    const n = this.props.nameResolution;
    if (!n) return undefined;
    if (!/^[a-z][a-z0-9.-]*$/.test(n.resolver?.value ?? '')) {
      fail(this, 'nameResolution.resolver', n.resolver?.value, 'a name resolver such as NameResolver.KUBERNETES, NameResolver.CONSUL or NameResolver.custom("<name>")');
    }
    const version = n.version ?? 'v1';
    if (!/^v\d+$/.test(version)) fail(this, 'nameResolution.version', version, 'a version such as "v1"');
    return { component: n.resolver.value, version, configuration: checkNameResolution(this, n.resolver.value, version, n.configuration) };
  }

  private renderApi(): object | undefined {
    const a = this.props.api;
    if (!a) return undefined;
    const rules = (prop: string, list?: ApiAccessRule[]) => {
      if (list === undefined) return undefined;
      const seen = new Map<string, object>();
      for (const r of list) {
        if (!API_NAME.test(r.api?.value ?? '')) fail(this, `${prop}.api`, r.api?.value, 'a Dapr API name such as "state", "invoke" or "publish" (DaprApi.custom(name) for others)');
        if (!API_VERSION.test(r.version ?? '')) fail(this, `${prop}[${r.api.value}].version`, r.version, 'an API version such as "v1.0", "v1" or "v1.0-alpha1"');
        const protocol = checkEnum(this, `${prop}[${r.api.value}].protocol`, r.protocol ?? ApiProtocol.HTTP, ApiProtocol.ALL);
        seen.set(`${r.api.value}\u0000${r.version}\u0000${protocol}`, { name: r.api.value, version: r.version, protocol });
      }
      return [...seen.keys()].sort().map((k) => seen.get(k)!);
    };
    return { allowed: rules('api.allowed', a.allowed), denied: rules('api.denied', a.denied) };
  }

  private renderComponents(): object | undefined {
    const deny = this.props.deniedComponentTypes;
    if (deny === undefined) return undefined;
    for (const t of deny) {
      if (!COMPONENT_TYPE.test(t)) fail(this, 'deniedComponentTypes', t, 'a component type "<category>.<name>", optionally with "/<version>", e.g. "bindings.smtp" or "state.redis/v1"');
    }
    return { deny: [...new Set(deny)].sort() };
  }

  private renderLogging(): object | undefined {
    const l = this.props.apiLogging;
    if (!l) return undefined;
    return { apiLogging: { enabled: l.enabled, obfuscateURLs: l.obfuscateUrls, omitHealthChecks: l.omitHealthChecks } };
  }

  private renderWorkflow(): object | undefined {
    const w = this.props.workflow;
    if (!w) return undefined;
    const limits = (prop: string, map?: { [name: string]: number }) => {
      if (map === undefined) return undefined;
      return Object.keys(map).sort().map((name) => {
        nonEmpty(this, prop, name, 'a non-empty workflow or activity name');
        return { name, maxConcurrent: optionalInt(this, `${prop}.${name}`, map[name], 1) };
      });
    };
    const r = w.stateRetention;
    return {
      maxConcurrentWorkflowInvocations: optionalInt(this, 'workflow.maxConcurrentWorkflowInvocations', w.maxConcurrentWorkflowInvocations, 1),
      maxConcurrentActivityInvocations: optionalInt(this, 'workflow.maxConcurrentActivityInvocations', w.maxConcurrentActivityInvocations, 1),
      globalMaxConcurrentWorkflowInvocations: optionalInt(this, 'workflow.globalMaxConcurrentWorkflowInvocations', w.globalMaxConcurrentWorkflowInvocations, 1),
      globalMaxConcurrentActivityInvocations: optionalInt(this, 'workflow.globalMaxConcurrentActivityInvocations', w.globalMaxConcurrentActivityInvocations, 1),
      workflowConcurrencyLimits: limits('workflow.workflowConcurrencyLimits', w.workflowConcurrencyLimits),
      activityConcurrencyLimits: limits('workflow.activityConcurrencyLimits', w.activityConcurrencyLimits),
      stateRetentionPolicy: r ? {
        anyTerminal: optionalDuration(this, 'workflow.stateRetention.anyTerminal', r.anyTerminal),
        completed: optionalDuration(this, 'workflow.stateRetention.completed', r.completed),
        failed: optionalDuration(this, 'workflow.stateRetention.failed', r.failed),
        terminated: optionalDuration(this, 'workflow.stateRetention.terminated', r.terminated),
      } : undefined,
    };
  }
}

/** The trust domain of an app's Configuration, if the app loads one built here (`DaprApp.configuration`). */
function trustDomainOfApp(app: IDaprApp): string | undefined {
  const config = (app as { configuration?: Partial<IConfiguration> }).configuration;
  return typeof config?.trustDomain === 'string' ? config.trustDomain : undefined;
}

function checkRegex(scope: IConstruct, prop: string, re: string): void {
  try {
    if (typeof re !== 'string' || re === '') throw new Error('empty');
    new RegExp(re);
  } catch {
    fail(scope, prop, re, 'a non-empty regular expression');
  }
}

function buckets(scope: IConstruct, prop: string, list?: number[]): number[] | undefined {
  if (list === undefined) return undefined;
  if (list.length === 0) fail(scope, prop, list, 'at least one bucket, or leave it out for the default buckets');
  for (const b of list) optionalInt(scope, prop, b, 1);
  return [...new Set(list)].sort((a, b) => a - b);
}
