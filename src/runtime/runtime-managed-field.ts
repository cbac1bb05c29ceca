/** The namespace Dapr's control plane is installed into unless told otherwise. */
export const DEFAULT_CONTROL_PLANE_NAMESPACE = 'dapr-system';

/**
 * A field that Dapr's control plane writes into one of its own objects after it is applied.
 *
 * A GitOps tool comparing the live object with the synthesized one would report it as drift
 * forever and, with self-heal on, fight the control plane over it. Map these to Argo CD
 * `ignoreDifferences` entries (or Flux's equivalent).
 */
export interface RuntimeManagedField {
  /** API group of the object ("" for core). */
  readonly group: string;
  /** Kind of the object. */
  readonly kind: string;
  /** Name of the object. */
  readonly name: string;
  /**
   * Namespace of the object.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** JSON pointers (RFC 6901) of the fields the control plane owns. */
  readonly jsonPointers: string[];
  /** Who writes the field and why. */
  readonly reason: string;
}
