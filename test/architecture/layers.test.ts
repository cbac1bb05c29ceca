import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/*
 * The folders of src/ are layers; an import may only point down. From the bottom:
 *
 *   core        interfaces (IDaprApp, component, secret-store and configuration references),
 *               enum-like classes and rules shared by every folder; imports no other folder
 *   generated   facts generated from Dapr's release (projenrc/dapr-facts)
 *   facts       reviewed corrections to the generated facts
 *   image       building and pinning container images
 *   config      Configuration, Resiliency, Subscription and the other config resources
 *   components  Component and its typed kinds (a PubSub makes Subscriptions: above config)
 *   runtime     the control plane (and the injector settings it gives sidecars)
 *   app         DaprApp and DaprSidecar, which use all of the above
 *   deploy      staged output of the control plane and apps
 *   validation  the validator over synthesized manifests
 *   local       running apps locally
 *   topology    the app graph (reads sidecars and local run files)
 *   cli         the command line
 *
 * src/index.ts, the package's barrel, sits above every folder. src/README.md says the same.
 */
export const LAYERS = ['core', 'generated', 'facts', 'image', 'config', 'components', 'runtime', 'app', 'deploy', 'validation', 'local', 'topology', 'cli'];

const SRC = path.join(__dirname, '..', '..', 'src');

export interface FolderImport {
  /** The importing file, relative to the repository (`src/app/dapr-app.ts`). */
  readonly file: string;
  /** The import as written (`../config/resiliency`). */
  readonly specifier: string;
  /** Line of the import, 1-based. */
  readonly line: number;
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every module specifier of a file: import and export declarations (type-only too), `import()`, `require()`, `import x = require()`. */
export function specifiersOf(fileName: string, text: string): { specifier: string; line: number }[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node, lit: ts.Expression | undefined) => {
    if (lit && ts.isStringLiteralLike(lit)) found.push({ specifier: lit.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword
      || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      add(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The folder of src/ a path lies in, or undefined for src/index.ts and paths outside src/. */
function folderOf(absolute: string): string | undefined {
  const rel = path.relative(SRC, absolute);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const parts = rel.split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Every import of src/ from one folder into another. */
export function folderImports(): FolderImport[] {
  return sourceFiles(SRC).flatMap((file) => {
    const from = folderOf(file);
    if (from === undefined) return [];
    return specifiersOf(file, fs.readFileSync(file, 'utf8'))
      .filter((s) => s.specifier.startsWith('.'))
      .map((s) => ({ ...s, to: folderOf(path.resolve(path.dirname(file), s.specifier)) }))
      .filter((s): s is typeof s & { to: string } => s.to !== undefined && s.to !== from)
      .map((s) => ({
        file: path.relative(path.join(SRC, '..'), file).split(path.sep).join('/'), specifier: s.specifier, line: s.line, from, to: s.to,
      }));
  });
}

/** The folder graph's cycles, each as its folders in order (`a -> b -> a`). */
export function cyclesOf(edges: readonly FolderImport[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of [...(next.get(n) ?? [])].sort()) {
      if (state.get(m) === 'open') cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (state.get(m) === undefined) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...next.keys()].sort()) {
    if (state.get(n) === undefined) visit(n);
  }
  return cycles;
}

function shown(e: FolderImport): string {
  return `${e.file}:${e.line} imports '${e.specifier}' (${e.from} -> ${e.to})`;
}

/** The imports breaking the declared order: each folder may import only folders below it. */
export function layerViolations(edges: readonly FolderImport[], layers: readonly string[]): string[] {
  return edges.filter((e) => layers.indexOf(e.to) >= layers.indexOf(e.from))
    .map((e) => `${shown(e)}: ${e.to} is not below ${e.from} in the layer order ${layers.join(' < ')}`);
}

describe('folder layers of src/', () => {
  const edges = folderImports();

  test('every folder of src/ has its place in the layer order', () => {
    const folders = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders.filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  test('the folder graph has no cycle', () => {
    const cycles = cyclesOf(edges).map((c) => `${c.join(' -> ')}\n    ${c.slice(0, -1).map((f, i) =>
      edges.filter((e) => e.from === f && e.to === c[i + 1]).map(shown)[0]).join('\n    ')}`);
    expect(cycles).toEqual([]);
  });

  test('each folder imports only folders below it', () => {
    expect(layerViolations(edges, LAYERS)).toEqual([]);
  });

  test('core imports no other folder', () => {
    expect(edges.filter((e) => e.from === 'core').map(shown)).toEqual([]);
  });

  test('the parser sees static, type-only and dynamic imports and requires', () => {
    const text = [
      "import { A } from '../app/a';",
      "import type { B } from '../config/b';",
      "export * from '../runtime/c';",
      "const d = require('../deploy/d');",
      "async function e() { return import('../image/e'); }",
      "import f = require('../local/f');",
      "let g: import('../topology/g').G;",
    ].join('\n');
    expect(specifiersOf('x.ts', text).map((s) => s.specifier)).toEqual([
      '../app/a', '../config/b', '../runtime/c', '../deploy/d', '../image/e', '../local/f', '../topology/g',
    ]);
  });

  test('a violation names the file, the line and the import', () => {
    const bad: FolderImport = { file: 'src/core/x.ts', specifier: '../app/dapr-app', line: 3, from: 'core', to: 'app' };
    expect(layerViolations([bad], LAYERS)).toEqual([
      `src/core/x.ts:3 imports '../app/dapr-app' (core -> app): app is not below core in the layer order ${LAYERS.join(' < ')}`,
    ]);
    expect(cyclesOf([bad, { ...bad, file: 'src/app/y.ts', specifier: '../core/x', from: 'app', to: 'core' }])).toEqual([['app', 'core', 'app']]);
  });
});
