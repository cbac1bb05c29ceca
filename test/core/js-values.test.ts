import { Chart, Testing } from 'cdk8s';
import {
  Component, Configuration, DaprApp, DaprControlPlane, HttpEndpoint, McpServer, MetadataValue, Resiliency, StateStore, WorkflowAccessPolicy,
} from '../../src';

/*
 * Issue 13, class 10: plain JavaScript misuse gets the library's error, with the construct path,
 * the prop and what is allowed (test/fuzz/javascript-misuse.test.ts generates the rest).
 */

const chart = () => new Chart(Testing.app(), 'c', { namespace: 'shop' });
const js = (v: unknown) => v as any;

describe('wrong kinds of values from JavaScript', () => {
  test('missing or null props', () => {
    expect(() => new DaprApp(chart(), 'a', js(undefined))).toThrow('[c/a] props: undefined is invalid; allowed: an object of props');
    expect(() => new Component(chart(), 'x', js(null))).toThrow('[c/x] props: null is invalid; allowed: an object of props');
    expect(() => StateStore.redis(chart(), 's', js(null))).toThrow('[c/s] props: null is invalid; allowed: an object of props');
    expect(() => new DaprControlPlane(chart(), 'd', js(null))).toThrow('[c/d] props: null is invalid; allowed: an object of props');
  });

  test('undefined, null or plain objects where a MetadataValue belongs', () => {
    expect(() => new Component(chart(), 'x', { type: 'state.redis', metadata: { redisHost: js(undefined) } })).toThrow(
      '[c/x] metadata.redisHost: undefined is invalid; allowed: one of a map of names to MetadataValue (no null or undefined in it)');
    expect(() => new Component(chart(), 'x', { type: 'state.redis', metadata: { redisHost: js({ value: 'redis:6379' }) } })).toThrow(
      '[c/x] metadata.redisHost: {"value":"redis:6379"} is invalid; allowed: a MetadataValue');
    expect(() => new HttpEndpoint(chart(), 'e', { baseUrl: 'https://x', headers: { Accept: js('json') }, sharedByAllApps: true })).toThrow(
      '[c/e] headers.Accept: <redacted: 4 characters> is invalid; allowed: a MetadataValue');
  });

  test('a number where a string or a list belongs, null in a list', () => {
    expect(() => new Component(chart(), 'x', { type: js(5) })).toThrow('[c/x] type: 5 is invalid');
    expect(() => new Component(chart(), 'x', { type: 'state.redis', allowPlaintextSecrets: js(1) })).toThrow(
      '[c/x] allowPlaintextSecrets: 1 is invalid; allowed: a list of metadata keys');
    expect(() => new Resiliency(chart(), 'r', { apps: js([null]) })).toThrow('[c/r] apps[0]: null is invalid; allowed: one of a list of Dapr apps (no null or undefined in it)');
    expect(() => new WorkflowAccessPolicy(chart(), 'w', { rules: js(3) })).toThrow('[c/w] rules: 3 is invalid; allowed: a list of workflow access rules');
    expect(() => new Configuration(chart(), 'cfg', { metrics: { enabled: js('yes') } })).toThrow('[c/cfg] metrics.enabled: "yes" is invalid; allowed: true or false');
  });

  test('a plain object where a policy or transport belongs', () => {
    expect(() => new Resiliency(chart(), 'r', { retries: { again: js({ maxRetries: 3 }) } })).toThrow(
      '[c/r] retries.again: {"maxRetries":3} is invalid; allowed: a RetryPolicy: RetryPolicy.constant() or RetryPolicy.exponential()');
    expect(() => new McpServer(chart(), 'm', { transport: js({ url: 'https://x' }) })).toThrow(
      '[c/m] transport: {"url":"https://x"} is invalid; allowed: McpTransport.streamableHttp(), McpTransport.sse() or McpTransport.stdio()');
  });

  test('values cdk8s-plus would crash on are checked before it sees them', () => {
    expect(() => new DaprApp(chart(), 'a', { appId: 'a', image: 'ghcr.io/a/b:1', appPort: js('8080') })).toThrow('[c/a] appPort: "8080" is invalid; allowed: an integer from 1 to 65535');
    expect(() => new DaprApp(chart(), 'a', { appId: 'a', image: 'ghcr.io/a/b:1', metadata: { labels: { team: js(5) } } })).toThrow(
      '[c/a] metadata.labels.team: 5 is invalid; allowed: a label value');
    expect(() => MetadataValue.fromNumber(js('5'))).toThrow('[MetadataValue.fromNumber] value: "5" is invalid');
  });
});
