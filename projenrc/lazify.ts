/*
 * Post-compile step (`npx projen post-compile`, after jsii): makes the compiled barrels lazy.
 *
 *   ts-node --project projenrc/tsconfig.json projenrc/lazify.ts lib
 *
 * `export * from './x'` compiles to `__exportStar(require('./x'), exports)`, so requiring the
 * library loads every module of it (cdk8s-plus, the image builder, the validator, the local run,
 * the topology) whether the app uses them or not. As aws-cdk-lib's "lazify" step does, each barrel
 * (`index.js`) is rewritten into one getter per exported name that requires the module defining
 * it on first use:
 *
 *   lazy("DaprApp", function () { return require("./app/dapr-app").DaprApp; });
 *
 * where `lazy` defines a getter that, on first use, requires the module and replaces itself with
 * the value (as aws-cdk-lib's lazy exports do), so later reads cost a property read.
 *
 * A getter points at the module that defines the value, not at a folder's barrel, so using one
 * class loads that class's module graph only. The names, their order and their values are those
 * of the eager barrel (checked before anything is written); the output depends only on the
 * compiled modules, so two runs write the same files. A barrel that does anything but re-export
 * is refused, and a barrel already made lazy is left alone.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The first line of a barrel this step wrote: marks it, and says why it looks the way it does. */
export const LAZY_MARKER = '// Lazy barrel, written by projenrc/lazify.ts after compile: each export loads its module on first use.';

/** What one barrel becomes. */
export interface LazyBarrel {
  /** The barrel's file. */
  readonly file: string;
  /** Each exported name, in the eager barrel's order, and the module (relative, `./x/y`) that defines it. */
  readonly exports: ReadonlyArray<readonly [string, string]>;
  /** The lazy barrel's text. */
  readonly text: string;
}

/**
 * Rewrites every barrel (`index.js`) under `libDir` into its lazy form and returns what it wrote;
 * barrels already lazy are skipped. Nothing is written unless every barrel passes its checks.
 */
export function lazify(libDir: string): LazyBarrel[] {
  const root = path.resolve(libDir);
  // deepest first: a folder's barrel is resolved before the barrels that re-export it
  const files = findBarrels(root).sort((a, b) => depth(b) - depth(a) || compare(a, b));
  const resolved = new Map<string, Map<string, string>>(); // barrel file -> name -> defining file
  const barrels: LazyBarrel[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes(LAZY_MARKER)) continue;
    const sources = reexportedModules(file, text).map((request) => require.resolve(request, { paths: [path.dirname(file)] }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const eager = require(file);
    const entries: Array<readonly [string, string]> = [];
    const definedIn = new Map<string, string>();
    for (const name of Object.keys(eager)) {
      // as __exportStar does: the first module (in the barrel's order) that exports the value
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const source = sources.find((s) => Object.prototype.hasOwnProperty.call(require(s), name) && require(s)[name] === eager[name]);
      if (!source) throw new Error(`${file}: cannot tell which module exports "${name}"`);
      const defining = resolved.get(source)?.get(name) ?? source;
      definedIn.set(name, defining);
      entries.push([name, relativeRequest(file, defining)]);
    }
    resolved.set(file, definedIn);
    const lazy = lazyText(entries);
    checkSame(file, lazy, eager);
    barrels.push({ file, exports: entries, text: lazy });
  }
  for (const barrel of barrels) fs.writeFileSync(barrel.file, barrel.text);
  return barrels;
}

/** The text of a lazy barrel exporting `entries` (name, module) in that order. */
export function lazyText(entries: ReadonlyArray<readonly [string, string]>): string {
  const lines = [
    '"use strict";',
    LAZY_MARKER,
    'Object.defineProperty(exports, "__esModule", { value: true });',
    // the first use requires the module and keeps the value: later uses read a plain property, not
    // require() again (a DaprApp per app in a loop reads `DaprApp` thousands of times)
    'function lazy(name, load) {',
    '    Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: function () {',
    '        var value = load();',
    '        Object.defineProperty(exports, name, { enumerable: true, value: value });',
    '        return value;',
    '    } });',
    '}',
    ...entries.map(([name, request]) => `lazy(${JSON.stringify(name)}, function () { return require(${JSON.stringify(request)})${member(name)}; });`),
  ];
  return `${lines.join('\n')}\n`;
}

/** `.name`, or `["name"]` for a name that is not an identifier. */
function member(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/**
 * The modules `text` (a compiled barrel) re-exports, in order. Throws on any statement that is not
 * part of a re-export: a barrel with code of its own would lose its side effects once lazy.
 */
export function reexportedModules(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const modules: string[] = [];
  for (const statement of source.statements) {
    const request = reexport(statement);
    if (request === undefined) {
      const { line } = source.getLineAndCharacterOfPosition(statement.getStart());
      throw new Error(`${file}:${line + 1}: not a barrel (only re-exports can be made lazy): ${statement.getText().slice(0, 120)}`);
    }
    if (request && !modules.includes(request)) modules.push(request);
  }
  return modules;
}

/** The module `statement` re-exports, '' for the barrel's boilerplate, undefined for anything else. */
function reexport(statement: ts.Statement): string | undefined {
  if (ts.isExpressionStatement(statement)) {
    const e = statement.expression;
    if (ts.isStringLiteral(e) && e.text === 'use strict') return '';
    // exports.A = exports.B = void 0;
    if (ts.isBinaryExpression(e) && isExportsAssignmentOfVoid(e)) return '';
    if (ts.isCallExpression(e)) {
      const callee = e.expression.getText();
      // __exportStar(require("./x"), exports);
      if (callee === '__exportStar' && e.arguments.length === 2 && e.arguments[1].getText() === 'exports') {
        return requestOf(e.arguments[0]);
      }
      // Object.defineProperty(exports, "__esModule", ...) or (exports, "X", { get ... x_1.X })
      if (callee === 'Object.defineProperty' && e.arguments[0]?.getText() === 'exports') return '';
    }
    return undefined;
  }
  if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) {
    const d = statement.declarationList.declarations[0];
    const name = d.name.getText();
    // TypeScript's helpers: var __createBinding = (this && this.__createBinding) || ...
    if (/^__[A-Za-z]+$/.test(name) && d.initializer?.getText().startsWith(`(this && this.${name})`)) return '';
    // var x_1 = require("./x");
    if (d.initializer) return requestOf(d.initializer);
  }
  return undefined;
}

function isExportsAssignmentOfVoid(e: ts.Expression): boolean {
  if (ts.isVoidExpression(e)) return true;
  return ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && ts.isPropertyAccessExpression(e.left) && e.left.expression.getText() === 'exports'
    && isExportsAssignmentOfVoid(e.right);
}

/** `"./x"` of `require("./x")`, else undefined. */
function requestOf(e: ts.Expression): string | undefined {
  if (!ts.isCallExpression(e) || e.expression.getText() !== 'require' || e.arguments.length !== 1) return undefined;
  const arg = e.arguments[0];
  return ts.isStringLiteral(arg) && arg.text.startsWith('.') ? arg.text : undefined;
}

/**
 * Evaluates the lazy text as the barrel's module, with the same `require` that loaded the eager
 * barrel, and compares the two name by name: same names, same order, the very same values.
 */
function checkSame(file: string, text: string, eager: { [name: string]: unknown }): void {
  const lazy: { [name: string]: unknown } = {};
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = (request: string) => require(path.resolve(path.dirname(file), request));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', 'require', text)(lazy, load);
  if (Object.keys(lazy).join(',') !== Object.keys(eager).join(',')) {
    throw new Error(`${file}: the lazy barrel's names differ from the eager barrel's`);
  }
  for (const name of Object.keys(eager)) {
    if (lazy[name] !== eager[name]) throw new Error(`${file}: "${name}" of the lazy barrel is not the eager barrel's`);
  }
}

/** `./x/y` for requiring `target` from `from`, with `/` on every platform and no `.js`. */
function relativeRequest(from: string, target: string): string {
  const rel = path.relative(path.dirname(from), target).split(path.sep).join('/').replace(/\.js$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function findBarrels(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findBarrels(p));
    else if (entry.name === 'index.js') out.push(p);
  }
  return out;
}

function depth(file: string): number {
  return file.split(path.sep).length;
}

/** Code-point order (the project's rule for deterministic output), not locale order. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) {
    process.stderr.write('usage: ts-node projenrc/lazify.ts <compiled lib folder>\n');
    process.exit(2);
  }
  const written = lazify(dir);
  process.stdout.write(`lazify: ${written.length} barrel(s), ${written.reduce((n, b) => n + b.exports.length, 0)} export(s) made lazy\n`);
}
