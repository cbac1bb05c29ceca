import { App } from 'cdk8s';
import { byCodePoint } from '../core/code-point-order';

/** A synthesized Dapr resource (group dapr.io), with the fields the twin and the topology read. */
export interface DaprManifest {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  /** Component type, e.g. `state.redis`; undefined for other kinds. */
  readonly type?: string;
  readonly scopes?: string[];
  readonly manifest: any;
}

/** Every `dapr.io` resource the app's charts synthesize, in a stable order. */
export function daprManifests(app: App): DaprManifest[] {
  const out: DaprManifest[] = [];
  for (const chart of app.charts) {
    for (const manifest of chart.toJson()) {
      if (typeof manifest?.apiVersion !== 'string' || !manifest.apiVersion.startsWith('dapr.io/')) continue;
      out.push({
        kind: manifest.kind,
        name: manifest.metadata?.name,
        namespace: manifest.metadata?.namespace ?? chart.namespace ?? 'default',
        type: manifest.spec?.type,
        scopes: manifest.scopes,
        manifest,
      });
    }
  }
  return out.sort(byCodePoint((m) => `${m.kind}/${m.namespace}/${m.name}`));
}
