import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { freePort, registryAvailable, requireRegistryUnderCi, sharedOrOwnRegistry, TestRegistry } from './registry';
import { DaprApp, DaprControlPlane } from '../../src';
import {
  CommandResult, DaprImage, ICommandRunner, ImageBuilder, ImageFile, ImageResolution, ImageSource,
} from '../../src/image';
import { RegistryClient } from '../../src/image/registry-client';

jest.setTimeout(60_000);
requireRegistryUnderCi();
const describeWithRegistry = registryAvailable() ? describe : describe.skip;

let tmp: string;
let stderr: jest.SpyInstance;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dapr-image-'));
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const caFiles = () => [ImageFile.fromString('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', '/etc/ssl/certs/corporate-ca.pem')];
const stderrText = () => stderr.mock.calls.map((c) => String(c[0])).join('');

describe('offline: OCI layout output and the image cache', () => {
  const layoutImage = (chart: Chart, id: string, props: { content?: string; buildOnSynth?: boolean } = {}) => new DaprImage(chart, id, {
    repository: 'registry.example.com/platform/daprd-ca',
    source: ImageSource.fromFiles({
      files: [ImageFile.fromString(props.content ?? 'ca', '/etc/ssl/certs/ca.pem'), ImageFile.fromString('#!/bin/sh\n', '/bin/tool', { mode: 0o755 })],
      env: { SSL_CERT_DIR: '/etc/ssl/certs' },
    }),
    push: false,
    ociLayoutDirectory: path.join(tmp, id),
    cacheFile: path.join(tmp, 'images.json'),
    buildOnSynth: props.buildOnSynth ?? true,
  });

  test('a built image is pinned by digest, recorded in the cache, and written as an OCI layout', () => {
    const image = layoutImage(Testing.chart(), 'Ca');
    expect(image.resolution).toBe(ImageResolution.BUILT);
    expect(image.imageRef).toMatch(/^registry\.example\.com\/platform\/daprd-ca@sha256:[a-f0-9]{64}$/);
    expect(image.taggedRef).toBe(`registry.example.com/platform/daprd-ca:${image.tag}`);
    expect(image.tag).toMatch(/^[a-f0-9]{32}$/);
    const index = JSON.parse(fs.readFileSync(path.join(tmp, 'Ca', 'index.json'), 'utf8'));
    expect(index.manifests[0].digest).toBe(image.digest);
    expect(JSON.parse(fs.readFileSync(path.join(tmp, 'images.json'), 'utf8'))).toEqual({
      version: 1,
      images: { [image.taggedRef]: { digest: image.digest } },
    });
    expect(stderrText()).toContain(`built ${image.taggedRef}`);
  });

  test('same inputs, same digest; other content, other tag and digest', () => {
    const a = layoutImage(Testing.chart(), 'A');
    const b = layoutImage(Testing.chart(), 'B');
    const c = layoutImage(Testing.chart(), 'C', { content: 'other ca' });
    expect(b.digest).toBe(a.digest);
    expect(b.tag).toBe(a.tag);
    expect(c.tag).not.toBe(a.tag);
    expect(c.digest).not.toBe(a.digest);
  });

  test('without a build the cached digest is used, and the synth says so', () => {
    const built = layoutImage(Testing.chart(), 'Ca');
    stderr.mockClear();
    const chart = Testing.chart();
    const cached = layoutImage(chart, 'Ca', { buildOnSynth: false });
    expect(cached.resolution).toBe(ImageResolution.CACHED);
    expect(cached.imageRef).toBe(built.imageRef);
    expect(stderrText()).toContain(`using the cached build of ${built.taggedRef}`);
    expect(cached.node.metadata.map((m) => m.data)).toEqual([expect.stringContaining('using the cached build')]);
  });

  test('content never built fails the synth, naming the path, the cache file and how to build', () => {
    const chart = Testing.chart();
    const image = layoutImage(chart, 'Ca', { buildOnSynth: false });
    expect(image.resolution).toBe(ImageResolution.UNRESOLVED);
    expect(() => Testing.synth(chart)).toThrow(
      `[test/Ca] source: "2 file(s) on scratch" is invalid; allowed: content that was built before: ${path.join(tmp, 'images.json')} has no digest for registry.example.com/platform/daprd-ca:${image.tag}; build it with CDK8S_DAPR_BUILD_IMAGES=1`);
    expect(fs.existsSync(path.join(tmp, 'Ca'))).toBe(false);
  });

  test('CDK8S_DAPR_BUILD_IMAGES=1 turns the build on', () => {
    process.env.CDK8S_DAPR_BUILD_IMAGES = '1';
    try {
      const image = new DaprImage(Testing.chart(), 'Env', {
        repository: 'registry.example.com/platform/env',
        source: ImageSource.fromFiles({ files: caFiles() }),
        push: false,
        ociLayoutDirectory: path.join(tmp, 'env'),
        cacheFile: path.join(tmp, 'images.json'),
      });
      expect(image.resolution).toBe(ImageResolution.BUILT);
    } finally {
      delete process.env.CDK8S_DAPR_BUILD_IMAGES;
    }
  });

  test('the digest flows into the sidecar image, a pluggable component and the control plane', () => {
    const app = new App({ outdir: tmp });
    const chart = new Chart(app, 'apps');
    const image = layoutImage(chart, 'Ca');
    const component = DaprImage.fromDigest(chart, 'Store', `registry.example.com/platform/my-store@sha256:${'a'.repeat(64)}`);
    const daprApp = new DaprApp(chart, 'Orders', { appId: 'orders', appPort: 8080, image: 'registry.example.com/orders:1.0.0', sidecarImage: image.imageRef });
    daprApp.addPluggableComponent({
      name: 'my-store',
      image: component.imageRef,
      readiness: kplus.Probe.fromCommand(['/grpc-health-probe', '-addr=unix:///tmp/dapr-components-sockets/my-store.sock']),
    });
    new DaprControlPlane(new Chart(app, 'platform'), 'Dapr', { sidecar: { image: image.imageRef } });

    const [deployment] = Testing.synth(chart).filter((o) => o.kind === 'Deployment');
    const annotations = deployment.spec.template.metadata.annotations;
    expect(annotations['dapr.io/sidecar-image']).toBe(image.imageRef);
    expect(annotations['dapr.io/pluggable-components']).toBe('my-store');
    const store = deployment.spec.template.spec.containers.find((c: any) => c.name === 'my-store');
    expect(store.image).toBe(component.imageRef);
    expect(store.securityContext).toMatchObject({ allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
    // The injector adds and mounts the socket volume itself; the pod has only the component's /tmp
    // (which also keeps the injector from replacing its own token volume, see DaprApp.addPluggableComponent).
    expect(deployment.spec.template.spec.volumes).toEqual([{ name: 'my-store-tmp', emptyDir: { sizeLimit: '64Mi' } }]);

    const injector = app.charts[1].toJson().find((o: any) => o.kind === 'Deployment' && o.metadata.name === 'dapr-sidecar-injector');
    const env = injector.spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'SIDECAR_IMAGE', value: image.imageRef });
  });
});

describe('validation', () => {
  const chart = () => Testing.chart();

  test('repository, files, base image and push are checked with the construct path', () => {
    expect(() => new DaprImage(chart(), 'I', { repository: 'registry.example.com/daprd:1.0', source: ImageSource.fromFiles({ files: caFiles() }) }))
      .toThrow('[test/I] repository: "registry.example.com/daprd:1.0" is invalid; allowed: an image repository "registry/repository" with no tag or digest');
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromFiles({ files: [ImageFile.fromString('x', 'etc/x')] }) }))
      .toThrow('[test/I] source.files[etc/x].imagePath: "etc/x" is invalid; allowed: an absolute, normalized file path');
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromFiles({ files: [ImageFile.fromString('x', '/x', { mode: 0o10000 })] }) }))
      .toThrow('[test/I] source.files[/x].mode: 4096 is invalid; allowed: permission bits from 0 to 0o7777');
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromFiles({ files: [ImageFile.fromLocalFile(path.join(tmp, 'nope.pem'), '/ca.pem')] }) }))
      .toThrow(`[test/I] source.files[/ca.pem].localPath: "${path.join(tmp, 'nope.pem')}" is invalid; allowed: an existing regular file`);
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromFiles({ files: [...caFiles(), ...caFiles()] }) }))
      .toThrow('[test/I] source.files: "/etc/ssl/certs/corporate-ca.pem" is invalid; allowed: each image path once');
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromFiles({ baseImage: 'ghcr.io/dapr/daprd', files: caFiles() }) }))
      .toThrow('[test/I] source.baseImage: "ghcr.io/dapr/daprd" is invalid; allowed: an image reference');
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', push: false, source: ImageSource.fromFiles({ files: caFiles() }) }))
      .toThrow('[test/I] push: false is invalid; allowed: true, or false together with ociLayoutDirectory');
  });

  test('a missing build context and a missing Dockerfile are named', () => {
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromDockerfile(path.join(tmp, 'missing')) }))
      .toThrow(`[test/I] source.contextDirectory: "${path.join(tmp, 'missing')}" is invalid; allowed: an existing directory holding the build context`);
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromDockerfile(tmp) }))
      .toThrow(`[test/I] source.file: "Dockerfile" is invalid; allowed: a Dockerfile inside the build context ${tmp}`);
  });

  test('an unknown builder, and no builder on PATH', () => {
    expect(() => ImageBuilder.of('kaniko')).toThrow('image builder "kaniko" is unknown; allowed: "podman", "buildah", "docker"');
    const none: ICommandRunner = { exists: () => false, run: () => ({ exitCode: 0, stdout: '', stderr: '' }) };
    fs.writeFileSync(path.join(tmp, 'Dockerfile'), 'FROM scratch\n');
    expect(() => new DaprImage(chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromDockerfile(tmp), buildOnSynth: true, commandRunner: none, cacheFile: path.join(tmp, 'c.json') }))
      .toThrow('[test/I] building r.example.com/d:');
    expect(() => new DaprImage(chart(), 'I2', { repository: 'r.example.com/d', source: ImageSource.fromDockerfile(tmp), buildOnSynth: true, commandRunner: none, cacheFile: path.join(tmp, 'c.json') }))
      .toThrow('no image builder found on PATH (looked for podman, buildah, docker)');
    expect(fs.existsSync(path.join(tmp, 'c.json'))).toBe(false);
  });

  test('fromDigest takes digests only', () => {
    expect(() => DaprImage.fromDigest(chart(), 'D', 'ghcr.io/dapr/daprd:1.18.3'))
      .toThrow('[test/D] imageRef: "ghcr.io/dapr/daprd:1.18.3" is invalid; allowed: an image reference pinned by digest');
  });

  test('pluggable components: a name, a pinned image, and no mount over the sockets folder', () => {
    const c = chart();
    const app = new DaprApp(c, 'Orders', { appId: 'orders', image: 'r.example.com/orders:1', replicas: 1 });
    expect(() => app.addPluggableComponent({ image: 'r.example.com/store:1' })).toThrow('[test/Orders] addPluggableComponent.name: undefined is invalid');
    expect(() => app.addPluggableComponent({ name: 'app', image: 'r.example.com/store:1' })).toThrow('a name no other container of this pod has');
    expect(() => app.addPluggableComponent({ name: 'store', image: 'r.example.com/store:latest' })).toThrow('[test/Orders] addPluggableComponent.image: "r.example.com/store:latest" is invalid');
    const store = app.addPluggableComponent({ name: 'store', image: 'r.example.com/store:1' });
    store.mount('/tmp/dapr-components-sockets', kplus.Volume.fromEmptyDir(c, 'Sockets', 'sockets'));
    expect(() => Testing.synth(c)).toThrow('containers[store].mounts: "/tmp/dapr-components-sockets" is invalid; allowed: a path other than the sockets folder');
  });
});

describe('Dockerfile builds through a builder CLI', () => {
  class RecordingRunner implements ICommandRunner {
    public readonly calls: string[][] = [];
    constructor(private readonly present: string[], private readonly respond: (args: string[]) => CommandResult) {}
    public exists(command: string) {
      return this.present.includes(command);
    }
    public run(command: string, args: string[]) {
      this.calls.push([command, ...args]);
      return this.respond(args);
    }
  }
  const digest = `sha256:${'b'.repeat(64)}`;
  const ok = { exitCode: 0, stdout: '', stderr: '' };

  beforeEach(() => {
    fs.writeFileSync(path.join(tmp, 'Dockerfile'), 'FROM ghcr.io/dapr/daprd:1.18.3\nCOPY ca.pem /etc/ssl/certs/\n');
    fs.writeFileSync(path.join(tmp, 'ca.pem'), 'ca');
  });

  test('podman is detected first, builds reproducibly and reports the digest it pushed', () => {
    const runner = new RecordingRunner(['podman', 'docker'], (args) => {
      if (args[0] === 'push') fs.writeFileSync(args[2], digest);
      return ok;
    });
    const image = new DaprImage(Testing.chart(), 'I', {
      repository: 'r.example.com/daprd-ca',
      source: ImageSource.fromDockerfile(tmp, { buildArgs: { VERSION: '1.18.3' } }),
      buildOnSynth: true,
      commandRunner: runner,
      cacheFile: path.join(tmp, 'cache', 'images.json'),
    });
    expect(image.imageRef).toBe(`r.example.com/daprd-ca@${digest}`);
    expect(runner.calls[0]).toEqual(['podman', 'build', '--tag', image.taggedRef, '--file', path.join(tmp, 'Dockerfile'),
      '--build-arg', 'VERSION=1.18.3', '--timestamp', '0', tmp]);
    expect(runner.calls[1].slice(0, 2)).toEqual(['podman', 'push']);
    expect(runner.calls[1][4]).toBe(image.taggedRef);
  });

  test('docker: the digest is read from the push output; a failed build shows its output', () => {
    const runner = new RecordingRunner(['docker'], (args) => (args[0] === 'push'
      ? { exitCode: 0, stdout: `latest: digest: ${digest} size: 528\n`, stderr: '' } : ok));
    const image = new DaprImage(Testing.chart(), 'I', {
      repository: 'r.example.com/daprd-ca',
      source: ImageSource.fromDockerfile(tmp, { builder: ImageBuilder.DOCKER, platform: 'linux/arm64' }),
      buildOnSynth: true,
      commandRunner: runner,
      cacheFile: path.join(tmp, 'images.json'),
    });
    expect(image.digest).toBe(digest);
    expect(runner.calls[0]).toContain('SOURCE_DATE_EPOCH=0');
    expect(runner.calls[0]).toEqual(expect.arrayContaining(['--platform', 'linux/arm64']));

    const failing = new RecordingRunner(['buildah'], () => ({ exitCode: 125, stdout: '', stderr: 'Error: no FROM statement found' }));
    expect(() => new DaprImage(Testing.chart(), 'J', {
      repository: 'r.example.com/x', source: ImageSource.fromDockerfile(tmp), buildOnSynth: true, commandRunner: failing, cacheFile: path.join(tmp, 'other.json'),
    })).toThrow(/\[test\/J\] building r\.example\.com\/x:[a-f0-9]{32} from Dockerfile in .* failed: buildah build failed \(exit code 125\): buildah build .*\nError: no FROM statement found/);
    expect(fs.existsSync(path.join(tmp, 'other.json'))).toBe(false);
  });

  test('the content tag follows the build context, minus what .dockerignore excludes', () => {
    const tag = () => new DaprImage(Testing.chart(), 'I', { repository: 'r.example.com/d', source: ImageSource.fromDockerfile(tmp), cacheFile: path.join(tmp, 'c.json') }).tag;
    fs.writeFileSync(path.join(tmp, '.dockerignore'), '# local files\n*.log\nbuild/**\n!build/keep.txt\n');
    fs.mkdirSync(path.join(tmp, 'build'));
    fs.writeFileSync(path.join(tmp, 'build', 'out.bin'), '1');
    fs.writeFileSync(path.join(tmp, 'build', 'keep.txt'), '1');
    const first = tag();
    fs.writeFileSync(path.join(tmp, 'debug.log'), 'noise');
    fs.writeFileSync(path.join(tmp, 'build', 'out.bin'), '2');
    expect(tag()).toBe(first);
    fs.writeFileSync(path.join(tmp, 'build', 'keep.txt'), '2');
    const second = tag();
    expect(second).not.toBe(first);
    fs.writeFileSync(path.join(tmp, 'ca.pem'), 'other');
    expect(tag()).not.toBe(second);
  });
});

describeWithRegistry('building into a real registry at synth', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await sharedOrOwnRegistry();
  });
  afterAll(async () => registry?.stop());

  test('a base image and a daprd with an extra CA built on it; the registry holds the pinned digest', async () => {
    const chart = Testing.chart();
    const cacheFile = path.join(tmp, 'images.json');
    const base = new DaprImage(chart, 'Base', {
      repository: `${registry.host}/synth/daprd`,
      source: ImageSource.fromFiles({ files: [ImageFile.fromString('#!/bin/sh\n', '/daprd', { mode: 0o755 })], entrypoint: ['/daprd'], user: '65532' }),
      buildOnSynth: true,
      cacheFile,
    });
    fs.writeFileSync(path.join(tmp, 'ca.pem'), 'corporate ca');
    const withCa = new DaprImage(chart, 'WithCa', {
      repository: `${registry.host}/synth/daprd-ca`,
      source: ImageSource.fromFiles({ baseImage: base.imageRef, files: [ImageFile.fromLocalFile(path.join(tmp, 'ca.pem'), '/etc/ssl/certs/ca.pem')] }),
      buildOnSynth: true,
      cacheFile,
    });
    const client = new RegistryClient(registry.host);
    const manifest = await client.getManifest('synth/daprd-ca', withCa.tag);
    expect(`${registry.host}/synth/daprd-ca@${manifest.digest}`).toBe(withCa.imageRef);
    expect(manifest.body.layers).toHaveLength(2);
    expect(Object.keys(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).images)).toEqual([base.taggedRef, withCa.taggedRef].sort());
  });

  test('a registry that is down fails the build by name and records nothing', async () => {
    const cacheFile = path.join(tmp, 'images.json');
    const port = await freePort();
    expect(() => new DaprImage(Testing.chart(), 'Gone', {
      repository: `127.0.0.1:${port}/synth/gone`,
      source: ImageSource.fromFiles({ files: caFiles() }),
      buildOnSynth: true,
      cacheFile,
    })).toThrow(new RegExp(`\\[test/Gone\\] building 127\\.0\\.0\\.1:${port}/synth/gone:[a-f0-9]{32} from 1 file\\(s\\) on scratch failed: registry 127\\.0\\.0\\.1:${port} is not reachable \\(ECONNREFUSED\\)`));
    expect(fs.existsSync(cacheFile)).toBe(false);
  });
});
