import * as fs from 'fs';
import { findCredentials } from './credentials';
import { buildLayer } from './layer';
import { Blob, writeOciLayout } from './oci-layout';
import { FetchedManifest, MediaType, RegistryClient, RegistryError, sha256Digest } from './registry-client';
import { compareCodePoints } from '../core/code-point-order';
import { ImageReference } from '../core/image-reference';

/** The fixed creation time of every image built from files: the Unix epoch, for reproducible digests. */
export const EPOCH = '1970-01-01T00:00:00Z';

/** A file to add, as the build receives it (JSON, so it can cross into the build worker). */
export interface FileSpec {
  /** Absolute path inside the image. */
  readonly path: string;
  readonly mode: number;
  /** A local file to copy. */
  readonly sourceFile?: string;
  /** Or the file's text. */
  readonly content?: string;
}

/** Changes to the image's run configuration. */
export interface RunConfigSpec {
  readonly env?: { [name: string]: string };
  readonly entrypoint?: string[];
  readonly cmd?: string[];
  readonly user?: string;
  readonly workingDir?: string;
  readonly labels?: { [name: string]: string };
}

/** What to build: a base image (or none) plus one layer of files, and where the result goes. */
export interface FileImageBuildRequest {
  /** The base image reference; undefined builds from scratch. */
  readonly base?: string;
  /** `os/arch[/variant]` picked from a multi-platform base. */
  readonly platform: string;
  readonly files: FileSpec[];
  readonly config?: RunConfigSpec;
  /** `registry/repository:tag` to push to. */
  readonly push?: string;
  /** An OCI image layout directory to write, with the tag to file the image under. */
  readonly ociLayout?: { readonly directory: string; readonly tag: string };
}

/** The image built. */
export interface BuiltImage {
  /** Digest of the image manifest. */
  readonly digest: string;
  readonly mediaType: string;
  /** Digest of the added layer (compressed) and its diff id (uncompressed). */
  readonly layerDigest: string;
  readonly layerDiffId: string;
  /** Digests of every layer, base layers first. */
  readonly layers: string[];
}

interface BaseImage {
  readonly ref?: ImageReference;
  readonly client?: RegistryClient;
  readonly manifest: any;
  readonly config: any;
  readonly docker: boolean;
}

/**
 * Builds an image without a container engine: the base image's manifest and config are
 * fetched over the distribution API, one layer of files is added, and the result is pushed
 * and/or written as an OCI image layout. Base layers are never unpacked; within one registry
 * they are mounted, not copied.
 */
export async function buildFileImage(request: FileImageBuildRequest, env: NodeJS.ProcessEnv = process.env): Promise<BuiltImage> {
  const target = request.push ? ImageReference.parse(request.push) : undefined;
  const targetClient = target ? new RegistryClient(target.apiHost, findCredentials(target.registry, true, env), env) : undefined;
  const base = await loadBase(request, target, targetClient, env);

  const layer = buildLayer(request.files.map((f) => ({
    path: f.path.replace(/^\/+/, ''),
    mode: f.mode,
    content: f.sourceFile !== undefined ? readSource(f.sourceFile) : Buffer.from(f.content ?? '', 'utf8'),
  })));

  const config = withRunConfig(base.config, request.config ?? {});
  config.rootfs = { ...config.rootfs, type: 'layers', diff_ids: [...(config.rootfs?.diff_ids ?? []), layer.diffId] };
  config.history = [...(config.history ?? []), { created: EPOCH, created_by: 'cdk8s-dapr: add files', comment: `${request.files.length} file(s)` }];
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = sha256Digest(configBytes);

  const layerDescriptor = {
    mediaType: base.docker ? MediaType.DOCKER_LAYER_GZIP : MediaType.OCI_LAYER_GZIP,
    digest: layer.digest,
    size: layer.blob.length,
  };
  const baseLayers: { mediaType: string; digest: string; size: number }[] = base.manifest.layers ?? [];
  const mediaType = base.docker ? MediaType.DOCKER_MANIFEST : MediaType.OCI_MANIFEST;
  const manifest = {
    schemaVersion: 2,
    mediaType,
    config: { mediaType: base.docker ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG, digest: configDigest, size: configBytes.length },
    layers: [...baseLayers, layerDescriptor],
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  const digest = sha256Digest(manifestBytes);

  if (request.ociLayout) {
    const blobs: Blob[] = [
      { digest: layer.digest, data: layer.blob },
      { digest: configDigest, data: configBytes },
      { digest, data: manifestBytes },
    ];
    for (const l of baseLayers) {
      blobs.push({ digest: l.digest, data: await base.client!.getBlob(base.ref!.repository, l.digest) });
    }
    writeOciLayout(request.ociLayout.directory, blobs, { mediaType, digest, size: manifestBytes.length }, request.ociLayout.tag);
  }

  if (target && targetClient) {
    for (const l of baseLayers) {
      await copyBlob(base, target, targetClient, l.digest);
    }
    await targetClient.putBlob(target.repository, layer.digest, layer.blob);
    await targetClient.putBlob(target.repository, configDigest, configBytes);
    await targetClient.putManifest(target.repository, target.tag ?? digest.replace(':', '-'), mediaType, manifestBytes);
  }

  return { digest, mediaType, layerDigest: layer.digest, layerDiffId: layer.diffId, layers: manifest.layers.map((l) => l.digest) };
}

function readSource(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function loadBase(
  request: FileImageBuildRequest, target: ImageReference | undefined, targetClient: RegistryClient | undefined, env: NodeJS.ProcessEnv,
): Promise<BaseImage> {
  const [os, architecture, variant] = request.platform.split('/');
  if (!request.base) {
    return {
      manifest: { layers: [] },
      config: { architecture, os, ...(variant ? { variant } : {}), config: {}, rootfs: { type: 'layers', diff_ids: [] }, history: [] },
      docker: false,
    };
  }
  const ref = ImageReference.parse(request.base);
  const client = target && target.apiHost === ref.apiHost
    ? targetClient!
    : new RegistryClient(ref.apiHost, findCredentials(ref.registry, false, env), env);
  let manifest: FetchedManifest = await client.getManifest(ref.repository, ref.digest ?? ref.tag ?? 'latest');
  if (manifest.mediaType === MediaType.OCI_INDEX || manifest.mediaType === MediaType.DOCKER_MANIFEST_LIST) {
    const entry = (manifest.body.manifests ?? []).find((m: any) =>
      m.platform?.os === os && m.platform?.architecture === architecture && (variant === undefined || m.platform?.variant === variant));
    if (!entry) {
      const offered = (manifest.body.manifests ?? []).map((m: any) => [m.platform?.os, m.platform?.architecture, m.platform?.variant].filter(Boolean).join('/'));
      throw new RegistryError(`${ref} has no image for platform ${request.platform}; it has ${offered.join(', ') || 'none'}`);
    }
    manifest = await client.getManifest(ref.repository, entry.digest);
  }
  if (manifest.mediaType !== MediaType.OCI_MANIFEST && manifest.mediaType !== MediaType.DOCKER_MANIFEST) {
    throw new RegistryError(`${ref} is a ${manifest.mediaType}, not an image manifest this build can extend`);
  }
  const config = JSON.parse((await client.getBlob(ref.repository, manifest.body.config.digest)).toString('utf8'));
  return { ref, client, manifest: manifest.body, config, docker: manifest.mediaType === MediaType.DOCKER_MANIFEST };
}

/** Gets a base layer into the target repository: already there, mounted within the registry, or copied. */
async function copyBlob(base: BaseImage, target: ImageReference, client: RegistryClient, digest: string): Promise<void> {
  if (await client.hasBlob(target.repository, digest)) return;
  if (base.ref!.apiHost === target.apiHost && await client.mountBlob(target.repository, digest, base.ref!.repository)) return;
  await client.putBlob(target.repository, digest, await base.client!.getBlob(base.ref!.repository, digest));
}

function withRunConfig(baseConfig: any, changes: RunConfigSpec): any {
  const config = JSON.parse(JSON.stringify(baseConfig));
  config.created = EPOCH;
  const run = { ...(config.config ?? {}) };
  if (changes.env) {
    const env: string[] = [...(run.Env ?? [])];
    for (const name of Object.keys(changes.env).sort(compareCodePoints)) {
      const entry = `${name}=${changes.env[name]}`;
      const i = env.findIndex((e) => e.split('=')[0] === name);
      if (i >= 0) env[i] = entry; else env.push(entry);
    }
    run.Env = env;
  }
  if (changes.entrypoint) run.Entrypoint = changes.entrypoint;
  if (changes.cmd) run.Cmd = changes.cmd;
  if (changes.user !== undefined) run.User = changes.user;
  if (changes.workingDir !== undefined) run.WorkingDir = changes.workingDir;
  if (changes.labels) {
    const labels = { ...(run.Labels ?? {}), ...changes.labels };
    run.Labels = Object.fromEntries(Object.keys(labels).sort(compareCodePoints).map((k) => [k, labels[k]]));
  }
  config.config = run;
  return config;
}
