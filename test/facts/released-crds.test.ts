import * as fs from 'fs';
import * as path from 'path';
import { crdFingerprint } from './crd-fingerprint';
import { DaprCrds } from '../../src';
import { RELEASED_CRDS } from '../../src/generated/dapr-crds';
import { DAPR_CRD_DEFINITIONS } from '../../src/runtime/dapr-crds';

// The CRDs this library applies and validates against are Dapr 1.18.3's, field for field.
// released-crds-v1.18.3.txt was made from the release's YAML (see crd-fingerprint.ts), not from
// this library's output; the file order there is the chart's (file names sorted).
const RELEASED = fs.readFileSync(path.join(__dirname, 'released-crds-v1.18.3.txt'), 'utf8').trimEnd();

const asReleased = (crds: typeof RELEASED_CRDS) => crdFingerprint(crds.map((c) => ({
  kind: c.kind, plural: c.plural, scope: c.scope, conversion: c.conversionReviewVersions ? 'Webhook' : undefined, versions: c.versions,
})));

describe('generated CRDs against Dapr 1.18.3', () => {
  test('every node of every schema equals the release, descriptions aside', () => {
    expect(asReleased(RELEASED_CRDS)).toEqual(RELEASED);
  });

  test('the CRDs DaprCrds emits are the same CRDs (in the control plane\'s order)', () => {
    expect(DAPR_CRD_DEFINITIONS.map((c) => c.kind)).toEqual(['Component', 'Configuration', 'Resiliency', 'Subscription', 'HTTPEndpoint', 'MCPServer', 'WorkflowAccessPolicy']);
    const sorted = [...DAPR_CRD_DEFINITIONS].sort((a, b) => (a.plural < b.plural ? -1 : 1));
    expect(asReleased(sorted)).toEqual(RELEASED);
  });

  test('the drifts the hand copy had are gone', () => {
    const mcp = DaprCrds.schemaOf('MCPServer');
    // a real property named "description", not documentation
    expect(mcp.properties.spec.properties.catalog.properties.description).toEqual({ type: 'string' });
    const wap = DaprCrds.schemaOf('WorkflowAccessPolicy');
    const rule = wap.properties.spec.properties.rules.items.properties;
    expect(Object.keys(rule.workflows.items.properties).sort()).toEqual(['name', 'operations']);
    expect(rule.workflows.items['x-kubernetes-validations']).toBeUndefined();
    expect(rule.activities.items.properties.requires).toBeUndefined();
    const config = DaprCrds.schemaOf('Configuration');
    expect(config.properties.spec.properties.metric.properties.workflow).toBeUndefined();
    expect(config.properties.spec.properties.metrics.properties.workflow).toBeUndefined();
  });

  test('no description keyword is left anywhere in a schema', () => {
    const walk = (node: any): number => (node === null || typeof node !== 'object' ? 0
      : Object.entries(node).reduce((n, [k, v]) => n + (k === 'description' && typeof v === 'string' ? 1 : 0) + walk(v), 0));
    expect(walk(RELEASED_CRDS)).toBe(0);
  });
});
