import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { Construct } from 'constructs';
import { topologyNodeId as nodeId } from './node-id';
import { DaprSidecar } from '../app/dapr-sidecar';
import { byCodePoint, compareCodePoints } from '../core/code-point-order';
import { checkProps, checkString } from '../core/js-values';
import { daprManifests } from '../local/manifests';

/** Props for `DaprTopology`. */
export interface DaprTopologyProps {
  /**
   * Title of the Markdown document.
   * @default "Dapr topology"
   */
  readonly title?: string;
}

interface Node { readonly id: string; readonly label: string; readonly shape: 'app' | 'external' | 'component'; readonly namespace: string }
interface Edge { readonly from: string; readonly to: string; readonly label: string; readonly style: 'solid' | 'dotted' | 'thick' }

/**
 * A picture of the Dapr topology of a cdk8s app, as a Mermaid flowchart: apps and components
 * grouped by namespace, which app may use which component (scopes), who may invoke whom
 * (access-control policies), and which topics each app subscribes to.
 *
 * It reads the synthesized resources, so it shows what the cluster will enforce, not what the
 * code meant. Call `writeFile('dist/dapr-topology.md')` after `app.synth()`.
 */
export class DaprTopology extends Construct {
  private readonly title: string;

  constructor(scope: Construct, id: string, props: DaprTopologyProps = {}) {
    super(scope, id);
    checkProps(this, props, false);
    this.title = checkString(this, 'title', props.title ?? 'Dapr topology');
  }

  /** The Mermaid flowchart source. */
  public toMermaid(): string {
    const root = App.of(this);
    const nodes = new Map<string, Node>();
    const edges: Edge[] = [];
    const appNode = (appId: string, namespace: string, defined: boolean) => {
      const id = nodeId('app', namespace, appId);
      if (!nodes.has(id) || defined) nodes.set(id, { id, label: appId, shape: defined ? 'app' : 'external', namespace });
      return id;
    };

    const sidecars = DaprSidecar.all(root);
    for (const s of sidecars) appNode(s.appId, s.namespace, true);
    const appsIn = (ns: string) => sidecars.filter((s) => s.namespace === ns).map((s) => s.appId);

    const manifests = daprManifests(root);
    for (const m of manifests.filter((x) => x.kind === 'Component')) {
      const id = nodeId('component', m.namespace, m.name);
      nodes.set(id, { id, label: `${m.name}<br/><small>${m.type ?? ''}</small>`, shape: 'component', namespace: m.namespace });
      const scoped = m.scopes && m.scopes.length > 0;
      for (const appId of scoped ? m.scopes! : appsIn(m.namespace)) {
        edges.push({ from: appNode(appId, m.namespace, false), to: id, label: scoped ? 'uses' : 'uses (unscoped)', style: 'solid' });
      }
    }
    for (const m of manifests.filter((x) => x.kind === 'Subscription')) {
      const spec = m.manifest.spec ?? {};
      const pubsub = nodeId('component', m.namespace, spec.pubsubname);
      if (!nodes.has(pubsub)) nodes.set(pubsub, { id: pubsub, label: spec.pubsubname, shape: 'component', namespace: m.namespace });
      const subscribers = m.scopes && m.scopes.length > 0 ? m.scopes : appsIn(m.namespace);
      const dead = spec.deadLetterTopic ? `, dead letters to ${spec.deadLetterTopic}` : '';
      for (const appId of subscribers) {
        edges.push({ from: pubsub, to: appNode(appId, m.namespace, false), label: `topic ${spec.topic}${dead}`, style: 'thick' });
      }
    }
    for (const m of manifests.filter((x) => x.kind === 'Configuration')) {
      const policies: any[] = m.manifest.spec?.accessControl?.policies ?? [];
      const targets = sidecars.filter((s) => s.namespace === m.namespace && s.annotations['dapr.io/config'] === m.name);
      for (const target of targets) {
        for (const policy of policies) {
          const allowed = (policy.operations ?? []).filter((o: any) => o.action === 'allow');
          if ((policy.defaultAction ?? 'deny') !== 'allow' && allowed.length === 0) continue;
          const what = allowed.length > 0
            ? allowed.map((o: any) => `${(o.httpVerb ?? ['*']).join(',')} ${o.name}`).join('; ')
            : 'any operation';
          edges.push({
            from: appNode(policy.appId, policy.namespace ?? m.namespace, false),
            to: appNode(target.appId, target.namespace, true),
            label: `invokes ${what}`,
            style: 'dotted',
          });
        }
      }
    }

    const lines = ['flowchart LR'];
    const namespaces = [...new Set([...nodes.values()].map((n) => n.namespace))].sort(compareCodePoints);
    for (const ns of namespaces) {
      lines.push(`  subgraph ${nodeId('ns', ns, '')}["namespace ${ns}"]`);
      for (const n of [...nodes.values()].filter((x) => x.namespace === ns).sort(byCodePoint((x) => x.id))) {
        lines.push(`    ${n.id}${shape(n)}`);
      }
      lines.push('  end');
    }
    const arrows = { solid: '-->', dotted: '-.->', thick: '==>' };
    const seen = new Set<string>();
    for (const e of edges.sort(byCodePoint((edge) => `${edge.from} ${edge.to} ${edge.label}`))) {
      const line = `  ${e.from} ${arrows[e.style]}|"${escape(e.label)}"| ${e.to}`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
    lines.push('  classDef external stroke-dasharray: 5 5;');
    const external = [...nodes.values()].filter((n) => n.shape === 'external').map((n) => n.id).sort(compareCodePoints);
    if (external.length > 0) lines.push(`  class ${external.join(',')} external;`);
    return lines.join('\n') + '\n';
  }

  /** A Markdown document with the diagram and a legend. */
  public toMarkdown(): string {
    return `# ${this.title}\n\n`
      + 'Generated by cdk8s-dapr from the synthesized manifests. Solid arrows: an app may use a component (its scopes). '
      + 'Thick arrows: a subscription delivers a topic to an app. Dotted arrows: an access-control policy lets an app invoke another. '
      + 'Dashed boxes: apps defined outside this cdk8s app.\n\n'
      + '```mermaid\n' + this.toMermaid() + '```\n';
  }

  /** Writes `toMarkdown()` to a file, creating its folder. */
  public writeFile(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, this.toMarkdown());
  }
}

function escape(label: string): string {
  return label.replace(/"/g, '#quot;');
}

function shape(n: Node): string {
  const label = escape(n.label);
  switch (n.shape) {
    case 'component': return `[("${label}")]`;
    default: return `(["${label}"])`;
  }
}
