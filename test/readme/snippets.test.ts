import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { isProgram, readmeSnippets, ReadmeSnippet, snippetModule } from './readme-snippets';

/**
 * Every ```ts block of README.md is a claim: it compiles (strict, one TypeScript program for all
 * of them), it runs, and what it builds synthesizes through `DaprValidation`: schemas, the
 * restricted workload policy and the pods as Dapr's injector patches them.
 *
 * Each module runs in a fresh module registry (its own cdk8s, its own library) with a scratch
 * folder as the working directory, holding the files the README names (`legacy.yaml`,
 * `certs/corporate-ca.pem`, `components/my-store/`: ./fixtures). Apps without a
 * `DaprControlPlane` are checked with the injector of the README's control plane, this library's
 * `DaprControlPlane` defaults (`sidecarInjection: {}`), which the README installs first.
 */

const snippets = readmeSnippets();
const SRC = path.join(__dirname, '..', '..', 'src');
const FIXTURES = path.join(__dirname, 'fixtures');
// inside the test tree, so that the modules resolve cdk8s and the library's sources as tests do
const dir = fs.mkdtempSync(path.join(__dirname, '.snippets-'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-snippets-'));
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

/** Names of the top-level variables of a module (`const a = ...`, `let b`, not destructured). */
function topLevelVariables(code: string): string[] {
  const file = ts.createSourceFile('snippet.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return file.statements.filter(ts.isVariableStatement)
    .flatMap((s) => s.declarationList.declarations.map((d) => d.name))
    .filter(ts.isIdentifier).map((n) => n.text);
}

const fileOf = (s: ReadmeSnippet) => path.join(dir, `readme-line-${s.line}.ts`);
const specifier = path.relative(dir, SRC).split(path.sep).join('/');
for (const s of snippets) fs.writeFileSync(fileOf(s), snippetModule(s, specifier, topLevelVariables));

const label = (s: ReadmeSnippet) => `README.md line ${s.line}${isProgram(s) ? '' : ' (with its prelude)'}`;

test('README.md has its snippets: whole programs, and fragments that each carry a hidden prelude', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(9);
  // a fragment without a prelude would leave its names undefined: say which one, not a TS error
  expect(snippets.filter((s) => !isProgram(s) && !s.prelude).map((s) => s.line)).toEqual([]);
});

test('every snippet compiles: one strict program, as a `cdk8s init typescript-app` user compiles', () => {
  const options: ts.CompilerOptions = {
    strict: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2020,
    lib: ['lib.es2020.d.ts'],
    types: ['node'],
    esModuleInterop: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    noEmit: true,
  };
  const files = snippets.map(fileOf);
  const program = ts.createProgram(files, options);
  // the snippets only: the library's own sources are type-checked by its build
  const problems = files.flatMap((f, i) => {
    const sf = program.getSourceFile(f)!;
    const preludeLines = snippets[i].prelude.split('\n').length - 1;
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
      const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1 };
      const where = line < preludeLines ? `prelude line ${line + 1}` : `README.md line ${snippets[i].line + 1 + line - preludeLines}`;
      return `${label(snippets[i])}, ${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  });
  expect(problems).toEqual([]);
}, 120_000);

interface Run {
  readonly roots: any[];
  readonly lib: any;
  readonly cdk8s: any;
}

/** Runs the snippet's module in a fresh registry with `cwd` as working directory; returns the cdk8s Apps it built. */
function run(s: ReadmeSnippet, cwd: string): Run {
  const previous = { cwd: process.cwd(), outdir: process.env.CDK8S_OUTDIR };
  process.chdir(cwd);
  process.env.CDK8S_OUTDIR = path.join(cwd, 'dist');
  try {
    let result: Run | undefined;
    jest.isolateModules(() => {
      /* eslint-disable @typescript-eslint/no-require-imports -- the snippet's own registry: loaded after chdir, one per snippet */
      const { snippetValues } = require(fileOf(s));
      const lib = require(SRC);
      const cdk8s = require('cdk8s');
      const { Construct } = require('constructs');
      const roots = [...new Set((snippetValues as any[]).filter((v) => Construct.isConstruct(v)).map((v) => v.node.root))];
      /* eslint-enable @typescript-eslint/no-require-imports */
      result = { roots, lib, cdk8s };
    });
    return result!;
  } finally {
    process.chdir(previous.cwd);
    if (previous.outdir === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = previous.outdir;
  }
}

/**
 * Images are built only on request, and a synth without a recorded build fails (by design): the
 * README's "commit `.cdk8s-dapr/images.json`" state is set up as a build would leave it.
 */
function recordImageBuilds(r: Run, cwd: string): boolean {
  const unbuilt = r.roots.flatMap((root) => root.node.findAll()).filter((c: any) => c instanceof r.lib.DaprImage && !c.digest);
  if (unbuilt.length === 0) return false;
  const images: { [ref: string]: { digest: string } } = {};
  for (const image of unbuilt) {
    images[image.taggedRef] = { digest: `sha256:${createHash('sha256').update(image.taggedRef).digest('hex')}` };
  }
  fs.mkdirSync(path.join(cwd, '.cdk8s-dapr'), { recursive: true });
  fs.writeFileSync(path.join(cwd, '.cdk8s-dapr', 'images.json'), JSON.stringify({ version: 1, images }, undefined, 2));
  return true;
}

describe.each(snippets.map((s) => [label(s), s] as const))('%s', (_name, s) => {
  test('runs, synthesizes, and passes DaprValidation (schemas, restricted policy, injected pods)', () => {
    const cwd = fs.mkdtempSync(path.join(work, `line-${s.line}-`));
    fs.cpSync(FIXTURES, cwd, { recursive: true });
    let r = run(s, cwd);
    if (recordImageBuilds(r, cwd)) r = run(s, cwd);
    expect(r.roots.length).toBeGreaterThan(0);
    for (const root of r.roots) {
      expect(root).toBeInstanceOf(r.cdk8s.App);
      new r.lib.DaprValidation(root, 'readme-validation', { sidecarInjection: {} });
      const errors = root.node.findAll().flatMap((c: any) => c.node.validate().map((e: string) => `[${c.node.path}] ${e}`));
      expect(errors).toEqual([]);
      // every chart renders (patches applied, lazy values resolved) and the whole app writes out
      for (const chart of root.node.findAll().filter((c: any) => r.cdk8s.Chart.isChart(c))) expect(Array.isArray(chart.toJson())).toBe(true);
      const previous = process.cwd();
      process.chdir(cwd);
      try {
        root.synth();
      } finally {
        process.chdir(previous);
      }
    }
  });
});

