import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { DaprApp, IDaprApp, IDaprComponentRef } from '../../src';

export const IMAGE = 'ghcr.io/acme/app:1.0.0';

/**
 * A component reference: name, namespace and type, and with `scopes` a scoped resource as another
 * copy of the library makes it (its brand, and the members the brand promises), not an instance.
 */
export class FakeComponent extends Construct implements IDaprComponentRef {
  public readonly namespace: string;
  public scopes?: string[];
  public readonly sharedByAllApps = false;
  constructor(scope: Construct, public readonly name: string, public readonly type: string,
    options: { namespace?: string; scopes?: string[] } = {}) {
    super(scope, `component-${name}`);
    this.namespace = options.namespace ?? Chart.of(scope).namespace ?? 'default';
    // a Component of another copy of the library: its brand, so its `type` counts
    Object.defineProperty(this, Symbol.for('cdk8s-dapr.Component'), { value: true });
    if (options.scopes) {
      this.scopes = options.scopes;
      // as a scoped resource of another copy of the library: its brand, and the members it promises
      Object.defineProperty(this, Symbol.for('cdk8s-dapr.ScopedDaprResource'), { value: true });
    }
  }

  public get appIds(): string[] {
    return this.scopes ?? [];
  }
}

export class FakeApp extends Construct implements IDaprApp {
  constructor(scope: Construct, public readonly appId: string, public readonly namespace = 'default') {
    super(scope, `fake-${appId}`);
  }
}

export function app(chart: Chart, appId: string, props: Partial<ConstructorParameters<typeof DaprApp>[2]> = {}): DaprApp {
  return new DaprApp(chart, appId, { appId, image: IMAGE, appPort: 8080, ...props });
}

export function kinds(chart: Chart, kind: string): any[] {
  return Testing.synth(chart).filter((o) => o.kind === kind);
}

export function one(chart: Chart, kind: string): any {
  const all = kinds(chart, kind);
  if (all.length !== 1) throw new Error(`expected one ${kind}, got ${all.length}`);
  return all[0];
}
