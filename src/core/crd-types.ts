/** One node of an OpenAPI v3 structural schema, as a CRD carries it. */
export type OpenApiSchemaNode = { readonly [key: string]: unknown };

/** One served version of a CRD. */
export interface CrdVersionFacts {
  readonly name: string;
  readonly served: boolean;
  readonly storage: boolean;
  readonly schema: OpenApiSchemaNode;
}

/** What the project knows about one Dapr CRD. */
export interface CrdDefinition {
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly listKind: string;
  readonly shortNames?: readonly string[];
  readonly scope: string;
  readonly controllerGenVersion: string;
  /** Set when versions are converted by the operator's conversion webhook. */
  readonly conversionReviewVersions?: readonly string[];
  readonly versions: readonly CrdVersionFacts[];
}

/** The API group of every Dapr resource. */
export const DAPR_API_GROUP = 'dapr.io';
