import { ChildProcess, spawn } from 'child_process';
import { generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as https from 'https';
import * as net from 'net';
import * as path from 'path';
import * as YAML from 'yaml';

/**
 * A real kube-apiserver (with etcd) from envtest's binaries, the setup-envtest convention:
 * `$KUBEBUILDER_ASSETS/etcd` and `$KUBEBUILDER_ASSETS/kube-apiserver`. On 127.0.0.1 only, no
 * controllers (as envtest), a token with cluster-admin rights, data in `dir`.
 */
export interface Envtest {
  readonly dir: string;
  readonly kubeconfig: string;
  stop(): Promise<void>;
}

export async function startEnvtest(assets: string, dir: string): Promise<Envtest> {
  fs.mkdirSync(dir, { recursive: true });
  const [etcdClient, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(path.join(dir, 'sa.key'), privateKey.export({ type: 'pkcs1', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'sa.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  fs.writeFileSync(path.join(dir, 'tokens.csv'), 'envtest-token,envtest-admin,envtest-admin,"system:masters"\n');
  const processes: ChildProcess[] = [];
  const log = fs.openSync(path.join(dir, 'server.log'), 'a');
  const start = (bin: string, args: string[]) => {
    const child = spawn(path.join(assets, bin), args, { stdio: ['ignore', log, log] });
    processes.push(child);
  };
  start('etcd', [
    `--data-dir=${path.join(dir, 'etcd')}`,
    `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
    `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
    `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
    '--unsafe-no-fsync=true',
  ]);
  start('kube-apiserver', [
    '--advertise-address=127.0.0.1',
    '--bind-address=127.0.0.1',
    `--secure-port=${apiPort}`,
    `--cert-dir=${path.join(dir, 'certs')}`,
    `--etcd-servers=http://127.0.0.1:${etcdClient}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    `--service-account-issuer=https://127.0.0.1:${apiPort}`,
    `--service-account-key-file=${path.join(dir, 'sa.pub')}`,
    `--service-account-signing-key-file=${path.join(dir, 'sa.key')}`,
    `--token-auth-file=${path.join(dir, 'tokens.csv')}`,
    '--authorization-mode=RBAC',
    '--allow-privileged=true',
  ]);
  const stop = async () => {
    for (const p of processes.reverse()) {
      if (p.exitCode === null) {
        p.kill('SIGTERM');
        await new Promise((resolve) => p.once('exit', resolve));
      }
    }
    fs.closeSync(log);
  };
  try {
    await waitReady(apiPort, 60_000);
  } catch (e) {
    await stop();
    throw new Error(`kube-apiserver did not become ready (log: ${path.join(dir, 'server.log')}): ${e}`);
  }
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, YAML.stringify({
    'apiVersion': 'v1',
    'kind': 'Config',
    'current-context': 'envtest',
    'clusters': [{ name: 'envtest', cluster: { 'server': `https://127.0.0.1:${apiPort}`, 'insecure-skip-tls-verify': true } }],
    'users': [{ name: 'envtest', user: { token: 'envtest-token' } }],
    'contexts': [{ name: 'envtest', context: { cluster: 'envtest', user: 'envtest' } }],
  }));
  return { dir, kubeconfig, stop };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls /readyz until the server answers 200 (its certificate is self-signed, hence no verification). */
async function waitReady(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = https.get({ host: '127.0.0.1', port, path: '/readyz', rejectUnauthorized: false, headers: { Authorization: 'Bearer envtest-token' } },
        (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        });
      req.on('error', () => resolve(false));
      req.setTimeout(2000, () => req.destroy());
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no answer from /readyz within ${timeoutMs} ms`);
}
