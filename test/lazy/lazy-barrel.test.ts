/**
 * The compiled barrels are lazy (projenrc/lazify.ts, run by `npx projen post-compile`): requiring
 * the library loads its barrel and nothing else, and every export of the TypeScript barrel is
 * still there. The first part checks the compiled lib/ in fresh Node processes (jest's module
 * registry is not Node's `require.cache`); the second part checks the step itself on a small
 * compiled fixture.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { LAZY_MARKER, lazify, lazyText } from '../../projenrc/lazify';
import * as src from '../../src';

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');
const compiled = fs.existsSync(path.join(LIB, 'index.js'));

/** Runs `script` in a fresh Node process (cwd: the project) and parses the JSON it prints last. */
function inFreshProcess(script: string): any {
  const out = execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** The files of `require.cache` (relative to the project), a package's files as its folder. */
const LOADED = `
  const path = require('path');
  const loaded = () => Object.keys(require.cache).map((f) => {
    const parts = path.relative(process.cwd(), f).split(path.sep);
    const last = parts.lastIndexOf('node_modules');
    if (last < 0) return parts.join('/');
    return parts.slice(0, last + (parts[last + 1].startsWith('@') ? 3 : 2)).join('/');
  }).filter((f, i, all) => all.indexOf(f) === i).sort();
`;

if (!compiled) {
  // eslint-disable-next-line no-console
  console.warn('test/lazy: lib/ is absent, so the compiled barrels are not checked; run `npx projen compile` first');
}

(compiled ? describe : describe.skip)('the compiled library (lib/, after `npx projen compile`)', () => {
  test('lib/index.js is lazy (else run `npx projen post-compile`)', () => {
    expect(fs.readFileSync(path.join(LIB, 'index.js'), 'utf8')).toContain(LAZY_MARKER);
  });

  test('requiring it loads its barrel and nothing else: no cdk8s-plus, no image builder, no validator', () => {
    const loaded: string[] = inFreshProcess(`${LOADED}
      require('./lib');
      console.log(JSON.stringify(loaded()));`);
    expect(loaded).toEqual(['lib/index.js']);
  });

  test('a DaprApp with a component loads neither the image builder, nor the validator, nor the local run, nor the topology', () => {
    const loaded: string[] = inFreshProcess(`${LOADED}
      const { App, Chart } = require('cdk8s');
      const dapr = require('./lib');
      const app = new App();
      const chart = new Chart(app, 'apps', { namespace: 'shop' });
      const web = new dapr.DaprApp(chart, 'web', { appId: 'web', image: 'ghcr.io/acme/web:1.0.0' });
      dapr.StateStore.redis(chart, 'state', { redisHost: 'redis:6379', redisPassword: dapr.MetadataValue.fromSecret('redis', 'password') }).grant(web);
      app.synthYaml();
      console.log(JSON.stringify(loaded()));`);
    expect(loaded).toContain('lib/app/dapr-app.js');
    expect(loaded).toContain('node_modules/cdk8s-plus-28');
    const heavy = loaded.filter((f) => /^lib\/(validation|local|topology|cli)\//.test(f)
      || (f.startsWith('lib/image/') && f !== 'lib/image/image-reference.js')
      || ['node_modules/ajv', 'node_modules/yaml'].includes(f)); // the library's own; cdk8s has its yaml
    expect(heavy).toEqual([]);
  });

  test('the first use of a name keeps its value: later uses read a property and do not require() again', () => {
    const seen: { before: string[]; after: string[]; same: boolean; requires: number } = inFreshProcess(`
      const lib = require('./lib');
      const kinds = (d) => Object.keys(d).sort();
      const before = kinds(Object.getOwnPropertyDescriptor(lib, 'DaprApp'));
      const first = lib.DaprApp;
      const Module = require('module');
      let requires = 0;
      const load = Module.prototype.require;
      Module.prototype.require = function (...args) { requires++; return load.apply(this, args); };
      for (let i = 0; i < 100; i++) void lib.DaprApp;
      Module.prototype.require = load;
      console.log(JSON.stringify({ before, after: kinds(Object.getOwnPropertyDescriptor(lib, 'DaprApp')), same: first === lib.DaprApp, requires }));`);
    expect(seen).toEqual({
      before: ['configurable', 'enumerable', 'get', 'set'],
      after: ['configurable', 'enumerable', 'value', 'writable'],
      same: true,
      requires: 0,
    });
  });

  test('exports the names of the TypeScript barrel, each resolving to a value', () => {
    const names: { [name: string]: string } = inFreshProcess(`
      const lib = require('./lib');
      console.log(JSON.stringify(Object.fromEntries(Object.keys(lib).map((k) => [k, typeof lib[k]]))));`);
    // ts-jest compiles each file alone (isolatedModules), so the type-only names of `export { ... }`
    // are there too, as undefined; jsii's compile drops them
    const expected = Object.keys(src).filter((k) => (src as any)[k] !== undefined).sort();
    expect(Object.keys(names).sort()).toEqual(expected); // else lib/ is older than src/: recompile
    expect(Object.entries(names).filter(([, type]) => type === 'undefined')).toEqual([]);
  });

  test('every class and enum of the jsii assembly resolves, as the jsii runtime looks them up', () => {
    const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));
    const types = Object.values(assembly.types as { [fqn: string]: { fqn: string; kind: string } })
      .filter((t) => t.kind === 'class' || t.kind === 'enum')
      .map((t) => t.fqn);
    expect(types.length).toBeGreaterThan(50);
    const missing: string[] = inFreshProcess(`
      const lib = require('./lib');
      const fqns = ${JSON.stringify(types)};
      console.log(JSON.stringify(fqns.filter((fqn) => {
        const value = fqn.split('.').slice(1).reduce((m, part) => m === undefined ? undefined : m[part], lib);
        return typeof value !== 'function' && (typeof value !== 'object' || value === null);
      })));`);
    expect(missing).toEqual([]);
  });
});

describe('the lazify step', () => {
  let dir: string;

  /** Writes TypeScript sources compiled to CommonJS JavaScript, as tsc/jsii emit them. */
  function writeCompiled(files: { [file: string]: string }): void {
    for (const [file, code] of Object.entries(files)) {
      const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file.replace(/\.ts$/, '.js')), js);
    }
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazify-'));
    writeCompiled({
      'a/alpha.ts': 'export class Alpha {}\nexport const ALPHA = 1;\nexport function helper() { return 2; }',
      'a/beta.ts': 'export enum Beta { ONE = "one" }',
      'a/index.ts': "export * from './alpha';\nexport { Beta } from './beta';",
      'gamma.ts': 'export class Gamma {}\nexport interface IGamma { readonly x: string }',
      'index.ts': "export * from './a';\nexport * from './gamma';",
    });
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('points every name at the module that defines it, in the eager order', () => {
    const barrels = lazify(dir);
    expect(barrels.map((b) => path.relative(dir, b.file))).toEqual([path.join('a', 'index.js'), 'index.js']);
    expect(barrels[1].exports).toEqual([
      ['Beta', './a/beta'], ['Alpha', './a/alpha'], ['ALPHA', './a/alpha'], ['helper', './a/alpha'], ['Gamma', './gamma'],
    ]);
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).toBe(lazyText(barrels[1].exports));
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).toContain(
      'lazy("Gamma", function () { return require("./gamma").Gamma; });');
  });

  test('is deterministic and idempotent: a second compile gives the same files, a second run changes nothing', () => {
    lazify(dir);
    const first = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
    expect(lazify(dir)).toEqual([]); // already lazy
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).toBe(first);
    // a new compile writes the eager barrels again; the step makes the same files of them
    writeCompiled({ 'index.ts': "export * from './a';\nexport * from './gamma';", 'a/index.ts': "export * from './alpha';\nexport { Beta } from './beta';" });
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).not.toContain(LAZY_MARKER);
    expect(lazify(dir)).toHaveLength(2);
    expect(fs.readFileSync(path.join(dir, 'index.js'), 'utf8')).toBe(first);
  });

  test('loads a module only when one of its names is first used', () => {
    lazify(dir);
    const loaded: string[] = JSON.parse(execFileSync(process.execPath, ['-e', `
      const path = require('path');
      const m = require(${JSON.stringify(path.join(dir, 'index.js'))});
      const before = Object.keys(require.cache).map((f) => path.basename(f));
      m.Gamma;
      console.log(JSON.stringify([before, Object.keys(require.cache).map((f) => path.basename(f))]));`], { encoding: 'utf8' }));
    expect(loaded).toEqual([['index.js'], ['index.js', 'gamma.js']]);
  });

  test('refuses a barrel with code of its own, and writes nothing', () => {
    writeCompiled({ 'index.ts': "export * from './a';\nconsole.log('side effect');" });
    expect(() => lazify(dir)).toThrow(/index\.js:\d+: not a barrel \(only re-exports can be made lazy\): console\.log\('side effect'\)/);
    expect(fs.readFileSync(path.join(dir, 'a', 'index.js'), 'utf8')).not.toContain(LAZY_MARKER);
  });
});
