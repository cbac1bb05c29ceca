import { daprAnnotationProblems, finalPodProblems, injectManifests, inInjectedDaprd } from './injected-pods';
import { ManifestValidator } from './manifest-validator';
import { checkWorkloadPolicy } from './policy';
import { InjectorSettings } from '../runtime/injector-settings';

/** What `manifestProblems` checks besides the schemas. */
export interface ManifestCheckOptions {
  /** Check the workload policy. */
  readonly policy: boolean;
  /** Model injected pods with these injector settings and check the final pods; undefined checks the objects as written. */
  readonly injector?: InjectorSettings;
  /** Check `dapr.io/*` annotations of pod templates against the annotation table. */
  readonly daprAnnotations?: boolean;
  /**
   * The position of each object in its document, when it is not its index + 1 (a YAML file with
   * empty or broken documents).
   */
  readonly positions?: number[];
}

/** Where a problem of the injected daprd comes from, and where to change it. */
function injectedNote(rule: string, injector: InjectorSettings): string {
  const fix = rule === 'capabilities'
    ? 'the injector drops capabilities only with SIDECAR_DROP_ALL_CAPABILITIES (chart value dapr_sidecar_injector.sidecarDropALLCapabilities, DaprControlPlane sidecar.dropAllCapabilities)'
    : 'set it through the sidecar options or dapr.io/* annotations';
  return ` (in daprd as the sidecar injector adds it, with ${injector.source}; ${fix})`;
}

/**
 * Every schema problem and policy violation of the objects of one document (a chart or a file),
 * one line each, as `DaprValidation` and `cdk8s-dapr-validate` report them.
 *
 * @param validator the schema check, or undefined to skip it
 * @param options policy, injected pods, annotation checks, positions (a boolean: the policy only)
 */
export function manifestProblems(objects: any[], document: string, validator: ManifestValidator | undefined,
  options: boolean | ManifestCheckOptions): string[] {
  const o: ManifestCheckOptions = typeof options === 'boolean' ? { policy: options } : options;
  const lines: string[] = [];
  if (o.daprAnnotations) {
    lines.push(...daprAnnotationProblems(objects).map((p) => `${document} ${p.object} ${p.path}: ${p.message}`));
  }
  // the injected objects keep the order and count of the inputs, so positions still apply
  const { objects: checked, daprdPaths } = o.injector ? injectManifests(objects, o.injector) : { objects, daprdPaths: new Set<string>() };
  lines.push(...(validator?.validate(checked, document, o.positions) ?? []).map((p) => `${p.document} ${p.object} ${p.path}: ${p.message}`));
  if (o.injector) {
    lines.push(...finalPodProblems(checked).map((p) => `${document} ${p.object} ${p.path}: ${p.message}`));
  }
  if (o.policy) {
    lines.push(...checkWorkloadPolicy(checked).map((v) => `${document} ${v.object} ${v.path}: [${v.rule}] ${v.message}${o.injector && inInjectedDaprd(daprdPaths, v.object, v.path) ? injectedNote(v.rule, o.injector) : ''}`));
  }
  return lines;
}
