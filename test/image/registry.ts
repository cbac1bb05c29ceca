import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/**
 * A real OCI registry for the image tests: Debian's `docker-registry` (the CNCF distribution
 * registry) on 127.0.0.1. `.ci/run` installs the package and starts one, exporting its address in
 * DAPR_TEST_REGISTRY; tests that need a registry with other settings (authentication) start
 * their own from the same binary.
 */

/** User and password the fixture `htpasswd` file accepts. Test-only, never a real secret. */
export const TEST_USER = 'ci-pusher';
export const TEST_PASSWORD = 'not-a-real-secret';

export const REGISTRY_BINARY = 'docker-registry';

export interface TestRegistry {
  /** host:port */
  readonly host: string;
  stop(): Promise<void>;
}

/** True when a registry can be used: one was started for us, or the binary is installed. */
export function registryAvailable(): boolean {
  return !!process.env.DAPR_TEST_REGISTRY || spawnSync('sh', ['-c', `command -v ${REGISTRY_BINARY}`]).status === 0;
}

/** Under CI a missing registry is a failure, not a skip. */
export function requireRegistryUnderCi(): void {
  if (process.env.CI && !registryAvailable()) {
    throw new Error(`CI needs the ${REGISTRY_BINARY} binary (Debian package docker-registry) or DAPR_TEST_REGISTRY; .ci/run installs it`);
  }
}

/** The shared registry from `.ci/run`, or a fresh one without authentication. */
export async function sharedOrOwnRegistry(): Promise<TestRegistry> {
  const shared = process.env.DAPR_TEST_REGISTRY;
  if (shared) return { host: shared, stop: async () => undefined };
  return startRegistry({});
}

/** A free TCP port on 127.0.0.1 (the port is released again before the caller binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts `docker-registry` on 127.0.0.1 with storage in a temporary folder. */
export async function startRegistry(options: { htpasswd?: boolean }): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-'));
  const port = await freePort();
  const auth = options.htpasswd
    ? `auth:\n  htpasswd:\n    realm: cdk8s-dapr-test\n    path: ${path.join(__dirname, 'fixtures', 'htpasswd')}\n`
    : '';
  fs.writeFileSync(path.join(dir, 'config.yml'), [
    'version: 0.1',
    'log:\n  level: error\n  accesslog:\n    disabled: true',
    `storage:\n  filesystem:\n    rootdirectory: ${path.join(dir, 'data')}\n  delete:\n    enabled: true`,
    `http:\n  addr: 127.0.0.1:${port}\n  secret: test-only-secret`,
    auth,
  ].join('\n'));
  const child: ChildProcess = spawn(REGISTRY_BINARY, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${REGISTRY_BINARY} exited: ${stderr}`);
    try {
      const res = await fetch(`http://${host}/v2/`);
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`${REGISTRY_BINARY} did not answer on ${host}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
