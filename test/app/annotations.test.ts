import { DAPR_ANNOTATIONS } from '../../src/app/annotations';

/** The annotation keys the Dapr 1.18 sidecar injector declares (pkg/injector/annotations). */
const INJECTOR_KEYS = [
  'dapr.io/enabled',
  'dapr.io/app-port',
  'dapr.io/config',
  'dapr.io/app-protocol',
  'dapr.io/app-ssl',
  'dapr.io/app-id',
  'dapr.io/enable-profiling',
  'dapr.io/log-level',
  'dapr.io/api-token-secret',
  'dapr.io/app-token-secret',
  'dapr.io/log-as-json',
  'dapr.io/app-max-concurrency',
  'dapr.io/enable-metrics',
  'dapr.io/metrics-port',
  'dapr.io/enable-debug',
  'dapr.io/debug-port',
  'dapr.io/env',
  'dapr.io/env-from-secret',
  'dapr.io/grpc-port',
  'dapr.io/internal-grpc-port',
  'dapr.io/sidecar-cpu-request',
  'dapr.io/sidecar-cpu-limit',
  'dapr.io/sidecar-memory-request',
  'dapr.io/sidecar-memory-limit',
  'dapr.io/sidecar-listen-addresses',
  'dapr.io/sidecar-liveness-probe-delay-seconds',
  'dapr.io/sidecar-liveness-probe-timeout-seconds',
  'dapr.io/sidecar-liveness-probe-period-seconds',
  'dapr.io/sidecar-liveness-probe-threshold',
  'dapr.io/sidecar-readiness-probe-delay-seconds',
  'dapr.io/sidecar-readiness-probe-timeout-seconds',
  'dapr.io/sidecar-readiness-probe-period-seconds',
  'dapr.io/sidecar-readiness-probe-threshold',
  'dapr.io/sidecar-image',
  'dapr.io/sidecar-seccomp-profile-type',
  'dapr.io/http-max-request-size',
  'dapr.io/max-body-size',
  'dapr.io/http-read-buffer-size',
  'dapr.io/read-buffer-size',
  'dapr.io/graceful-shutdown-seconds',
  'dapr.io/block-shutdown-duration',
  'dapr.io/enable-api-logging',
  'dapr.io/unix-domain-socket-path',
  'dapr.io/volume-mounts',
  'dapr.io/volume-mounts-rw',
  'dapr.io/disable-builtin-k8s-secret-store',
  'dapr.io/enable-app-health-check',
  'dapr.io/app-health-check-path',
  'dapr.io/app-health-probe-interval',
  'dapr.io/app-health-probe-timeout',
  'dapr.io/app-health-threshold',
  'dapr.io/app-binding-options-timeout',
  'dapr.io/placement-host-address',
  'dapr.io/actors-disseminate-timeout',
  'dapr.io/scheduler-host-address',
  'dapr.io/pluggable-components',
  'dapr.io/pluggable-components-sockets-folder',
  'dapr.io/component-container',
  'dapr.io/inject-pluggable-components',
  'dapr.io/app-channel-address',
  'dapr.io/sentry-request-jwt-audiences',
  'dapr.io/sidecar-svc-annotations',
  'dapr.io/disable-init-endpoints',
  'dapr.io/enable-native-sidecar',
];

describe('the annotation table', () => {
  test('covers exactly the injector\'s 64 annotations', () => {
    expect(INJECTOR_KEYS).toHaveLength(64);
    expect(DAPR_ANNOTATIONS.map((r) => r.key).sort()).toEqual([...INJECTOR_KEYS].sort());
  });

  test('maps no two rows to the same annotation', () => {
    const keys = DAPR_ANNOTATIONS.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('maps no two distinct props to the same annotation, and each prop to one group of keys', () => {
    const byKey = new Map<string, string>();
    for (const r of DAPR_ANNOTATIONS) {
      expect(byKey.get(r.key) ?? r.prop).toBe(r.prop);
      byKey.set(r.key, r.prop);
    }
    // only the volume mounts prop feeds two annotations (read-only and read-write)
    const props = DAPR_ANNOTATIONS.map((r) => r.prop);
    const repeated = props.filter((p, i) => props.indexOf(p) !== i);
    expect(repeated).toEqual(['sidecarVolumeMounts']);
  });

  test('every key is a valid dapr.io/ annotation key', () => {
    for (const r of DAPR_ANNOTATIONS) {
      expect(r.key).toMatch(/^dapr\.io\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(r.key.length - 'dapr.io/'.length).toBeLessThanOrEqual(63);
    }
  });

  test('every row has a rule to show in errors', () => {
    for (const r of DAPR_ANNOTATIONS) {
      expect(r.codec.rule.length).toBeGreaterThan(5);
    }
  });

  test('only component-container is read from Component resources, never written on pods', () => {
    expect(DAPR_ANNOTATIONS.filter((r) => r.readFrom === 'component').map((r) => r.key)).toEqual(['dapr.io/component-container']);
  });
});
