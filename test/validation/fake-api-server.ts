import * as http from 'http';
import { AddressInfo } from 'net';

/**
 * The smallest API server kubectl needs for `apply --dry-run=client`: discovery documents for
 * the kinds given, and 404 for every object (so each one is a create). It listens on 127.0.0.1
 * only and holds no state; no cluster is involved.
 */
export interface FakeKind { readonly apiVersion: string; readonly kind: string; readonly namespaced: boolean }

export async function startFakeApiServer(kinds: FakeKind[]): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const byGroupVersion = new Map<string, FakeKind[]>();
  for (const k of kinds) byGroupVersion.set(k.apiVersion, [...(byGroupVersion.get(k.apiVersion) ?? []), k]);
  const resourceList = (gv: string) => ({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: (byGroupVersion.get(gv) ?? []).map((k) => ({
      name: plural(k.kind),
      singularName: k.kind.toLowerCase(),
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  });
  const groups = [...new Set([...byGroupVersion.keys()].filter((gv) => gv.includes('/')).map((gv) => gv.split('/')[0]))].sort();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0];
    requests.push(`${req.method} ${url}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'] });
    if (url === '/apis') {
      return send(200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((name) => {
          const versions = [...byGroupVersion.keys()].filter((gv) => gv.startsWith(`${name}/`)).map((gv) => ({ groupVersion: gv, version: gv.split('/')[1] }));
          return { name, versions, preferredVersion: versions[0] };
        }),
      });
    }
    if (url === '/api/v1') return send(200, resourceList('v1'));
    const m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(url);
    if (m) return send(200, resourceList(`${m[1]}/${m[2]}`));
    return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function plural(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('y')) return lower.slice(0, -1) + 'ies';
  if (lower.endsWith('s')) return lower + 'es';
  return lower + 's';
}
