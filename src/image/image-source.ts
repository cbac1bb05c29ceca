import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { ICommandRunner } from './command-runner';
import { RunConfigSpec } from './file-image-build';
import { ImageBuilder } from './image-builder';
import { ImageFile } from './image-file';
import { runFileImageBuild } from './run-build';
import { byCodePoint, compareCodePoints } from '../core/code-point-order';
import { IMAGE_REFERENCE_RULE, ImageReference } from '../core/image-reference';
import { checkOptOut, checkPlaintext, plaintextCredential } from '../core/plaintext-secrets';
import { fail, isEnvName } from '../core/validation';

/** Options for an image built from files, without a builder. */
export interface FileImageSourceOptions {
  /**
   * The image to add the files to, pinned by tag or digest, e.g. Dapr's daprd image.
   * @default - no base image ("scratch")
   */
  readonly baseImage?: string;
  /** The files to add, as one new layer. */
  readonly files: ImageFile[];
  /**
   * The platform to take from a multi-platform base image, `os/arch[/variant]`.
   * @default "linux/amd64"
   */
  readonly platform?: string;
  /**
   * Environment variables to set in the image (added to, or replacing, the base's). Anyone who
   * can pull the image reads them, so a variable whose name says credential or whose value holds
   * one is refused unless named in `allowPlaintextSecrets`.
   * @default - the base image's
   */
  readonly env?: { [name: string]: string };
  /**
   * `env` variables whose plaintext credentials are baked into the image on purpose (the
   * explicit opt-out). Each must be a variable that would be refused without it.
   * @default - none
   */
  readonly allowPlaintextSecrets?: string[];
  /**
   * The entrypoint.
   * @default - the base image's
   */
  readonly entrypoint?: string[];
  /**
   * The default arguments.
   * @default - the base image's
   */
  readonly cmd?: string[];
  /**
   * The user to run as, e.g. "65532:65532".
   * @default - the base image's
   */
  readonly user?: string;
  /**
   * The working directory.
   * @default - the base image's
   */
  readonly workingDir?: string;
  /**
   * Image labels (added to the base's).
   * @default - the base image's
   */
  readonly labels?: { [name: string]: string };
}

/** Options for an image built from a Dockerfile by a builder CLI. */
export interface DockerfileImageSourceOptions {
  /**
   * The Dockerfile, relative to the build context.
   * @default "Dockerfile"
   */
  readonly file?: string;
  /**
   * Build arguments. They stay readable in the image's history, so an argument whose name says
   * credential or whose value holds one is refused unless named in `allowPlaintextSecrets`
   * (pass credentials to a build as build secrets, not arguments).
   * @default - none
   */
  readonly buildArgs?: { [name: string]: string };
  /**
   * `buildArgs` whose plaintext credentials are accepted on purpose (the explicit opt-out).
   * Each must be an argument that would be refused without it.
   * @default - none
   */
  readonly allowPlaintextSecrets?: string[];
  /**
   * The stage to build.
   * @default - the last stage
   */
  readonly target?: string;
  /**
   * The platform to build for, `os/arch[/variant]`.
   * @default - the builder's
   */
  readonly platform?: string;
  /**
   * The builder CLI.
   * @default - the first of podman, buildah and docker found on PATH
   */
  readonly builder?: ImageBuilder;
}

/** What a source turns into once bound to an image construct. */
export interface PreparedImageBuild {
  /** Hex sha256 over everything that goes into the image. */
  readonly contentHash: string;
  /** Builds the image tagged `reference` (`registry/repository:tag`) and returns its manifest digest. */
  build(reference: string, runner: ICommandRunner, output: ImageOutput): string;
}

/** Where a build puts the image. */
export interface ImageOutput {
  /** Push to the registry. */
  readonly push: boolean;
  /** Also write an OCI image layout directory. */
  readonly ociLayoutDirectory?: string;
}

/**
 * Where an image's content comes from: files added to a base image (no builder needed), or a
 * Dockerfile built by docker, podman or buildah.
 */
export abstract class ImageSource {
  /**
   * Files added as one reproducible layer on top of a base image, pushed over the OCI
   * distribution API. Needs no container engine, and the same inputs always give the same digest.
   */
  public static fromFiles(options: FileImageSourceOptions): ImageSource {
    return new FileImageSource(options);
  }

  /**
   * A build context directory with a Dockerfile, built by a builder CLI.
   * @param contextDirectory the build context (relative to the current directory)
   */
  public static fromDockerfile(contextDirectory: string, options: DockerfileImageSourceOptions = {}): ImageSource {
    return new DockerfileImageSource(path.resolve(contextDirectory), options);
  }

  /** A short description for messages, e.g. "files on ghcr.io/dapr/daprd:1.18.3". */
  public abstract readonly description: string;

  /**
   * Validates the source and computes its content hash.
   * @internal
   */
  public abstract _prepare(scope: IConstruct): PreparedImageBuild;
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;

class FileImageSource extends ImageSource {
  public readonly description: string;

  constructor(private readonly options: FileImageSourceOptions) {
    super();
    this.description = `${options.files.length} file(s) on ${options.baseImage ?? 'scratch'}`;
  }

  public _prepare(scope: IConstruct): PreparedImageBuild {
    const o = this.options;
    // first: the image config is readable by everyone who can pull the image
    checkPlaintextMap(scope, 'source.env', o.env, o.allowPlaintextSecrets, 'variables of source.env',
      'a variable that is not a credential: mount credentials at run time, never bake them into an image');
    if (o.baseImage !== undefined && (!ImageReference.isValid(o.baseImage) || !/[:@]/.test(o.baseImage.split('/').pop()!))) {
      fail(scope, 'source.baseImage', o.baseImage, `${IMAGE_REFERENCE_RULE}, pinned by tag or digest`);
    }
    const platform = o.platform ?? 'linux/amd64';
    if (!PLATFORM.test(platform)) fail(scope, 'source.platform', platform, 'os/arch[/variant], e.g. "linux/amd64" or "linux/arm64/v8"');
    if (o.files.length === 0) fail(scope, 'source.files', [], 'at least one file');
    const seen = new Set<string>();
    for (const file of o.files) {
      for (const p of file._problems()) fail(scope, `source.files[${file.imagePath}].${p.prop}`, p.value, p.allowed);
      if (seen.has(file.imagePath)) fail(scope, 'source.files', file.imagePath, 'each image path once');
      seen.add(file.imagePath);
    }
    for (const name of Object.keys(o.env ?? {})) {
      if (!isEnvName(name)) fail(scope, 'source.env', name, 'variable names of letters, digits and "_", not starting with a digit');
    }
    const config: RunConfigSpec = { env: o.env, entrypoint: o.entrypoint, cmd: o.cmd, user: o.user, workingDir: o.workingDir, labels: o.labels };
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ kind: 'files', base: o.baseImage ?? null, platform, config: sortKeys(config) }));
    for (const file of [...o.files].sort(byCodePoint((f) => f.imagePath))) {
      hash.update(`\n${file.imagePath} ${file.mode.toString(8)} ${createHash('sha256').update(file._read()).digest('hex')}`);
    }
    const contentHash = hash.digest('hex');
    const files = o.files.map((f) => f._spec());
    return {
      contentHash,
      build: (reference, _runner, output) => runFileImageBuild({
        base: o.baseImage,
        platform,
        files,
        config,
        push: output.push ? reference : undefined,
        ociLayout: output.ociLayoutDirectory ? { directory: output.ociLayoutDirectory, tag: ImageReference.parse(reference).tag! } : undefined,
      }).digest,
    };
  }
}

class DockerfileImageSource extends ImageSource {
  public readonly description: string;

  constructor(private readonly contextDirectory: string, private readonly options: DockerfileImageSourceOptions) {
    super();
    this.description = `${options.file ?? 'Dockerfile'} in ${contextDirectory}`;
  }

  public _prepare(scope: IConstruct): PreparedImageBuild {
    const o = this.options;
    // first: build arguments stay in the image's history
    checkPlaintextMap(scope, 'source.buildArgs', o.buildArgs, o.allowPlaintextSecrets, 'source.buildArgs',
      'an argument that is not a credential: pass credentials to the build as build secrets, never as arguments');
    const file = o.file ?? 'Dockerfile';
    if (!fs.existsSync(this.contextDirectory) || !fs.statSync(this.contextDirectory).isDirectory()) {
      fail(scope, 'source.contextDirectory', this.contextDirectory, 'an existing directory holding the build context');
    }
    const dockerfile = path.resolve(this.contextDirectory, file);
    if (!dockerfile.startsWith(this.contextDirectory + path.sep) || !fs.existsSync(dockerfile)) {
      fail(scope, 'source.file', file, `a Dockerfile inside the build context ${this.contextDirectory}`);
    }
    if (o.platform !== undefined && !PLATFORM.test(o.platform)) fail(scope, 'source.platform', o.platform, 'os/arch[/variant], e.g. "linux/amd64"');
    const hash = createHash('sha256');
    hash.update(JSON.stringify({ kind: 'dockerfile', file, buildArgs: sortKeys(o.buildArgs ?? {}), target: o.target ?? null, platform: o.platform ?? null }));
    for (const entry of contextEntries(this.contextDirectory)) hash.update(`\n${entry}`);
    return {
      contentHash: hash.digest('hex'),
      build: (reference, runner, output) => {
        if (!output.push || output.ociLayoutDirectory) {
          fail(scope, 'push / ociLayoutDirectory', output, 'an image from a Dockerfile is pushed by its builder; OCI layouts come from ImageSource.fromFiles()');
        }
        return (o.builder ?? ImageBuilder.detect(runner))._buildAndPush(runner, {
          contextDirectory: this.contextDirectory,
          file,
          reference,
          buildArgs: o.buildArgs ?? {},
          target: o.target,
          platform: o.platform,
        });
      },
    };
  }
}

/** Refuses plaintext credentials in a name/value map of a build, unless opted out by name. */
function checkPlaintextMap(scope: IConstruct, prop: string, map: { [name: string]: string } | undefined, optOut: string[] | undefined,
  what: string, secure: string): void {
  const names = Object.keys(map ?? {}).sort();
  for (const name of names) checkPlaintext(scope, `${prop}.${name}`, name, map![name], optOut, secure);
  checkOptOut(scope, optOut, names.filter((n) => plaintextCredential(n, map![n]) !== undefined), what, 'source.allowPlaintextSecrets');
}

/** "path mode sha256" of every file in the context that `.dockerignore` does not exclude, sorted. */
function contextEntries(root: string): string[] {
  const ignore = readDockerignore(root);
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort(compareCodePoints)) {
      const full = path.join(dir, name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (name === '.git' || ignore(rel)) continue;
      const stat = fs.lstatSync(full);
      if (stat.isDirectory()) walk(full);
      else if (stat.isSymbolicLink()) out.push(`${rel} link ${fs.readlinkSync(full)}`);
      else if (stat.isFile()) out.push(`${rel} ${isExecutable(stat.mode) ? 755 : 644} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`);
    }
  };
  walk(root);
  return out;
}

/** `.dockerignore` patterns (`*`, `?`, `**`, `!` exceptions), last match wins, as the builders read them. */
function readDockerignore(root: string): (rel: string) => boolean {
  const file = path.join(root, '.dockerignore');
  if (!fs.existsSync(file)) return () => false;
  const rules = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((line) => {
    const negate = line.startsWith('!');
    const pattern = path.posix.normalize((negate ? line.slice(1) : line).replace(/^\/+/, ''));
    const regex = pattern.split('**').map((part) => part.split('').map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')).join('.*');
    return { negate, re: new RegExp(`^${regex}(/.*)?$`) };
  });
  return (rel) => rules.reduce((ignored, r) => (r.re.test(rel) ? !r.negate : ignored), false);
}

/** Any execute bit set: builders keep the mode, so it is content. */
function isExecutable(mode: number): boolean {
  return Math.floor(mode / 0o100) % 2 === 1 || Math.floor(mode / 0o10) % 2 === 1 || mode % 2 === 1;
}

function sortKeys(value: any): any {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort(compareCodePoints).filter((k) => value[k] !== undefined).map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}
