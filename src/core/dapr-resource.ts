import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { IDaprApp } from './dapr-app-ref';
import { checkAppRef, checkOptionalBoolean, checkProps, checkStruct } from './js-values';
import { claimName, rivalsOf } from './name-registry';
import { resolveNamespace } from './namespace';
import { checkAnnotationMap, checkLabelMap, DNS_SUBDOMAIN_RULE, fail, isDnsSubdomain, isLabelValue, isQualifiedName, LABEL_KEY_RULE, LABEL_VALUE_RULE, validationMessage } from './validation';
import { addChartScopedValidation } from './validation-scope';

/*
 * The base of the seven Dapr resources (Component, Configuration, Resiliency, Subscription,
 * HTTPEndpoint, MCPServer, WorkflowAccessPolicy), in the style of cdk8s-plus's `Resource`:
 * Kubernetes metadata, one name claim, one ApiObject rendered lazily, validation once (through
 * `addValidation`), and for the scoped ones one `scopes` implementation behind `grant(app)`.
 */

// Symbol.for: the same symbol in every copy of the library loaded in one process, so brand
// checks hold for objects made by another copy, where instanceof does not.
const DAPR_RESOURCE = Symbol.for('cdk8s-dapr.DaprResource');
const SCOPED_DAPR_RESOURCE = Symbol.for('cdk8s-dapr.ScopedDaprResource');

/** Whether `x` carries the brand `symbol` (set by the constructor of a branded class). */
export function hasBrand(x: unknown, symbol: symbol): boolean {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && symbol in (x as object);
}

/** Marks `target` with the brand `symbol`, not enumerable, so it stays out of JSON and spreads. */
export function setBrand(target: object, symbol: symbol): void {
  Object.defineProperty(target, symbol, { value: true });
}

/**
 * Checks a resource's props before its constructor may use `this` (before `super()`): errors
 * name the path the construct will have.
 */
export function checkResourceProps<T extends object>(scope: Construct, id: string, props: T | undefined, required: boolean): T {
  return checkProps(`${scope.node.path ? `${scope.node.path}/` : ''}${id}`, props, required);
}

/**
 * Props every Dapr resource takes: its Kubernetes metadata.
 */
export interface DaprResourceProps {
  /**
   * Kubernetes metadata of the resource: name, namespace, labels, annotations ...
   * @default - the name is the construct id, the namespace the chart's (else "default"), and
   * labels are the chart's
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * The resource's name.
   * @default - `metadata.name`, else the construct id
   * @deprecated use `metadata.name`
   */
  readonly name?: string;

  /**
   * The resource's namespace.
   * @default - `metadata.namespace`, else the chart's namespace, else "default"
   * @deprecated use `metadata.namespace`
   */
  readonly namespace?: string;
}

/**
 * What a Dapr resource class tells `DaprResource` about its Kubernetes object.
 */
export interface DaprResourceObjectOptions {
  /** The object's API version, e.g. `dapr.io/v1alpha1`. */
  readonly apiVersion: string;
  /** The object's kind, e.g. `Component`. */
  readonly kind: string;
  /**
   * The Kubernetes metadata the user gave.
   * @default - none
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The flat (deprecated) `name` prop the user gave.
   * @default - none
   */
  readonly name?: string;
  /**
   * The flat (deprecated) `namespace` prop the user gave.
   * @default - none
   */
  readonly namespace?: string;
  /**
   * The namespace when the user gives none.
   * @default - the chart's namespace, else "default"
   */
  readonly defaultNamespace?: string;
  /**
   * The name of the metadata prop in the resource's props, for messages.
   * @default "metadata"
   */
  readonly metadataProp?: string;
}

/**
 * Options of a scoped Dapr resource: one that only the apps it is granted to load or apply.
 */
export interface ScopedDaprResourceObjectOptions extends DaprResourceObjectOptions {
  /**
   * Apply the resource to every app of its namespace (Dapr's reading of "no scopes").
   * @default false
   */
  readonly sharedByAllApps?: boolean;
}

/**
 * A Dapr custom resource: one Kubernetes object with a name unique per kind and namespace,
 * Kubernetes metadata, and checks that run once per synth.
 */
export abstract class DaprResource extends Construct {
  /**
   * Whether `x` is a Dapr resource of this library, also when it comes from another copy of it.
   */
  public static isDaprResource(x: any): x is DaprResource {
    return hasBrand(x, DAPR_RESOURCE);
  }

  /** The resource's name (`metadata.name`). */
  public readonly name: string;
  /** The namespace the resource is created in. */
  public readonly namespace: string;
  /** The resource's API version, e.g. `dapr.io/v1alpha1`. */
  public readonly apiVersion: string;
  /** The resource's kind, e.g. `Component`. */
  public readonly kind: string;
  /** The generated Kubernetes object, for escape hatches (`apiObject.addJsonPatch(...)`). */
  public readonly apiObject: ApiObject;

  private readonly metadataProp: string;

  protected constructor(scope: Construct, id: string, options: DaprResourceObjectOptions) {
    super(scope, id);
    setBrand(this, DAPR_RESOURCE);
    this.apiVersion = options.apiVersion;
    this.kind = options.kind;
    const prop = options.metadataProp ?? 'metadata';
    this.metadataProp = prop;
    const metadata = checkStruct(this, prop, options.metadata, 'Kubernetes object metadata (name, namespace, labels, annotations)');
    const name = oneOf(this, 'name', options.name, `${prop}.name`, metadata.name);
    this.name = name ?? id;
    if (!isDnsSubdomain(this.name)) {
      fail(this, name === metadata.name && name !== undefined ? `${prop}.name` : 'name', this.name,
        `${DNS_SUBDOMAIN_RULE}${name === undefined ? ` (set \`${prop}.name\` when the construct id is not one)` : ''}`);
    }
    const explicit = oneOf(this, 'namespace', options.namespace, `${prop}.namespace`, metadata.namespace);
    this.namespace = resolveNamespace(this, explicit ?? options.defaultNamespace);
    checkLabelMap(this, `${prop}.labels`, metadata.labels);
    checkAnnotationMap(this, `${prop}.annotations`, metadata.annotations);
    claimName(this, this.kind, this.namespace, this.name);

    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: this.apiVersion,
      kind: this.kind,
      metadata: {
        ...metadata,
        name: this.name,
        // a namespace other than the chart's is written out, the chart's is left to cdk8s
        namespace: explicit ?? (options.defaultNamespace !== undefined && this.namespace !== resolveNamespace(this, undefined)
          ? this.namespace : undefined),
      },
      // rendering only: every check runs once, in the validation below, before cdk8s renders
      spec: Lazy.any({ produce: () => this._renderSpec() }),
      auth: Lazy.any({ produce: () => this._renderAuth() }),
      scopes: Lazy.any({ produce: () => this._renderScopes() }),
    });
    // in the app-level pass and its chart's toJson() pass only (see validation-scope.ts)
    addChartScopedValidation(this, () => this._validateResource());
  }

  /**
   * The resource as messages name it, e.g. "component" or "Configuration".
   * @internal
   */
  protected _noun(): string {
    return this.kind;
  }

  /**
   * The object's `spec`.
   * @internal
   */
  protected abstract _renderSpec(): any;

  /**
   * The object's `auth` (the secret store its secret references are read from), if any.
   * @internal
   */
  protected _renderAuth(): any {
    return undefined;
  }

  /**
   * The object's `scopes`, if it has them.
   * @internal
   */
  protected _renderScopes(): any {
    return undefined;
  }

  /**
   * The resource's own synth-time problems (messages of `validationMessage(this, ...)`).
   * @internal
   */
  protected _validate(): string[] {
    return [];
  }

  /**
   * Every synth-time problem of the resource, in the order they are reported.
   * @internal
   */
  protected _validateResource(): string[] {
    const errors = this._validate();
    // labels as emitted: the chart's, and any added through apiObject.metadata.addLabel() after construction
    const labels: { [key: string]: unknown } = this.apiObject.metadata.toJson().labels ?? {};
    for (const key of Object.keys(labels)) {
      if (!isQualifiedName(key)) {
        errors.push(validationMessage(this, `${this.metadataProp}.labels key`, key, LABEL_KEY_RULE));
      } else if (typeof labels[key] !== 'string' || !isLabelValue(labels[key] as string)) {
        errors.push(validationMessage(this, `${this.metadataProp}.labels.${key}`, labels[key], LABEL_VALUE_RULE));
      }
    }
    for (const other of rivalsOf(this, this.kind, this.namespace, this.name)) {
      errors.push(validationMessage(this, 'name', this.name,
        `a name unique among the ${plural(this._noun())} of namespace "${this.namespace}" (${other.node.path} has it too)`));
    }
    return errors;
  }
}

/**
 * A Dapr resource that applies only to the apps it is granted to (`scopes`): a component,
 * Resiliency, Subscription, HTTPEndpoint, MCPServer or WorkflowAccessPolicy.
 *
 * One granted to no app fails synth, unless `sharedByAllApps` says it is meant for every app of
 * its namespace: Dapr reads "no scopes" as "every app".
 */
export abstract class ScopedDaprResource extends DaprResource {
  /**
   * Whether `x` is a scoped Dapr resource of this library, also when it comes from another copy of it.
   */
  public static isScopedDaprResource(x: any): x is ScopedDaprResource {
    return hasBrand(x, SCOPED_DAPR_RESOURCE);
  }

  /** Whether the resource applies to every app of its namespace. */
  public readonly sharedByAllApps: boolean;

  private readonly grantees = new Map<string, IDaprApp>();

  protected constructor(scope: Construct, id: string, options: ScopedDaprResourceObjectOptions) {
    super(scope, id, options);
    setBrand(this, SCOPED_DAPR_RESOURCE);
    this.sharedByAllApps = checkOptionalBoolean(this, 'sharedByAllApps', options.sharedByAllApps) ?? false;
  }

  /**
   * Lets an app use this resource: adds its app id to `scopes`. The app must live in the
   * resource's namespace, because Dapr only applies resources of the app's own namespace.
   */
  public grant(app: IDaprApp): void {
    checkAppRef(this, 'grant', app);
    if (this.sharedByAllApps) {
      fail(this, 'grant', app.appId,
        `no grants on ${article(this._noun())} ${this._noun()} with sharedByAllApps: it already applies to every app of the namespace`);
    }
    if (app.namespace !== this.namespace) {
      fail(this, 'grant', app.appId,
        `an app in namespace "${this.namespace}" (app "${app.appId}" runs in "${app.namespace}"; Dapr only applies resources of the app's own namespace)`);
    }
    this.grantees.set(app.appId, app);
  }

  /** The app ids the resource is granted to (`scopes`), sorted. */
  public get appIds(): string[] {
    return [...this.grantees.keys()].sort();
  }

  /**
   * The apps granted, by app id.
   * @internal
   */
  protected get _grantees(): ReadonlyMap<string, IDaprApp> {
    return this.grantees;
  }

  /**
   * What to do when no app is granted, as the message's "allowed" text.
   * @internal
   */
  protected _noAppsAllowed(): string {
    return `at least one app: call grant(app) for each app that uses it, or set sharedByAllApps: true to apply it to every app of namespace "${this.namespace}"`;
  }

  /** @internal */
  protected _renderScopes(): any {
    if (this.sharedByAllApps) return undefined;
    if (this.grantees.size === 0) {
      // not a second validation, a guard of the one output Dapr misreads: no scopes means every
      // app, and `apiObject.toJson()` renders without cdk8s's validation
      throw new Error(validationMessage(this, 'scopes', [], this._noAppsAllowed()));
    }
    return this.appIds;
  }

  /** @internal */
  protected _validateResource(): string[] {
    const errors = super._validateResource();
    if (!this.sharedByAllApps && this.grantees.size === 0) {
      errors.unshift(validationMessage(this, 'scopes', [], this._noAppsAllowed()));
    }
    return errors;
  }
}

/** The value of a prop given two ways (a deprecated flat prop and its metadata field): they must agree. */
function oneOf(scope: Construct, flatProp: string, flat: string | undefined, metaProp: string, meta: string | undefined): string | undefined {
  if (flat !== undefined && meta !== undefined && flat !== meta) {
    fail(scope, flatProp, flat, `the same value as ${metaProp} ("${meta}"), or only ${metaProp}: ${flatProp} is deprecated`);
  }
  return meta ?? flat;
}

function plural(noun: string): string {
  return /[^aeiou]y$/.test(noun) ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

function article(noun: string): string {
  return /^([aeiou]|MCP|HTTP)/i.test(noun) ? 'an' : 'a';
}
