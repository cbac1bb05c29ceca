import { Duration } from 'cdk8s';
import { frozenValues, knownValue } from '../core/enum-like';

/**
 * The kind of Flux source the stage folders are read from (`spec.sourceRef.kind` of a
 * `kustomize.toolkit.fluxcd.io/v1` Kustomization).
 */
export class FluxSourceKind {
  /** A `GitRepository` (source.toolkit.fluxcd.io): the folders are committed to Git. */
  public static readonly GIT_REPOSITORY = new FluxSourceKind('GitRepository');
  /** An `OCIRepository`: the folders are pushed as an OCI artifact (`flux push artifact`). */
  public static readonly OCI_REPOSITORY = new FluxSourceKind('OCIRepository');
  /** A `Bucket`: the folders are uploaded to an S3-compatible bucket. */
  public static readonly BUCKET = new FluxSourceKind('Bucket');
  /** Every kind a Flux Kustomization reads from (frozen). */
  public static readonly ALL: FluxSourceKind[] = frozenValues([
    FluxSourceKind.GIT_REPOSITORY, FluxSourceKind.OCI_REPOSITORY, FluxSourceKind.BUCKET,
  ]);

  /** The constant with this value; an unknown value throws. Prefer the constants. */
  public static of(value: string): FluxSourceKind {
    return knownValue('FluxSourceKind', value, FluxSourceKind.ALL);
  }

  private constructor(
    /** The kind as Flux writes it, e.g. `GitRepository`. */
    public readonly value: string,
  ) {}
}

/** The Flux source the Kustomizations read the stage folders from. */
export interface FluxSourceRef {
  /** The source's kind. */
  readonly kind: FluxSourceKind;
  /** The source object's name, e.g. `flux-system` (the repository `flux bootstrap` set up). */
  readonly name: string;
  /**
   * The source object's namespace.
   * @default - the Kustomizations' namespace
   */
  readonly namespace?: string;
}

/** Another Flux Kustomization the first stage waits for. */
export interface FluxDependency {
  /** Its name. */
  readonly name: string;
  /**
   * Its namespace.
   * @default - the Kustomizations' namespace
   */
  readonly namespace?: string;
}

/** Options of `DaprStagedOutput.addFluxKustomizations`. */
export interface FluxKustomizationsProps {
  /** Where Flux reads the manifests from. */
  readonly sourceRef: FluxSourceRef;
  /**
   * The folder `DaprStagedOutput.synth` writes to (the app's `outdir`), relative to the source's
   * root, e.g. `./dist/examples/task-api`; each stage's Kustomization reads `<path>/<stage folder>`.
   */
  readonly path: string;
  /**
   * The namespace of the Kustomization objects (Flux's own).
   * @default "flux-system"
   */
  readonly namespace?: string;
  /**
   * The prefix of the Kustomizations' names: `<prefix>-crds`, `<prefix>-control-plane`,
   * `<prefix>-apps`. Give each cdk8s app its own, so two apps in one cluster do not share a
   * Kustomization.
   * @default "dapr"
   */
  readonly namePrefix?: string;
  /**
   * How often Flux reconciles each stage (`spec.interval`).
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;
  /**
   * How long Flux waits for a stage's health checks (CRDs Established, the injector available)
   * before it reports the stage failed (`spec.timeout`).
   * @default Duration.minutes(5)
   */
  readonly timeout?: Duration;
  /**
   * Whether Flux deletes objects that were removed from a stage's folder (`spec.prune`).
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Kustomizations the first emitted stage depends on, e.g. the one that installs Dapr when this
   * app brings only apps: `[{ name: 'dapr-control-plane' }]`.
   * @default - none
   */
  readonly dependsOn?: FluxDependency[];
}
