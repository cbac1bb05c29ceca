import { Construct, IConstruct } from 'constructs';
import { ICommandRunner, ProcessCommandRunner } from './command-runner';
import { ImageCache } from './image-cache';
import { ImageSource } from './image-source';
import { redactText } from '../core/credentials';
import { ImageReference } from '../core/image-reference';
import { addPathValidation, fail, validationMessage } from '../core/validation';

/** The environment variable that turns image builds on for a synth (`1` or `true`). */
export const BUILD_IMAGES_ENV = 'CDK8S_DAPR_BUILD_IMAGES';
/** Where built digests are recorded, relative to the directory `cdk8s synth` runs in. */
export const DEFAULT_IMAGE_CACHE = '.cdk8s-dapr/images.json';

/** An image pinned by digest, usable as daprd, a pluggable component, or a control plane image. */
export interface IDaprImage extends IConstruct {
  /** `registry/repository@sha256:<digest>`. */
  readonly imageRef: string;
}

/** How a `DaprImage` got its digest. */
export enum ImageResolution {
  /** Built (and pushed) during this synth. */
  BUILT = 'built',
  /** Taken from the image cache, built by an earlier synth. */
  CACHED = 'cached',
  /** Neither: the synth fails, saying how to build it. */
  UNRESOLVED = 'unresolved',
}

/** Props for `DaprImage`. */
export interface DaprImageProps {
  /** Where the image goes: `registry/repository`, without tag or digest. */
  readonly repository: string;
  /** What goes into the image. */
  readonly source: ImageSource;
  /**
   * Build and push during this synth. Builds need the network (and, for Dockerfiles, a
   * builder), so by default they happen only when the environment asks for them.
   * @default - true when CDK8S_DAPR_BUILD_IMAGES is "1" or "true"; otherwise the digest comes from the cache
   */
  readonly buildOnSynth?: boolean;
  /**
   * Push the built image to `repository`. `false` needs `ociLayoutDirectory`: the image is then
   * only written there, to be copied to the registry by other tools.
   * @default true
   */
  readonly push?: boolean;
  /**
   * Also write the built image as an OCI image layout directory (file sources only).
   * @default - none
   */
  readonly ociLayoutDirectory?: string;
  /**
   * The file recording built digests by content. Commit it: synths without a build read it.
   * @default ".cdk8s-dapr/images.json"
   */
  readonly cacheFile?: string;
  /**
   * Runs builder CLIs (Dockerfile sources).
   * @default - real child processes
   */
  readonly commandRunner?: ICommandRunner;
}

/** An image given by reference, already built elsewhere. */
class PinnedImage extends Construct implements IDaprImage {
  constructor(scope: Construct, id: string, public readonly imageRef: string) {
    super(scope, id);
  }
}

/**
 * An image built as part of `cdk8s synth` and pinned by digest: a daprd with extra CA
 * certificates, a pluggable component, a custom daprd build.
 *
 * The image is tagged with a hash of its content. With `build` (or CDK8S_DAPR_BUILD_IMAGES=1)
 * it is built, pushed, and its digest recorded in the image cache; without, the digest for the
 * same content is read from the cache, so synth stays fast and offline, and an image whose
 * content changed since its last build fails the synth instead of shipping a stale digest.
 * Registry credentials come from the environment (CDK8S_DAPR_REGISTRY_USERNAME and
 * CDK8S_DAPR_REGISTRY_PASSWORD) or the docker config file, never from code.
 */
export class DaprImage extends Construct implements IDaprImage {
  /**
   * An image built elsewhere, by digest: `registry/repository@sha256:<64 hex>`.
   */
  public static fromDigest(scope: Construct, id: string, imageRef: string): IDaprImage {
    let parsed: ImageReference | undefined;
    try {
      parsed = ImageReference.parse(imageRef);
    } catch {
      parsed = undefined;
    }
    if (!parsed?.digest) {
      fail(`${scope.node.path}/${id}`, 'imageRef', imageRef, 'an image reference pinned by digest, "registry/repository@sha256:<64 hex>"');
    }
    return new PinnedImage(scope, id, imageRef);
  }

  /** `registry/repository@sha256:<digest>` (the tag is left out: the digest decides). */
  public readonly imageRef: string;
  /** The manifest digest, `sha256:...`, or undefined when unresolved. */
  public readonly digest?: string;
  /** The content tag: the first 32 hex digits of the hash of everything that goes into the image. */
  public readonly tag: string;
  /** `registry/repository:<content tag>`, where the image is pushed. */
  public readonly taggedRef: string;
  /** Whether the digest was built now or read from the cache. */
  public readonly resolution: ImageResolution;

  constructor(scope: Construct, id: string, props: DaprImageProps) {
    super(scope, id);
    let repository: ImageReference;
    try {
      repository = ImageReference.parse(props.repository);
    } catch {
      fail(this, 'repository', props.repository, 'an image repository "registry/repository" with no tag or digest, e.g. "ghcr.io/acme/daprd"');
    }
    if (repository.tag !== undefined || repository.digest !== undefined || !props.repository.includes('/')) {
      fail(this, 'repository', props.repository, 'an image repository "registry/repository" with no tag or digest, e.g. "ghcr.io/acme/daprd"');
    }
    const push = props.push ?? true;
    if (!push && props.ociLayoutDirectory === undefined) {
      fail(this, 'push', false, 'true, or false together with ociLayoutDirectory (the image has to go somewhere)');
    }

    const prepared = props.source._prepare(this);
    this.tag = prepared.contentHash.slice(0, 32);
    this.taggedRef = repository.withTag(this.tag).toString();
    const cache = new ImageCache(props.cacheFile ?? DEFAULT_IMAGE_CACHE);
    const build = props.buildOnSynth ?? ['1', 'true'].includes(process.env[BUILD_IMAGES_ENV] ?? '');

    let digest: string | undefined;
    if (build) {
      try {
        const runner = props.commandRunner ?? new ProcessCommandRunner();
        digest = prepared.build(this.taggedRef, runner, { push, ociLayoutDirectory: props.ociLayoutDirectory });
      } catch (e) {
        // one gate for every build error: registry answers, tool output and config parse errors are
        // text the library does not control, so credential-shaped parts are cut out first
        throw new Error(`[${this.node.path}] building ${this.taggedRef} from ${props.source.description} failed: ${redactText((e as Error).message)}`);
      }
      cache.put(this.taggedRef, { digest });
      this.resolution = ImageResolution.BUILT;
      note(this, `built ${this.taggedRef} from ${props.source.description}: ${digest}`);
    } else {
      digest = cache.get(this.taggedRef)?.digest;
      this.resolution = digest ? ImageResolution.CACHED : ImageResolution.UNRESOLVED;
      if (digest) note(this, `using the cached build of ${this.taggedRef} (${cache.file}): ${digest}; set ${BUILD_IMAGES_ENV}=1 to rebuild`);
    }
    this.digest = digest;
    this.imageRef = digest ? repository.withDigest(digest).toString() : this.taggedRef;
    if (!digest) {
      addPathValidation(this, () => [validationMessage(this, 'source', props.source.description,
        `content that was built before: ${cache.file} has no digest for ${this.taggedRef}; `
        + `build it with ${BUILD_IMAGES_ENV}=1 (or the buildOnSynth prop), or give a built image with DaprImage.fromDigest()`)]);
    }
  }
}

/** Says where an image's digest came from: in the construct's metadata and on stderr. */
function note(image: DaprImage, message: string) {
  image.node.addMetadata('cdk8s-dapr:image', message);
  process.stderr.write(`cdk8s-dapr: ${image.node.path}: ${message}\n`);
}
