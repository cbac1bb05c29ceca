import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTar } from './tar-reader';
import { ImageReference } from '../../src/core/image-reference';
import { findCredentials } from '../../src/image/credentials';
import { buildLayer } from '../../src/image/layer';
import { createTar } from '../../src/image/tar';

describe('deterministic tar', () => {
  test('entries sorted, parents first, fixed ownership and time, whatever the input order', () => {
    const files = [
      { path: 'usr/local/bin/tool', mode: 0o755, content: Buffer.from('tool') },
      { path: 'etc/app.yaml', mode: 0o600, content: Buffer.from('a: 1\n') },
    ];
    const tar = createTar(files);
    expect(createTar([...files].reverse()).equals(tar)).toBe(true);
    expect(tar.length % 512).toBe(0);
    expect(readTar(tar).map((e) => [e.type, e.path, e.mode.toString(8), e.uid, e.gid, e.mtime])).toEqual([
      ['5', 'etc/', '755', 0, 0, 0],
      ['0', 'etc/app.yaml', '600', 0, 0, 0],
      ['5', 'usr/', '755', 0, 0, 0],
      ['5', 'usr/local/', '755', 0, 0, 0],
      ['5', 'usr/local/bin/', '755', 0, 0, 0],
      ['0', 'usr/local/bin/tool', '755', 0, 0, 0],
    ]);
  });

  test('long paths: the ustar prefix field, then a PAX record', () => {
    const medium = `${'d'.repeat(120)}/file.txt`;
    const long = `${'x'.repeat(200)}/${'y'.repeat(120)}.txt`;
    const entries = readTar(createTar([
      { path: medium, mode: 0o644, content: Buffer.from('m') },
      { path: long, mode: 0o644, content: Buffer.from('l') },
    ]));
    const files = entries.filter((e) => e.type === '0');
    expect(files.map((e) => e.path)).toEqual([medium, long]);
    expect(files.map((e) => e.content.toString())).toEqual(['m', 'l']);
  });

  test('a layer has stable digests and a gzip header without time or OS', () => {
    const layer = buildLayer([{ path: 'a', mode: 0o644, content: Buffer.from('a') }]);
    expect(buildLayer([{ path: 'a', mode: 0o644, content: Buffer.from('a') }]).digest).toBe(layer.digest);
    expect(layer.blob.readUInt32LE(4)).toBe(0);
    expect(layer.blob[9]).toBe(255);
    expect(layer.diffId).not.toBe(layer.digest);
  });
});

describe('ImageReference', () => {
  test.each([
    ['daprd', 'docker.io', 'library/daprd', undefined, undefined],
    ['ghcr.io/dapr/daprd:1.18.3', 'ghcr.io', 'dapr/daprd', '1.18.3', undefined],
    [`127.0.0.1:5000/team/img@sha256:${'a'.repeat(64)}`, '127.0.0.1:5000', 'team/img', undefined, `sha256:${'a'.repeat(64)}`],
    ['localhost/img:v1', 'localhost', 'img', 'v1', undefined],
  ])('%s', (ref, registry, repository, tag, digest) => {
    const parsed = ImageReference.parse(ref);
    expect([parsed.registry, parsed.repository, parsed.tag, parsed.digest]).toEqual([registry, repository, tag, digest]);
  });

  test('malformed references are refused with the expected shape', () => {
    for (const bad of ['Ghcr.io/Dapr', 'ghcr.io/dapr/daprd:', 'a@sha256:short', 'img:-tag', '']) {
      expect(() => ImageReference.parse(bad)).toThrow('is not an image reference "[registry/]repository[:tag][@sha256:<64 hex>]"');
    }
    expect(ImageReference.parse('docker.io/library/redis:7').apiHost).toBe('registry-1.docker.io');
    expect(ImageReference.parse('r.example.com/a:1').withDigest(`sha256:${'b'.repeat(64)}`).toString()).toBe(`r.example.com/a@sha256:${'b'.repeat(64)}`);
  });

  test('tryParse returns undefined for what parse refuses, and the same parts otherwise', () => {
    for (const bad of ['Ghcr.io/Dapr', 'ghcr.io/dapr/daprd:', 'a@sha256:short', 'img:-tag', '', '[::1/img', 'ghcr.io//x:1']) {
      expect(ImageReference.tryParse(bad)).toBeUndefined();
      expect(ImageReference.isValid(bad)).toBe(false);
    }
    const ref = ImageReference.tryParse('[::1]:5000/team/img:v2');
    expect([ref?.registry, ref?.repository, ref?.tag]).toEqual(['[::1]:5000', 'team/img', 'v2']);
  });
});

describe('credentials', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'creds-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('environment variables count for the push target only', () => {
    const env = { HOME: dir, CDK8S_DAPR_REGISTRY_USERNAME: 'u', CDK8S_DAPR_REGISTRY_PASSWORD: 'p' };
    expect(findCredentials('r.example.com', true, env)).toEqual({ username: 'u', password: 'p' });
    expect(findCredentials('r.example.com', false, env)).toBeUndefined();
    expect(() => findCredentials('r.example.com', true, { HOME: dir, CDK8S_DAPR_REGISTRY_USERNAME: 'u' }))
      .toThrow('CDK8S_DAPR_REGISTRY_USERNAME is set but CDK8S_DAPR_REGISTRY_PASSWORD is not');
  });

  test('docker config: auths by host, the Docker Hub legacy key, identity tokens, credential helpers', () => {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'docker-credential-test'), '#!/bin/sh\nread host\necho "{\\"Username\\":\\"helper-user\\",\\"Secret\\":\\"for-$host\\"}"\n', { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({
      auths: {
        'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw').toString('base64') },
        'r.example.com': { auth: Buffer.from('user:pa:ss').toString('base64') },
        'id.example.com': { identitytoken: 'refresh' },
      },
      credHelpers: { 'helped.example.com': 'test' },
    }));
    const env = { DOCKER_CONFIG: dir };
    expect(findCredentials('r.example.com', false, env)).toEqual({ username: 'user', password: 'pa:ss' });
    expect(findCredentials('docker.io', false, env)).toEqual({ username: 'hub', password: 'pw' });
    expect(findCredentials('id.example.com', false, env)).toEqual({ identityToken: 'refresh' });
    expect(findCredentials('other.example.com', false, env)).toBeUndefined();
    expect(findCredentials('helped.example.com', false, { ...env, PATH: `${bin}:${process.env.PATH}` }))
      .toEqual({ username: 'helper-user', password: 'for-helped.example.com' });
  });
});
