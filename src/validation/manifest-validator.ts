import type { default as Ajv, ErrorObject } from 'ajv';
import { strictCrdSchema } from './crd-schema';
import { FLUX_KUSTOMIZATION_GROUP, FLUX_KUSTOMIZATION_SCHEMAS } from './flux-kustomization-schema';
import { KUBERNETES_SCHEMA_ID, KUBERNETES_SCHEMA_VERSION, kubernetesSchemas } from './kubernetes-schema';
import { child, objectMetaProblems } from './object-meta';
import { QuickSchemas } from './quick-schema';
import { DAPR_API_GROUP } from '../core/crd-types';
import { DAPR_CRD_SCHEMAS } from '../runtime/dapr-crds';

/** One way a synthesized object breaks its schema. */
export interface ManifestProblem {
  /** The document the object came from: a chart's path or a file name, and the object's position in it (1-based). */
  readonly document: string;
  /** `apiVersion Kind namespace/name` of the object. */
  readonly object: string;
  /** JSON path of the offending field, e.g. `$.spec.template.spec.containers[0].imagePullPolicy`. */
  readonly path: string;
  /** What is wrong and what the schema allows. */
  readonly message: string;
}

/** Props of `ManifestValidator`. */
export interface ManifestValidatorProps {
  /**
   * More CustomResourceDefinitions (as JSON objects) whose kinds the manifests may hold, e.g.
   * third-party CRDs loaded with `Include`. CRDs found in the validated manifests themselves
   * are always used.
   * @default - Dapr's CRDs (as `DaprCrds` emits them) and the CRDs in the manifests
   */
  readonly customResourceDefinitions?: any[];
  /**
   * Let objects of kinds with no known schema pass instead of reporting them.
   * @default false - an unknown apiVersion/kind is a problem, as with `kubeconform -strict`
   */
  readonly allowUnknownKinds?: boolean;
}

/**
 * Strict schema validation of synthesized manifests, without a cluster.
 *
 * Kubernetes objects are checked against the Kubernetes 1.28 API schema (the one cdk8s-plus-28
 * is generated from, read from its installed package); custom resources against their CRDs'
 * structural schemas: Dapr's, as `DaprCrds` emits them, plus any CRD in the manifests or in
 * `customResourceDefinitions`. Unknown fields are errors (the API server would reject or prune
 * them), as are wrong types, missing required fields, values outside an enum and unknown kinds.
 * Object metadata is checked as the API server checks it: names per kind, namespace, label and
 * annotation keys and values, the total annotation size, Secret and ConfigMap data keys.
 *
 * ```ts
 * const problems = new ManifestValidator().validate(Testing.synth(chart));
 * ```
 *
 * Use `DaprValidation` to run it on every `cdk8s synth`.
 */
export class ManifestValidator {
  /** The Kubernetes version whose API the built-in schemas describe. */
  public static readonly KUBERNETES_VERSION = KUBERNETES_SCHEMA_VERSION;

  private readonly allowUnknownKinds: boolean;
  private readonly extraCrds: any[];

  public constructor(props: ManifestValidatorProps = {}) {
    this.allowUnknownKinds = props.allowUnknownKinds ?? false;
    this.extraCrds = props.customResourceDefinitions ?? [];
  }

  /**
   * Validates `manifests` (the objects of one chart or file, in order) and lists every problem.
   * @param manifests the synthesized objects, e.g. `Testing.synth(chart)` or a parsed YAML file
   * @param document a name for where they came from, used in the problems
   * @default "manifest"
   * @param positions the position each object is reported at ("#n"), e.g. its document's index in a
   *   YAML file that also holds empty documents
   * @default - the object's index + 1
   */
  public validate(manifests: any[], document?: string, positions?: number[]): ManifestProblem[] {
    const crds = [...this.extraCrds, ...manifests.filter((m) => m?.kind === 'CustomResourceDefinition')];
    const problems: ManifestProblem[] = [];
    // one schema lookup per kind and call, not per object
    const schemas = new Map<string, SchemaCheck | undefined>();
    manifests.forEach((m, i) => {
      const where = `${document ?? 'manifest'} #${positions?.[i] ?? i + 1}`;
      if (m === null || typeof m !== 'object' || Array.isArray(m)) {
        // described, never quoted: a stray scalar document may be a pasted credential
        const what = typeof m === 'string' ? `a string of ${m.length} characters` : Array.isArray(m) ? 'a list' : String(m);
        problems.push({ document: where, object: '(not an object)', path: '$', message: `is ${what}; a Kubernetes object is a mapping` });
        return;
      }
      const object = describe(m);
      const report = (path: string, message: string) => problems.push({ document: where, object, path, message });
      if (typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') {
        report('$', 'apiVersion and kind must be strings');
        return;
      }
      // names, namespace, labels, annotations, data keys: what the API server checks beyond the schema
      for (const p of objectMetaProblems(m)) report(p.path, p.message);
      const kind = `${m.apiVersion}/${m.kind}`;
      if (!schemas.has(kind)) schemas.set(kind, schemaCheckFor(m.apiVersion, m.kind, crds));
      const check = schemas.get(kind);
      if (!check) {
        if (!this.allowUnknownKinds) report('$', `no schema for ${m.apiVersion} ${m.kind}: neither a Kubernetes ${KUBERNETES_SCHEMA_VERSION} kind nor a kind of a known CRD`);
        return;
      }
      for (const e of check(m)) report(...explain(e));
    });
    return problems;
  }
}

function describe(m: any): string {
  const ns = m.metadata?.namespace ? `${m.metadata.namespace}/` : '';
  return `${m.apiVersion} ${m.kind} ${ns}${m.metadata?.name ?? '(unnamed)'}`;
}

let ajv: Ajv | undefined;

function engine(): Ajv {
  if (!ajv) {
    // strict: false because structural schemas carry keywords ajv does not know (formats like int32)
    // loaded on first use, so that importing the library stays cheap for apps that never validate
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass: typeof Ajv = require('ajv').default;
    ajv = new AjvClass({ allErrors: true, strict: false, validateFormats: false });
    // generated by this library (kubernetes-schema.ts) and covered by its tests: checking it
    // against the JSON Schema meta-schema on every process start would cost more than compiling
    // the schemas a synth uses. CRD schemas, which come from users, are still checked on compile.
    ajv.addSchema(kubernetesSchemas().document, undefined, undefined, false);
  }
  return ajv;
}

/** The schema errors of one object, in ajv's words and order; none when it is valid. */
type SchemaCheck = (m: any) => readonly ErrorObject[];

const checks = new Map<string, SchemaCheck>();
let quick: QuickSchemas | undefined;

/** The schema check of `apiVersion/kind`: Kubernetes, Dapr, or one of `crds`. */
function schemaCheckFor(apiVersion: string, kind: string, crds: any[]): SchemaCheck | undefined {
  const key = `${apiVersion}/${kind}`;
  const builtIn = kubernetesSchemas().kinds.get(key);
  if (builtIn) return schemaCheck(key, () => ({ $ref: `${KUBERNETES_SCHEMA_ID}#/definitions/${builtIn}` }), true);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const known = group === DAPR_API_GROUP ? DAPR_CRD_SCHEMAS[`${kind}/${version}`]
    // the Flux Kustomizations DaprStagedOutput.addFluxKustomizations writes
    : group === FLUX_KUSTOMIZATION_GROUP ? FLUX_KUSTOMIZATION_SCHEMAS[`${kind}/${version}`] as { [key: string]: unknown } | undefined
      : undefined;
  const crd = crds.find((c) => c?.spec?.group === group && c?.spec?.names?.kind === kind);
  const crdSchema = crd?.spec?.versions?.find((v: any) => v?.name === version && v?.served !== false)?.schema?.openAPIV3Schema;
  if (crdSchema) {
    // a CRD that holds the library's own schema of its kind (DaprCrds emits Dapr's) is as trusted as that schema
    return schemaCheck(`${key}@${JSON.stringify(crdSchema)}`, () => strictCrdSchema(crdSchema), known !== undefined && sameJson(crdSchema, known));
  }
  if (known) return schemaCheck(key, () => strictCrdSchema(known), true);
  return undefined;
}

/**
 * The check of one schema, made once per process. A schema of the library's own (Kubernetes,
 * Dapr's CRDs, Flux) is first checked by `QuickSchemas`, and compiled with ajv only when an
 * object does not surely pass, to find and word its errors: compiling is most of what checking a
 * valid synth would cost. A schema from a user's CRD is compiled at once, as before, so that ajv
 * reports a broken schema whatever the objects are.
 */
function schemaCheck(key: string, schema: () => object, ours: boolean): SchemaCheck {
  let check = checks.get(key);
  if (!check) {
    const s = schema();
    let validate = ours ? undefined : engine().compile(s);
    quick ??= new QuickSchemas(kubernetesSchemas().document);
    const surelyValid = ours ? quick.schema(s) : undefined;
    check = (m) => {
      if (surelyValid?.(m)) return [];
      validate ??= engine().compile(s);
      return validate(m) ? [] : validate.errors ?? [];
    };
    checks.set(key, check);
  }
  return check;
}

/** Whether two JSON values are equal, whatever the order of their keys. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const o = b as { [key: string]: unknown };
  return ka.length === Object.keys(o).length && ka.every((k) => Object.prototype.hasOwnProperty.call(o, k) && sameJson((a as any)[k], o[k]));
}

/** An ajv error as `[JSON path, message]`. */
function explain(e: ErrorObject): [string, string] {
  const at = jsonPath(e.instancePath);
  const p = e.params as { [k: string]: any };
  switch (e.keyword) {
    case 'additionalProperties':
      return [child(at, p.additionalProperty), `unknown field "${p.additionalProperty}"; the schema has no such field here`];
    case 'required':
      return [child(at, p.missingProperty), `required field "${p.missingProperty}" is missing`];
    case 'type':
      return [at, `must be of type ${Array.isArray(p.type) ? p.type.join(' or ') : p.type}`];
    case 'enum':
      return [at, `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`];
    case 'const':
      return [at, `must be ${JSON.stringify(p.allowedValue)}`];
    default:
      return [at, e.message ?? e.keyword];
  }
}

/** `/spec/containers/0/name` → `$.spec.containers[0].name`. */
function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => child(acc, seg), '$');
}
