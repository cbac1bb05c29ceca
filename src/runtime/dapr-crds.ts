import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DEFAULT_CONTROL_PLANE_NAMESPACE, RuntimeManagedField } from './runtime-managed-field';
import { ClusterScopedApiObject } from '../core/cluster-scoped-object';
import { CrdDefinition, DAPR_API_GROUP, OpenApiSchemaNode } from '../core/crd-types';
import { checkProps } from '../core/js-values';
import { checkDnsLabel, validationMessage } from '../core/validation';
import { RELEASED_CRDS } from '../generated/dapr-crds';

/** The order the CRDs are emitted in: Component first, as the control plane needs them. */
const KIND_ORDER = ['Component', 'Configuration', 'Resiliency', 'Subscription', 'HTTPEndpoint', 'MCPServer', 'WorkflowAccessPolicy'];

function orderOf(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

/** Dapr's CRDs as released (generated), in emission order; a kind a new release adds comes last. */
export const DAPR_CRD_DEFINITIONS: readonly CrdDefinition[] = [...RELEASED_CRDS]
  .sort((a, b) => orderOf(a.kind) - orderOf(b.kind) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));

/**
 * The structural schema (`openAPIV3Schema`) of every Dapr kind and version, keyed
 * `"<Kind>/<version>"`, e.g. `DAPR_CRD_SCHEMAS['Component/v1alpha1']`. Feed them to a JSON
 * Schema validator (ajv) to check Dapr objects without a cluster.
 */
export const DAPR_CRD_SCHEMAS: { readonly [kindAndVersion: string]: OpenApiSchemaNode } = Object.freeze(
  Object.fromEntries(DAPR_CRD_DEFINITIONS.flatMap((d) => d.versions.map((v) => [`${d.kind}/${v.name}`, v.schema]))),
);

/** The CRD of `kind`, or undefined. */
function definitionOf(kind: string): CrdDefinition | undefined {
  return DAPR_CRD_DEFINITIONS.find((d) => d.kind === kind);
}

/**
 * Props of `DaprCrds`.
 */
export interface DaprCrdsProps {
  /**
   * The namespace of the Dapr control plane: the Subscription CRD sends version conversions
   * to the operator's `dapr-webhook` Service there.
   * @default "dapr-system"
   */
  readonly controlPlaneNamespace?: string;
  /**
   * Extra labels for every CRD.
   * @default - only `app.kubernetes.io/part-of: dapr`
   */
  readonly labels?: { [key: string]: string };
}

/**
 * Dapr's CustomResourceDefinitions (Component, Configuration, Resiliency, Subscription,
 * HTTPEndpoint, MCPServer, WorkflowAccessPolicy).
 *
 * Kept apart from `DaprControlPlane` because CRDs must exist before any object of their kinds
 * (the control plane's own `daprsystem` Configuration included) is applied. Put them in their own
 * chart and make the control plane's chart depend on it, so `cdk8s synth` writes them first:
 *
 * ```ts
 * const crds = new Chart(app, 'dapr-crds');
 * new DaprCrds(crds, 'crds');
 * const platform = new Chart(app, 'dapr');
 * new DaprControlPlane(platform, 'dapr');
 * platform.addDependency(crds);
 * ```
 *
 * On upgrades apply the CRDs first as well: Helm never upgrades CRDs, this library does, so new
 * fields of a Dapr release are accepted by the API server before the new control plane uses them.
 */
export class DaprCrds extends Construct {
  /** Every kind this construct defines, e.g. "Component". */
  public static readonly KINDS: string[] = DAPR_CRD_DEFINITIONS.map((d) => d.kind);

  /**
   * The structural schema of a Dapr kind, for offline validation of Dapr objects.
   *
   * @param kind e.g. "Subscription"
   * @param version e.g. "v2alpha1"; by default the version the API server stores
   */
  public static schemaOf(kind: string, version?: string): { [key: string]: any } {
    const definition = definitionOf(kind);
    if (!definition) {
      throw new Error(validationMessage('DaprCrds', 'kind', kind, `one of ${DaprCrds.KINDS.join(', ')}`));
    }
    const chosen = version === undefined
      ? definition.versions.find((v) => v.storage)
      : definition.versions.find((v) => v.name === version);
    if (!chosen) {
      throw new Error(validationMessage('DaprCrds', 'version', version, `one of ${definition.versions.map((v) => v.name).join(', ')}`));
    }
    return JSON.parse(JSON.stringify(chosen.schema));
  }

  /** The namespace of the conversion webhook's Service. */
  public readonly controlPlaneNamespace: string;

  private readonly objects = new Map<string, ApiObject>();

  constructor(scope: Construct, id: string, props: DaprCrdsProps = {}) {
    super(scope, id);
    checkProps(this, props, false);
    this.controlPlaneNamespace = checkDnsLabel(this, 'controlPlaneNamespace', props.controlPlaneNamespace ?? DEFAULT_CONTROL_PLANE_NAMESPACE);
    for (const d of DAPR_CRD_DEFINITIONS) {
      const obj = new ClusterScopedApiObject(this, d.kind, {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: {
          name: `${d.plural}.${DAPR_API_GROUP}`,
          labels: { ...props.labels, 'app.kubernetes.io/part-of': 'dapr' },
          annotations: { 'controller-gen.kubebuilder.io/version': d.controllerGenVersion },
        },
        spec: {
          group: DAPR_API_GROUP,
          names: { kind: d.kind, listKind: d.listKind, plural: d.plural, singular: d.singular, shortNames: d.shortNames },
          scope: d.scope,
          conversion: d.conversionReviewVersions && {
            strategy: 'Webhook',
            webhook: {
              // The operator fills in caBundle at runtime (see runtimeManagedFields()).
              clientConfig: { service: { namespace: this.controlPlaneNamespace, name: 'dapr-webhook', path: '/convert' } },
              conversionReviewVersions: [...d.conversionReviewVersions],
            },
          },
          versions: d.versions.map((v) => ({
            name: v.name,
            served: v.served,
            storage: v.storage,
            schema: { openAPIV3Schema: JSON.parse(JSON.stringify(v.schema)) },
          })),
        },
      });
      this.objects.set(d.kind, obj);
    }
  }

  /** Every CRD object, in a fixed order. */
  public get crds(): ApiObject[] {
    return [...this.objects.values()];
  }

  /** The CRD object of one kind, for escape hatches. */
  public crd(kind: string): ApiObject {
    const obj = this.objects.get(kind);
    if (!obj) {
      throw new Error(validationMessage(this, 'kind', kind, `one of ${DaprCrds.KINDS.join(', ')}`));
    }
    return obj;
  }

  /**
   * Fields Dapr writes into these CRDs after they are applied; tell your GitOps tool to ignore
   * them (e.g. Argo CD `ignoreDifferences`).
   */
  public runtimeManagedFields(): RuntimeManagedField[] {
    return DAPR_CRD_DEFINITIONS.filter((d) => d.conversionReviewVersions).map((d) => ({
      group: 'apiextensions.k8s.io',
      kind: 'CustomResourceDefinition',
      name: `${d.plural}.${DAPR_API_GROUP}`,
      jsonPointers: ['/spec/conversion/webhook/clientConfig/caBundle'],
      reason: 'the Dapr operator injects the CA bundle of its conversion webhook',
    }));
  }
}
