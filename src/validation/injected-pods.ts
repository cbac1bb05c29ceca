import { annotationProblems } from '../app/annotation-check';
import { injectManifest, podTemplateOfManifest, podTemplatePointer } from '../app/injected-pod';
import { CHART_INJECTOR_SETTINGS, InjectorSettings } from '../runtime/injector-settings';

/*
 * The manifests as they run: workloads whose pods Dapr's injector patches, with daprd added
 * (see `src/app/injected-pod.ts`), so schema and policy checks see the final pods.
 */

/** JSON path of a pod template's spec, as the validators print it. */
function specPath(kind: string): string {
  const pointer = podTemplatePointer(kind) ?? '';
  return `$${pointer.split('/').filter(Boolean).map((k) => `.${k}`).join('')}.spec`;
}

/** The manifests with every injected pod patched, and the JSON path prefix of each injected daprd. */
export function injectManifests(objects: any[], settings: InjectorSettings): { objects: any[]; daprdPaths: Set<string> } {
  const daprdPaths = new Set<string>();
  const out = objects.map((m) => {
    const patched = injectManifest(m, settings);
    if (patched !== m) {
      const spec = podTemplateOfManifest(patched)?.spec ?? {};
      const at = specPath(patched.kind);
      (spec.containers ?? []).forEach((c: any, i: number) => { if (c?.name === 'daprd') daprdPaths.add(`${describe(m)} ${at}.containers[${i}]`); });
      (spec.initContainers ?? []).forEach((c: any, i: number) => { if (c?.name === 'daprd') daprdPaths.add(`${describe(m)} ${at}.initContainers[${i}]`); });
    }
    return patched;
  });
  return { objects: out, daprdPaths };
}

function describe(m: any): string {
  return `${m?.kind}/${m?.metadata?.namespace ?? ''}/${m?.metadata?.name ?? ''}`;
}

/** Whether a problem at `path` of `object` (`Kind/namespace/name`) is in an injected daprd container. */
export function inInjectedDaprd(daprdPaths: Set<string>, object: string, path: string): boolean {
  for (const p of daprdPaths) {
    const [obj, prefix] = [p.slice(0, p.indexOf(' ')), p.slice(p.indexOf(' ') + 1)];
    if (obj === object && (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`))) return true;
  }
  return false;
}

/**
 * What the API server would reject in final pods, beyond schemas: volume mounts of volumes the pod
 * does not have (the injector drops its own token volume from pods without volumes that list
 * pluggable components: `sidecar_components.go` "add /spec/volumes"), and a Localhost seccomp
 * profile without `localhostProfile`.
 */
export function finalPodProblems(objects: any[]): Array<{ object: string; path: string; message: string }> {
  const out: Array<{ object: string; path: string; message: string }> = [];
  for (const m of objects) {
    const template = podTemplateOfManifest(m);
    if (!template?.spec) continue;
    const spec = template.spec;
    const at = specPath(m.kind);
    // a StatefulSet's claim templates are volumes of its pods too
    const volumes = new Set([...(spec.volumes ?? []), ...(m.kind === 'StatefulSet' ? m.spec?.volumeClaimTemplates ?? [] : [])]
      .map((v: any) => v?.name ?? v?.metadata?.name));
    const check = (sc: any, where: string, who: string) => {
      if (sc?.seccompProfile?.type === 'Localhost' && !sc.seccompProfile.localhostProfile) {
        out.push({ object: describe(m), path: `${where}.securityContext.seccompProfile`, message: `${who} has seccomp type Localhost without localhostProfile; the API server rejects the pod` });
      }
    };
    check(spec, at, 'the pod');
    for (const group of ['containers', 'initContainers']) {
      (spec[group] ?? []).forEach((c: any, i: number) => {
        const where = `${at}.${group}[${i}]`;
        check(c, where, `container "${c?.name}"`);
        (c?.volumeMounts ?? []).forEach((vm: any, j: number) => {
          if (!volumes.has(vm?.name)) {
            out.push({ object: describe(m), path: `${where}.volumeMounts[${j}]`, message: `container "${c?.name}" mounts volume "${vm?.name}", which the pod does not have; the API server rejects the pod` });
          }
        });
      });
    }
  }
  return out;
}

/** Unknown or ill-typed `dapr.io/*` annotations on pod templates. */
export function daprAnnotationProblems(objects: any[]): Array<{ object: string; path: string; message: string }> {
  return objects.flatMap((m) => {
    const template = podTemplateOfManifest(m);
    if (!template) return [];
    const at = `${specPath(m.kind).replace(/\.spec$/, '')}.metadata.annotations`;
    return annotationProblems(template.metadata?.annotations).map((message) => ({ object: describe(m), path: at, message }));
  });
}

/**
 * The injector settings found among manifests: those of a dapr-sidecar-injector Deployment's
 * environment (as Dapr's chart or DaprControlPlane renders it), else `otherwise` (Dapr's chart
 * defaults unless given).
 */
export function injectorSettingsFromManifests(objects: any[], otherwise: InjectorSettings = CHART_INJECTOR_SETTINGS): InjectorSettings {
  for (const m of objects) {
    if (m?.kind !== 'Deployment') continue;
    const container = (m.spec?.template?.spec?.containers ?? []).find((c: any) => (c?.env ?? []).some((e: any) => e?.name === 'SIDECAR_IMAGE'));
    if (!container) continue;
    const env = new Map<string, string>((container.env ?? []).filter((e: any) => typeof e?.value === 'string').map((e: any) => [e.name, e.value]));
    const truthy = (name: string, fallback: boolean) => (env.has(name) ? ['y', 'yes', 'true', 't', 'on', '1'].includes(env.get(name)!.trim().toLowerCase()) : fallback);
    const d = CHART_INJECTOR_SETTINGS;
    return {
      sidecarImage: env.get('SIDECAR_IMAGE') ?? d.sidecarImage,
      imagePullPolicy: ['Always', 'Never', 'IfNotPresent'].includes(env.get('SIDECAR_IMAGE_PULL_POLICY') ?? '') ? env.get('SIDECAR_IMAGE_PULL_POLICY')! : 'IfNotPresent',
      runAsNonRoot: truthy('SIDECAR_RUN_AS_NON_ROOT', true),
      readOnlyRootFilesystem: truthy('SIDECAR_READ_ONLY_ROOT_FILESYSTEM', true),
      dropAllCapabilities: truthy('SIDECAR_DROP_ALL_CAPABILITIES', false),
      nativeSidecar: truthy('NATIVE_SIDECAR_ENABLED', false),
      enableKubernetesDownwardApis: truthy('ENABLE_K8S_DOWNWARD_APIS', false),
      controlPlaneNamespace: m.metadata?.namespace ?? d.controlPlaneNamespace,
      trustDomain: env.get('DAPR_CONTROL_PLANE_TRUST_DOMAIN') ?? d.trustDomain,
      clusterDomain: env.get('KUBE_CLUSTER_DOMAIN') ?? d.clusterDomain,
      mtlsEnabled: d.mtlsEnabled,
      source: `the injector Deployment ${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`,
    };
  }
  return otherwise;
}

/**
 * App ids used by more than one workload of a namespace, across all documents: Dapr routes
 * invocations by app id and names the `<app-id>-dapr` Service after it, so the apps collide.
 */
export function duplicateAppIdProblems(documents: Array<{ document: string; objects: any[] }>): string[] {
  const seen = new Map<string, string[]>();
  for (const { document, objects } of documents) {
    objects.forEach((m, i) => {
      const annotations = podTemplateOfManifest(m)?.metadata?.annotations ?? {};
      if (!['y', 'yes', 'true', 't', 'on', '1'].includes(String(annotations['dapr.io/enabled'] ?? '').trim().toLowerCase())) return;
      const appId = annotations['dapr.io/app-id'] ?? (m.kind === 'Pod' ? m.metadata?.name : undefined);
      if (typeof appId !== 'string') return;
      const key = `${m.metadata?.namespace ?? 'default'}/${appId}`;
      seen.set(key, [...(seen.get(key) ?? []), `${document} #${i + 1} ${describe(m)}`]);
    });
  }
  return [...seen.entries()].filter(([, where]) => where.length > 1).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, where]) => `app id "${key.split('/')[1]}" of namespace "${key.split('/')[0]}" is used by ${where.length} workloads (${where.join(', ')}); an app id must be unique in its namespace: Dapr routes invocations and names the "<app-id>-dapr" Service by it`);
}
