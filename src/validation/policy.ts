import { isPinnedImage } from '../core/image-reference';
import { POLICY_EXEMPTIONS_ANNOTATION } from '../core/policy-annotation';

/**
 * Workload policy: the Pod Security Standards "restricted" profile and the common kube-score /
 * kube-linter checks, over synthesized manifests.
 *
 * A workload may be exempted from named rules, explicitly, with the annotation
 * `policy.cdk8s-dapr.io/exemptions: "<rule>,<rule>"` on its own metadata (e.g. the control plane
 * keeps its service account token: it talks to the Kubernetes API).
 */

export { POLICY_EXEMPTIONS_ANNOTATION };

/** One policy violation in a synthesized manifest. */
export interface PolicyViolation {
  /** The rule id, e.g. `seccomp`. */
  readonly rule: string;
  /** `Kind/namespace/name` of the workload. */
  readonly object: string;
  /** JSON path of the offending field. */
  readonly path: string;
  /** What is wrong and what is expected. */
  readonly message: string;
}

/** The rules, with what each demands. */
export const POLICY_RULES: { readonly [rule: string]: string } = {
  'run-as-non-root': 'runAsNonRoot: true on the pod or on every container (PSS restricted)',
  'run-as-root-user': 'no runAsUser: 0 (PSS restricted)',
  'privilege-escalation': 'allowPrivilegeEscalation: false on every container (PSS restricted)',
  'capabilities': 'capabilities.drop contains ALL, and only NET_BIND_SERVICE is added (PSS restricted)',
  'seccomp': 'seccompProfile RuntimeDefault or Localhost on the pod or every container (PSS restricted)',
  'privileged': 'no privileged containers (PSS baseline)',
  'host-namespaces': 'no hostNetwork, hostPID or hostIPC (PSS baseline)',
  'host-path': 'no hostPath volumes (PSS baseline)',
  'host-ports': 'no hostPort (PSS baseline)',
  'resource-requests': 'CPU and memory requests on every container (kube-score)',
  'cpu-limit': 'a CPU limit on every container (kube-score)',
  'memory-limit': 'a memory limit on every container (kube-score)',
  'readiness-probe': 'a readiness probe on every container of a pod a Service sends traffic to, but Dapr pluggable component containers (daprd\'s readiness covers them) (kube-score)',
  'image-tag': 'images pinned by tag or digest, never latest (kube-score, kube-linter)',
  'service-account-token': 'automountServiceAccountToken: false unless exempted (kube-linter)',
  'disruption-budget': 'a PodDisruptionBudget for workloads with more than one replica (kube-score)',
};

const LONG_RUNNING = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/** Where the pod spec of each workload kind sits. */
function podTemplate(m: any): { spec: any; path: string; labels?: { [k: string]: string }; annotations?: { [k: string]: string } } | undefined {
  if (m.kind === 'Pod') return { spec: m.spec, path: '$.spec', labels: m.metadata?.labels, annotations: m.metadata?.annotations };
  if (m.kind === 'CronJob') {
    const t = m.spec?.jobTemplate?.spec?.template;
    return t && { spec: t.spec, path: '$.spec.jobTemplate.spec.template.spec', labels: t.metadata?.labels, annotations: t.metadata?.annotations };
  }
  if ([...LONG_RUNNING, 'Job'].includes(m.kind) && m.spec?.template) {
    return { spec: m.spec.template.spec, path: '$.spec.template.spec', labels: m.spec.template.metadata?.labels, annotations: m.spec.template.metadata?.annotations };
  }
  return undefined;
}

/**
 * Pluggable component containers of a Dapr pod: their readiness is daprd's, which becomes ready
 * only once it has discovered their sockets and connected (dapr v1.18.3 `pkg/runtime/runtime.go`
 * `pluggable.Discover`, `pkg/components/pluggable/grpc.go` Ping with WaitForReady), so the pod
 * is not Ready, and gets no Service traffic, before they serve.
 */
function socketReadyContainers(annotations: { [k: string]: string } | undefined): Set<string> {
  const enabled = ['y', 'yes', 'true', 't', 'on', '1'].includes(String(annotations?.['dapr.io/enabled'] ?? '').trim().toLowerCase());
  return new Set(enabled ? String(annotations?.['dapr.io/pluggable-components'] ?? '').split(',').filter(Boolean) : []);
}

/** Checks every workload in `manifests` and lists each violation. */
export function checkWorkloadPolicy(manifests: any[]): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const budgets = new SelectorIndex(manifests.filter((m) => m?.kind === 'PodDisruptionBudget'), (b) => b.spec?.selector?.matchLabels);
  const services = new SelectorIndex(manifests.filter((m) => m?.kind === 'Service'), (svc) => svc.spec?.selector);
  for (const m of manifests) {
    const pod = podTemplate(m);
    if (!pod?.spec) continue;
    const object = `${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`;
    const exempt = new Set(String(m.metadata?.annotations?.[POLICY_EXEMPTIONS_ANNOTATION] ?? '').split(',').map((r) => r.trim()).filter(Boolean));
    const report = (rule: string, path: string, message: string) => {
      if (!exempt.has(rule)) out.push({ rule, object, path, message });
    };
    const served = services.selects(m, pod.labels);
    checkPod(pod.spec, pod.path, served, report, socketReadyContainers(pod.annotations));
    if (m.spec?.replicas > 1 && !budgets.selects(m, pod.labels)) {
      report('disruption-budget', '$.spec.replicas', `${m.spec.replicas} replicas and no PodDisruptionBudget selecting the pods`);
    }
  }
  return out;
}

/**
 * Services or PodDisruptionBudgets, each filed under its namespace and one entry of its selector.
 * A selector picks pods only when all its entries are among their labels, so the owners filed
 * under the pods' labels are the only candidates: finding them costs the number of labels, not
 * the number of owners, and policy checks stay linear in the size of the chart.
 */
class SelectorIndex {
  private static key(object: any, label: string, value: unknown): string {
    // a collision only adds a candidate, which matches() then rejects
    return `${object.metadata?.namespace ?? ''}\u0000${label}\u0000${String(value)}`;
  }

  private readonly filed = new Map<string, any[]>();

  public constructor(private readonly owners: any[], private readonly selectorOf: (owner: any) => any) {
    for (const owner of owners) {
      const selector = selectorOf(owner);
      const entry = selector === null || selector === undefined ? undefined : Object.entries(selector)[0];
      if (!entry) continue; // an empty selector picks nothing (see matches)
      const key = SelectorIndex.key(owner, entry[0], entry[1]);
      const list = this.filed.get(key);
      if (list) list.push(owner);
      else this.filed.set(key, [owner]);
    }
  }

  /** True when one of the owners picks the pods of `workload`, labelled `labels`. */
  public selects(workload: any, labels?: { [k: string]: string }): boolean {
    const picks = (owner: any) => matches(this.selectorOf(owner), owner, workload, labels);
    // labels that are not a mapping: the full scan, so that the outcome stays that of matches()
    if (labels !== undefined && (labels === null || typeof labels !== 'object')) return this.owners.some(picks);
    return Object.entries(labels ?? {}).some(([k, v]) => (this.filed.get(SelectorIndex.key(workload, k, v)) ?? []).some(picks));
  }
}

/** True when `selector` (a label map of `owner`) picks the pods of `workload`, in the same namespace. */
function matches(selector: { [k: string]: string } | undefined, owner: any, workload: any, labels: { [k: string]: string } = {}): boolean {
  if ((owner.metadata?.namespace ?? '') !== (workload.metadata?.namespace ?? '')) return false;
  const wanted = selector ?? {};
  return Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

type Report = (rule: string, path: string, message: string) => void;

function checkPod(spec: any, path: string, served: boolean, report: Report, socketReady: Set<string>) {
  const podSc = spec.securityContext ?? {};
  for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[f] === true) report('host-namespaces', `${path}.${f}`, `${f} is true`);
  }
  (spec.volumes ?? []).forEach((v: any, i: number) => {
    if (v.hostPath) report('host-path', `${path}.volumes[${i}]`, `volume "${v.name}" is a hostPath`);
  });
  if (spec.automountServiceAccountToken !== false) {
    report('service-account-token', `${path}.automountServiceAccountToken`, `is ${spec.automountServiceAccountToken ?? 'unset (true)'}; set false, or exempt the workload`);
  }
  const groups: [string, any[]][] = [['containers', spec.containers ?? []], ['initContainers', spec.initContainers ?? []]];
  for (const [group, containers] of groups) {
    containers.forEach((c: any, i: number) => {
      const at = `${path}.${group}[${i}]`;
      const sc = c.securityContext ?? {};
      if ((sc.runAsNonRoot ?? podSc.runAsNonRoot) !== true) report('run-as-non-root', `${at}.securityContext.runAsNonRoot`, `container "${c.name}" may run as root`);
      if ((sc.runAsUser ?? podSc.runAsUser) === 0) report('run-as-root-user', `${at}.securityContext.runAsUser`, `container "${c.name}" runs as user 0`);
      if (sc.allowPrivilegeEscalation !== false) report('privilege-escalation', `${at}.securityContext.allowPrivilegeEscalation`, `container "${c.name}" allows privilege escalation`);
      if (sc.privileged === true) report('privileged', `${at}.securityContext.privileged`, `container "${c.name}" is privileged`);
      const drop: string[] = sc.capabilities?.drop ?? [];
      const add: string[] = sc.capabilities?.add ?? [];
      if (!drop.includes('ALL') || add.some((a) => a !== 'NET_BIND_SERVICE')) {
        report('capabilities', `${at}.securityContext.capabilities`, `container "${c.name}" drops [${drop.join(', ')}] and adds [${add.join(', ')}]`);
      }
      const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') report('seccomp', `${at}.securityContext.seccompProfile`, `container "${c.name}" has seccomp profile ${seccomp ?? 'unset'}`);
      (c.ports ?? []).forEach((p: any, j: number) => {
        if (p.hostPort !== undefined) report('host-ports', `${at}.ports[${j}].hostPort`, `container "${c.name}" binds host port ${p.hostPort}`);
      });
      if (typeof c.image !== 'string' || !isPinnedImage(c.image)) report('image-tag', `${at}.image`, `image ${JSON.stringify(c.image)} is not pinned by tag or digest`);
      if (group === 'containers' || c.restartPolicy === 'Always') {
        const r = c.resources ?? {};
        if (r.requests?.cpu === undefined || r.requests?.memory === undefined) report('resource-requests', `${at}.resources.requests`, `container "${c.name}" lacks CPU or memory requests`);
        if (r.limits?.cpu === undefined) report('cpu-limit', `${at}.resources.limits.cpu`, `container "${c.name}" has no CPU limit`);
        if (r.limits?.memory === undefined) report('memory-limit', `${at}.resources.limits.memory`, `container "${c.name}" has no memory limit`);
        if (group === 'containers' && served && !c.readinessProbe && !socketReady.has(c.name)) report('readiness-probe', `${at}.readinessProbe`, `container "${c.name}" has no readiness probe`);
      }
    });
  }
}
