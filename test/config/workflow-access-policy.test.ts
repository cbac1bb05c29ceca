import { Testing } from 'cdk8s';
import { FakeApp } from './fakes';
import { WorkflowAccessPolicy, WorkflowOperation } from '../../src';

describe('WorkflowAccessPolicy', () => {
  test('rules with workflows and activities (snapshot)', () => {
    const chart = Testing.chart();
    const orders = new FakeApp(chart, 'orders');
    const checkout = new FakeApp(chart, 'checkout');
    const admin = new FakeApp(chart, 'admin');
    const policy = new WorkflowAccessPolicy(chart, 'orders-workflows', { apps: [orders] });
    policy.addRule({
      callers: [checkout, admin, checkout],
      workflows: [{
        name: 'process-order',
        operations: [WorkflowOperation.SCHEDULE],
      }],
      activities: [{ name: 'charge-*' }],
    });
    policy.addRule({ callers: [admin], workflows: [{ name: '*', operations: [WorkflowOperation.TERMINATE, WorkflowOperation.GET, WorkflowOperation.GET] }] });
    const synthesized = Testing.synth(chart);
    expect(synthesized).toMatchSnapshot();
    const rules = synthesized[0].spec.rules;
    expect(rules[0].callers).toEqual([{ appID: 'admin' }, { appID: 'checkout' }]);
    expect(rules[1].workflows[0].operations).toEqual(['terminate', 'get']);
    expect(synthesized[0].scopes).toEqual(['orders']);
    // Dapr 1.18.3's CRD has no required-events list on rules ("requires" came from Dapr's main branch)
    expect(rules[0].workflows[0]).toEqual({ name: 'process-order', operations: ['schedule'] });
  });

  test('rules need workflows or activities, callers and operations', () => {
    const chart = Testing.chart();
    const policy = new WorkflowAccessPolicy(chart, 'p');
    const caller = new FakeApp(chart, 'caller');
    expect(() => policy.addRule({ callers: [caller] })).toThrow(/rules\[0\]: \{"callers":\["caller"\]\} is invalid; allowed: a rule with at least one workflow or activity/);
    expect(() => policy.addRule({ callers: [], activities: [{ name: 'a' }] })).toThrow(/rules\[0\]\.callers: \[\] is invalid; allowed: from 1 to 100 calling apps/);
    expect(() => policy.addRule({ callers: [caller], workflows: [{ name: 'w', operations: [] }] })).toThrow(/operations: \[\] is invalid; allowed: from 1 to 8 operations/);
    expect(() => policy.addRule({ callers: [caller], activities: [{ name: 'x'.repeat(257) }] })).toThrow(/activities\[0\]\.name: "x+" is invalid; allowed: a name of 1 to 256 characters/);
  });

  test('a protected app listed as caller, or no rules, fails at synth', () => {
    const chart = Testing.chart();
    const orders = new FakeApp(chart, 'orders');
    new WorkflowAccessPolicy(chart, 'p', { apps: [orders], rules: [{ callers: [orders], activities: [{ name: 'a' }] }] });
    expect(() => Testing.synth(chart)).toThrow(/rules\[0\]\.callers: "orders" is invalid; allowed: an app other than the protected ones/);
    const chart2 = Testing.chart();
    new WorkflowAccessPolicy(chart2, 'p', { apps: [new FakeApp(chart2, 'orders')] });
    expect(() => Testing.synth(chart2)).toThrow(/\[test\/p\] rules: \[\] is invalid; allowed: at least one rule/);
  });

  test('a policy protecting no app fails synth, and is never rendered unscoped', () => {
    const chart = Testing.chart();
    const checkout = new FakeApp(chart, 'checkout');
    const policy = new WorkflowAccessPolicy(chart, 'p', { rules: [{ callers: [checkout], activities: [{ name: 'charge' }] }] });
    const expected = '[test/p] scopes: [] is invalid; allowed: at least one app: pass apps or call policy.grant(app) for each app whose workflows it protects, '
      + 'or set sharedByAllApps: true to apply it to every app of namespace "default"';
    expect(() => Testing.synth(chart)).toThrow(expected);
    expect(() => policy.apiObject.toJson()).toThrow(expected);
    policy.addApp(new FakeApp(chart, 'orders'));
    const synthesized = Testing.synth(chart);
    expect(synthesized[0].scopes).toEqual(['orders']);
    expect(policy.appIds).toEqual(['orders']);
  });

  test('sharedByAllApps protects every app of the namespace explicitly', () => {
    const chart = Testing.chart();
    const checkout = new FakeApp(chart, 'checkout');
    const policy = new WorkflowAccessPolicy(chart, 'p', {
      sharedByAllApps: true,
      rules: [{ callers: [checkout], workflows: [{ name: 'OrderProcessing', operations: [WorkflowOperation.SCHEDULE] }] }],
    });
    const synthesized = Testing.synth(chart);
    expect(synthesized[0].scopes).toBeUndefined();
    expect(synthesized[0].spec.rules).toEqual([{ callers: [{ appID: 'checkout' }], workflows: [{ name: 'OrderProcessing', operations: ['schedule'] }] }]);
    expect(() => policy.addApp(new FakeApp(chart, 'orders')))
      .toThrow('[test/p] grant: "orders" is invalid; allowed: no grants on a WorkflowAccessPolicy with sharedByAllApps: it already applies to every app of the namespace');
  });
});
