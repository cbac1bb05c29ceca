import * as fs from 'fs';
import * as path from 'path';

/**
 * The ```ts blocks of README.md, as modules that compile on their own.
 *
 * A block with `import` lines is a whole program. A block without is a fragment of the story
 * around it: the hidden HTML comment right above it, `<!-- snippet-prelude ... -->`, holds the
 * imports and the objects it uses (`chart`, `api` ...), so the README stays readable and the
 * fragment is still compiled and run as written. The package name is rewritten to the sources.
 */
export interface ReadmeSnippet {
  /** 1-based line of the opening fence in README.md. */
  readonly line: number;
  /** The block as written. */
  readonly code: string;
  /** The hidden prelude, or '' for a whole program. */
  readonly prelude: string;
}

export const README = path.join(__dirname, '..', '..', 'README.md');

export function readmeSnippets(text: string = fs.readFileSync(README, 'utf8')): ReadmeSnippet[] {
  const out: ReadmeSnippet[] = [];
  const fence = /^```ts\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const before = text.slice(0, m.index);
    const prelude = /<!-- snippet-prelude\n((?:(?!-->)[\s\S])*)-->\n$/.exec(before)?.[1] ?? '';
    out.push({ line: before.split('\n').length, code: m[1], prelude });
  }
  return out;
}

/** Whether the block is a whole program (it imports what it uses). */
export const isProgram = (s: ReadmeSnippet) => /^import /m.test(s.code);

/**
 * The module for one snippet: prelude and block, the package import pointing at `librarySpecifier`,
 * and an export of every top-level variable, so the test can find the cdk8s App(s) it built.
 */
export function snippetModule(s: ReadmeSnippet, librarySpecifier: string, variables: (code: string) => string[]): string {
  const body = `${s.prelude}${s.code}`.replace(/from 'cdk8s-dapr'/g, `from '${librarySpecifier}'`);
  const names = variables(body);
  return `${body}\nexport const snippetValues: unknown[] = [${names.join(', ')}];\n`;
}
