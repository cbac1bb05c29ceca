import * as http from 'http';
import { AddressInfo } from 'net';

/**
 * A stand-in for the API server of a FRESH cluster, for the real `kubectl` to talk to.
 *
 * It behaves like kube-apiserver where `kubectl apply` / `wait` / `rollout status` meet it:
 * - discovery serves the built-in kinds only, plus the kinds of a CustomResourceDefinition once
 *   that CRD is applied AND Established (so kubectl reports "no matches for kind" before that);
 * - a CRD reports `Established=True` a short time after it is created, read through GET, LIST and
 *   WATCH, so `kubectl wait --for condition=established` works;
 * - creating an object in a namespace that does not exist fails with the API server's NotFound
 *   Status (`namespaces "x" not found`); `default`, `kube-system`, `kube-public` and
 *   `kube-node-lease` exist from the start;
 * - objects are stored as applied: GET, LIST (field and label selectors), WATCH, POST (create,
 *   409 when it exists), PATCH (JSON merge patch and strategic merge patch with the directives
 *   kubectl sends), with `dryRun=All` honoured; so a second client-side apply finds the
 *   last-applied annotation and reports `unchanged`;
 * - a Deployment or StatefulSet reports its replicas available a short time after it is written,
 *   so `kubectl rollout status` returns;
 * - a workload whose pods ask for a Dapr sidecar, written while the sidecar injector is not yet
 *   available, is recorded in `uninjected`: its pods would start without daprd (the webhook's
 *   `failurePolicy: Ignore`), the race the documented waits prevent.
 *
 * It listens on 127.0.0.1 only; no cluster is involved.
 */
export interface FreshCluster {
  readonly url: string;
  /** "METHOD path" of every request, in order. */
  readonly requests: string[];
  /** Every PATCH that reached a stored object (dry runs included): its path, body and whether it changed the object. */
  readonly patches: Array<{ readonly path: string; readonly body: any; readonly changed: boolean; readonly dryRun: boolean }>;
  /** "namespace/kind/name" of every Dapr-enabled workload written before the injector was available. */
  readonly uninjected: string[];
  /** The stored object, or undefined. */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): any;
  /** Every stored object. */
  objects(): any[];
  /** Resolves once the controllers' pending work (establishing CRDs, rolling workloads out) is done. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface FreshClusterOptions {
  /** How long a new CRD takes to become Established, and a Deployment to roll out (ms). @default 150 */
  readonly settleMs?: number;
}

interface Resource {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly shortNames: string[];
}

const b = (group: string, version: string, plural: string, kind: string, namespaced: boolean, ...shortNames: string[]): Resource =>
  ({ group, version, plural, kind, namespaced, shortNames });

/** The built-in resources of Kubernetes 1.28 that manifests of this kind use. */
const BUILT_IN: Resource[] = [
  b('', 'v1', 'configmaps', 'ConfigMap', true, 'cm'),
  b('', 'v1', 'endpoints', 'Endpoints', true, 'ep'),
  b('', 'v1', 'events', 'Event', true, 'ev'),
  b('', 'v1', 'limitranges', 'LimitRange', true, 'limits'),
  b('', 'v1', 'namespaces', 'Namespace', false, 'ns'),
  b('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, 'pvc'),
  b('', 'v1', 'pods', 'Pod', true, 'po'),
  b('', 'v1', 'resourcequotas', 'ResourceQuota', true, 'quota'),
  b('', 'v1', 'secrets', 'Secret', true),
  b('', 'v1', 'serviceaccounts', 'ServiceAccount', true, 'sa'),
  b('', 'v1', 'services', 'Service', true, 'svc'),
  b('admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false),
  b('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false),
  b('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, 'crd', 'crds'),
  b('apps', 'v1', 'daemonsets', 'DaemonSet', true, 'ds'),
  b('apps', 'v1', 'deployments', 'Deployment', true, 'deploy'),
  b('apps', 'v1', 'replicasets', 'ReplicaSet', true, 'rs'),
  b('apps', 'v1', 'statefulsets', 'StatefulSet', true, 'sts'),
  b('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, 'hpa'),
  b('batch', 'v1', 'cronjobs', 'CronJob', true, 'cj'),
  b('batch', 'v1', 'jobs', 'Job', true),
  b('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, 'ing'),
  b('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, 'netpol'),
  b('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, 'pdb'),
  b('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  b('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  b('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  b('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  b('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, 'pc'),
];

/** Namespaces every cluster has (kube-apiserver's system namespaces controller creates them). */
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const gv = (r: { group: string; version: string }) => (r.group ? `${r.group}/${r.version}` : r.version);

interface Watcher {
  readonly res: http.ServerResponse;
  readonly resource: Resource;
  readonly namespace?: string;
  readonly matches: (obj: any) => boolean;
}

export async function startFreshCluster(options: FreshClusterOptions = {}): Promise<FreshCluster> {
  const settleMs = options.settleMs ?? 150;
  const requests: string[] = [];
  const patches: Array<{ path: string; body: any; changed: boolean; dryRun: boolean }> = [];
  const uninjected: string[] = [];
  const store = new Map<string, any>();
  const watchers = new Set<Watcher>();
  const timers = new Set<NodeJS.Timeout>();
  let revision = 1;
  let uid = 0;

  const keyOf = (r: Resource, namespace: string | undefined, name: string) => `${r.group}/${r.plural}/${r.namespaced ? namespace : ''}/${name}`;

  /** Built-ins plus the kinds of every Established CRD: what discovery serves. */
  const served = (): Resource[] => {
    const custom: Resource[] = [];
    for (const crd of [...store.values()].filter((o) => o.kind === 'CustomResourceDefinition')) {
      if (!isEstablished(crd)) continue;
      for (const v of (crd.spec.versions ?? []).filter((x: any) => x.served)) {
        custom.push(b(crd.spec.group, v.name, crd.spec.names.plural, crd.spec.names.kind, crd.spec.scope === 'Namespaced', ...(crd.spec.names.shortNames ?? [])));
      }
    }
    return [...BUILT_IN, ...custom];
  };

  const put = (r: Resource, obj: any) => {
    obj.metadata.resourceVersion = String(++revision);
    const key = keyOf(r, obj.metadata.namespace, obj.metadata.name);
    const type = store.has(key) ? 'MODIFIED' : 'ADDED';
    store.set(key, obj);
    for (const w of watchers) {
      const sameResource = w.resource.group === r.group && w.resource.plural === r.plural;
      if (sameResource && (!w.namespace || w.namespace === obj.metadata.namespace) && w.matches(obj)) {
        w.res.write(JSON.stringify({ type, object: obj }) + '\n');
      }
    }
  };

  const later = (fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, settleMs);
    timers.add(t);
  };

  /** What the controllers do after a write: establish CRDs, roll Deployments and StatefulSets out. */
  const settle = (r: Resource, key: string) => {
    if (r.kind === 'CustomResourceDefinition') {
      later(() => {
        const crd = store.get(key);
        if (!crd || isEstablished(crd)) return;
        const now = new Date(0).toISOString();
        crd.status = {
          acceptedNames: crd.spec.names,
          storedVersions: (crd.spec.versions ?? []).filter((v: any) => v.storage).map((v: any) => v.name),
          conditions: [
            { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found', lastTransitionTime: now },
            { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted', lastTransitionTime: now },
          ],
        };
        put(r, crd);
      });
    }
    if (r.kind === 'Deployment' || r.kind === 'StatefulSet') {
      later(() => {
        const w = store.get(key);
        if (!w) return;
        const replicas = w.spec.replicas ?? 1;
        w.status = {
          observedGeneration: w.metadata.generation,
          replicas,
          updatedReplicas: replicas,
          readyReplicas: replicas,
          availableReplicas: replicas,
          ...(r.kind === 'StatefulSet' ? { currentReplicas: replicas, currentRevision: 'r1', updateRevision: 'r1' } : {}),
        };
        put(r, w);
      });
    }
  };

  /** The injector is available: its webhook is registered and its Deployment has ready replicas. */
  const injectorAvailable = () => {
    const objs = [...store.values()];
    const webhook = objs.some((o) => o.kind === 'MutatingWebhookConfiguration' && (o.webhooks ?? []).some((w: any) => w.name === 'sidecar-injector.dapr.io'));
    const deployment = objs.some((o) => o.kind === 'Deployment' && o.metadata.name === 'dapr-sidecar-injector' && (o.status?.availableReplicas ?? 0) > 0);
    return webhook && deployment;
  };

  const server = http.createServer((req, res) => {
    const [rawPath, rawQuery] = (req.url ?? '').split('?');
    const query = new URLSearchParams(rawQuery ?? '');
    requests.push(`${req.method} ${rawPath}`);
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        handle(req.method ?? 'GET', rawPath, query, req.headers['content-type'] ?? '', Buffer.concat(chunks).toString('utf8'), res);
      } catch (e) {
        send(res, 500, status(500, 'InternalError', String(e)));
      }
    });
  });

  const handle = (method: string, url: string, query: URLSearchParams, contentType: string, body: string, res: http.ServerResponse) => {
    if (url === '/version') return send(res, 200, { major: '1', minor: '28', gitVersion: 'v1.28.0' });
    if (url === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (url === '/apis') {
      const groups = new Map<string, string[]>();
      for (const r of served().filter((x) => x.group)) {
        const versions = groups.get(r.group) ?? [];
        if (!versions.includes(r.version)) versions.push(r.version);
        groups.set(r.group, versions);
      }
      return send(res, 200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: [...groups.entries()].map(([name, versions]) => {
          const list = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
          return { name, versions: list, preferredVersion: list[0] };
        }),
      });
    }
    if (url === '/openapi/v2') {
      // kubectl fetches the v2 document (protobuf) before anything else. An almost empty one,
      // `swagger: "2.0"` (gnostic's openapi_v2.Document, field 1): kubectl then reads the per
      // resource facts it needs from v3, and builds patches from its compiled-in types.
      res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' });
      return res.end(Buffer.from([0x0a, 0x03, 0x32, 0x2e, 0x30]));
    }
    if (url === '/openapi/v3') {
      const paths: { [gvPath: string]: unknown } = {};
      for (const r of served()) {
        const gvPath = r.group ? `apis/${gv(r)}` : 'api/v1';
        paths[gvPath] = { serverRelativeURL: `/openapi/v3/${gvPath}?hash=${served().length}` };
      }
      return send(res, 200, { paths });
    }
    if (url.startsWith('/openapi/v3/')) {
      return send(res, 200, openApiV3(served().filter((r) => (r.group ? `apis/${gv(r)}` : 'api/v1') === url.slice('/openapi/v3/'.length))));
    }
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/(.*))?$/.exec(url);
    if (!m) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const group = m[2] ?? '';
    const version = m[1] ?? m[3];
    const inVersion = served().filter((r) => r.group === group && r.version === version);
    if (!m[4]) {
      if (inVersion.length === 0) return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return send(res, 200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: gv({ group, version }),
        resources: inVersion.map((r) => ({
          name: r.plural,
          singularName: r.kind.toLowerCase(),
          namespaced: r.namespaced,
          kind: r.kind,
          ...(r.shortNames.length > 0 ? { shortNames: r.shortNames } : {}),
          verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
        })),
      });
    }
    const seg = m[4].split('/');
    let namespace: string | undefined;
    if (seg[0] === 'namespaces' && seg.length >= 3) {
      namespace = seg[1];
      seg.splice(0, 2);
    }
    const [plural, name, sub] = seg;
    const r = inVersion.find((x) => x.plural === plural);
    if (!r || sub !== undefined || (namespace !== undefined && !r.namespaced)) {
      return send(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const dryRun = query.getAll('dryRun').includes('All');
    const notFound = (n: string) => send(res, 404, status(404, 'NotFound', `${qualified(r)} "${n}" not found`, { name: n, group: r.group, kind: r.plural }));

    if (method === 'GET' && name) {
      const obj = store.get(keyOf(r, namespace, name));
      return obj ? send(res, 200, obj) : notFound(name);
    }
    if (method === 'GET') {
      const matches = selector(query);
      const items = [...store.entries()]
        .filter(([k]) => k.startsWith(`${r.group}/${r.plural}/${r.namespaced && namespace ? `${namespace}/` : ''}`))
        .map(([, o]) => o)
        .filter(matches);
      if (['true', '1'].includes(query.get('watch') ?? '')) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
        res.flushHeaders();
        const since = Number(query.get('resourceVersion') ?? '0');
        // replay what changed after the version the client listed
        for (const o of items.filter((x) => Number(x.metadata.resourceVersion) > since)) res.write(JSON.stringify({ type: 'MODIFIED', object: o }) + '\n');
        const w: Watcher = { res, resource: r, namespace, matches };
        watchers.add(w);
        res.on('close', () => watchers.delete(w));
        return;
      }
      return send(res, 200, { kind: `${r.kind}List`, apiVersion: gv(r), metadata: { resourceVersion: String(revision) }, items });
    }
    if (method === 'POST' && !name) {
      const obj = JSON.parse(body);
      if (obj.apiVersion !== gv(r) || obj.kind !== r.kind) {
        return send(res, 400, status(400, 'BadRequest', `the API version in the data (${obj.apiVersion}) does not match the expected API version (${gv(r)})`));
      }
      const objName = obj.metadata?.name;
      if (!objName) return send(res, 422, status(422, 'Invalid', `${r.kind} "" is invalid: metadata.name: Required value: name or generateName is required`));
      if (r.namespaced) {
        if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
          return send(res, 400, status(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request'));
        }
        // kube-apiserver's NamespaceLifecycle admission: no objects in a namespace that does not exist
        if (!store.has(keyOf(BUILT_IN.find((x) => x.kind === 'Namespace')!, undefined, namespace!))) {
          return send(res, 404, status(404, 'NotFound', `namespaces "${namespace}" not found`, { name: namespace!, kind: 'namespaces' }));
        }
        obj.metadata.namespace = namespace;
      }
      const key = keyOf(r, namespace, objName);
      if (store.has(key)) {
        return send(res, 409, status(409, 'AlreadyExists', `${qualified(r)} "${objName}" already exists`, { name: objName, group: r.group, kind: r.plural }));
      }
      obj.metadata.uid = `00000000-0000-4000-8000-${String(++uid).padStart(12, '0')}`;
      obj.metadata.creationTimestamp = new Date(0).toISOString().replace('.000', '');
      obj.metadata.generation = 1;
      if (r.kind === 'Deployment' && obj.spec && obj.spec.replicas === undefined) obj.spec.replicas = 1;
      if (dryRun) return send(res, 201, obj);
      if (isDaprWorkload(obj) && !injectorAvailable()) uninjected.push(`${namespace}/${r.kind}/${objName}`);
      put(r, obj);
      settle(r, key);
      return send(res, 201, obj);
    }
    if (method === 'PATCH' && name) {
      const key = keyOf(r, namespace, name);
      const current = store.get(key);
      if (!current) return notFound(name);
      const patch = JSON.parse(body);
      const strategic = contentType.startsWith('application/strategic-merge-patch+json');
      if (!strategic && !contentType.startsWith('application/merge-patch+json')) {
        return send(res, 415, status(415, 'UnsupportedMediaType', `the media type "${contentType}" is not supported by this stand-in`));
      }
      if (strategic && !BUILT_IN.includes(r)) {
        // as kube-apiserver: custom resources take no strategic merge patch
        return send(res, 415, status(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml'));
      }
      const next = strategic ? strategicMerge(current, patch) : mergePatch(current, patch);
      const changed = JSON.stringify(next) !== JSON.stringify(current);
      patches.push({ path: url, body: patch, changed, dryRun });
      // as kube-apiserver: a patch that changes nothing writes nothing (same resourceVersion)
      if (!changed) return send(res, 200, current);
      if (JSON.stringify(next.spec) !== JSON.stringify(current.spec)) next.metadata.generation = (current.metadata.generation ?? 1) + 1;
      if (dryRun) return send(res, 200, next);
      if (isDaprWorkload(next) && !injectorAvailable()) uninjected.push(`${namespace}/${r.kind}/${name}`);
      put(r, next);
      settle(r, key);
      return send(res, 200, next);
    }
    return send(res, 405, status(405, 'MethodNotAllowed', `${method} is not supported by this stand-in on ${url}`));
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const ns = BUILT_IN.find((x) => x.kind === 'Namespace')!;
  for (const name of SYSTEM_NAMESPACES) {
    put(ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: `system-${name}` }, status: { phase: 'Active' } });
  }
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    patches,
    uninjected,
    get: (apiVersion, kind, namespace, name) => {
      const r = served().find((x) => gv(x) === apiVersion && x.kind === kind) ?? BUILT_IN.find((x) => gv(x) === apiVersion && x.kind === kind);
      return r ? store.get(keyOf(r, namespace, name)) : undefined;
    },
    objects: () => [...store.values()],
    settled: async () => {
      while (timers.size > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
    },
    close: () => new Promise<void>((resolve) => {
      timers.forEach((t) => clearTimeout(t));
      for (const w of watchers) w.res.end();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * The OpenAPI v3 document of one group-version, reduced to what kubectl reads from it: each
 * resource's PATCH operation and its `fieldValidation` parameter, which tells kubectl the server
 * validates fields itself (so it skips its client-side schema check, as against a 1.27+ API
 * server). The stand-in does not check fields; the library's own schemas do that at synth.
 */
function openApiV3(resources: Resource[]): unknown {
  const paths: { [path: string]: unknown } = {};
  for (const r of resources) {
    const prefix = r.group ? `/apis/${gv(r)}` : '/api/v1';
    paths[`${prefix}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`] = {
      patch: {
        'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
        'parameters': [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        'responses': { 200: { description: 'OK' } },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.28.0' }, paths };
}

function send(res: http.ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The Status body kube-apiserver sends with an error. */
function status(code: number, reason: string, message: string, details?: { name: string; group?: string; kind: string }): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

function qualified(r: Resource): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

function isEstablished(crd: any): boolean {
  return (crd.status?.conditions ?? []).some((c: any) => c.type === 'Established' && c.status === 'True');
}

/** A workload whose pods the Dapr injector is asked to patch (`dapr.io/enabled: "true"`). */
function isDaprWorkload(obj: any): boolean {
  const template = obj.kind === 'CronJob' ? obj.spec?.jobTemplate?.spec?.template : obj.spec?.template;
  return template?.metadata?.annotations?.['dapr.io/enabled'] === 'true';
}

/** `fieldSelector=metadata.name=x` and equality `labelSelector`s, as kubectl wait and rollout status send them. */
function selector(query: URLSearchParams): (obj: any) => boolean {
  const tests: Array<(obj: any) => boolean> = [];
  for (const term of (query.get('fieldSelector') ?? '').split(',').filter(Boolean)) {
    const [field, value] = term.split('=');
    if (field === 'metadata.name') tests.push((o) => o.metadata.name === value);
    else if (field === 'metadata.namespace') tests.push((o) => o.metadata.namespace === value);
    else throw new Error(`field selector ${term} is not supported by this stand-in`);
  }
  for (const term of (query.get('labelSelector') ?? '').split(',').filter(Boolean)) {
    const eq = /^([^!=]+)(?:==?)(.*)$/.exec(term);
    if (eq) tests.push((o) => o.metadata.labels?.[eq[1]] === eq[2]);
    else tests.push((o) => o.metadata.labels?.[term] !== undefined);
  }
  return (obj) => tests.every((t) => t(obj));
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: any, patch: any): any {
  if (!isObject(patch)) return clone(patch);
  const out: any = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * Strategic merge patch as kubectl's client-side apply sends it: maps merge, `null` deletes,
 * lists of maps with a `$setElementOrder/<field>` directive merge by the key its entries carry
 * (the field's patch merge key, e.g. `name`) and drop entries marked `$patch: delete`, other
 * lists are replaced; `$retainKeys` and `$deleteFromPrimitiveList/<field>` are honoured.
 */
export function strategicMerge(target: any, patch: any): any {
  if (!isObject(patch)) return clone(patch);
  const out: any = isObject(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$setElementOrder/') || k === '$retainKeys' || k === '$patch') continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      out[field] = (out[field] ?? []).filter((x: any) => !(v as any[]).includes(x));
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const order = patch[`$setElementOrder/${k}`];
    if (Array.isArray(v) && Array.isArray(order) && order.length > 0 && isObject(order[0])) {
      const mergeKey = Object.keys(order[0])[0];
      const current: any[] = Array.isArray(out[k]) ? out[k] : [];
      const byKey = new Map(current.map((e) => [e[mergeKey], e]));
      for (const item of v as any[]) {
        if (item.$patch === 'delete') byKey.delete(item[mergeKey]);
        else byKey.set(item[mergeKey], strategicMerge(byKey.get(item[mergeKey]), item));
      }
      out[k] = (order as any[]).map((o) => byKey.get(o[mergeKey])).filter((e) => e !== undefined);
      continue;
    }
    out[k] = strategicMerge(out[k], v);
  }
  if (Array.isArray(patch.$retainKeys)) {
    for (const key of Object.keys(out)) if (!patch.$retainKeys.includes(key)) delete out[key];
  }
  return out;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x));
}
