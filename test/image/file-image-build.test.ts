import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { freePort, registryAvailable, requireRegistryUnderCi, sharedOrOwnRegistry, startRegistry, TEST_PASSWORD, TEST_USER, TestRegistry } from './registry';
import { readTar } from './tar-reader';
import { buildFileImage, EPOCH, FileImageBuildRequest } from '../../src/image/file-image-build';
import { MediaType, RegistryClient, sha256Digest } from '../../src/image/registry-client';

jest.setTimeout(60_000);
requireRegistryUnderCi();
const describeWithRegistry = registryAvailable() ? describe : describe.skip;

const NO_CREDENTIALS = { HOME: '/nonexistent' } as NodeJS.ProcessEnv;

const baseRequest = (host: string): FileImageBuildRequest => ({
  platform: 'linux/amd64',
  files: [
    { path: '/daprd', mode: 0o755, content: '#!/bin/sh\necho daprd\n' },
    { path: '/etc/passwd', mode: 0o644, content: 'nonroot:x:65532:65532::/home/nonroot:/sbin/nologin\n' },
  ],
  config: { entrypoint: ['/daprd'], user: '65532:65532', env: { PATH: '/usr/bin:/bin' } },
  push: `${host}/test/daprd-base:1.0.0`,
});

const extraFiles = (dir: string) => {
  fs.writeFileSync(path.join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  return [
    { path: '/etc/ssl/certs/corporate-ca.pem', mode: 0o644, sourceFile: path.join(dir, 'ca.pem') },
    { path: '/components/my-store', mode: 0o755, content: 'binary' },
  ];
};

describeWithRegistry('building images from files against a real registry', () => {
  let registry: TestRegistry;
  let tmp: string;
  beforeAll(async () => {
    registry = await sharedOrOwnRegistry();
  });
  afterAll(async () => registry?.stop());
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'image-build-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('a base image built from scratch is pushed and reads back byte for byte', async () => {
    const built = await buildFileImage(baseRequest(registry.host), NO_CREDENTIALS);
    const client = new RegistryClient(registry.host);
    const manifest = await client.getManifest('test/daprd-base', '1.0.0');
    expect(manifest.digest).toBe(built.digest);
    expect(manifest.mediaType).toBe(MediaType.OCI_MANIFEST);
    expect(manifest.body.layers.map((l: any) => l.digest)).toEqual([built.layerDigest]);

    const config = JSON.parse((await client.getBlob('test/daprd-base', manifest.body.config.digest)).toString());
    expect(config).toMatchObject({
      architecture: 'amd64',
      os: 'linux',
      created: EPOCH,
      config: { Entrypoint: ['/daprd'], User: '65532:65532', Env: ['PATH=/usr/bin:/bin'] },
      rootfs: { type: 'layers', diff_ids: [built.layerDiffId] },
    });

    const entries = readTar(await client.getBlob('test/daprd-base', built.layerDigest));
    expect(entries.map((e) => `${e.type} ${e.path} ${e.mode.toString(8)}`)).toEqual([
      '0 daprd 755', '5 etc/ 755', '0 etc/passwd 644',
    ]);
    expect(entries.every((e) => e.uid === 0 && e.gid === 0 && e.mtime === 0 && e.uname === '')).toBe(true);
  });

  test('files added on top of a pushed base: manifest, layers, config and file contents check out', async () => {
    const base = await buildFileImage(baseRequest(registry.host), NO_CREDENTIALS);
    const built = await buildFileImage({
      base: `${registry.host}/test/daprd-base:1.0.0`,
      platform: 'linux/amd64',
      files: extraFiles(tmp),
      config: { env: { SSL_CERT_DIR: '/etc/ssl/certs' }, labels: { 'org.opencontainers.image.title': 'daprd-custom' } },
      push: `${registry.host}/test/daprd-custom:abc123`,
    }, NO_CREDENTIALS);

    const client = new RegistryClient(registry.host);
    const manifest = await client.getManifest('test/daprd-custom', built.digest);
    expect(manifest.digest).toBe(built.digest);
    expect((await client.getManifest('test/daprd-custom', 'abc123')).digest).toBe(built.digest);
    expect(built.layers).toEqual([base.layerDigest, built.layerDigest]);
    expect(manifest.body.layers.map((l: any) => l.digest)).toEqual(built.layers);

    const config = JSON.parse((await client.getBlob('test/daprd-custom', manifest.body.config.digest)).toString());
    expect(config.rootfs.diff_ids).toEqual([base.layerDiffId, built.layerDiffId]);
    expect(config.config.Env).toEqual(['PATH=/usr/bin:/bin', 'SSL_CERT_DIR=/etc/ssl/certs']);
    expect(config.config.Entrypoint).toEqual(['/daprd']);
    expect(config.history).toHaveLength(2);

    // The base layer was mounted into the new repository, so it is pullable from there.
    expect(await client.hasBlob('test/daprd-custom', base.layerDigest)).toBe(true);
    const entries = readTar(await client.getBlob('test/daprd-custom', built.layerDigest));
    const files = Object.fromEntries(entries.filter((e) => e.type === '0').map((e) => [e.path, e]));
    expect(Object.keys(files)).toEqual(['components/my-store', 'etc/ssl/certs/corporate-ca.pem']);
    expect(files['etc/ssl/certs/corporate-ca.pem'].content.toString()).toContain('BEGIN CERTIFICATE');
    expect(files['components/my-store'].mode).toBe(0o755);
    expect(files['components/my-store'].content.toString()).toBe('binary');
  });

  test('the same inputs give the same digests, in a registry and in an OCI layout', async () => {
    await buildFileImage(baseRequest(registry.host), NO_CREDENTIALS);
    const request = (push: string, layout: string): FileImageBuildRequest => ({
      base: `${registry.host}/test/daprd-base:1.0.0`,
      platform: 'linux/amd64',
      files: extraFiles(tmp),
      push,
      ociLayout: { directory: path.join(tmp, layout), tag: 'v1' },
    });
    const first = await buildFileImage(request(`${registry.host}/test/repro-a:1`, 'layout-a'), NO_CREDENTIALS);
    const second = await buildFileImage(request(`${registry.host}/test/repro-b:1`, 'layout-b'), NO_CREDENTIALS);
    expect(second.digest).toBe(first.digest);
    expect(second.layerDigest).toBe(first.layerDigest);

    const layout = path.join(tmp, 'layout-a');
    expect(JSON.parse(fs.readFileSync(path.join(layout, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(fs.readFileSync(path.join(layout, 'index.json'), 'utf8'));
    expect(index.manifests[0]).toMatchObject({ digest: first.digest, annotations: { 'org.opencontainers.image.ref.name': 'v1' } });
    const blobs = fs.readdirSync(path.join(layout, 'blobs', 'sha256'));
    // manifest, config, and both layers
    expect(blobs).toHaveLength(4);
    for (const blob of blobs) {
      expect(sha256Digest(fs.readFileSync(path.join(layout, 'blobs', 'sha256', blob)))).toBe(`sha256:${blob}`);
    }
    expect(fs.readdirSync(tmp).filter((f) => f.includes('staging'))).toEqual([]);
  });

  test('a multi-platform base: the requested platform is picked, a missing one is named', async () => {
    const base = await buildFileImage(baseRequest(registry.host), NO_CREDENTIALS);
    const client = new RegistryClient(registry.host);
    const baseManifest = await client.getManifest('test/daprd-base', base.digest);
    const index = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.OCI_INDEX,
      manifests: [{ mediaType: MediaType.OCI_MANIFEST, digest: base.digest, size: baseManifest.bytes.length, platform: { os: 'linux', architecture: 'amd64' } }],
    }));
    await client.putManifest('test/daprd-base', 'multi', MediaType.OCI_INDEX, index);

    const built = await buildFileImage({ base: `${registry.host}/test/daprd-base:multi`, platform: 'linux/amd64', files: extraFiles(tmp) }, NO_CREDENTIALS);
    expect(built.layers[0]).toBe(base.layerDigest);
    await expect(buildFileImage({ base: `${registry.host}/test/daprd-base:multi`, platform: 'linux/arm64', files: [] }, NO_CREDENTIALS))
      .rejects.toThrow(/has no image for platform linux\/arm64; it has linux\/amd64/);
  });

  test('a missing base image and a missing source file are named', async () => {
    await expect(buildFileImage({ base: `${registry.host}/test/nothing-here:1`, platform: 'linux/amd64', files: [] }, NO_CREDENTIALS))
      .rejects.toThrow(`${registry.host}/test/nothing-here:1 does not exist (404)`);
    await expect(buildFileImage({ platform: 'linux/amd64', files: [{ path: '/x', mode: 0o644, sourceFile: path.join(tmp, 'missing.bin') }] }, NO_CREDENTIALS))
      .rejects.toThrow(/cannot read .*missing\.bin: ENOENT/);
  });
});

describe('registry failures', () => {
  test('a registry that is down is named, and no layout is left behind', async () => {
    const port = await freePort();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'image-down-'));
    await expect(buildFileImage({
      base: `127.0.0.1:${port}/dapr/daprd:1.18.3`,
      platform: 'linux/amd64',
      files: [],
      ociLayout: { directory: path.join(tmp, 'layout'), tag: 'v1' },
    }, NO_CREDENTIALS)).rejects.toThrow(`registry 127.0.0.1:${port} is not reachable (ECONNREFUSED)`);
    expect(fs.readdirSync(tmp)).toEqual([]);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('Bearer tokens: fetched from the realm with the credentials, refused ones are reported', async () => {
    const port = await freePort();
    const token = 'test-token-1';
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OCI_MANIFEST, config: {}, layers: [] });
    const scopes: string[] = [];
    const server = http.createServer((req, res) => {
      const url = new URL(req.url!, `http://127.0.0.1:${port}`);
      if (url.pathname === '/token') {
        scopes.push(url.searchParams.getAll('scope').join(' '));
        const ok = req.headers.authorization === `Basic ${Buffer.from(`${TEST_USER}:${TEST_PASSWORD}`).toString('base64')}`;
        res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
        res.end(ok ? JSON.stringify({ token }) : '{}');
        return;
      }
      if (req.headers.authorization !== `Bearer ${token}`) {
        res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${port}/token",service="test-registry"` });
        res.end();
        return;
      }
      res.writeHead(200, { 'Content-Type': MediaType.OCI_MANIFEST });
      res.end(manifest);
    });
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    try {
      const good = new RegistryClient(`127.0.0.1:${port}`, { username: TEST_USER, password: TEST_PASSWORD });
      expect((await good.getManifest('dapr/daprd', '1.18.3')).digest).toBe(sha256Digest(manifest));
      expect(scopes).toEqual(['repository:dapr/daprd:pull']);
      const bad = new RegistryClient(`127.0.0.1:${port}`, { username: TEST_USER, password: 'wrong' });
      await expect(bad.getManifest('dapr/daprd', '1.18.3')).rejects.toThrow(`the token service of 127.0.0.1:${port} refused the credentials (401)`);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describeWithRegistry('a registry with authentication', () => {
  let registry: TestRegistry;
  let tmp: string;
  beforeAll(async () => {
    registry = await startRegistry({ htpasswd: true });
  });
  afterAll(async () => registry?.stop());
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'image-auth-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const request = (host: string): FileImageBuildRequest => ({ platform: 'linux/amd64', files: [{ path: '/a', mode: 0o644, content: 'a' }], push: `${host}/test/authed:1` });

  test('without credentials the error says where to put them', async () => {
    await expect(buildFileImage(request(registry.host), { HOME: tmp })).rejects.toThrow(
      `${registry.host} asks for a user name and password and none were found: set CDK8S_DAPR_REGISTRY_USERNAME and CDK8S_DAPR_REGISTRY_PASSWORD`);
  });

  test('wrong credentials are refused by name', async () => {
    await expect(buildFileImage(request(registry.host), { HOME: tmp, CDK8S_DAPR_REGISTRY_USERNAME: TEST_USER, CDK8S_DAPR_REGISTRY_PASSWORD: 'wrong' }))
      .rejects.toThrow(`${registry.host} refused the credentials for HEAD test/authed (401)`);
  });

  test('credentials from the environment push', async () => {
    const env = { HOME: tmp, CDK8S_DAPR_REGISTRY_USERNAME: TEST_USER, CDK8S_DAPR_REGISTRY_PASSWORD: TEST_PASSWORD };
    const built = await buildFileImage(request(registry.host), env);
    const client = new RegistryClient(registry.host, { username: TEST_USER, password: TEST_PASSWORD });
    expect((await client.getManifest('test/authed', '1')).digest).toBe(built.digest);
  });

  test('credentials from a docker config file push', async () => {
    fs.writeFileSync(path.join(tmp, 'config.json'), JSON.stringify({
      auths: { [registry.host]: { auth: Buffer.from(`${TEST_USER}:${TEST_PASSWORD}`).toString('base64') } },
    }));
    const built = await buildFileImage(request(registry.host), { HOME: '/nonexistent', DOCKER_CONFIG: tmp });
    expect(built.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });
});
