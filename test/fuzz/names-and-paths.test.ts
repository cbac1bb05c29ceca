import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { DaprApp, DaprLocalRun, SecretStore } from '../../src';
import { withoutSchemaCheck } from '../schema-checked-synth';

/*
 * Issue 13, class 2: hostile names (path separators, "..", white space, upper case, very long)
 * wherever the library takes a Kubernetes/Dapr name, and a local twin whose names and folder
 * links try to make writeFiles leave its folder. Names are refused with the library's error, and
 * writeFiles either writes only inside its folder or fails having written nothing. Seeded.
 */

const SEED = 1302;
const LIBRARY_ERROR = /^\[[^\]]*\] [^[\s].*?: .* is invalid; allowed: \S/s;
const SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const hostileName = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', '0', '-', '.', '/', '\\', ' ', 'A', '%', '~'), minLength: 1, maxLength: 12 }),
  fc.constantFrom('..', '.', '../x', '../../x', 'a/../../b', '/etc/passwd', 'x'.repeat(254), 'ok-name', 'vault'),
);

function errorOf(fn: () => unknown): Error | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/** Every file and link under `dir`, relative to it. */
function listAll(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('names and paths (fuzz)', () => {
  test('names taken by reference are refused unless the API server would take them', () => {
    fc.assert(fc.property(hostileName, (name) => {
      const chart = new Chart(new App(), 'c', { namespace: 'ns' });
      const e = errorOf(() => SecretStore.fromName(chart, 'store', name));
      expect(e === undefined).toBe(SUBDOMAIN.test(name));
      if (e) expect(e.message).toMatch(LIBRARY_ERROR);
      const e2 = errorOf(() => DaprApp.fromAppId(chart, 'app', name, 'ns'));
      if (e2) expect(e2.message).toMatch(LIBRARY_ERROR);
      else expect(SUBDOMAIN.test(name)).toBe(true);
    }), { seed: SEED, numRuns: 1000 });
  });

  test('writeFiles stays inside its folder or writes nothing', () => {
    const linkTarget = fc.constantFrom<'none' | 'inside' | 'outside' | 'dangling-outside'>('none', 'inside', 'outside', 'dangling-outside');
    const linkAt = fc.constantFrom('resources', 'config', 'secrets', 'dapr.yaml', 'secrets/kubernetes.json', 'resources/web');
    fc.assert(fc.property(hostileName, hostileName, linkTarget, linkAt, (componentName, storeName, link, at) => {
      const top = fs.mkdtempSync(path.join(os.tmpdir(), 'names-fuzz-'));
      try {
        const out = path.join(top, 'a', 'b', 'out');
        const outside = path.join(top, 'outside');
        fs.mkdirSync(out, { recursive: true });
        fs.mkdirSync(outside);
        if (link !== 'none') {
          const target = link === 'inside' ? path.join(out, 'elsewhere') : link === 'outside' ? outside : path.join(outside, 'missing');
          if (link === 'inside') fs.mkdirSync(target);
          fs.mkdirSync(path.dirname(path.join(out, at)), { recursive: true });
          fs.symlinkSync(target, path.join(out, at));
        }
        const before = listAll(top);
        const app = new App();
        const chart = new Chart(app, 'c', { namespace: 'ns' });
        new DaprApp(chart, 'web', { appId: 'web', image: 'ghcr.io/a/web:1' });
        new ApiObject(chart, 'hostile', {
          apiVersion: 'dapr.io/v1alpha1',
          kind: 'Component',
          metadata: { name: componentName },
          spec: { type: 'state.redis', version: 'v1', metadata: [{ name: 'redisPassword', secretKeyRef: { name: 'redis', key: 'password' } }] },
          auth: { secretStore: storeName },
          scopes: ['web'],
        });
        const e = errorOf(() => withoutSchemaCheck(() => new DaprLocalRun(app, 'local').writeFiles(out)));
        if (e) {
          expect(e.message).toMatch(LIBRARY_ERROR);
          expect(listAll(top)).toEqual(before);
        } else {
          expect(SUBDOMAIN.test(componentName) && SUBDOMAIN.test(storeName)).toBe(true);
          // a link out of the folder on the way of any file written (or of a folder replaced) must have failed
          const used = ['resources', 'config', 'dapr.yaml', 'secrets', 'resources/web', `secrets/${storeName}.json`];
          expect((link === 'outside' || link === 'dangling-outside') && used.includes(at)).toBe(false);
          expect(listAll(outside)).toEqual([]);
        }
        // nothing ever lands beside the output folder
        expect(listAll(path.join(top, 'a')).filter((f) => !f.startsWith(path.join('b', 'out')) && f !== 'b')).toEqual([]);
      } finally {
        fs.rmSync(top, { recursive: true, force: true });
      }
    }), { seed: SEED, numRuns: 300 });
  });
});
