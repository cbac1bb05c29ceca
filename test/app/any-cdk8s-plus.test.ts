import { ApiObject, Chart, Cron, Testing } from 'cdk8s';
import * as kplus28 from 'cdk8s-plus-28';
import * as kplus33 from 'cdk8s-plus-33';
import { Construct } from 'constructs';
import { DaprSidecar, LogLevel, StateStore } from '../../src';

/*
 * DaprSidecar.annotate takes a workload of any cdk8s-plus version: cdk8s-plus-33 (what
 * `cdk8s init typescript-app` installs) declares its own classes, so only the cdk8s core types
 * both versions share (ApiObject, ApiObjectMetadataDefinition) may be relied on.
 */

const IMAGE = 'ghcr.io/acme/worker:1.0.0';
const options = { appId: 'worker', logging: { level: LogLevel.WARN } };
const expected = { 'dapr.io/app-id': 'worker', 'dapr.io/enabled': 'true', 'dapr.io/log-level': 'warn' };

describe('DaprSidecar.annotate with cdk8s-plus-33 workloads', () => {
  test.each([
    ['Deployment', (c: Chart) => new kplus33.Deployment(c, 'w', { containers: [{ image: IMAGE, portNumber: 8080 }] }), (o: any) => o.spec.template],
    ['StatefulSet', (c: Chart) => new kplus33.StatefulSet(c, 'w', { containers: [{ image: IMAGE, portNumber: 8080 }] }), (o: any) => o.spec.template],
    ['DaemonSet', (c: Chart) => new kplus33.DaemonSet(c, 'w', { containers: [{ image: IMAGE }] }), (o: any) => o.spec.template],
    ['Job', (c: Chart) => new kplus33.Job(c, 'w', { containers: [{ image: IMAGE }] }), (o: any) => o.spec.template],
    ['CronJob', (c: Chart) => new kplus33.CronJob(c, 'w', { containers: [{ image: IMAGE }], schedule: Cron.daily() }), (o: any) => o.spec.jobTemplate.spec.template],
    ['Pod', (c: Chart) => new kplus33.Pod(c, 'w', { containers: [{ image: IMAGE }] }), (o: any) => o],
  ])('annotates a %s on its pod template', (kind, make, template) => {
    const chart = Testing.chart();
    const workload = make(chart);
    const sidecar = DaprSidecar.annotate(workload, options);
    const manifest = Testing.synth(chart).find((o) => o.kind === kind);
    expect(template(manifest).metadata.annotations).toMatchObject(expected);
    if (kind !== 'Pod') expect(manifest.metadata.annotations).toBeUndefined();
    expect(sidecar.appId).toBe('worker');
    expect(sidecar.namespace).toBe('default');
    expect(DaprSidecar.of(workload)).toBe(sidecar);
  });

  test('the sidecar is an IDaprApp: components are granted to it, in the workload\'s namespace', () => {
    const chart = new Chart(Testing.app(), 'jobs', { namespace: 'jobs' });
    const worker = new kplus33.Deployment(chart, 'worker', { containers: [{ image: IMAGE }] });
    const sidecar = DaprSidecar.annotate(worker, options);
    StateStore.inMemory(chart, 'state').grant(sidecar);
    const component = Testing.synth(chart).find((o) => o.kind === 'Component');
    expect(sidecar.namespace).toBe('jobs');
    expect(component.scopes).toEqual(['worker']);
  });

  test('pod annotations added after annotate() are kept (the annotations are rendered with the workload)', () => {
    const chart = Testing.chart();
    const worker = new kplus33.Deployment(chart, 'worker', { containers: [{ image: IMAGE }] });
    const sidecar = DaprSidecar.annotate(worker, options);
    worker.podMetadata.addAnnotation('prometheus.io/scrape', 'true');
    const template = Testing.synth(chart).find((o) => o.kind === 'Deployment').spec.template;
    expect(sidecar.annotations).toMatchObject(expected);
    expect(template.metadata.annotations).toEqual({ ...sidecar.annotations, 'dapr.io/sidecar-seccomp-profile-type': 'RuntimeDefault', 'prometheus.io/scrape': 'true' });
  });

  test('the pod checks read the workload as it synthesizes: a container on a sidecar port fails', () => {
    const chart = Testing.chart();
    const worker = new kplus33.Deployment(chart, 'worker', { containers: [{ name: 'app', image: IMAGE, portNumber: 3500 }] });
    DaprSidecar.annotate(worker, options);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/worker\] containers\[app\]\.ports: 3500 is invalid; allowed: a port not used by the Dapr sidecar \(the Dapr HTTP API\)/);
  });

  test('sidecar volume mounts must name a volume of the pod', () => {
    const chart = Testing.chart();
    const worker = new kplus33.Deployment(chart, 'worker', { containers: [{ image: IMAGE }] });
    worker.addVolume(kplus33.Volume.fromEmptyDir(chart, 'scratch', 'scratch'));
    DaprSidecar.annotate(worker, { ...options, sidecarVolumeMounts: [{ volumeName: 'certs', mountPath: '/certs' }] });
    expect(() => Testing.synth(chart)).toThrow('[test/worker] sidecarVolumeMounts.volumeName: "certs" is invalid; allowed: a volume of this pod (scratch)');
    const fine = Testing.chart();
    const other = new kplus33.Deployment(fine, 'worker', { containers: [{ image: IMAGE }] });
    other.addVolume(kplus33.Volume.fromEmptyDir(fine, 'certs', 'certs'));
    DaprSidecar.annotate(other, { ...options, sidecarVolumeMounts: [{ volumeName: 'certs', mountPath: '/certs' }] });
    expect(Testing.synth(fine).find((o) => o.kind === 'Deployment').spec.template.metadata.annotations['dapr.io/volume-mounts']).toBe('certs:/certs');
  });
});

describe('DaprSidecar.annotate on any construct', () => {
  test('a cdk8s-plus workload\'s own ApiObject is annotated through the workload\'s pod metadata, once', () => {
    const chart = Testing.chart();
    const worker = new kplus28.Deployment(chart, 'worker', { containers: [{ image: IMAGE }] });
    const sidecar = DaprSidecar.annotateApiObject(ApiObject.of(worker), options);
    worker.podMetadata.addAnnotation('later', 'kept');
    expect(Testing.synth(chart)[0].spec.template.metadata.annotations).toMatchObject({ ...expected, later: 'kept' });
    expect(DaprSidecar.of(worker)).toBe(sidecar);
    expect(() => DaprSidecar.annotate(worker, options)).toThrow(
      '[test/worker] DaprSidecar: "worker" is invalid; allowed: one Dapr sidecar per workload; this workload is already annotated');
  });

  test('refuses a construct without a Kubernetes object', () => {
    const chart = Testing.chart();
    const group = new Construct(chart, 'group');
    expect(() => DaprSidecar.annotate(group, options)).toThrow(
      '[test/group] workload: "test/group" is invalid; allowed: a cdk8s-plus workload or an ApiObject of a kind with a pod template (ApiObject.of() finds none here)');
    const service = new kplus33.Service(chart, 'svc', { ports: [{ port: 80 }] });
    expect(() => DaprSidecar.annotate(service, options)).toThrow(/\[test\/svc\] kind: "Service" is invalid; allowed: a kind with a pod template/);
  });

  test('bad options leave nothing behind: no sidecar construct, no annotation, and the workload can still be annotated', () => {
    const chart = Testing.chart();
    const worker = new kplus33.Deployment(chart, 'worker', { containers: [{ image: IMAGE }] });
    expect(() => DaprSidecar.annotate(worker, { appId: 'worker', appPort: 3500 })).toThrow(
      '[test/worker] appPort: 3500 is invalid; allowed: a port not used by the Dapr sidecar (3500 is the Dapr HTTP API)');
    expect(DaprSidecar.of(worker)).toBeUndefined();
    expect(worker.node.tryFindChild('DaprSidecar')).toBeUndefined();
    expect(Testing.synth(chart)[0].spec.template.metadata.annotations).toBeUndefined();
    DaprSidecar.annotate(worker, options);
    expect(Testing.synth(chart)[0].spec.template.metadata.annotations).toMatchObject(expected);
  });
});
