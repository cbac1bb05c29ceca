import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ICommandRunner } from './command-runner';
import { compareCodePoints } from '../core/code-point-order';
import { redactText } from '../core/credentials';

/** What stands in for a build argument's value in messages. */
const VALUE_NOT_SHOWN = '(value not shown)';

/** What a CLI build needs to know. */
export interface CliBuildSpec {
  /** The build context directory. */
  readonly contextDirectory: string;
  /** The Dockerfile, relative to the context. */
  readonly file: string;
  /** `registry/repository:tag` to tag and push. */
  readonly reference: string;
  readonly buildArgs: { [name: string]: string };
  readonly target?: string;
  readonly platform?: string;
}

/**
 * A container image builder CLI: docker, podman or buildah. Each builds a Dockerfile, pushes
 * the result and tells the digest it pushed. podman and buildah are asked for reproducible
 * timestamps (`--timestamp 0`); docker gets `SOURCE_DATE_EPOCH=0` as a build argument, which
 * BuildKit honours.
 */
export class ImageBuilder {
  /** The docker CLI (needs a Docker engine). */
  public static readonly DOCKER = new ImageBuilder('docker');
  /** The podman CLI (daemonless). */
  public static readonly PODMAN = new ImageBuilder('podman');
  /** The buildah CLI (daemonless). */
  public static readonly BUILDAH = new ImageBuilder('buildah');

  /** Every builder, in the order `detect()` tries them: daemonless ones first. */
  public static readonly ALL = [ImageBuilder.PODMAN, ImageBuilder.BUILDAH, ImageBuilder.DOCKER];

  /**
   * A builder by CLI name.
   * @param name "docker", "podman" or "buildah"
   */
  public static of(name: string): ImageBuilder {
    const builder = ImageBuilder.ALL.find((b) => b.name === name);
    if (!builder) {
      throw new Error(`image builder ${JSON.stringify(name)} is unknown; allowed: ${ImageBuilder.ALL.map((b) => `"${b.name}"`).join(', ')}`);
    }
    return builder;
  }

  /**
   * The first builder found on PATH (podman, buildah, then docker).
   * @param runner where to look
   */
  public static detect(runner: ICommandRunner): ImageBuilder {
    const found = ImageBuilder.ALL.find((b) => runner.exists(b.name));
    if (!found) {
      throw new Error(`no image builder found on PATH (looked for ${ImageBuilder.ALL.map((b) => b.name).join(', ')}); `
        + 'install one, or build without one with ImageSource.fromFiles()');
    }
    return found;
  }

  private constructor(public readonly name: string) {}

  /**
   * Builds and pushes, returning the pushed manifest's digest.
   * @internal
   */
  public _buildAndPush(runner: ICommandRunner, spec: CliBuildSpec): string {
    const dockerfile = path.join(spec.contextDirectory, spec.file);
    const args = ['build', '--tag', spec.reference, '--file', dockerfile];
    for (const name of Object.keys(spec.buildArgs).sort(compareCodePoints)) args.push('--build-arg', `${name}=${spec.buildArgs[name]}`);
    if (spec.target) args.push('--target', spec.target);
    if (spec.platform) args.push('--platform', spec.platform);
    if (this === ImageBuilder.DOCKER) args.push('--build-arg', 'SOURCE_DATE_EPOCH=0');
    else args.push('--timestamp', '0');
    args.push(spec.contextDirectory);
    this.run(runner, args, 'build', Object.values(spec.buildArgs));

    if (this === ImageBuilder.DOCKER) {
      const pushed = this.run(runner, ['push', spec.reference], 'push');
      const digest = /digest: (sha256:[a-f0-9]{64})/.exec(pushed)?.[1];
      if (!digest) throw new Error(`docker push ${spec.reference} did not print the digest it pushed`);
      return digest;
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-dapr-digest-'));
    try {
      const digestFile = path.join(tmp, 'digest');
      this.run(runner, ['push', '--digestfile', digestFile, spec.reference], 'push');
      const digest = fs.existsSync(digestFile) ? fs.readFileSync(digestFile, 'utf8').trim() : '';
      if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error(`${this.name} push ${spec.reference} did not write the digest it pushed`);
      return digest;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  /**
   * Runs one step. A failure shows the command and the end of its output, with the build
   * arguments' values left out: they are often tokens (and builders echo them back).
   */
  private run(runner: ICommandRunner, args: string[], step: string, hidden: string[] = []): string {
    const result = runner.run(this.name, args);
    if (result.exitCode !== 0) {
      const hide = (text: string) => hidden.filter((v) => v.length >= 4)
        .reduce((t, v) => t.split(v).join(VALUE_NOT_SHOWN), text);
      const shown = args.map((a, i) => (args[i - 1] === '--build-arg' ? `${a.split('=')[0]}=${VALUE_NOT_SHOWN}` : a));
      const output = redactText(hide((result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n')));
      throw new Error(`${this.name} ${step} failed (exit code ${result.exitCode}): ${this.name} ${shown.join(' ')}\n${output}`);
    }
    return result.stdout;
  }
}
