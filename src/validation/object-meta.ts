import {
  ANNOTATION_KEY_RULE, CONFIG_MAP_KEY_RULE, DNS_LABEL_RULE, DNS_SUBDOMAIN_RULE, isConfigMapKey, isDnsLabel, isDnsSubdomain, isLabelValue,
  isQualifiedName, LABEL_KEY_RULE, LABEL_VALUE_RULE, showValue,
} from '../core/validation';

/*
 * What the API server checks in an object's metadata beyond its schema, so that an object that
 * passes validation here is not refused by `kubectl apply`. The rules and where Kubernetes states them:
 * - ValidateObjectMeta / ValidateAnnotations / ValidateAnnotationsSize:
 *   k8s.io/apimachinery/pkg/api/validation/objectmeta.go (TotalAnnotationSizeLimitB = 256 KiB);
 *   NameIsDNSSubdomain, NameIsDNSLabel, NameIsDNS1035Label: k8s.io/apimachinery/pkg/api/validation/generic.go;
 *   IsValidPathSegmentName: k8s.io/apimachinery/pkg/api/validation/path/name.go.
 * - ValidateLabels: k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go.
 * - IsQualifiedName, IsValidLabelValue, IsDNS1123Label/Subdomain, IsDNS1035Label, IsConfigMapKey:
 *   k8s.io/apimachinery/pkg/util/validation/validation.go.
 * - Which rule names which kind: k8s.io/kubernetes pkg/apis/core/validation/validation.go
 *   (ValidateNamespaceName, ValidateServiceName, ValidateSecret's and ValidateConfigMap's keys),
 *   pkg/apis/rbac/validation (ValidateRBACName), pkg/apis/autoscaling/validation; custom resources
 *   are checked with NameIsDNSSubdomain (apiextensions-apiserver's custom resource validator).
 */

/** The API server's limit on the total size of an object's annotations, keys and values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** One metadata problem: the JSON path and what is wrong. */
export interface MetadataProblem {
  readonly path: string;
  readonly message: string;
}

interface NameRule {
  readonly test: (name: string) => boolean;
  readonly rule: string;
}

const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN: NameRule = { test: isDnsSubdomain, rule: DNS_SUBDOMAIN_RULE };
const LABEL: NameRule = { test: isDnsLabel, rule: DNS_LABEL_RULE };
const RFC1035_LABEL: NameRule = {
  test: (n) => n.length <= 63 && DNS_1035_LABEL.test(n),
  rule: 'an RFC 1035 label (lower case letters, digits and "-", starting with a letter, ending with a letter or digit, at most 63 characters)',
};
const PATH_SEGMENT: NameRule = {
  test: (n) => n !== '.' && n !== '..' && !/[/%]/.test(n),
  rule: 'a path segment: not "." or "..", without "/" or "%"',
};

/** Name rules that differ from the default (an RFC 1123 subdomain), by kind. */
const NAME_RULES: { readonly [kind: string]: NameRule } = {
  Namespace: LABEL,
  Service: RFC1035_LABEL,
  Role: PATH_SEGMENT,
  ClusterRole: PATH_SEGMENT,
  RoleBinding: PATH_SEGMENT,
  ClusterRoleBinding: PATH_SEGMENT,
  HorizontalPodAutoscaler: PATH_SEGMENT,
};

/** Kinds whose data keys become file names of a volume (IsConfigMapKey). */
const KEYED_DATA: { readonly [kind: string]: readonly string[] } = {
  Secret: ['data', 'stringData'],
  ConfigMap: ['data', 'binaryData'],
};

function invalid(value: unknown, rule: string): string {
  return `${showValue(value)} is invalid; allowed: ${rule}`;
}

/** Every metadata problem of one object `m` (a mapping with string `kind`), the API server's checks. */
export function objectMetaProblems(m: any): MetadataProblem[] {
  const out: MetadataProblem[] = [];
  const report = (path: string, message: string) => out.push({ path, message });
  const meta = m.metadata;
  const nameRule = NAME_RULES[m.kind] ?? SUBDOMAIN;
  const hasName = typeof meta?.name === 'string' && meta.name !== '';
  const hasGenerateName = typeof meta?.generateName === 'string' && meta.generateName !== '';
  if (!hasName && !hasGenerateName) {
    report('$.metadata.name', 'is missing; every object applied with kubectl needs a name');
  }
  if (hasName && !nameRule.test(meta.name)) {
    report('$.metadata.name', invalid(meta.name, `${nameRule.rule} (the name of a ${m.kind})`));
  }
  // generateName is a prefix: a trailing "-" is fine (ValidateObjectMeta masks it before the name rule)
  if (hasGenerateName && !nameRule.test(meta.generateName.replace(/-$/, 'a'))) {
    report('$.metadata.generateName', invalid(meta.generateName, `the start of ${nameRule.rule}`));
  }
  if (meta?.namespace !== undefined && meta.namespace !== '' && !isDnsLabel(meta.namespace)) {
    report('$.metadata.namespace', invalid(meta.namespace, DNS_LABEL_RULE));
  }
  checkMetadataMaps(meta, '$.metadata', report);
  // pod templates are validated the same way (ValidatePodTemplateSpec: ValidateTemplateObjectMeta)
  checkMetadataMaps(m.spec?.template?.metadata, '$.spec.template.metadata', report);
  checkMetadataMaps(m.spec?.jobTemplate?.metadata, '$.spec.jobTemplate.metadata', report);
  checkMetadataMaps(m.spec?.jobTemplate?.spec?.template?.metadata, '$.spec.jobTemplate.spec.template.metadata', report);
  // selectors are label maps too (ValidateLabelSelector, ValidateService)
  checkLabelMap(m.spec?.selector?.matchLabels, '$.spec.selector.matchLabels', report);
  if (m.kind === 'Service') checkLabelMap(m.spec?.selector, '$.spec.selector', report);
  for (const field of KEYED_DATA[m.kind] ?? []) {
    const data = m[field];
    if (data === null || typeof data !== 'object') continue;
    for (const key of Object.keys(data)) {
      if (!isConfigMapKey(key)) report(child(`$.${field}`, key), invalid(key, `a key of a ${m.kind}: ${CONFIG_MAP_KEY_RULE.replace(/^a Secret key: /, '')}`));
    }
  }
  return out;
}

type Report = (path: string, message: string) => void;

function checkMetadataMaps(meta: any, at: string, report: Report): void {
  if (meta === null || typeof meta !== 'object') return;
  checkLabelMap(meta.labels, `${at}.labels`, report);
  const annotations = meta.annotations;
  if (annotations === null || typeof annotations !== 'object') return;
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    // annotation keys are compared lower-cased (ValidateAnnotations)
    if (!isQualifiedName(key.toLowerCase())) report(`${at}.annotations`, `key ${invalid(key, ANNOTATION_KEY_RULE)}`);
    size += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
    // the values are not shown: an annotation may hold anything
    report(`${at}.annotations`, `${size} bytes of keys and values is invalid; allowed: at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes (256 KiB) in all`);
  }
}

function checkLabelMap(labels: any, at: string, report: Report): void {
  if (labels === null || typeof labels !== 'object') return;
  for (const [key, value] of Object.entries(labels)) {
    if (!isQualifiedName(key)) report(at, `key ${invalid(key, LABEL_KEY_RULE)}`);
    if (typeof value === 'string' && !isLabelValue(value)) report(child(at, key), invalid(value, LABEL_VALUE_RULE));
  }
}

/** A JSON path one step down: `$.a` + `b` -> `$.a.b`, `$.a` + `0` -> `$.a[0]`, `$.a` + `x/y` -> `$.a["x/y"]`. */
export function child(path: string, segment: string): string {
  if (/^\d+$/.test(segment)) return `${path}[${segment}]`;
  return /^[A-Za-z_$][\w$]*$/.test(segment) ? `${path}.${segment}` : `${path}[${JSON.stringify(segment)}]`;
}
