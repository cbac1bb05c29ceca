import { Chart, Duration, Testing } from 'cdk8s';
import { CLUSTER_SCOPED, DEFAULT_OBJECTS, HA_EXTRA_OBJECTS, KNOWN_KINDS } from './expected-objects';
import { container, find, flag, podSpecs, synthControlPlane } from './helpers';
import { JwksSource, TokenValidator } from '../../src/config';
import { LogLevel } from '../../src/core/enums';
import { DaprImage } from '../../src/image';
import {
  ControlPlaneStorage, DaprControlPlane, DaprCrds, DaprVersion, DisruptionBudget, ImagePullPolicy,
  PodAntiAffinityPolicy, TrustBundle, WebhookFailurePolicy,
} from '../../src/runtime';
import { checkWorkloadPolicy } from '../../src/validation/policy';

const ids = (objects: any[]) => objects
  .map((o) => [o.kind, o.metadata.namespace, o.metadata.name].filter((x) => x !== undefined).join('/'))
  .sort();

describe('DaprControlPlane: what it synthesizes', () => {
  test('default settings (snapshot)', () => {
    expect(synthControlPlane().objects).toMatchSnapshot();
  });

  test('HA (snapshot)', () => {
    expect(synthControlPlane({ ha: true }).objects).toMatchSnapshot();
  });

  test('the same objects as Dapr\'s chart, plus the Namespace', () => {
    expect(ids(synthControlPlane().objects)).toEqual([...DEFAULT_OBJECTS].sort());
    expect(ids(synthControlPlane({ ha: true }).objects)).toEqual([...DEFAULT_OBJECTS, ...HA_EXTRA_OBJECTS].sort());
  });

  test('every kind/apiVersion is one the cluster serves, and only cluster-scoped kinds lack a namespace', () => {
    const app = Testing.app();
    const crds = new Chart(app, 'crds', { namespace: 'ignored' });
    new DaprCrds(crds, 'crds');
    const platform = new Chart(app, 'platform', { namespace: 'also-ignored' });
    new DaprControlPlane(platform, 'dapr', { ha: true, priorityClassName: 'system-cluster-critical' });
    for (const o of [...Testing.synth(crds), ...Testing.synth(platform)]) {
      expect(`${o.kind} ${o.apiVersion}`).toBe(`${o.kind} ${KNOWN_KINDS[o.kind]}`);
      expect(o.metadata.namespace === undefined).toBe(CLUSTER_SCOPED.includes(o.kind));
      expect(o.metadata.namespace ?? '').not.toMatch(/ignored/);
    }
  });

  test('output is deterministic', () => {
    const props = { ha: true, nodeSelector: { b: '2', a: '1' }, labels: { team: 'platform' } };
    expect(JSON.stringify(synthControlPlane(props).objects)).toBe(JSON.stringify(synthControlPlane(props).objects));
  });

  test('the version is pinned in one place and overridable', () => {
    expect(DaprVersion.LATEST.version).toBe('1.18.3');
    const { objects } = synthControlPlane({ version: DaprVersion.of('1.18.4'), registry: 'mirror.internal:5000/dapr' });
    expect(container(objects, 'Deployment', 'dapr-operator').image).toBe('mirror.internal:5000/dapr/operator:1.18.4');
    const env = container(objects, 'Deployment', 'dapr-sidecar-injector').env;
    expect(env.find((e: any) => e.name === 'SIDECAR_IMAGE').value).toBe('mirror.internal:5000/dapr/daprd:1.18.4');
    expect(find(objects, 'Deployment', 'dapr-sentry').metadata.labels['app.kubernetes.io/version']).toBe('1.18.4');
  });
});

describe('RBAC', () => {
  const { objects } = synthControlPlane();

  test('the injector may patch only its own webhook', () => {
    const rules = find(objects, 'ClusterRole', 'dapr-injector').rules;
    expect(rules).toContainEqual({
      apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'], verbs: ['patch'], resourceNames: ['dapr-sidecar-injector'],
    });
    expect(find(objects, 'Role', 'dapr-injector').rules[0]).toEqual({ apiGroups: [''], resources: ['secrets'], verbs: ['get'], resourceNames: ['dapr-trust-bundle'] });
  });

  test('sentry touches only the trust bundle Secret and ConfigMap, and creates TokenReviews', () => {
    const role = find(objects, 'Role', 'dapr-sentry').rules;
    expect(role.filter((r: any) => r.resources.includes('secrets') || r.resources.includes('configmaps'))
      .every((r: any) => JSON.stringify(r.resourceNames) === '["dapr-trust-bundle"]')).toBe(true);
    expect(find(objects, 'ClusterRole', 'dapr-sentry').rules[0]).toEqual({ apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] });
  });

  test('the operator reads every Dapr resource and holds only its own leader-election locks', () => {
    const dapr = find(objects, 'ClusterRole', 'dapr-operator-admin').rules.find((r: any) => r.apiGroups[0] === 'dapr.io');
    expect(dapr.resources).toEqual(['components', 'configurations', 'subscriptions', 'resiliencies', 'httpendpoints', 'mcpservers', 'workflowaccesspolicies']);
    expect(dapr.verbs).toEqual(['get', 'list', 'watch']);
    const locks = find(objects, 'Role', 'dapr-operator').rules.filter((r: any) => r.verbs.includes('update'));
    expect(locks.every((r: any) => JSON.stringify(r.resourceNames) === '["operator.dapr.io","webhooks.dapr.io"]')).toBe(true);
  });

  test('placement has no permissions; the scheduler only reads namespaces', () => {
    expect(find(objects, 'ClusterRole', 'dapr-placement').rules).toEqual([]);
    expect(find(objects, 'ClusterRole', 'dapr-scheduler').rules).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] }]);
  });

  test('every binding names a ServiceAccount in the control plane namespace and an existing role', () => {
    for (const b of objects.filter((o) => o.kind.endsWith('Binding') && o.metadata.name !== 'dapr-secret-reader')) {
      expect(b.subjects).toEqual([{ kind: 'ServiceAccount', name: expect.any(String), namespace: 'dapr-system' }]);
      expect(objects.some((o) => o.kind === 'ServiceAccount' && o.metadata.name === b.subjects[0].name)).toBe(true);
      expect(objects.some((o) => o.kind === b.roleRef.kind && o.metadata.name === b.roleRef.name)).toBe(true);
    }
  });

  test('the secret reader is opt-in (least privilege) and can be moved', () => {
    expect(synthControlPlane().objects.some((o) => o.metadata.name.includes('secret-reader'))).toBe(false);
    expect(find(synthControlPlane({ secretReader: true }).objects, 'Role', 'secret-reader').rules)
      .toEqual([{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]);
    const moved = synthControlPlane({ secretReader: true, secretReaderNamespace: 'apps' }).objects;
    expect(find(moved, 'RoleBinding', 'dapr-secret-reader').subjects).toEqual([{ kind: 'ServiceAccount', name: 'default', namespace: 'apps' }]);
    expect(synthControlPlane({ secretReader: false }).objects.some((o) => o.metadata.name.includes('secret-reader'))).toBe(false);
  });
});

describe('sidecar injector webhook', () => {
  test('mutates pod creation through the injector Service, no caBundle in the manifest', () => {
    const { objects } = synthControlPlane();
    const [hook] = find(objects, 'MutatingWebhookConfiguration', 'dapr-sidecar-injector').webhooks;
    expect(hook).toEqual({
      name: 'sidecar-injector.dapr.io',
      reinvocationPolicy: 'IfNeeded',
      clientConfig: { service: { namespace: 'dapr-system', name: 'dapr-sidecar-injector', path: '/mutate' } },
      rules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }],
      failurePolicy: 'Ignore',
      sideEffects: 'None',
      admissionReviewVersions: ['v1', 'v1beta1'],
    });
    const svc = find(objects, 'Service', 'dapr-sidecar-injector');
    expect(svc.spec.ports[0]).toEqual({ port: 443, targetPort: 'https', protocol: 'TCP', name: 'https' });
  });

  test('failure policy and sidecar defaults', () => {
    const { objects } = synthControlPlane({
      namespace: 'dapr',
      webhookFailurePolicy: WebhookFailurePolicy.FAIL,
      sidecar: { image: 'mirror/daprd:1.18.3', imagePullPolicy: ImagePullPolicy.ALWAYS, nativeSidecar: true, dropAllCapabilities: false },
    });
    const [hook] = find(objects, 'MutatingWebhookConfiguration', 'dapr-sidecar-injector').webhooks;
    expect(hook.failurePolicy).toBe('Fail');
    expect(hook.clientConfig.service.namespace).toBe('dapr');
    const env = Object.fromEntries(container(objects, 'Deployment', 'dapr-sidecar-injector').env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({
      SIDECAR_IMAGE: 'mirror/daprd:1.18.3',
      SIDECAR_IMAGE_PULL_POLICY: 'Always',
      NATIVE_SIDECAR_ENABLED: 'true',
      SIDECAR_DROP_ALL_CAPABILITIES: 'false',
      SIDECAR_RUN_AS_NON_ROOT: 'true',
      DAPR_SENTRY_ADDRESS: 'dapr-sentry.dapr.svc.cluster.local:443',
    });
    // Valid JSON, so the injector can parse it.
    expect(JSON.parse(env.IGNORE_ENTRYPOINT_TOLERATIONS)).toContainEqual({ effect: 'NoSchedule', key: 'azure.com/aci' });
  });

  test('injected sidecars drop all capabilities by default', () => {
    const env = container(synthControlPlane().objects, 'Deployment', 'dapr-sidecar-injector').env;
    expect(env.find((e: any) => e.name === 'SIDECAR_DROP_ALL_CAPABILITIES').value).toBe('true');
  });
});

describe('scheduler storage', () => {
  test('16Gi per replica by default, three etcd members spread over zones', () => {
    const sts = find(synthControlPlane().objects, 'StatefulSet', 'dapr-scheduler-server');
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.volumeClaimTemplates).toEqual([{
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'dapr-scheduler-data-dir' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '16Gi' } } },
    }]);
    const args = sts.spec.template.spec.containers[0].args;
    expect(flag(args, '--etcd-initial-cluster')!.split(',')).toHaveLength(3);
    expect(flag(args, '--etcd-data-dir')).toBe('/var/run/data/dapr-scheduler/dapr-system/$(SCHEDULER_ID)');
    expect(sts.spec.template.spec.affinity.podAntiAffinity).toBeDefined();
  });

  test('size and storage class', () => {
    const sts = find(synthControlPlane({
      scheduler: { storage: ControlPlaneStorage.persistent({ size: '50Gi', storageClassName: 'premium-ssd' }), replicas: 5 },
    }).objects, 'StatefulSet', 'dapr-scheduler-server');
    expect(sts.spec.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'premium-ssd', resources: { requests: { storage: '50Gi' } } });
    expect(flag(sts.spec.template.spec.containers[0].args, '--etcd-initial-cluster')!.split(',')).toHaveLength(5);
  });

  test('in memory: no claims, a memory-backed emptyDir at the data dir', () => {
    const sts = find(synthControlPlane({ scheduler: { storage: ControlPlaneStorage.inMemory() } }).objects, 'StatefulSet', 'dapr-scheduler-server');
    expect(sts.spec.volumeClaimTemplates).toBeUndefined();
    expect(sts.spec.template.spec.volumes[0]).toEqual({ name: 'dapr-scheduler-data-dir', emptyDir: { medium: 'Memory' } });
    expect(sts.spec.template.spec.containers[0].volumeMounts[0].name).toBe('dapr-scheduler-data-dir');
  });

  test('placement keeps its raft log on a volume only in HA', () => {
    const single = find(synthControlPlane().objects, 'StatefulSet', 'dapr-placement-server');
    expect(single.spec.volumeClaimTemplates).toBeUndefined();
    expect(flag(single.spec.template.spec.containers[0].args, '--raft-logstore-path')).toBeUndefined();
    const ha = find(synthControlPlane({ ha: true }).objects, 'StatefulSet', 'dapr-placement-server');
    expect(ha.spec.replicas).toBe(3);
    expect(ha.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    expect(flag(ha.spec.template.spec.containers[0].args, '--raft-logstore-path')).toBe('/var/run/dapr/raft-log/cluster-v2-nonroot-$(PLACEMENT_ID)');
    const memory = find(synthControlPlane({ ha: true, placement: { raftLogStorage: ControlPlaneStorage.inMemory() } }).objects, 'StatefulSet', 'dapr-placement-server');
    expect(memory.spec.volumeClaimTemplates).toBeUndefined();
  });
});

describe('security', () => {
  test('every pod meets Pod Security Standards "restricted"', () => {
    for (const { name, spec } of podSpecs(synthControlPlane({ ha: true }).objects)) {
      expect(spec.hostNetwork ?? false).toBe(false);
      for (const c of spec.containers) {
        expect({ name, sc: c.securityContext }).toEqual({
          name,
          sc: {
            runAsNonRoot: true,
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
            seccompProfile: { type: 'RuntimeDefault' },
          },
        });
      }
      for (const v of spec.volumes) {
        expect(Object.keys(v).filter((k) => k !== 'name')).toEqual([expect.stringMatching(/^(configMap|secret|emptyDir|projected)$/)]);
      }
    }
  });

  test('the namespace enforces "restricted" unless told not to', () => {
    expect(find(synthControlPlane().objects, 'Namespace', 'dapr-system').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(find(synthControlPlane({ enforcePodSecurityStandard: false }).objects, 'Namespace', 'dapr-system').metadata.labels['pod-security.kubernetes.io/enforce']).toBeUndefined();
    expect(synthControlPlane({ createNamespace: false }).objects.some((o) => o.kind === 'Namespace')).toBe(false);
  });

  test('sentry generates the trust bundle into an empty Secret by default', () => {
    const { objects } = synthControlPlane();
    expect(find(objects, 'Secret', 'dapr-trust-bundle').data).toBeUndefined();
    expect(find(objects, 'ConfigMap', 'dapr-trust-bundle').data).toBeUndefined();
  });

  test('an existing trust bundle Secret: not synthesized, root certificate published, key names passed', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----';
    const { cp, objects } = synthControlPlane({
      trustBundle: TrustBundle.fromExistingSecret({ rootCertificatePem: pem, issuerKeyFilename: 'tls.key', issuerCertificateFilename: 'tls.crt' }),
    });
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
    expect(cp.trustBundleSecret).toBeUndefined();
    expect(find(objects, 'ConfigMap', 'dapr-trust-bundle').data).toEqual({ 'ca.crt': `${pem}\n` });
    const args = container(objects, 'Deployment', 'dapr-sentry').args;
    expect([flag(args, '--issuer-ca-filename'), flag(args, '--issuer-certificate-filename'), flag(args, '--issuer-key-filename')])
      .toEqual(['ca.crt', 'tls.crt', 'tls.key']);
    expect(cp.runtimeManagedFields().map((f) => f.kind)).toEqual(['MutatingWebhookConfiguration']);
  });

  test('fields the control plane rewrites are listed for GitOps', () => {
    expect(synthControlPlane().cp.runtimeManagedFields()).toEqual([
      expect.objectContaining({ kind: 'MutatingWebhookConfiguration', name: 'dapr-sidecar-injector', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] }),
      expect.objectContaining({ kind: 'Secret', name: 'dapr-trust-bundle', namespace: 'dapr-system', jsonPointers: ['/data'] }),
      expect.objectContaining({ kind: 'ConfigMap', name: 'dapr-trust-bundle', namespace: 'dapr-system', jsonPointers: ['/data'] }),
    ]);
  });

  test('mTLS settings reach the daprsystem Configuration', () => {
    const { objects } = synthControlPlane({ mtls: { workloadCertTtl: Duration.hours(12), allowedClockSkew: Duration.minutes(5), controlPlaneTrustDomain: 'acme.internal' } });
    expect(find(objects, 'Configuration', 'daprsystem').spec.mtls).toEqual({
      enabled: true,
      workloadCertTTL: '12h',
      allowedClockSkew: '5m',
      controlPlaneTrustDomain: 'acme.internal',
      sentryAddress: 'dapr-sentry.dapr-system.svc.cluster.local:443',
    });
    expect(flag(container(objects, 'Deployment', 'dapr-sentry').args, '--trust-domain')).toBe('acme.internal');
    const volumes = find(objects, 'Deployment', 'dapr-operator').spec.template.spec.volumes;
    expect(JSON.stringify(volumes)).toContain('spiffe://acme.internal/ns/dapr-system/dapr-sentry');
  });
});

describe('HA', () => {
  const { objects } = synthControlPlane({ ha: true, haReplicas: 5, haPodAntiAffinity: PodAntiAffinityPolicy.REQUIRED, disruptionBudget: DisruptionBudget.minAvailable('2') });

  test('replicas, anti-affinity and disruption budgets', () => {
    for (const name of ['dapr-operator', 'dapr-sentry', 'dapr-sidecar-injector']) {
      const d = find(objects, 'Deployment', name);
      expect(d.spec.replicas).toBe(5);
    }
    for (const name of ['dapr-placement-server', 'dapr-scheduler-server']) {
      expect(find(objects, 'StatefulSet', name).spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([{
        labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [name] }] }, topologyKey: 'topology.kubernetes.io/zone',
      }]);
    }
    const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    expect(pdbs).toHaveLength(5);
    for (const pdb of pdbs) {
      expect(pdb.spec.minAvailable).toBe(2);
      const selected = podSpecs(objects).length && objects.filter((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet')
        && Object.entries(pdb.spec.selector.matchLabels).every(([k, v]) => o.spec.template.metadata.labels[k] === v));
      expect(selected).toHaveLength(1);
    }
  });
});

describe('hazard: required anti-affinity on the Deployments stalls rollouts', () => {
  test('REQUIRED leaves operator, sentry and injector preferred (the chart hard-codes it), so a surge pod can always schedule', () => {
    const { objects } = synthControlPlane({ ha: true, haPodAntiAffinity: PodAntiAffinityPolicy.REQUIRED });
    for (const name of ['dapr-operator', 'dapr-sentry', 'dapr-sidecar-injector']) {
      const anti = find(objects, 'Deployment', name).spec.template.spec.affinity.podAntiAffinity;
      expect({ name, required: anti.requiredDuringSchedulingIgnoredDuringExecution }).toEqual({ name, required: undefined });
      expect(anti.preferredDuringSchedulingIgnoredDuringExecution[0].weight).toBe(100);
    }
  });
});

describe('hazard: a failing webhook blocks its own recovery', () => {
  test('FAIL without selectors never applies to the control plane namespace or kube-system', () => {
    const [hook] = find(synthControlPlane({ webhookFailurePolicy: WebhookFailurePolicy.FAIL }).objects, 'MutatingWebhookConfiguration', 'dapr-sidecar-injector').webhooks;
    expect(hook.namespaceSelector).toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['dapr-system', 'kube-system'] }] });
  });
});

describe('replicas without HA (found by fuzzing)', () => {
  test('a service given more than one replica gets a PodDisruptionBudget, as with HA', () => {
    const { objects } = synthControlPlane({ operator: { replicas: 2 }, sentry: { replicas: 3 }, sidecarInjector: { replicas: 1 } });
    expect(find(objects, 'Deployment', 'dapr-operator').spec.replicas).toBe(2);
    const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name).sort();
    expect(budgets).toEqual(['dapr-operator-disruption-budget', 'dapr-scheduler-server-disruption-budget', 'dapr-sentry-budget']);
    expect(checkWorkloadPolicy(objects)).toEqual([]);
  });
});

describe('operator-facing settings', () => {
  test('logs, metrics, scheduling, labels and resources', () => {
    const { objects } = synthControlPlane({
      logLevel: LogLevel.DEBUG,
      logAsJson: true,
      metricsPort: 9091,
      imagePullSecrets: ['regcred'],
      nodeSelector: { pool: 'system' },
      tolerations: [{ key: 'dedicated', value: 'system', effect: 'NoSchedule' }],
      priorityClassName: 'system-cluster-critical',
      labels: { team: 'platform' },
      podAnnotations: { 'example.com/owner': 'platform' },
      sentry: { logLevel: LogLevel.WARN, resources: { cpuRequest: '50m', memoryLimit: '256Mi' } },
    });
    const sentry = find(objects, 'Deployment', 'dapr-sentry');
    const pod = sentry.spec.template;
    expect(flag(pod.spec.containers[0].args, '--log-level')).toBe('warn');
    expect(pod.spec.containers[0].args).toContain('--log-as-json');
    expect(pod.spec.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '30Mi' }, limits: { cpu: '1', memory: '256Mi' } });
    expect(flag(container(objects, 'Deployment', 'dapr-operator').args, '--log-level')).toBe('debug');
    expect(flag(pod.spec.containers[0].args, '--metrics-port')).toBe('9091');
    expect(pod.metadata.annotations).toMatchObject({ 'prometheus.io/port': '9091', 'example.com/owner': 'platform', 'dapr.io/control-plane': 'sentry' });
    expect(pod.metadata.labels.team).toBe('platform');
    expect(pod.spec).toMatchObject({
      imagePullSecrets: [{ name: 'regcred' }],
      nodeSelector: { pool: 'system' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'system', effect: 'NoSchedule' }],
      priorityClassName: 'system-cluster-critical',
    });
    expect(find(objects, 'ResourceQuota', 'system-critical-quota').spec.scopeSelector.matchExpressions[0].values).toEqual(['system-cluster-critical']);
  });

  test('metrics off: no ports, no annotations, metrics disabled in every binary', () => {
    const { objects } = synthControlPlane({ metrics: false });
    for (const { spec } of podSpecs(objects)) {
      expect(spec.containers[0].args).toContain('--enable-metrics=false');
      expect(spec.containers[0].ports.some((p: any) => p.name === 'metrics')).toBe(false);
    }
    for (const svc of objects.filter((o) => o.kind === 'Service')) {
      expect(svc.metadata.annotations).toBeUndefined();
    }
  });

  test('the main objects are reachable for escape hatches', () => {
    const { cp } = synthControlPlane();
    expect(cp.services.map((s) => s.workloadName)).toEqual(['dapr-operator', 'dapr-sidecar-injector', 'dapr-sentry', 'dapr-placement-server', 'dapr-scheduler-server']);
    expect(cp.operator.services.map((s) => s.name)).toEqual(['dapr-api', 'dapr-webhook']);
    expect(cp.scheduler?.podDisruptionBudget).toBeDefined();
    expect(cp.operator.serviceAccount.name).toBe('dapr-operator');
    expect(cp.webhook.kind).toBe('MutatingWebhookConfiguration');
  });
});

describe('control plane resources', () => {
  test('default to Dapr\'s production guidelines, without memory limits; no CPU limit on the scheduler\'s etcd', () => {
    const { objects } = synthControlPlane();
    const resources = (name: string) => find(objects, name === 'dapr-placement-server' || name === 'dapr-scheduler-server' ? 'StatefulSet' : 'Deployment', name)
      .spec.template.spec.containers[0].resources;
    expect(resources('dapr-operator')).toEqual({ requests: { cpu: '100m', memory: '100Mi' }, limits: { cpu: '1' } });
    expect(resources('dapr-sidecar-injector')).toEqual({ requests: { cpu: '100m', memory: '30Mi' }, limits: { cpu: '1' } });
    expect(resources('dapr-sentry')).toEqual({ requests: { cpu: '100m', memory: '30Mi' }, limits: { cpu: '1' } });
    expect(resources('dapr-placement-server')).toEqual({ requests: { cpu: '250m', memory: '75Mi' }, limits: { cpu: '1' } });
    expect(resources('dapr-scheduler-server')).toEqual({ requests: { cpu: '250m', memory: '75Mi' } });
  });

  test('hazard: every CPU limit can be removed or changed', () => {
    const { objects } = synthControlPlane({
      operator: { resources: { noCpuLimit: true } },
      sentry: { resources: { cpuLimit: '2' } },
      scheduler: { resources: { cpuLimit: '4' } },
    });
    expect(container(objects, 'Deployment', 'dapr-operator').resources).toEqual({ requests: { cpu: '100m', memory: '100Mi' } });
    expect(container(objects, 'Deployment', 'dapr-sentry').resources.limits).toEqual({ cpu: '2' });
    expect(container(objects, 'StatefulSet', 'dapr-scheduler-server').resources.limits).toEqual({ cpu: '4' });
    expect(() => synthControlPlane({ placement: { resources: { cpuLimit: '2', noCpuLimit: true } } }))
      .toThrow('placement.resources.noCpuLimit: true is invalid; allowed: false when placement.resources.cpuLimit is set (2)');
  });

  test('are set field by field over the defaults: setting memory keeps the CPU request and limit', () => {
    const { objects } = synthControlPlane({ operator: { resources: { memoryRequest: '256Mi', memoryLimit: '512Mi' } } });
    expect(find(objects, 'Deployment', 'dapr-operator').spec.template.spec.containers[0].resources)
      .toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } });
  });

  test('a limit below a default request names the default', () => {
    expect(() => synthControlPlane({ sentry: { resources: { cpuLimit: '50m' } } })).toThrow(
      'sentry.resources.cpuRequest: "100m" is invalid; allowed: at most sentry.resources.cpuLimit (50m) (100m is the default cpuRequest: set sentry.resources.cpuRequest too)');
  });
});

describe('per-service images', () => {
  const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
  const workloads: Array<[string, string, string]> = [
    ['operator', 'Deployment', 'dapr-operator'],
    ['sidecarInjector', 'Deployment', 'dapr-sidecar-injector'],
    ['sentry', 'Deployment', 'dapr-sentry'],
    ['placement', 'StatefulSet', 'dapr-placement-server'],
    ['scheduler', 'StatefulSet', 'dapr-scheduler-server'],
  ];

  test('default to "<registry>/<name>:<version>", as in Dapr\'s chart', () => {
    const { objects } = synthControlPlane({ registry: 'mirror.internal:5000/dapr' });
    expect(workloads.map(([, kind, name]) => container(objects, kind, name).image)).toEqual([
      'mirror.internal:5000/dapr/operator:1.18.3',
      'mirror.internal:5000/dapr/injector:1.18.3',
      'mirror.internal:5000/dapr/sentry:1.18.3',
      'mirror.internal:5000/dapr/placement:1.18.3',
      'mirror.internal:5000/dapr/scheduler:1.18.3',
    ]);
  });

  test('each service takes its own image, digest-pinned from DaprImage, and nothing else changes', () => {
    const chart = Testing.chart();
    const ref = (name: string) => DaprImage.fromDigest(chart, `${name}Image`, `registry.acme.example/dapr/${name}@${DIGEST}`).imageRef;
    new DaprControlPlane(chart, 'dapr', {
      operator: { image: ref('operator') },
      sidecarInjector: { image: ref('injector') },
      sentry: { image: ref('sentry') },
      placement: { image: `registry.acme.example/dapr/placement:1.18.3@${DIGEST}` },
      scheduler: { image: 'registry.acme.example/dapr/scheduler:1.18.3-acme.1' },
    });
    const objects = Testing.synth(chart);
    expect(workloads.map(([, kind, name]) => container(objects, kind, name).image)).toEqual([
      `registry.acme.example/dapr/operator@${DIGEST}`,
      `registry.acme.example/dapr/injector@${DIGEST}`,
      `registry.acme.example/dapr/sentry@${DIGEST}`,
      `registry.acme.example/dapr/placement:1.18.3@${DIGEST}`,
      'registry.acme.example/dapr/scheduler:1.18.3-acme.1',
    ]);
    // The injected daprd keeps its own setting (`sidecar.image`).
    expect(container(objects, 'Deployment', 'dapr-sidecar-injector').env.find((e: any) => e.name === 'SIDECAR_IMAGE').value)
      .toBe('ghcr.io/dapr/daprd:1.18.3');

    const defaults = synthControlPlane().objects;
    for (const [, kind, name] of workloads) {
      container(objects, kind, name).image = container(defaults, kind, name).image;
    }
    expect(objects).toEqual(defaults);
  });

  test('one override leaves the other services on the default images', () => {
    const { objects } = synthControlPlane({ sentry: { image: `registry.acme.example/dapr/sentry@${DIGEST}` } });
    expect(container(objects, 'Deployment', 'dapr-sentry').image).toBe(`registry.acme.example/dapr/sentry@${DIGEST}`);
    expect(container(objects, 'Deployment', 'dapr-operator').image).toBe('ghcr.io/dapr/operator:1.18.3');
    expect(container(objects, 'StatefulSet', 'dapr-scheduler-server').image).toBe('ghcr.io/dapr/scheduler:1.18.3');
  });
});

describe('Sentry token validators', () => {
  test('go into the daprsystem Configuration, where Sentry reads them', () => {
    const { objects } = synthControlPlane({
      mtls: { tokenValidators: [TokenValidator.jwks({ source: JwksSource.fromUrl('https://login.acme.com/jwks.json'), requestTimeout: Duration.seconds(10) })] },
    });
    expect(find(objects, 'Configuration', 'daprsystem').spec.mtls.tokenValidators).toEqual([
      { name: 'jwks', options: { source: 'https://login.acme.com/jwks.json', requestTimeout: '10s' } },
    ]);
    expect(find(synthControlPlane().objects, 'Configuration', 'daprsystem').spec.mtls.tokenValidators).toBeUndefined();
  });

  test('are validated as on a Configuration', () => {
    expect(() => synthControlPlane({ mtls: { tokenValidators: [TokenValidator.jwks({ source: JwksSource.fromUrl('http://idp/jwks') })] } }))
      .toThrow('[test/dapr] mtls.tokenValidators[0].source: "http://idp/jwks" is invalid; allowed: an https:// URL; set allowPlaintextHttp: true to accept http://');
  });
});
