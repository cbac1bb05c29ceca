import { Duration } from 'cdk8s';
import * as facts from './chart-value-facts';
import { DEFAULT_OBJECTS } from './expected-objects';
import { container, find, flag, podSpecs, synthControlPlane } from './helpers';
import { SeccompProfile } from '../../src/core/enums';
import { PodAntiAffinityPolicy, RemindersService, ServiceType, WebhookFailurePolicy } from '../../src/runtime';
import { checkWorkloadPolicy } from '../../src/validation/policy';

const ids = (objects: any[]) => objects
  .map((o) => [o.kind, o.metadata.namespace, o.metadata.name].filter((x) => x !== undefined).join('/'))
  .sort();
const envMap = (c: any) => Object.fromEntries(c.env.map((e: any) => [e.name, e.value]));
// One rule as a canonical string (fields in a fixed order), so rule lists compare as sets.
const rulesAsSet = (rules: any[]) => rules.map((r) => JSON.stringify([r.apiGroups, r.resources, r.verbs, r.resourceNames ?? null])).sort();
const WORKLOADS: Array<[string, string, string]> = [
  ['operator', 'Deployment', 'dapr-operator'],
  ['sentry', 'Deployment', 'dapr-sentry'],
  ['sidecarInjector', 'Deployment', 'dapr-sidecar-injector'],
  ['placement', 'StatefulSet', 'dapr-placement-server'],
  ['scheduler', 'StatefulSet', 'dapr-scheduler-server'],
];

describe('chart values: HA anti-affinity', () => {
  test('REQUIRED applies to placement and scheduler only; the Deployments keep preferred, as in the chart', () => {
    const { objects } = synthControlPlane({ ha: true, haPodAntiAffinity: PodAntiAffinityPolicy.REQUIRED });
    for (const [, kind, name] of WORKLOADS) {
      const anti = find(objects, kind, name).spec.template.spec.affinity.podAntiAffinity;
      if (facts.ANTI_AFFINITY_REQUIRED.required.includes(name)) {
        expect({ name, anti }).toEqual({ name, anti: { requiredDuringSchedulingIgnoredDuringExecution: [facts.antiAffinityTerm(name)] } });
      } else {
        expect(facts.ANTI_AFFINITY_REQUIRED.preferred).toContain(name);
        const preferred = [{ weight: 100, podAffinityTerm: facts.antiAffinityTerm(name) }];
        expect({ name, anti }).toEqual({ name, anti: { preferredDuringSchedulingIgnoredDuringExecution: preferred } });
      }
    }
  });
});

describe('chart values: webhook selectors', () => {
  const hook = (props: object) => find(synthControlPlane(props).objects, 'MutatingWebhookConfiguration', 'dapr-sidecar-injector').webhooks[0];

  test('namespaceSelector and objectSelector are copied onto the webhook', () => {
    const w = hook({ sidecarInjector: facts.WEBHOOK_SELECTORS });
    expect(w.namespaceSelector).toEqual(facts.WEBHOOK_SELECTORS.namespaceSelector);
    expect(w.objectSelector).toEqual(facts.WEBHOOK_SELECTORS.objectSelector);
  });

  test('with FAIL and no namespace selector, the control plane namespace and kube-system are excluded', () => {
    expect(hook({ webhookFailurePolicy: WebhookFailurePolicy.FAIL, namespace: 'dapr' }).namespaceSelector).toEqual({
      matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['dapr', 'kube-system'] }],
    });
    // An explicit selector is the operator's decision; IGNORE keeps the chart's match-everything.
    expect(hook({ webhookFailurePolicy: WebhookFailurePolicy.FAIL, sidecarInjector: facts.WEBHOOK_SELECTORS }).namespaceSelector)
      .toEqual(facts.WEBHOOK_SELECTORS.namespaceSelector);
    expect(hook({}).namespaceSelector).toBeUndefined();
  });

  test('selectors are validated', () => {
    expect(() => synthControlPlane({ sidecarInjector: { objectSelector: { matchExpressions: [{ key: 'dapr.io/enabled', operator: 'Equals', values: ['true'] }] } } }))
      .toThrow('sidecarInjector.objectSelector.matchExpressions[0].operator: "Equals" is invalid; allowed: one of "In", "NotIn", "Exists", "DoesNotExist"');
    expect(() => synthControlPlane({ sidecarInjector: { namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists', values: ['a'] }] } } }))
      .toThrow('sidecarInjector.namespaceSelector.matchExpressions[0].values: ["a"] is invalid; allowed: no values with "Exists" and "DoesNotExist"');
    expect(() => synthControlPlane({ sidecarInjector: { namespaceSelector: {} } }))
      .toThrow('sidecarInjector.namespaceSelector: "{}" is invalid; allowed: matchLabels or matchExpressions');
  });
});

describe('chart values: injector', () => {
  const props = {
    enforcePodSecurityStandard: false,
    sidecar: { runAsUser: 1000, runAsGroup: 3000 },
    sidecarInjector: {
      hostNetwork: true,
      allowedServiceAccounts: ['argocd:argocd-application-controller'],
      allowedServiceAccountPrefixes: ['flux-system:kustomize-*'],
    },
  };

  test('hostNetwork, run-as user/group and allowed service accounts, where the chart puts them', () => {
    const { objects } = synthControlPlane(props);
    const d = find(objects, 'Deployment', 'dapr-sidecar-injector');
    expect(d.spec.template.spec.hostNetwork).toBe(true);
    const env = d.spec.template.spec.containers[0].env;
    const at = env.findIndex((e: any) => e.name === 'SIDECAR_RUN_AS_NON_ROOT');
    expect(env.slice(at + 1, at + 3)).toEqual(facts.INJECTOR_ENV.afterRunAsNonRoot);
    expect(env.slice(-2)).toEqual(facts.INJECTOR_ENV.last);
    expect(find(synthControlPlane().objects, 'Deployment', 'dapr-sidecar-injector').spec.template.spec.hostNetwork).toBeUndefined();
  });

  test('ignoreEntrypointTolerations replaces the default list, as valid JSON', () => {
    const env = envMap(container(synthControlPlane({ sidecarInjector: { ignoreEntrypointTolerations: [{ key: 'virtual-kubelet.io/provider', operator: 'Exists', effect: 'NoSchedule' }] } }).objects,
      'Deployment', 'dapr-sidecar-injector'));
    expect(JSON.parse(env.IGNORE_ENTRYPOINT_TOLERATIONS)).toEqual([{ key: 'virtual-kubelet.io/provider', operator: 'Exists', effect: 'NoSchedule' }]);
  });

  test('validated like the chart (and the injector) validate them', () => {
    expect(() => synthControlPlane({ sidecarInjector: { hostNetwork: true } }))
      .toThrow('sidecarInjector.hostNetwork: true is invalid; allowed: false while the synthesized Namespace enforces "restricted"');
    expect(() => synthControlPlane({ sidecar: { runAsUser: 0 } })).toThrow('sidecar.runAsUser: 0 is invalid; allowed: an integer from 1 to 2147483647');
    expect(() => synthControlPlane({ sidecar: { runAsNonRoot: false, runAsUser: 1000 } })).toThrow('sidecar.runAsUser: 1000 is invalid; allowed: an integer from 0 to 0');
    expect(() => synthControlPlane({ sidecarInjector: { allowedServiceAccounts: ['argocd/argocd'] } }))
      .toThrow('sidecarInjector.allowedServiceAccounts[0]: "argocd/argocd" is invalid; allowed: "namespace:name"');
  });
});

describe('chart values: per-service ServiceAccount annotations, env, volumes, mounts, init containers', () => {
  const perService = {
    serviceAccountAnnotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/dapr' },
    extraEnv: [{ name: 'HTTPS_PROXY', value: 'http://proxy.internal:3128' }, { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
    extraVolumes: [{ name: 'ca-certs', configMap: { name: 'corporate-ca' } }],
    extraVolumeMounts: [{ name: 'ca-certs', mountPath: '/etc/ssl/corporate', readOnly: true }],
    initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['true'] }],
  };
  const everyService = (o: object) => ({ operator: o, sentry: o, sidecarInjector: o, placement: o, scheduler: o });
  const { objects } = synthControlPlane(everyService(perService));

  test('ServiceAccount annotations on every identity', () => {
    for (const sa of facts.SERVICE_ACCOUNTS) {
      expect(find(objects, 'ServiceAccount', sa).metadata.annotations).toEqual(perService.serviceAccountAnnotations);
    }
    expect(find(synthControlPlane().objects, 'ServiceAccount', 'dapr-operator').metadata.annotations).toBeUndefined();
  });

  test.each(WORKLOADS)('%s: env, volumes and mounts follow the built-in ones; init containers are restricted', (_prop, kind, name) => {
    const pod = find(objects, kind, name).spec.template.spec;
    const c = pod.containers[0];
    const where = facts.EXTRAS_POSITION[name];
    const envNames = c.env.map((e: any) => e.name);
    expect(envNames.slice(0, where.envBefore.length + 2)).toEqual([...where.envBefore, 'HTTPS_PROXY', 'DB_PASSWORD']);
    expect(c.env[where.envBefore.length + 1]).toEqual({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } });
    expect(pod.volumes.map((v: any) => v.name)).toEqual([...where.volumesBefore, 'ca-certs']);
    expect(pod.volumes.at(-1)).toEqual({ name: 'ca-certs', configMap: { name: 'corporate-ca' } });
    expect(c.volumeMounts.map((m: any) => m.name)).toEqual([...where.mountsBefore, 'ca-certs']);
    expect(pod.initContainers).toEqual([{ name: 'wait', image: 'busybox:1.36', command: ['true'], securityContext: c.securityContext }]);
  });

  test('the pods still meet "restricted"', () => {
    expect(checkWorkloadPolicy(objects).filter((v) => !['memory-limit'].includes(v.rule))).toEqual([]);
  });

  test('no credential in a literal env value, no hostPath, no dangling mount', () => {
    expect(() => synthControlPlane({ scheduler: { extraEnv: [{ name: 'ETCD_PASSWORD', value: 'hunter2' }] } }))
      .toThrow('scheduler.extraEnv[0].value: "(hidden)" is invalid; allowed: no literal value for a credential-like name ("ETCD_PASSWORD")');
    expect(() => synthControlPlane({ sentry: { extraVolumes: [{ name: 'host', hostPath: { path: '/etc' } }] } }))
      .toThrow('sentry.extraVolumes[0]: "hostPath" is invalid; allowed: exactly one source admitted by Pod Security Standards "restricted"');
    expect(() => synthControlPlane({ operator: { extraVolumeMounts: [{ name: 'missing', mountPath: '/x' }] } }))
      .toThrow('operator.extraVolumeMounts[0].name: "missing" is invalid; allowed: a volume of the pod: dapr-operator-tmp, dapr-trust-bundle, dapr-identity-token');
    expect(() => synthControlPlane({ operator: { initContainers: [{ name: 'wait', image: 'busybox' }] } }))
      .toThrow('operator.initContainers[0].image: "busybox" is invalid; allowed: an image reference pinned by tag or digest');
    expect(() => synthControlPlane({ operator: { extraEnv: [{ name: 'EMPTY' }] } }))
      .toThrow('operator.extraEnv[0]: "EMPTY" is invalid; allowed: exactly one of value and valueFrom');
    expect(() => synthControlPlane({ operator: { extraEnv: [{ name: 'NAMESPACE', value: 'x' }] } }))
      .toThrow('operator.extraEnv[0].name: "NAMESPACE" is invalid; allowed: a name the control plane does not set (NAMESPACE)');
  });
});

describe('chart values: Service type and annotations', () => {
  const exposure = { type: ServiceType.LOAD_BALANCER, annotations: { 'service.beta.kubernetes.io/aws-load-balancer-internal': 'true' } };
  const { objects } = synthControlPlane({
    operator: { apiService: exposure, webhookService: exposure },
    sentry: { service: exposure },
    sidecarInjector: { service: exposure },
    placement: { serviceAnnotations: exposure.annotations },
    scheduler: { serviceAnnotations: exposure.annotations },
  });

  test('type replaces ClusterIP; the annotations follow the Prometheus ones', () => {
    for (const name of facts.SERVICES_WITH_TYPE) {
      const svc = find(objects, 'Service', name);
      expect({ name, type: svc.spec.type }).toEqual({ name, type: 'LoadBalancer' });
      const keys = Object.keys(svc.metadata.annotations);
      expect(keys.at(-1)).toBe('service.beta.kubernetes.io/aws-load-balancer-internal');
      expect(keys.length).toBe(name === 'dapr-webhook' ? 1 : 4);
    }
    for (const name of facts.SERVICES_WITH_ANNOTATIONS_ONLY) {
      expect(find(objects, 'Service', name).metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-internal']).toBe('true');
    }
  });
});

describe('chart values: feature switches', () => {
  test('actors off: no placement, the injector tells sidecars', () => {
    const { objects, cp } = synthControlPlane({ actorsEnabled: false });
    expect(ids(objects)).toEqual(DEFAULT_OBJECTS.filter((o) => !facts.ACTORS_OFF.gone.includes(o)).sort());
    expect(envMap(container(objects, 'Deployment', 'dapr-sidecar-injector'))).toMatchObject(facts.ACTORS_OFF.injectorEnv);
    expect(cp.placement).toBeUndefined();
    expect(cp.services).toHaveLength(4);
  });

  test('scheduler off: no scheduler, the injector says so', () => {
    const { objects } = synthControlPlane({ schedulerEnabled: false });
    expect(ids(objects)).toEqual(DEFAULT_OBJECTS.filter((o) => !facts.SCHEDULER_OFF.gone.includes(o)).sort());
    expect(container(objects, 'Deployment', 'dapr-sidecar-injector').args).toContain(facts.SCHEDULER_OFF.injectorArg);
  });

  test('reminders service name and address', () => {
    const env = container(synthControlPlane({ remindersService: RemindersService.SCHEDULER }).objects, 'Deployment', 'dapr-sidecar-injector').env;
    const at = env.findIndex((e: any) => e.name === 'ACTORS_SERVICE_ADDRESS');
    expect(env.slice(at + 1, at + 3)).toEqual(facts.REMINDERS_SCHEDULER_ENV);
    expect(() => synthControlPlane({ schedulerEnabled: false, remindersService: RemindersService.SCHEDULER }))
      .toThrow('remindersService: "scheduler" is invalid; allowed: one of "placement"');
  });
});

describe('chart values: operator', () => {
  const roles = (props: object) => {
    const { objects } = synthControlPlane(props);
    const cr = objects.find((o) => o.kind === 'ClusterRole' && o.metadata.name === 'dapr-operator-admin');
    return { clusterRole: cr && rulesAsSet(cr.rules), role: rulesAsSet(find(objects, 'Role', 'dapr-operator').rules) };
  };
  const expected = (key: string) => {
    const f = facts.OPERATOR_RBAC[key];
    return { clusterRole: f.clusterRole && rulesAsSet(f.clusterRole), role: rulesAsSet(f.role) };
  };

  test('RBAC rules as sets, for each value that changes them', () => {
    expect(roles({})).toEqual(expected('defaults'));
    expect(roles({ operator: { watchdogCanPatchPodLabels: true } })).toEqual(expected('global.operator.watchdogCanPatchPodLabels=true'));
    expect(roles({ operator: { argoRolloutsServiceReconciler: true } })).toEqual(expected('global.argoRolloutServiceReconciler.enabled=true'));
    expect(roles({ namespacedRbac: true })).toEqual(expected('global.rbac.namespaced=true'));
    expect(roles({ namespacedRbac: true, operator: { watchdogCanPatchPodLabels: true } })).toEqual(expected('global.rbac.namespaced=true'));
  });

  test('namespaced RBAC for the other identities', () => {
    const { objects } = synthControlPlane({ namespacedRbac: true });
    for (const gone of facts.NAMESPACED_RBAC.gone) expect(ids(objects)).not.toContain(gone);
    expect(rulesAsSet(find(objects, 'ClusterRole', 'dapr-injector').rules)).toEqual(rulesAsSet(facts.NAMESPACED_RBAC.injectorClusterRole));
    expect(rulesAsSet(find(objects, 'Role', 'dapr-injector').rules)).toContain(rulesAsSet([facts.NAMESPACED_RBAC.injectorRoleAdds])[0]);
    expect(find(objects, 'ClusterRole', 'dapr-sentry').rules).toEqual(facts.NAMESPACED_RBAC.sentryClusterRole);
    for (const [name, rules] of Object.entries(facts.NAMESPACED_RBAC.roles)) {
      expect(find(objects, 'Role', name).rules).toEqual(rules);
      expect(find(objects, 'RoleBinding', name).roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name });
    }
  });

  test('flags, flag by flag', () => {
    const args = container(synthControlPlane({
      operator: {
        watchNamespace: 'apps',
        serviceReconciler: false,
        argoRolloutsServiceReconciler: true,
        watchdogCanPatchPodLabels: true,
        watchInterval: Duration.seconds(30),
        maxPodRestartsPerMinute: 5,
      },
    }).objects, 'Deployment', 'dapr-operator').args;
    expect(args.slice(0, 4)).toEqual(facts.OPERATOR_ARGS.head);
    expect(args.slice(-facts.OPERATOR_ARGS.tail.length)).toEqual(facts.OPERATOR_ARGS.tail);
  });
});

describe('chart values: sentry JWT and OIDC', () => {
  const oidcMount = {
    extraVolumes: [{ name: 'oidc-tls', secret: { secretName: 'sentry-oidc-tls' } }],
    extraVolumeMounts: [{ name: 'oidc-tls', mountPath: '/oidc-tls', readOnly: true }],
  };

  test('flags, container port and Service port', () => {
    const { objects } = synthControlPlane({
      sentry: {
        ...oidcMount,
        jwt: { keyFilename: 'jwt.key', jwksFilename: 'jwks.json', issuer: 'https://dapr.acme.example', signingAlgorithm: 'ES256', keyId: 'k1' },
        oidc: {
          servicePort: 8443,
          jwksUri: 'https://dapr.acme.example/jwks.json',
          pathPrefix: '/oidc',
          allowedHosts: ['a.acme.example', 'b.acme.example'],
          tlsCertFile: '/oidc-tls/tls.crt',
          tlsKeyFile: '/oidc-tls/tls.key',
        },
      },
    });
    const c = container(objects, 'Deployment', 'dapr-sentry');
    const at = c.args.indexOf('--trust-domain');
    expect(c.args.slice(at + 2)).toEqual(facts.SENTRY_ARGS);
    expect(c.ports).toContainEqual(facts.SENTRY_OIDC_PORTS.container);
    expect(find(objects, 'Service', 'dapr-sentry').spec.ports.at(-1)).toEqual(facts.SENTRY_OIDC_PORTS.service);
  });

  test('TLS files must be mounted; plain HTTP is explicit and written out (the binary defaults to TLS)', () => {
    expect(() => synthControlPlane({ sentry: { oidc: {} } }))
      .toThrow('sentry.oidc.tlsCertFile: undefined is invalid; allowed: an absolute path under one of sentry.extraVolumeMounts');
    expect(() => synthControlPlane({ sentry: { ...oidcMount, oidc: { tlsCertFile: '/etc/tls.crt', tlsKeyFile: '/oidc-tls/tls.key' } } }))
      .toThrow('sentry.oidc.tlsCertFile: "/etc/tls.crt" is invalid; allowed: a file under one of sentry.extraVolumeMounts (/oidc-tls)');
    const args = container(synthControlPlane({ sentry: { oidc: { plaintextHttp: true } } }).objects, 'Deployment', 'dapr-sentry').args;
    expect(args.slice(-3)).toEqual(['--oidc-enabled=true', '--oidc-server-listen-address=0.0.0.0', '--oidc-server-tls-enabled=false']);
    expect(() => synthControlPlane({ sentry: { jwt: { signingAlgorithm: 'none' } } })).toThrow('sentry.jwt.signingAlgorithm: "none" is invalid');
  });
});

describe('chart values: scheduler', () => {
  test('etcd tuning, workers and broadcast address, flag by flag', () => {
    const args = container(synthControlPlane({
      scheduler: {
        etcd: {
          spaceQuota: '16Gi',
          compactionMode: 'periodic',
          compactionRetention: '10m',
          snapshotCount: 5000,
          maxSnapshots: 3,
          maxWals: 4,
          backendBatchLimit: 500,
          backendBatchInterval: Duration.millis(50),
          maxTxnOps: 256,
          defragThresholdMegabytes: 0,
          initialElectionTickAdvance: true,
          metrics: 'extensive',
        },
        workers: 512,
        broadcastHostPort: 'scheduler.acme.example:443',
      },
    }).objects, 'StatefulSet', 'dapr-scheduler-server').args;
    const at = args.findIndex((a: string) => a.startsWith('--etcd-space-quota='));
    expect(args.slice(at, at + facts.SCHEDULER_TUNED_ARGS.length)).toEqual(facts.SCHEDULER_TUNED_ARGS);
    expect(args.slice(-2)).toEqual(facts.SCHEDULER_TAIL_ARGS);
  });

  test('external etcd: endpoints and user as the chart writes them; the password from a Secret, never in the manifest', () => {
    const { objects } = synthControlPlane({
      scheduler: {
        externalEtcd: {
          endpoints: ['https://etcd-0.etcd:2379', 'https://etcd-1.etcd:2379'], username: 'dapr', passwordSecret: { name: 'etcd-client', key: 'password' },
        },
      },
    });
    const c = container(objects, 'StatefulSet', 'dapr-scheduler-server');
    const at = c.args.indexOf('--etcd-initial-cluster');
    expect(c.args.slice(at + 2, at + 2 + facts.EXTERNAL_ETCD_ARGS.length)).toEqual(facts.EXTERNAL_ETCD_ARGS);
    expect(flag(c.args, '--etcd-client-password')).toBe('$(DAPR_SCHEDULER_ETCD_CLIENT_PASSWORD)');
    // Defined before any variable args expand.
    expect(c.env[0]).toEqual({ name: 'DAPR_SCHEDULER_ETCD_CLIENT_PASSWORD', valueFrom: { secretKeyRef: { name: 'etcd-client', key: 'password' } } });
    expect(() => synthControlPlane({ scheduler: { externalEtcd: { endpoints: ['https://root:pw@etcd:2379'] } } }))
      .toThrow('scheduler.externalEtcd.endpoints[0]: <redacted: 25 characters> is invalid; allowed: an etcd client URL');
  });

  test('validation', () => {
    expect(() => synthControlPlane({ scheduler: { etcd: { compactionMode: 'revision', compactionRetention: '1h' } } }))
      .toThrow('scheduler.etcd.compactionRetention: "1h" is invalid; allowed: a positive number of revisions with compactionMode "revision"');
    expect(() => synthControlPlane({ scheduler: { broadcastHostPort: 'scheduler' } })).toThrow('scheduler.broadcastHostPort: "scheduler" is invalid');
  });
});

describe('chart values: placement', () => {
  test('tuning flags, flag by flag, and scale to zero', () => {
    const { objects } = synthControlPlane({
      placement: {
        metadataEnabled: true,
        replicationFactor: 50,
        maxApiLevel: 20,
        minApiLevel: 5,
        keepAliveTime: Duration.seconds(5),
        keepAliveTimeout: Duration.seconds(10),
        disseminateTimeout: Duration.seconds(20),
        disseminateCoalesceWindow: Duration.millis(500),
        scaleToZero: true,
      },
    });
    const sts = find(objects, 'StatefulSet', 'dapr-placement-server');
    const args = sts.spec.template.spec.containers[0].args;
    const at = args.indexOf('--log-level');
    expect(args.slice(at + 2, at + 2 + facts.PLACEMENT_ARGS.length)).toEqual(facts.PLACEMENT_ARGS);
    expect(sts.spec.replicas).toBe(0);
    expect(() => synthControlPlane({ placement: { minApiLevel: 11 } })).toThrow('placement.minApiLevel: 11 is invalid; allowed: at most placement.maxApiLevel (10)');
  });
});

describe('chart values: probes, seccomp, Configuration name, architecture', () => {
  test('probe timings of every service', () => {
    const probes = {
      livenessInitialDelay: Duration.seconds(30),
      livenessPeriod: Duration.seconds(5),
      livenessFailureThreshold: 6,
      readinessInitialDelay: Duration.seconds(2),
      readinessPeriod: Duration.seconds(3),
      readinessFailureThreshold: 4,
    };
    const { objects } = synthControlPlane(Object.fromEntries(WORKLOADS.map(([prop]) => [prop, { probes }])));
    for (const [, kind, name] of WORKLOADS) {
      const c = container(objects, kind, name);
      expect({ name, liveness: c.livenessProbe, readiness: c.readinessProbe })
        .toEqual({ name, liveness: facts.PROBES.livenessProbe, readiness: facts.PROBES.readinessProbe });
    }
    expect(() => synthControlPlane({ operator: { probes: { livenessPeriod: Duration.millis(500) } } }))
      .toThrow('operator.probes.livenessPeriod: 0.5 is invalid; allowed: an integer from 1 to 3600');
  });

  test('seccomp profile choice on every container', () => {
    const { objects } = synthControlPlane({ seccompProfile: SeccompProfile.LOCALHOST, seccompLocalhostProfile: 'profiles/dapr.json' });
    for (const { spec } of podSpecs(objects)) {
      expect(spec.containers[0].securityContext.seccompProfile).toEqual({ type: 'Localhost', localhostProfile: 'profiles/dapr.json' });
    }
    expect(() => synthControlPlane({ seccompProfile: SeccompProfile.UNCONFINED }))
      .toThrow('seccompProfile: "Unconfined" is invalid; allowed: "RuntimeDefault" or "Localhost" while the Namespace enforces "restricted"');
    expect(() => synthControlPlane({ seccompProfile: SeccompProfile.LOCALHOST })).toThrow('seccompLocalhostProfile: undefined is invalid');
  });

  test('the Configuration\'s name; sentry and the operator are told (the chart renames the object only)', () => {
    const { objects } = synthControlPlane({ configurationName: facts.CONFIGURATION_NAME });
    expect(objects.filter((o) => o.kind === 'Configuration').map((o) => o.metadata.name)).toEqual([facts.CONFIGURATION_NAME]);
    expect(flag(container(objects, 'Deployment', 'dapr-sentry').args, '--config')).toBe(facts.CONFIGURATION_NAME);
    expect(flag(container(objects, 'Deployment', 'dapr-operator').args, '--config')).toBe(facts.CONFIGURATION_NAME);
    expect(flag(container(synthControlPlane().objects, 'Deployment', 'dapr-sentry').args, '--config')).toBeUndefined();
  });

  test('architecture selection in every pod\'s node affinity', () => {
    for (const { spec } of podSpecs(synthControlPlane({ architecture: 'arm64' }).objects)) {
      const terms = spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
      expect(terms).toEqual([{ matchExpressions: facts.ARCH_NODE_REQUIREMENTS }]);
    }
    expect(() => synthControlPlane({ architecture: 'x86_64' })).toThrow('architecture: "x86_64" is invalid; allowed: one of "amd64", "arm64", "arm"');
  });
});
