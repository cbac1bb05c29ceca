import { IConstruct } from 'constructs';
import { AccessControlAction } from './enums';
import { checkEnum } from './private';
import { IDaprApp } from '../core/dapr-app-ref';
import { HttpVerb } from '../core/enums';
import { checkAppRef, checkList } from '../core/js-values';
import { checkDnsLabel, fail, isDnsLabel } from '../core/validation';

/** The trust domain Dapr uses when a Configuration does not set one. */
export const DEFAULT_TRUST_DOMAIN = 'public';

/**
 * One operation of a service-invocation access-control policy.
 */
export interface InvocationOperation {
  /**
   * The method path, a glob such as "/orders", "/orders/*" or "/**".
   * For gRPC callers it is the method name.
   */
  readonly name: string;
  /**
   * The HTTP verbs the rule covers; ignored for gRPC.
   * @default [HttpVerb.ANY]
   */
  readonly httpVerbs?: HttpVerb[];
  /**
   * What happens to matching calls.
   * @default AccessControlAction.ALLOW
   */
  readonly action?: AccessControlAction;
}

/**
 * What one calling app may invoke on the apps loading the Configuration.
 */
export interface AppAccessPolicy {
  /** The calling app (its app id and namespace form its SPIFFE identity). */
  readonly caller: IDaprApp;
  /**
   * What happens to the caller's calls that match no operation.
   * @default AccessControlAction.DENY when operations are listed, else AccessControlAction.ALLOW
   */
  readonly defaultAction?: AccessControlAction;
  /**
   * The caller's trust domain.
   * @default - the trust domain of the caller's Configuration, else "public"
   */
  readonly trustDomain?: string;
  /**
   * Per-operation rules.
   * @default - none: `defaultAction` decides every call
   */
  readonly operations?: InvocationOperation[];
}

/**
 * Service-invocation access control (`spec.accessControl`). It needs mTLS, which the
 * control plane turns on by default: the caller's identity comes from its certificate.
 */
export interface AccessControlOptions {
  /**
   * What happens to calls from apps no policy names.
   * @default AccessControlAction.DENY
   */
  readonly defaultAction?: AccessControlAction;
  /**
   * The trust domain of the apps loading this Configuration (their SPIFFE identity
   * `spiffe://<trustDomain>/ns/<namespace>/<appId>`).
   * @default "public"
   */
  readonly trustDomain?: string;
  /**
   * Per-caller policies.
   * @default - none
   */
  readonly policies?: AppAccessPolicy[];
}

const TRUST_DOMAIN = /^[a-z0-9]([-a-z0-9._]*[a-z0-9])?$/;
const TRUST_DOMAIN_RULE = 'a trust domain: lower case letters, digits, ".", "-" and "_", at most 255 characters';
const OPERATION = /^\/\S*$/;

interface Operation { name: string; verbs: Set<string>; action: string }
interface Policy {
  caller: IDaprApp; defaultAction?: string; trustDomain?: string; operations: Map<string, Operation>; path: string; allowsEverything?: boolean;
}

/**
 * The access-control section of a Configuration: policies merged per caller, rendered sorted.
 */
export class AccessControlModel {
  private readonly policies = new Map<string, Policy>();
  public defaultAction: string;
  public readonly trustDomain: string;

  constructor(private readonly scope: IConstruct, options: AccessControlOptions,
    private readonly trustDomainOf: (app: IDaprApp) => string | undefined) {
    this.defaultAction = checkEnum(scope, 'accessControl.defaultAction', options.defaultAction ?? AccessControlAction.DENY, AccessControlAction.ALL);
    this.trustDomain = checkTrustDomain(scope, 'accessControl.trustDomain', options.trustDomain ?? DEFAULT_TRUST_DOMAIN);
    for (const p of options.policies ?? []) {
      this.addPolicy(p);
    }
  }

  /** Adds a policy, merging it into an existing one for the same caller. */
  public addPolicy(policy: AppAccessPolicy): void {
    const prop = 'accessControl.policies';
    const caller = checkAppRef(this.scope, `${prop}.caller`, policy.caller);
    if (!isDnsLabel(caller.appId)) checkDnsLabel(this.scope, `${prop}.caller.appId`, caller.appId);
    const trustDomain = policy.trustDomain === undefined ? undefined : checkTrustDomain(this.scope, `${prop}.trustDomain`, policy.trustDomain);
    const key = `${caller.namespace}/${caller.appId}`;
    let existing = this.policies.get(key);
    if (!existing) {
      existing = { caller, operations: new Map(), path: `${prop}[${caller.appId}]` };
      this.policies.set(key, existing);
    }
    const operations = checkList(this.scope, `${prop}[${caller.appId}].operations`, policy.operations, 'operations');
    const defaultAction = policy.defaultAction !== undefined
      ? checkEnum(this.scope, `${existing.path}.defaultAction`, policy.defaultAction, AccessControlAction.ALL)
      : undefined;
    for (const [field, value] of [['defaultAction', defaultAction], ['trustDomain', trustDomain]] as const) {
      const current = existing[field];
      if (value !== undefined && current !== undefined && current !== value) {
        fail(this.scope, `${existing.path}.${field}`, value, `"${current}", as already set for app "${caller.appId}" of namespace "${caller.namespace}"`);
      }
      if (value !== undefined) existing[field] = value;
    }
    if (operations.length === 0) {
      // a grant of everything stays one, even when later grants name operations
      existing.allowsEverything = true;
    }
    for (const op of operations) {
      this.addOperation(existing, op);
    }
  }

  private addOperation(policy: Policy, op: InvocationOperation): void {
    const prop = `${policy.path}.operations`;
    if (typeof op.name !== 'string' || !OPERATION.test(op.name)) {
      fail(this.scope, `${prop}.name`, op.name, 'an operation path starting with "/" without white space, e.g. "/orders" or "/orders/*"');
    }
    const action = checkEnum(this.scope, `${prop}.action`, op.action ?? AccessControlAction.ALLOW, AccessControlAction.ALL);
    const verbs = op.httpVerbs === undefined ? [HttpVerb.ANY] : checkList(this.scope, `${prop}.httpVerbs`, op.httpVerbs, 'HttpVerb');
    if (verbs.length === 0) {
      fail(this.scope, `${prop}.httpVerbs`, [], 'at least one verb, or leave it out for all verbs');
    }
    const names = verbs.map((v) => checkEnum(this.scope, `${prop}.httpVerbs`, v, HttpVerb.ALL));
    const existing = policy.operations.get(op.name);
    if (existing && existing.action !== action) {
      fail(this.scope, `${prop}.action`, action, `"${existing.action}", the action already set for operation "${op.name}"`);
    }
    const merged = existing ?? { name: op.name, verbs: new Set<string>(), action };
    names.forEach((n) => merged.verbs.add(n));
    policy.operations.set(op.name, merged);
  }

  /** True when some policy names this caller. */
  public hasPolicyFor(app: IDaprApp): boolean {
    return this.policies.has(`${app.namespace}/${app.appId}`);
  }

  public render(): object {
    const keys = [...this.policies.keys()].sort();
    return {
      defaultAction: this.defaultAction,
      trustDomain: this.trustDomain,
      policies: keys.length === 0 ? undefined : keys.map((k) => {
        const p = this.policies.get(k)!;
        const ops = [...p.operations.keys()].sort().map((name) => {
          const o = p.operations.get(name)!;
          const verbs = o.verbs.has('*') ? ['*'] : [...o.verbs].sort();
          return { name, httpVerb: verbs, action: o.action };
        });
        return {
          appId: p.caller.appId,
          namespace: p.caller.namespace,
          trustDomain: p.trustDomain ?? this.trustDomainOf(p.caller) ?? DEFAULT_TRUST_DOMAIN,
          defaultAction: p.defaultAction ?? (p.allowsEverything || ops.length === 0 ? 'allow' : 'deny'),
          operations: ops.length === 0 ? undefined : ops,
        };
      }),
    };
  }
}

function checkTrustDomain(scope: IConstruct, prop: string, value: string): string {
  if (typeof value !== 'string' || value.length > 255 || !TRUST_DOMAIN.test(value)) {
    fail(scope, prop, value, TRUST_DOMAIN_RULE);
  }
  return value;
}
