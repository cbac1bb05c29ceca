import { Chart, Testing } from 'cdk8s';
import { DaprControlPlane, DaprControlPlaneProps } from '../../src/runtime';

/** A control plane in a fresh chart, and its synthesized objects. */
export function synthControlPlane(props: DaprControlPlaneProps = {}): { chart: Chart; cp: DaprControlPlane; objects: any[] } {
  const chart = Testing.chart();
  const cp = new DaprControlPlane(chart, 'dapr', props);
  return { chart, cp, objects: Testing.synth(chart) };
}

/** The object of `kind` named `name`. */
export function find(objects: any[], kind: string, name: string): any {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}/${name}, found ${found.length}`);
  }
  return found[0];
}

/** The pod templates of every workload. */
export function podSpecs(objects: any[]): Array<{ name: string; spec: any }> {
  return objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet')
    .map((o) => ({ name: o.metadata.name, spec: o.spec.template.spec }));
}

/** The container of a workload. */
export function container(objects: any[], kind: string, name: string): any {
  return find(objects, kind, name).spec.template.spec.containers[0];
}

/** The value of a flag in an args list ("--flag value" or "--flag=value"). */
export function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) return args[i + 1];
    if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
  }
  return undefined;
}
