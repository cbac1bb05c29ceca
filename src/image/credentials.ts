import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Credentials for one registry. Never part of the code or the synthesized output. */
export interface RegistryCredentials {
  readonly username?: string;
  readonly password?: string;
  /** An OAuth2 refresh token (docker config's `identitytoken`). */
  readonly identityToken?: string;
}

/** Environment variables holding the credentials of the registry images are pushed to. */
export const USERNAME_ENV = 'CDK8S_DAPR_REGISTRY_USERNAME';
export const PASSWORD_ENV = 'CDK8S_DAPR_REGISTRY_PASSWORD';

/**
 * Finds the credentials for `registry`: the environment variables (only for the registry
 * images are pushed to, so they never travel to another host), then the docker config file
 * (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`): its credential helpers, its
 * credential store, or its `auths` entries.
 */
export function findCredentials(registry: string, isPushTarget: boolean, env: NodeJS.ProcessEnv = process.env): RegistryCredentials | undefined {
  if (isPushTarget && env[USERNAME_ENV] !== undefined) {
    if (!env[PASSWORD_ENV]) throw new Error(`${USERNAME_ENV} is set but ${PASSWORD_ENV} is not`);
    return { username: env[USERNAME_ENV], password: env[PASSWORD_ENV] };
  }
  const config = readDockerConfig(env);
  if (!config) return undefined;
  const keys = registryKeys(registry);
  const helper = keys.map((k) => config.credHelpers?.[k]).find((h) => h) ?? config.credsStore;
  if (helper) {
    const fromHelper = runCredentialHelper(helper, keys[0], env);
    if (fromHelper) return fromHelper;
  }
  for (const key of keys) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.identitytoken) return { identityToken: entry.identitytoken };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new Error(`the docker config's auth entry for ${key} is not base64 of "user:password"`);
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (entry.username) return { username: entry.username, password: entry.password };
  }
  return undefined;
}

interface DockerConfig {
  readonly auths?: { [key: string]: { auth?: string; username?: string; password?: string; identitytoken?: string } };
  readonly credHelpers?: { [key: string]: string };
  readonly credsStore?: string;
}

function readDockerConfig(env: NodeJS.ProcessEnv): DockerConfig | undefined {
  const dir = env.DOCKER_CONFIG ?? path.join(env.HOME ?? os.homedir(), '.docker');
  const file = path.join(dir, 'config.json');
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    // not the parser's message: it quotes the file, whose "auths" hold credentials
    throw new Error(`cannot read the docker config ${file}: ${e instanceof SyntaxError ? 'it is not valid JSON' : (e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

/** The keys a docker config may file a registry under. Docker Hub has a legacy one. */
function registryKeys(registry: string): string[] {
  if (registry === 'docker.io' || registry === 'registry-1.docker.io') {
    return ['https://index.docker.io/v1/', 'docker.io', 'index.docker.io', 'registry-1.docker.io'];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`];
}

/** The docker credential helper protocol: the server URL on stdin, JSON on stdout. */
function runCredentialHelper(helper: string, serverUrl: string, env: NodeJS.ProcessEnv): RegistryCredentials | undefined {
  const result = spawnSync(`docker-credential-${helper}`, ['get'], { input: serverUrl, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
  if (result.error || result.status !== 0) return undefined;
  try {
    const parsed = JSON.parse(result.stdout);
    if (parsed.Username === '<token>') return { identityToken: parsed.Secret };
    return { username: parsed.Username, password: parsed.Secret };
  } catch {
    return undefined;
  }
}
