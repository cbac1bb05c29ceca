import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { fail } from '../core/validation';
import { DaprControlPlane } from '../runtime/dapr-control-plane';

/**
 * The order a fresh cluster takes Dapr and its apps in, one stage after the other:
 *
 * 1. `CRDS`: the CustomResourceDefinitions. kubectl maps every object's kind before it applies
 *    anything, so no Dapr custom resource can be in the same apply; wait until they are Established.
 * 2. `CONTROL_PLANE`: the `DaprControlPlane` (its Namespace, the injector and its webhook, the
 *    `daprsystem` Configuration). Wait for the injector's rollout: a pod created before the
 *    injector answers starts without a sidecar (or, with the `FAIL` policy, is refused).
 * 3. `APPS`: the apps, their Namespaces first, their components and configuration.
 */
export class DaprStage {
  /** CustomResourceDefinitions, applied first. */
  public static readonly CRDS = new DaprStage('crds', 1);
  /** The Dapr control plane, applied once the CRDs are Established. */
  public static readonly CONTROL_PLANE = new DaprStage('control-plane', 2);
  /** Everything else: the apps, applied once the sidecar injector has rolled out. */
  public static readonly APPS = new DaprStage('apps', 3);
  /** The stages, in the order they are applied (frozen). */
  public static readonly ALL: DaprStage[] = Object.freeze([DaprStage.CRDS, DaprStage.CONTROL_PLANE, DaprStage.APPS]) as DaprStage[];

  /**
   * The stage of a chart: `CRDS` when it holds CustomResourceDefinitions (and it must hold nothing
   * else), `CONTROL_PLANE` when it holds a `DaprControlPlane`, else `APPS`.
   */
  public static of(chart: Chart): DaprStage {
    const own = (c: IConstruct) => Chart.of(c) === chart;
    const objects = chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && own(c));
    const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition');
    if (crds.length > 0) {
      const others = [...new Set(objects.filter((o) => o.kind !== 'CustomResourceDefinition').map((o) => o.kind))].sort();
      if (others.length > 0) {
        fail(chart, 'stage', `CustomResourceDefinitions together with ${others.join(', ')}`,
          'CustomResourceDefinitions in a chart of their own (kubectl cannot map a custom kind before its CRD is Established; put DaprCrds in its own chart)');
      }
      return DaprStage.CRDS;
    }
    if (chart.node.findAll().some((c) => c instanceof DaprControlPlane && own(c))) {
      return DaprStage.CONTROL_PLANE;
    }
    return DaprStage.APPS;
  }

  /** The folder `DaprStagedOutput.synth` writes the stage's charts to, e.g. `1-crds`. */
  public readonly folder: string;

  private constructor(
    /** The stage's name: `crds`, `control-plane` or `apps`. */
    public readonly name: string,
    /** Its position, from 1; also its Argo CD sync wave. */
    public readonly order: number,
  ) {
    this.folder = `${order}-${name}`;
  }
}
