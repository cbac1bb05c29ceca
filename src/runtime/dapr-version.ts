import { validationMessage } from '../core/validation';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z][0-9A-Za-z.-]*)?$/;

/**
 * A Dapr release: the tag of every control plane image and of the injected daprd sidecar.
 *
 * The library is tested against `DaprVersion.LATEST`; other versions are accepted so that
 * a patch release can be rolled out without waiting for a new library release.
 */
export class DaprVersion {
  /** Dapr 1.18.3. */
  public static readonly V1_18_3 = new DaprVersion('1.18.3');

  /** The newest release this library's manifests were compared against (the default). */
  public static readonly LATEST = DaprVersion.V1_18_3;

  /**
   * Any release by its version number, e.g. `DaprVersion.of('1.18.4')` or `'1.19.0-rc.1'`.
   * A leading "v" is not part of Dapr's image tags and is refused.
   */
  public static of(version: string): DaprVersion {
    if (!SEMVER.test(version)) {
      throw new Error(validationMessage('DaprVersion', 'version', version, 'a release number such as "1.18.3" or "1.19.0-rc.1" (no leading "v")'));
    }
    return new DaprVersion(version);
  }

  private constructor(
    /** The version number, also the image tag, e.g. "1.18.3". */
    public readonly version: string) {}

  /** The version number. */
  public toString(): string {
    return this.version;
  }
}
