import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { declareNamespace, namespaceObject, RESTRICTED_POD_SECURITY_LABELS } from '../core/namespace-registry';
import { checkDnsLabel, fail } from '../core/validation';
import { checkAnnotations, checkLabels } from '../runtime/control-plane-values';

/** Props of a `DaprNamespace`. */
export interface DaprNamespaceProps {
  /** The namespace's name (an RFC 1123 label). */
  readonly name: string;
  /**
   * Labels besides the Pod Security ones (which cannot be overridden here).
   * @default - only `app.kubernetes.io/managed-by: cdk8s` and the Pod Security labels
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of the Namespace.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A Namespace for Dapr apps, labelled so the Pod Security admission controller enforces, audits
 * and warns on the "restricted" profile.
 *
 * Every `DaprApp` in a chart with a namespace already gets one (one per namespace, however many
 * charts share it, in the `dapr-namespaces` chart its chart depends on, so it is applied first).
 * Declare the namespace here instead to add labels or annotations, or call
 * `DaprNamespace.useExisting` when the cluster or another tool already manages it: then no
 * Namespace is emitted for it. The control plane's own namespace is never emitted twice.
 */
export class DaprNamespace extends Construct {
  /**
   * Declares that the namespace `name` exists already or is managed elsewhere, so the app emits no
   * Namespace for it (the opt-out from the automatic one). Its Pod Security labels are then yours to set.
   */
  public static useExisting(scope: IConstruct, name: string): void {
    checkDnsLabel(scope, 'useExisting name', name);
    declareNamespace(scope, name, false);
  }

  /** The namespace's name. */
  public readonly name: string;
  /** The Namespace object. */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: DaprNamespaceProps) {
    super(scope, id);
    this.name = checkDnsLabel(this, 'name', props.name);
    const labels = checkLabels(this, 'labels', props.labels);
    for (const key of Object.keys(labels)) {
      if (key in RESTRICTED_POD_SECURITY_LABELS) {
        fail(this, 'labels key', key, 'a key other than the Pod Security labels, which are always "restricted" (call DaprNamespace.useExisting and manage the Namespace yourself to relax them)');
      }
    }
    declareNamespace(this, this.name, true);
    this.apiObject = namespaceObject(this, 'Resource', this.name, labels, checkAnnotations(this, 'annotations', props.annotations));
  }
}
