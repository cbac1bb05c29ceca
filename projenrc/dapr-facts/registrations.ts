import { byCodePoint, UpstreamSource } from './source';

/** Where daprd registers the component types it is built with, in dapr/dapr. */
export const REGISTRATIONS_FOLDER = 'cmd/daprd/components';

/** The loader packages of dapr/dapr and the category prefix of the types each registers. */
const LOADERS: { [pkg: string]: string } = {
  'pkg/components/bindings': 'bindings',
  'pkg/components/configuration': 'configuration',
  'pkg/components/conversation': 'conversation',
  'pkg/components/crypto': 'crypto',
  'pkg/components/lock': 'lock',
  'pkg/components/middleware/http': 'middleware.http',
  'pkg/components/nameresolution': 'nameresolution',
  'pkg/components/pubsub': 'pubsub',
  'pkg/components/secretstores': 'secretstores',
  'pkg/components/state': 'state',
};

export interface Registration {
  /** The registering file. */
  readonly file: string;
  /** The full type names daprd registers, e.g. `bindings.postgres` and `bindings.postgresql`. */
  readonly types: string[];
  /** The components-contrib packages the file builds them from, e.g. `bindings/postgres`. */
  readonly packages: string[];
}

/**
 * The type names daprd registers per components-contrib package. A component's `spec.type`
 * must be one of these; several differ from the name in the package's metadata.yaml
 * (`crypto.dapr.jwks` for `crypto/jwks`, `secretstores.aws.secretmanager` for
 * `secretstores/aws/secretmanager`), or are older names kept for compatibility.
 */
export function readRegistrations(dapr: UpstreamSource): Registration[] {
  const out: Registration[] = [];
  const files = dapr.list(REGISTRATIONS_FOLDER).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'));
  const texts = dapr.readAll(files);
  for (const [i, file] of files.entries()) {
    const text = texts[i];
    // Released daprd builds use the "allcomponents" tag; a file behind any other tag is for tests.
    const build = /^\/\/go:build (.*)$/m.exec(text)?.[1];
    if (build !== undefined && !/\ballcomponents\b/.test(build)) continue;
    const importBlock = /^import\s*\(([\s\S]*?)^\)/m.exec(text)?.[1] ?? /^import\s+(.*)$/m.exec(text)?.[1] ?? '';
    const packages = [...importBlock.matchAll(/"github\.com\/dapr\/components-contrib\/([^"]+)"/g)].map((m) => m[1]);
    const loaders = [...importBlock.matchAll(/"github\.com\/dapr\/dapr\/(pkg\/components\/[^"]+)"/g)].map((m) => LOADERS[m[1]]).filter((c) => c !== undefined);
    const init = text.indexOf('func init()');
    if (packages.length === 0 || loaders.length !== 1 || init < 0) continue;
    const names = [...text.slice(init).matchAll(/"([a-z0-9][a-z0-9.-]*)"/g)].map((m) => m[1]).filter((n) => !/^v\d+$/.test(n));
    const types = [...new Set(names.map((n) => `${loaders[0]}.${n}`))].sort(byCodePoint);
    if (types.length > 0) out.push({ file, types, packages: packages.sort(byCodePoint) });
  }
  return out;
}
