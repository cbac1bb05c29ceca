import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import type * as YamlModule from 'yaml';
import { daprManifests, DaprManifest } from './manifests';
import { DaprSidecar } from '../app/dapr-sidecar';
import { byCodePoint, compareCodePoints } from '../core/code-point-order';
import { BUILT_IN_KUBERNETES_STORE } from '../core/component-scopes';
import { containedTargets } from '../core/contained-paths';
import { checkMap, checkProps, checkString, checkStringList, checkStruct } from '../core/js-values';
import { checkOptOut, checkPlaintext, plaintextCredential } from '../core/plaintext-secrets';
import { DNS_SUBDOMAIN_RULE, fail, isDnsSubdomain } from '../core/validation';

let yamlModule: typeof YamlModule | undefined;

/**
 * The `yaml` package, loaded on first use: cdk8s bundles its own copy, so this one (about 70
 * modules) is only worth loading for an app that writes a local run.
 */
function yaml(): typeof YamlModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require('yaml') as typeof YamlModule;
  return yamlModule;
}

/** How `dapr run -f` starts one app locally. */
export interface LocalAppOptions {
  /**
   * The app's source directory, relative to the run file (`appDirPath`).
   * @default - a folder named after the app id, next to the run file
   */
  readonly appDirPath?: string;
  /**
   * The command that starts the app, e.g. `["uvicorn", "main:app", "--port", "8000"]`.
   * @default - no app process: only daprd starts
   */
  readonly command?: string[];
  /**
   * Environment variables for the app and daprd, written into `dapr.yaml`. A variable whose name
   * says credential or whose value holds one is refused unless named in `allowPlaintextSecrets`:
   * export it in the shell instead (daprd inherits the CLI's environment).
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * `env` variables whose plaintext credentials are written into `dapr.yaml` on purpose (the
   * explicit opt-out). Each must be a variable that would be refused without it.
   * @default - none
   */
  readonly allowPlaintextSecrets?: string[];
}

/** Props for `DaprLocalRun`. */
export interface DaprLocalRunProps {
  /**
   * Local settings per app id. Every Dapr app in the cdk8s app gets an entry in the run file;
   * these refine it.
   * @default - every app with default settings
   */
  readonly apps?: { [appId: string]: LocalAppOptions };
  /**
   * Folder for the local secret files, relative to the run file.
   * @default "secrets"
   */
  readonly secretsDir?: string;
}

const SECRET_STORE_PREFIX = 'secretstores.';

/**
 * The process-mode twin of a cdk8s app: what `dapr run -f` needs to run the same apps,
 * components and policies on a laptop.
 *
 * It reads the Dapr apps and the synthesized Dapr resources of the whole cdk8s app, and writes
 * `dapr.yaml` (a Multi-App Run file), one resources folder per app holding exactly the resources
 * scoped to that app, each app's Configuration, and local secret files: every secret store
 * becomes a `secretstores.local.file` store of the same name, so `secretKeyRef`s and
 * `auth.secretStore` keep working. Secret files are created with empty values for you to fill
 * in, and never overwritten.
 *
 * Call `writeFiles(dir)` after `app.synth()`; `files()` returns the same content for tests.
 */
export class DaprLocalRun extends Construct {
  private readonly props: DaprLocalRunProps;

  constructor(scope: Construct, id: string, props: DaprLocalRunProps = {}) {
    super(scope, id);
    checkProps(this, props, false);
    this.props = props;
    const secretsDir = checkString(this, 'secretsDir', props.secretsDir ?? 'secrets', 'a relative path with "/" separators');
    checkRelative(this, 'secretsDir', secretsDir);
    // the secret files are written there: it must stay inside the run file's folder
    if (path.posix.normalize(secretsDir).split('/')[0] === '..' || path.posix.normalize(secretsDir) === '.') {
      fail(this, 'secretsDir', secretsDir, 'a folder inside the output folder (no ".." out of it)');
    }
    for (const [appId, options] of Object.entries(checkMap(this, 'apps', props.apps, 'local app options'))) {
      checkStruct(this, `apps.${appId}`, options, 'local app options (appDirPath, command, env)');
      if (options.appDirPath !== undefined) checkRelative(this, `apps.${appId}.appDirPath`, options.appDirPath);
      if (options.command !== undefined) checkStringList(this, `apps.${appId}.command`, options.command, 'command words');
      const env = checkMap(this, `apps.${appId}.env`, options.env, 'strings');
      const names = Object.keys(env).sort(compareCodePoints);
      for (const name of names) {
        checkString(this, `apps.${appId}.env.${name}`, env[name]);
        checkPlaintext(this, `apps.${appId}.env.${name}`, name, env[name], options.allowPlaintextSecrets,
          `a variable that is not a credential: export "${name}" in the shell that runs dapr run -f (daprd and the app inherit it)`);
      }
      checkOptOut(this, options.allowPlaintextSecrets, names.filter((n) => plaintextCredential(n, env[n]) !== undefined),
        `variables of apps.${appId}.env`, `apps.${appId}.allowPlaintextSecrets`);
    }
  }

  /**
   * The files of the twin, by path relative to `outdir`, the folder the run file goes to
   * (paths between app directories and generated files are computed from it). Secret files
   * hold empty values.
   */
  public files(outdir: string): { [file: string]: string } {
    const root = App.of(this);
    const sidecars = DaprSidecar.all(root)
      .sort(byCodePoint((s) => s.appId));
    const known = new Set(sidecars.map((s) => s.appId));
    for (const appId of Object.keys(this.props.apps ?? {})) {
      if (!known.has(appId)) {
        fail(this, 'apps', appId, `the app id of a Dapr app in this cdk8s app (${[...known].join(', ') || 'there are none'})`);
      }
    }
    const manifests = daprManifests(root);
    const secretsDir = this.props.secretsDir ?? 'secrets';
    const files: { [file: string]: string } = {};
    const secrets = new Map<string, Map<string, Set<string>>>();
    const runApps: unknown[] = [];
    const fromSecrets: string[] = [];

    for (const sidecar of sidecars) {
      const options = this.props.apps?.[sidecar.appId] ?? {};
      const appDir = options.appDirPath ?? sidecar.appId;
      const absAppDir = path.resolve(outdir, appDir);
      const fromAppDir = (file: string) => path.relative(absAppDir, path.resolve(outdir, file)).split(path.sep).join('/') || '.';
      const resourcesDir = `resources/${sidecar.appId}`;
      const inScope = manifests.filter((m) => m.kind !== 'Configuration' && m.namespace === sidecar.namespace
        && (m.scopes === undefined || m.scopes.length === 0 || m.scopes.includes(sidecar.appId)));

      const localStores = new Set<string>();
      for (const m of inScope) checkFileName(this, m.kind, m.name);
      for (const m of inScope) {
        const { manifest, stores } = toLocal(m, secrets);
        stores.forEach((s) => localStores.add(s));
        if (m.kind === 'Component' && m.type?.startsWith(SECRET_STORE_PREFIX)) continue;
        files[`${resourcesDir}/${m.kind.toLowerCase()}-${m.name}.yaml`] = yaml().stringify(manifest);
      }
      for (const m of inScope.filter((x) => x.kind === 'Component' && x.type?.startsWith(SECRET_STORE_PREFIX))) {
        localStores.add(m.name);
      }
      for (const store of [...localStores].sort(compareCodePoints)) {
        checkFileName(this, 'secret store', store);
        files[`${resourcesDir}/component-${store}.yaml`] = yaml().stringify(localSecretStore(store, fromAppDir(`${secretsDir}/${store}.json`)));
        if (!secrets.has(store)) secrets.set(store, new Map());
      }

      const a = sidecar.annotations;
      const entry: { [key: string]: unknown } = { appID: sidecar.appId, appDirPath: appDir };
      if (options.command) entry.command = options.command;
      entry.resourcesPaths = [fromAppDir(resourcesDir)];
      const configName = a['dapr.io/config'];
      if (configName) {
        const config = manifests.find((m) => m.kind === 'Configuration' && m.name === configName && m.namespace === sidecar.namespace);
        if (config) {
          files[`config/${sidecar.appId}.yaml`] = localConfiguration(config.manifest);
          entry.configFilePath = fromAppDir(`config/${sidecar.appId}.yaml`);
        }
      }
      copy(a, entry, {
        'dapr.io/app-port': ['appPort', Number],
        'dapr.io/app-protocol': ['appProtocol', String],
        'dapr.io/app-channel-address': ['appChannelAddress', String],
        'dapr.io/app-max-concurrency': ['appMaxConcurrency', Number],
        'dapr.io/log-level': ['logLevel', String],
        'dapr.io/enable-api-logging': ['enableApiLogging', (v) => v === 'true'],
        'dapr.io/enable-profiling': ['enableProfiling', (v) => v === 'true'],
        'dapr.io/max-body-size': ['maxBodySize', String],
        'dapr.io/read-buffer-size': ['readBufferSize', String],
        'dapr.io/enable-app-health-check': ['enableAppHealthCheck', (v) => v === 'true'],
        'dapr.io/app-health-check-path': ['appHealthCheckPath', String],
        'dapr.io/app-health-probe-interval': ['appHealthProbeInterval', Number],
        'dapr.io/app-health-probe-timeout': ['appHealthProbeTimeout', Number],
        'dapr.io/app-health-threshold': ['appHealthThreshold', Number],
      });
      for (const [name, ref] of Object.entries(sidecar.options.sidecarEnvFromSecret ?? {})) {
        if (options.env?.[name] === undefined) fromSecrets.push(`${name} (${sidecar.appId}: Secret ${ref.secretName}, key ${ref.key ?? name})`);
      }
      const env = { ...sidecar.options.sidecarEnv, ...options.env };
      if (Object.keys(env).length > 0) {
        entry.env = Object.fromEntries(Object.keys(env).sort(compareCodePoints).map((k) => [k, env[k]]));
      }
      runApps.push(entry);
    }

    for (const [store, names] of [...secrets.entries()].sort(byCodePoint(([storeName]) => storeName))) {
      const doc: { [name: string]: { [key: string]: string } } = {};
      for (const [name, keys] of [...names.entries()].sort(byCodePoint(([secretName]) => secretName))) {
        doc[name] = Object.fromEntries([...keys].sort(compareCodePoints).map((k) => [k, '']));
      }
      files[`${secretsDir}/${store}.json`] = JSON.stringify(doc, null, 2) + '\n';
    }
    // daprd inherits the CLI's environment: variables Kubernetes takes from Secrets are exported by hand
    const exports = fromSecrets.sort(compareCodePoints).map((v) => `#   ${v}\n`).join('');
    files['dapr.yaml'] = '# Multi-App Run file: `dapr run -f .` from this folder. Generated by cdk8s-dapr.\n'
      + (exports ? `# Export these variables first (on Kubernetes they come from Secrets, through dapr.io/env-from-secret):\n${exports}` : '')
      + yaml().stringify({ version: 1, apps: runApps });
    return Object.fromEntries(Object.keys(files).sort(compareCodePoints).map((k) => [k, files[k]]));
  }

  /**
   * Writes `files()` under `outdir`, replacing the generated `resources/` and `config/`
   * folders. Existing secret files are kept: only missing secret names and keys are added,
   * with empty values.
   */
  public writeFiles(outdir: string): void {
    const secretsDir = (this.props.secretsDir ?? 'secrets') + '/';
    const files = this.files(outdir);
    const generated = ['resources', 'config'];
    // Every path is computed and checked before the first change on disk: a file that would land
    // outside `outdir` (a hostile name, a link out of the folder) fails the whole write.
    const targets = containedTargets(this, 'writeFiles', outdir, [...generated, ...Object.keys(files)]);
    // Generated folders are rewritten whole, so a removed resource does not linger; secrets stay.
    for (const folder of targets.slice(0, generated.length)) {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    for (const [i, [file, content]] of Object.entries(files).entries()) {
      const target = targets[generated.length + i];
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (file.startsWith(secretsDir) && fs.existsSync(target)) {
        fs.writeFileSync(target, mergeSecrets(fs.readFileSync(target, 'utf8'), content));
      } else {
        fs.writeFileSync(target, content);
      }
    }
  }
}

/**
 * Names become file names here (`resources/<app>/<kind>-<name>.yaml`, `<secretsDir>/<store>.json`),
 * and an object or reference of any chart may carry one: only names the API server takes for a
 * Dapr resource (custom resources: NameIsDNSSubdomain, apiextensions-apiserver) are used.
 */
function checkFileName(scope: IConstruct, what: string, name: unknown) {
  if (!isDnsSubdomain(name as string)) {
    fail(scope, `${what} name`, name, `${DNS_SUBDOMAIN_RULE}: the name of a Dapr resource, which the local twin uses as a file name`);
  }
}

function checkRelative(scope: IConstruct, prop: string, value: string) {
  if (typeof value !== 'string' || value === '' || path.posix.isAbsolute(value) || value.includes('\\')) {
    fail(scope, prop, value, 'a relative path with "/" separators, so the generated files work on any machine');
  }
}

/** Copies annotations into run-file fields, converting their string values. */
function copy(annotations: { [key: string]: string }, entry: { [key: string]: unknown },
  mapping: { [annotation: string]: [string, (v: string) => unknown] }) {
  for (const [annotation, [field, convert]] of Object.entries(mapping)) {
    if (annotations[annotation] !== undefined) entry[field] = convert(annotations[annotation]);
  }
}

/**
 * An app's Configuration for process mode, without `accessControl`: `dapr run` has no Sentry and
 * no mTLS, so callers have no SPIFFE identity and a default-deny policy would refuse every local
 * service call. The policy stays in force on Kubernetes.
 */
function localConfiguration(manifest: any): string {
  const local = withoutNamespace(manifest);
  if (local.spec?.accessControl === undefined) return yaml().stringify(local);
  const { accessControl: _ignored, ...spec } = local.spec;
  return '# accessControl is left out: process mode has no mTLS identities to check (it applies on Kubernetes).\n'
    + yaml().stringify({ ...local, spec });
}

function withoutNamespace(manifest: any): any {
  const { namespace: _ignored, ...metadata } = manifest.metadata ?? {};
  return { ...manifest, metadata };
}

/**
 * A resource as it runs locally: no namespace, and every secret reference resolved from a
 * local store (the component's `auth.secretStore`, or the built-in `kubernetes` store's stand-in).
 */
function toLocal(m: DaprManifest, secrets: Map<string, Map<string, Set<string>>>): { manifest: any; stores: string[] } {
  const manifest = JSON.parse(JSON.stringify(withoutNamespace(m.manifest)));
  const store: string = manifest.auth?.secretStore ?? BUILT_IN_KUBERNETES_STORE;
  const stores = new Set<string>();
  const refs: { name: string; key: string }[] = [];
  collectSecretRefs(manifest.spec, refs);
  for (const ref of refs) {
    if (!secrets.has(store)) secrets.set(store, new Map());
    const names = secrets.get(store)!;
    if (!names.has(ref.name)) names.set(ref.name, new Set());
    names.get(ref.name)!.add(ref.key);
    stores.add(store);
  }
  if (refs.length > 0 && manifest.auth?.secretStore === undefined) {
    manifest.auth = { secretStore: BUILT_IN_KUBERNETES_STORE };
  }
  return { manifest, stores: [...stores] };
}

function collectSecretRefs(node: unknown, out: { name: string; key: string }[]) {
  if (Array.isArray(node)) {
    node.forEach((n) => collectSecretRefs(n, out));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'secretKeyRef' && v && typeof (v as any).name === 'string') {
        out.push({ name: (v as any).name, key: (v as any).key ?? (v as any).name });
      } else {
        collectSecretRefs(v, out);
      }
    }
  }
}

function localSecretStore(name: string, secretsFile: string) {
  return {
    apiVersion: 'dapr.io/v1alpha1',
    kind: 'Component',
    metadata: { name },
    spec: {
      type: 'secretstores.local.file',
      version: 'v1',
      metadata: [
        { name: 'secretsFile', value: secretsFile },
        { name: 'nestedSeparator', value: ':' },
        { name: 'multiValued', value: 'true' },
      ],
    },
  };
}

function mergeSecrets(existing: string, generated: string): string {
  let current: any;
  try {
    current = JSON.parse(existing);
  } catch {
    return existing; // a file the user broke is theirs to fix; never clobber secrets
  }
  const wanted = JSON.parse(generated);
  for (const [name, keys] of Object.entries<{ [key: string]: string }>(wanted)) {
    current[name] = { ...keys, ...(current[name] ?? {}) };
  }
  return JSON.stringify(current, null, 2) + '\n';
}
