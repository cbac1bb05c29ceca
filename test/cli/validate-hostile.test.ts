import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_MAX_FILE_SIZE, validateCommand } from '../../src/cli/validate';

/**
 * `cdk8s-dapr-validate` on hostile files (issue 13, class 8): an alias bomb, broken documents
 * between good ones, a FIFO, a socket, devices, an oversized file and empty files. Each gives a
 * clear message naming file (and document), the run goes on with the rest, and nothing hangs.
 */
jest.setTimeout(60_000);

function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = validateCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-hostile-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const CONFIG_MAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: shop\ndata:\n  a: b\n`;

/** The "billion laughs" document: each level names the previous one `width` times. */
function aliasBomb(depth: number, width: number): string {
  const lines = ['a0: &a0 lol'];
  for (let i = 1; i <= depth; i++) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('cdk8s-dapr-validate on hostile files', () => {
  test('an alias bomb is one problem of its document; the documents after it and the other files are still checked', () => {
    const bombed = write('bombed.yaml', [CONFIG_MAP('first'), aliasBomb(9, 9), CONFIG_MAP('third')].join('---\n'));
    const other = write('other.yaml', CONFIG_MAP('other'));
    const result = run([bombed, other]);
    expect(result).toEqual({
      code: 1,
      out: ['3 objects in 2 files: 1 problems'],
      err: [`${bombed} #2: not read: its aliases expand more than 100 times (an alias bomb?)`],
    });
  });

  test('parse errors are reported per document, with file and document number; the good documents are checked', () => {
    const file = write('mixed.yaml', [
      CONFIG_MAP('first'),
      'a: 1\na: 2\n',
      CONFIG_MAP('third').replace('kind: ConfigMap', 'kind: ConfigMap\nspec: {}'),
      'key: "unterminated\n',
    ].join('---\n'));
    const result = run([file]);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      `${file} #2: not YAML: line 10, column 1: Map keys must be unique`,
      expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} #4: not YAML: line \\d+, column \\d+: `)),
      `${file} #3 v1 ConfigMap shop/third $.spec: unknown field "spec"; the schema has no such field here`,
    ]);
    expect(result.out).toEqual(['2 objects in 1 files: 3 problems']);
  });

  test('a FIFO, a socket and devices are named and not read, in a folder and given directly; nothing hangs', async () => {
    const fifo = path.join(tmp, 'pipe.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const socketPath = path.join(tmp, 'socket.yaml');
    const server = net.createServer().listen(socketPath);
    await new Promise((r) => server.once('listening', r));
    fs.symlinkSync('/dev/zero', path.join(tmp, 'zero.yaml'));
    const good = write('good.yaml', CONFIG_MAP('good'));
    try {
      const result = run([tmp, '/dev/null']);
      expect(result.err).toEqual([
        `${fifo}: is a FIFO (named pipe); only regular files are read`,
        `${socketPath}: is a socket; only regular files are read`,
        `${path.join(tmp, 'zero.yaml')}: is a character device; only regular files are read`,
        '/dev/null: is a character device; only regular files are read',
      ]);
      expect(result).toMatchObject({ code: 1, out: ['1 objects in 5 files: 4 problems'] });
      expect(run([good]).code).toBe(0);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  test('a file over the size limit is refused before it is read; --max-file-size raises the limit', () => {
    const big = path.join(tmp, 'big.yaml');
    const size = DEFAULT_MAX_FILE_SIZE + 1;
    // a sparse file: its size is what counts, nothing needs to be written
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, size);
    expect(run([big])).toEqual({
      code: 1,
      out: ['0 objects in 1 files: 1 problems'],
      err: [`${big}: is ${size} bytes, over the limit of ${DEFAULT_MAX_FILE_SIZE} bytes; not read (raise it with --max-file-size)`],
    });
    const small = write('small.yaml', CONFIG_MAP('small'));
    expect(run(['--max-file-size', '64', small]).err).toEqual([`${small}: is ${fs.statSync(small).size} bytes, over the limit of 64 bytes; not read (raise it with --max-file-size)`]);
    expect(run(['--max-file-size=1KiB', small]).code).toBe(0);
    for (const bad of ['0', '-1', '1.5MiB', '12TB', 'lots']) {
      expect(run([`--max-file-size=${bad}`, small])).toMatchObject({ code: 2, err: [expect.stringContaining(`--max-file-size: ${JSON.stringify(bad)} is invalid; allowed: a positive number of bytes`), expect.any(String)] });
    }
    expect(run(['--max-file-size'])).toMatchObject({ code: 2, err: ['option --max-file-size needs a value', expect.any(String)] });
  });

  test('an empty file, or one of comments only, is a warning; --fail-on-empty makes it fail', () => {
    const empty = write('empty.yaml', '');
    const comments = write('comments.yaml', '# nothing here\n---\n---\n');
    const good = write('good.yaml', CONFIG_MAP('good'));
    expect(run([empty, comments])).toEqual({
      code: 0,
      out: ['0 objects in 2 files: nothing to validate, 2 warnings'],
      err: [`warning: ${empty}: no Kubernetes objects in this file`, `warning: ${comments}: no Kubernetes objects in this file`],
    });
    expect(run(['--fail-on-empty', empty]).code).toBe(1);
    expect(run(['--fail-on-empty', good, empty])).toMatchObject({ code: 1, out: ['1 objects in 2 files: valid, 1 warnings'] });
    expect(run(['--fail-on-empty', good]).code).toBe(0);
    const noYaml = path.join(tmp, 'nothing');
    fs.mkdirSync(noYaml);
    expect(run(['--fail-on-empty', noYaml])).toEqual({ code: 1, out: ['0 objects in 0 files: nothing to validate, 1 warnings'], err: [`warning: no *.yaml or *.yml files in ${noYaml}`] });
  });

  test('--help documents the options and the exit codes', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    const lines = help.out.join('\n').split('\n');
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^ {2}--max-file-size <size> +refuse larger files \(bytes, or with KiB\/MiB\/GiB; default 16MiB\)$/),
      expect.stringMatching(/^ {2}--fail-on-empty +exit 1 when a file holds no objects/),
      'exit codes:',
      expect.stringMatching(/^ {2}0 {2}every object is valid/),
      expect.stringMatching(/^ {2}1 {2}problems: /),
      expect.stringMatching(/^ {2}2 {2}usage error/),
    ]));
  });
});

describe('the cdk8s-dapr-validate process', () => {
  /** Runs the command from its TypeScript source, as the bin runs lib/cli/validate.js. */
  function spawnValidate(args: string[]) {
    return spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', '..', 'src', 'cli', 'validate.ts'), ...args], {
      encoding: 'utf8', timeout: 50_000, cwd: path.join(__dirname, '..', '..'),
    });
  }

  test('exits 1 without a stack trace on an alias bomb and a FIFO, and does not hang', () => {
    const bombed = write('bombed.yaml', aliasBomb(12, 10));
    const fifo = path.join(tmp, 'pipe.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const result = spawnValidate([tmp]);
    expect(result.signal).toBeNull();
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 1,
      stdout: '0 objects in 2 files: 2 problems\n',
      stderr: `${bombed} #1: not read: its aliases expand more than 100 times (an alias bomb?)\n${fifo}: is a FIFO (named pipe); only regular files are read\n`,
    });
  });
});
