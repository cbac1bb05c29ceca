import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { validateCommand } from '../../src/cli/validate';

/**
 * Issue 13, class 8: `cdk8s-dapr-validate` on generated hostile folders. Files mix good
 * objects, alias bombs, documents that do not parse, empty documents and arbitrary text; some
 * files are FIFOs or over the size limit. The command must never throw or hang, must name each
 * bad document by file and number, and must still check every good document.
 */

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : 42;
const runs = (n: number) => (process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : n);
jest.setTimeout(120_000);

type Doc =
  | { kind: 'good'; text: string }
  | { kind: 'bomb'; text: string }
  | { kind: 'broken'; text: string }
  | { kind: 'empty'; text: string }
  | { kind: 'text'; text: string };

const good = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/).map((name): Doc => ({
  kind: 'good', text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  k: v\n`,
}));
/** Over 100 expansions: width^depth with width >= 3 and depth >= 5. */
const bomb = fc.record({ depth: fc.integer({ min: 5, max: 12 }), width: fc.integer({ min: 3, max: 12 }) }).map(({ depth, width }): Doc => {
  const lines = ['a0: &a0 x'];
  for (let i = 1; i <= depth; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return { kind: 'bomb', text: lines.join('\n') + '\n' };
});
/** Errors that stay inside their document. */
const broken = fc.constantFrom(
  'a: 1\na: 2\n', 'a: *nowhere\n', 'a: b: c\n', '- a\nb: c\n', 'a:\n\t- b\n', '? [a\n', 'a: "x\n  y" z\n', '{a: 1, a: 2}\n',
).map((text): Doc => ({ kind: 'broken', text }));
const empty = fc.constantFrom('', '# comment only\n', '~\n', 'null\n').map((text): Doc => ({ kind: 'empty', text }));
/** Arbitrary text that holds no document marker (so the documents stay countable). */
const text = fc.string({ unit: 'binary', maxLength: 60 })
  .filter((t) => !/(^|\n)(---|\.\.\.)/.test(t) && !t.includes('%'))
  .map((t): Doc => ({ kind: 'text', text: t.endsWith('\n') ? t : `${t}\n` }));

const file = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.oneof(good, good, bomb, broken, empty, text), { minLength: 1, maxLength: 6 }).map((docs) => ({ type: 'yaml' as const, docs })) },
  { weight: 1, arbitrary: fc.constant({ type: 'fifo' as const, docs: [] as Doc[] }) },
);

describe('cdk8s-dapr-validate on generated hostile folders (fast-check)', () => {
  test('never throws or hangs; each bad document is named; every good document is still checked', () => {
    fc.assert(fc.property(fc.array(file, { minLength: 1, maxLength: 4 }), fc.integer({ min: 200, max: 2000 }), (files, limit) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-fuzz-'));
      try {
        const expected: string[] = [];
        let goodObjects = 0;
        files.forEach((f, i) => {
          const name = path.join(dir, `f${i}.yaml`);
          if (f.type === 'fifo') {
            expect(spawnSync('mkfifo', [name]).status).toBe(0);
            expected.push(`${name}: is a FIFO (named pipe); only regular files are read`);
            return;
          }
          const content = f.docs.map((d) => `---\n${d.text}`).join('');
          fs.writeFileSync(name, content);
          const size = Buffer.byteLength(content);
          if (size > limit) {
            expected.push(`${name}: is ${size} bytes, over the limit of ${limit} bytes; not read (raise it with --max-file-size)`);
            return;
          }
          f.docs.forEach((d, n) => {
            if (d.kind === 'bomb') expected.push(`${name} #${n + 1}: not read: its aliases expand more than 100 times (an alias bomb?)`);
            if (d.kind === 'broken') expected.push(`${name} #${n + 1}: not YAML: `);
            if (d.kind === 'good') goodObjects += 1;
          });
        });
        const out: string[] = [];
        const err: string[] = [];
        const code = validateCommand(['--max-file-size', String(limit), dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
        expect([0, 1]).toContain(code);
        for (const line of expected) expect(err.some((e) => e.startsWith(line))).toBe(true);
        // every line names a file (and a document) or is a warning; no stack traces
        for (const line of err) {
          expect(line.startsWith(dir) || line.startsWith('warning: ')).toBe(true);
          expect(line).not.toMatch(/\n\s+at /);
        }
        // the good documents were all read: the count covers them (arbitrary text may add scalars)
        const counted = Number(/^(\d+) objects in /.exec(out[0])?.[1]);
        const readableGood = files.reduce((n, f, _i) => {
          const content = f.docs.map((d) => `---\n${d.text}`).join('');
          return f.type === 'yaml' && Buffer.byteLength(content) <= limit ? n + f.docs.filter((d) => d.kind === 'good').length : n;
        }, 0);
        expect(counted).toBeGreaterThanOrEqual(readableGood);
        expect(goodObjects).toBeGreaterThanOrEqual(readableGood);
        if (expected.length > 0) expect(code).toBe(1);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }), { seed: SEED, numRuns: runs(150) });
  });
});
