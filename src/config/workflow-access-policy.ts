import { Construct } from 'constructs';
import { WorkflowOperation } from './enums';
import { checkEnum } from './private';
import { IDaprApp } from '../core/dapr-app-ref';
import { checkResourceProps, DaprResourceProps, hasBrand, ScopedDaprResource, setBrand } from '../core/dapr-resource';
import { checkAppRef, checkList, checkStruct } from '../core/js-values';
import { fail, validationMessage } from '../core/validation';

/** The Kubernetes group/version of Dapr's WorkflowAccessPolicy resource. */
export const WORKFLOW_ACCESS_POLICY_API_VERSION = 'dapr.io/v1alpha1';

const WORKFLOW_ACCESS_POLICY = Symbol.for('cdk8s-dapr.WorkflowAccessPolicy');

/**
 * Part of a `WorkflowAccessRule`: the operations its callers may perform on the workflows whose
 * name matches (an entry of `rules[].workflows`).
 */
export interface WorkflowGrant {
  /** The workflow's name or a glob. */
  readonly name: string;
  /** The operations allowed (1 to 8). */
  readonly operations: WorkflowOperation[];
}

/**
 * Part of a `WorkflowAccessRule`: activities its callers may schedule (an entry of
 * `rules[].activities`).
 */
export interface ActivityGrant {
  /** The activity's name or a glob. */
  readonly name: string;
}

/**
 * One rule of a `WorkflowAccessPolicy`: the callers may perform the granted workflow operations
 * (`WorkflowGrant`) and schedule the granted activities (`ActivityGrant`).
 */
export interface WorkflowAccessRule {
  /** The calling apps (1 to 100). */
  readonly callers: IDaprApp[];
  /**
   * What the callers may do with workflows.
   * @default - none; then `activities` must have one
   */
  readonly workflows?: WorkflowGrant[];
  /**
   * Activities the callers may schedule.
   * @default - none; then `workflows` must have one
   */
  readonly activities?: ActivityGrant[];
}

/**
 * Props of a `WorkflowAccessPolicy`.
 */
export interface WorkflowAccessPolicyProps extends DaprResourceProps {
  /**
   * The apps the policy protects (`scopes`). Needed unless `sharedByAllApps` is true.
   * @default - none; add them with `grant()`
   */
  readonly apps?: IDaprApp[];
  /**
   * Protect every app of the namespace with the policy. Dapr treats a WorkflowAccessPolicy
   * without scopes that way; this makes that choice explicit.
   * @default false
   */
  readonly sharedByAllApps?: boolean;
  /**
   * Rules; calls that match none are denied.
   * @default - none; add them with `addRule()`
   */
  readonly rules?: WorkflowAccessRule[];
}

const MAX_NAME = 256;

/**
 * A Dapr WorkflowAccessPolicy (`dapr.io/v1alpha1`): an allow list of which apps may schedule,
 * terminate, raise events on ... the workflows and activities of the protected apps.
 * Calls from apps no rule names are denied; calls within an app are always allowed.
 *
 * The policy protects the apps it is scoped to (`apps`, `grant()`); one scoped to no app
 * fails synth unless `sharedByAllApps` says it is meant for every app of the namespace.
 */
export class WorkflowAccessPolicy extends ScopedDaprResource {
  /**
   * Whether `x` is a `WorkflowAccessPolicy` of this library, also when it comes from another copy of it.
   */
  public static isWorkflowAccessPolicy(x: any): x is WorkflowAccessPolicy {
    return hasBrand(x, WORKFLOW_ACCESS_POLICY);
  }

  private readonly rules: object[] = [];
  private readonly callerIds: string[][] = [];

  constructor(scope: Construct, id: string, props: WorkflowAccessPolicyProps = {}) {
    checkResourceProps(scope, id, props, false);
    super(scope, id, {
      apiVersion: WORKFLOW_ACCESS_POLICY_API_VERSION,
      kind: 'WorkflowAccessPolicy',
      metadata: props.metadata,
      name: props.name,
      namespace: props.namespace,
      sharedByAllApps: props.sharedByAllApps,
    });
    setBrand(this, WORKFLOW_ACCESS_POLICY);
    for (const app of checkList(this, 'apps', props.apps, 'Dapr apps')) this.grant(app);
    for (const r of checkList(this, 'rules', props.rules, 'workflow access rules')) this.addRule(r);
  }

  /**
   * Protects an app with this policy (adds it to `scopes`).
   * @deprecated use `grant(app)`
   */
  public addApp(app: IDaprApp): void {
    this.grant(app);
  }

  /** @internal */
  protected _renderSpec(): any {
    return { rules: this.rules };
  }

  /** Adds a rule. */
  public addRule(rule: WorkflowAccessRule): void {
    const prop = `rules[${this.rules.length}]`;
    checkStruct(this, prop, rule, 'a rule (callers, workflows, activities)');
    if (this.rules.length >= 100) fail(this, 'rules', this.rules.length + 1, 'at most 100 rules');
    const callers = [...new Set(checkList(this, `${prop}.callers`, rule.callers, 'Dapr apps').map((c, i) => checkAppRef(this, `${prop}.callers[${i}]`, c).appId))].sort();
    if (callers.length < 1 || callers.length > 100) fail(this, `${prop}.callers`, callers, 'from 1 to 100 calling apps');
    for (const c of callers) this.checkName(`${prop}.callers`, c);
    const workflows = checkList(this, `${prop}.workflows`, rule.workflows, 'workflow rules');
    const activities = checkList(this, `${prop}.activities`, rule.activities, 'activity rules');
    if (workflows.length === 0 && activities.length === 0) {
      fail(this, prop, { callers }, 'a rule with at least one workflow or activity');
    }
    if (workflows.length > 100 || activities.length > 100) fail(this, prop, { callers }, 'at most 100 workflow and 100 activity rules');
    this.callerIds.push(callers);
    this.rules.push({
      callers: callers.map((appID) => ({ appID })),
      workflows: workflows.length === 0 ? undefined : workflows.map((w, i) => {
        const p = `${prop}.workflows[${i}]`;
        this.checkName(`${p}.name`, w.name);
        const ops = checkList(this, `${p}.operations`, w.operations, 'WorkflowOperation').map((o) => checkEnum(this, `${p}.operations`, o, WorkflowOperation.ALL));
        const unique = WorkflowOperation.ALL.map((o) => o.value).filter((o) => ops.includes(o));
        if (unique.length === 0) fail(this, `${p}.operations`, [], 'from 1 to 8 operations');
        return { name: w.name, operations: unique };
      }),
      activities: activities.length === 0 ? undefined : activities.map((a, i) => {
        const p = `${prop}.activities[${i}]`;
        this.checkName(`${p}.name`, a.name);
        return { name: a.name };
      }),
    });
  }

  private checkName(prop: string, value: string): void {
    if (typeof value !== 'string' || value.length < 1 || value.length > MAX_NAME) {
      fail(this, prop, value, `a name of 1 to ${MAX_NAME} characters`);
    }
  }

  /** @internal */
  protected _noAppsAllowed(): string {
    return `at least one app: pass apps or call policy.grant(app) for each app whose workflows it protects, or set sharedByAllApps: true to apply it to every app of namespace "${this.namespace}"`;
  }

  /** @internal */
  protected _validate(): string[] {
    const errors: string[] = [];
    if (this.rules.length === 0) {
      errors.push(validationMessage(this, 'rules', [], 'at least one rule (policy.addRule(...)); without rules every cross-app workflow call is denied'));
    }
    this.callerIds.forEach((callers, i) => {
      for (const c of callers) {
        if (this.appIds.includes(c)) {
          errors.push(validationMessage(this, `rules[${i}].callers`, c, 'an app other than the protected ones: calls within an app are always allowed'));
        }
      }
    });
    return errors;
  }
}
