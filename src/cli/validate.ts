#!/usr/bin/env node
/**
 * `cdk8s-dapr-validate [options] <file or folder>...`
 *
 * Checks YAML manifests from any source (cdk8s, Helm, hand-written) the way `DaprValidation`
 * checks a cdk8s app: strict Kubernetes 1.28 and Dapr CRD schemas (CRDs found in any of the
 * inputs count too), the workload policy, and `dapr.io/*` annotations of pod templates (keys
 * the injector reads, values of their type). `--injected` checks pods as Dapr's sidecar injector
 * patches them (with the settings of an injector Deployment among the inputs, else those of
 * Dapr's Helm chart: its defaults, or the values file given with `--helm-values`).
 * Offline, no cluster.
 *
 * The inputs may be hostile: only regular files are read (a FIFO would block forever, a device
 * never ends), each up to a size limit checked before reading, YAML aliases are capped (an
 * alias bomb expands to gigabytes), and a broken document is reported and skipped, not fatal.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import * as YAML from 'yaml';
import { byCodePoint } from '../core/code-point-order';
import { injectorSettingsFromHelm } from '../validation/helm-install';
import { duplicateAppIdProblems, injectorSettingsFromManifests } from '../validation/injected-pods';
import { ManifestValidator } from '../validation/manifest-validator';
import { manifestProblems } from '../validation/report';

/** Files larger than this are refused unless `--max-file-size` raises the limit. */
export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;
/**
 * Alias expansions allowed per document: yaml's own default (`ToJSOptions.maxAliasCount`),
 * named here so the message can say it. Real manifests (Helm output, cdk8s) use none.
 */
export const MAX_ALIAS_COUNT = 100;

/** Exit codes, as `--help` and the README list them. */
export const EXIT_VALID = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

const USAGE = [
  'usage: cdk8s-dapr-validate [options] <file.yaml or folder>...',
  '',
  'Checks Kubernetes and Dapr manifests against strict schemas, the workload policy and the',
  'dapr.io/* annotations the sidecar injector reads, offline.',
  'Folders are searched for *.yaml and *.yml files; only regular files are read.',
  '',
  'options:',
  '  --no-policy              check schemas only',
  '  --allow-unknown-kinds    let kinds without a schema pass',
  '  --injected               check pods as the sidecar injector patches them (settings of a',
  "                           dapr-sidecar-injector Deployment among the inputs, else the chart's)",
  `  --max-file-size <size>   refuse larger files (bytes, or with KiB/MiB/GiB; default ${DEFAULT_MAX_FILE_SIZE / 1024 / 1024}MiB)`,
  '  --fail-on-empty          exit 1 when a file holds no objects, or no file was found (by default a warning)',
  '  -h, --help               this text',
  '',
  'exit codes:',
  `  ${EXIT_VALID}  every object is valid (warnings, such as a file without objects, go to stderr)`,
  `  ${EXIT_PROBLEMS}  problems: an invalid object, a document that is not YAML or exceeds ${MAX_ALIAS_COUNT} alias expansions,`,
  '     a file that is not a regular file, unreadable or over the size limit;',
  '     with --fail-on-empty also a file without objects, or no file at all',
  `  ${EXIT_USAGE}  usage error: unknown option, bad option value, no inputs, an input that does not exist`,
].join('\n');

/** Where the command writes: injectable for tests. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** One YAML document that held an object, with its 1-based position in its file. */
interface ParsedObject {
  readonly index: number;
  readonly object: unknown;
}

/** Runs the command; returns the exit code. */
export function validateCommand(args: string[], io: CliOutput): number {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (e) {
    io.err((e as Error).message);
    io.err(USAGE.split('\n')[0]);
    return EXIT_USAGE;
  }
  const { options, inputs } = parsed;
  if (options.help) {
    io.out(USAGE);
    return EXIT_VALID;
  }
  if (inputs.length === 0) {
    io.err('no files given');
    io.err(USAGE.split('\n')[0]);
    return EXIT_USAGE;
  }
  // --helm-values: the injector Dapr's chart runs with those values (checked before any input is read)
  let helm: ReturnType<typeof injectorSettingsFromHelm> | undefined;
  if (options.helmValues !== undefined || options.helmNamespace !== undefined) {
    try {
      helm = injectorSettingsFromHelm({ values: options.helmValues === undefined ? {} : readHelmValues(options.helmValues, options.maxFileSize), namespace: options.helmNamespace }, '--helm-values');
    } catch (e) {
      io.err((e as Error).message);
      return EXIT_USAGE;
    }
  }
  const files: string[] = [];
  for (const input of inputs) {
    if (!exists(input)) {
      io.err(`${input}: no such file or folder`);
      return EXIT_USAGE;
    }
    files.push(...yamlFiles(input));
  }

  const problems: string[] = [];
  const warnings: string[] = [];
  const documents: Array<{ file: string; objects: ParsedObject[] }> = [];
  for (const file of files) {
    const read = readRegularFile(file, options.maxFileSize);
    if (typeof read !== 'string') {
      problems.push(`${file}: ${read.problem}`);
      continue;
    }
    const before = problems.length;
    const objects = parseDocuments(file, read, problems);
    if (objects.length === 0 && problems.length === before) warnings.push(`warning: ${file}: no Kubernetes objects in this file`);
    documents.push({ file, objects });
  }

  const all = documents.flatMap((d) => d.objects.map((o) => o.object));
  const crds = all.filter((o: any) => o?.kind === 'CustomResourceDefinition');
  const validator = new ManifestValidator({ customResourceDefinitions: crds, allowUnknownKinds: options.allowUnknownKinds });
  // --injected: check pods as Dapr's injector patches them, with the settings of an injector
  // Deployment among the inputs, else Dapr's chart defaults
  const fromFiles = options.injected ? injectorSettingsFromManifests(all, helm) : undefined;
  if (helm && fromFiles !== helm) {
    io.err(`--helm-values: the inputs hold a sidecar injector Deployment (${fromFiles!.source}); check them either with its settings or with the Helm values, not both`);
    return EXIT_USAGE;
  }
  const injector = fromFiles;
  for (const { file, objects } of documents) {
    problems.push(...manifestProblems(objects.map((o) => o.object), file, validator,
      { policy: options.policy, injector, daprAnnotations: true, positions: objects.map((o) => o.index) }));
  }
  problems.push(...duplicateAppIdProblems(documents.map((d) => ({ document: d.file, objects: d.objects.map((o) => o.object) }))));
  const count = documents.reduce((n, d) => n + d.objects.length, 0);
  if (files.length === 0) warnings.push(`warning: no *.yaml or *.yml files in ${inputs.join(', ')}`);
  problems.forEach((p) => io.err(p));
  warnings.forEach((w) => io.err(w));
  const verdict = problems.length > 0 ? `${problems.length} problems` : count === 0 ? 'nothing to validate' : 'valid';
  io.out(`${count} objects in ${files.length} files: ${verdict}${warnings.length > 0 ? `, ${warnings.length} warnings` : ''}`);
  if (problems.length > 0) return EXIT_PROBLEMS;
  return warnings.length > 0 && options.failOnEmpty ? EXIT_PROBLEMS : EXIT_VALID;
}

/** A Helm values file: one YAML mapping (empty for none), read with the inputs' limits. */
function readHelmValues(file: string, maxFileSize: number): { [key: string]: any } {
  if (!exists(file)) throw new Error(`--helm-values: ${file}: no such file`);
  const read = readRegularFile(file, maxFileSize);
  if (typeof read !== 'string') throw new Error(`--helm-values: ${file}: ${read.problem}`);
  const doc = YAML.parseDocument(read);
  if (doc.errors.length > 0) throw new Error(`--helm-values: ${file}: not YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const values = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  if (values === null || values === undefined) return {};
  if (typeof values !== 'object' || Array.isArray(values)) throw new Error(`--helm-values: ${file}: not a map of chart values`);
  return values;
}

function parseOptions(args: string[]) {
  let values: { [name: string]: string | boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        'no-policy': { type: 'boolean' },
        'allow-unknown-kinds': { type: 'boolean' },
        'injected': { type: 'boolean' },
        'helm-values': { type: 'string' },
        'helm-namespace': { type: 'string' },
        'max-file-size': { type: 'string' },
        'fail-on-empty': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    // Node's messages ("Unknown option '--x'. To specify a positional argument ...") are long; say it shortly
    const code = (e as NodeJS.ErrnoException).code;
    const option = /'([^']+)'/.exec((e as Error).message)?.[1] ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Error(`unknown option ${option}`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new Error(`option ${option.split(' ')[0]} needs a value`);
    throw e;
  }
  const size = values['max-file-size'];
  return {
    inputs: positionals,
    options: {
      help: values.help === true,
      policy: values['no-policy'] !== true,
      allowUnknownKinds: values['allow-unknown-kinds'] === true,
      injected: values.injected === true || typeof values['helm-values'] === 'string',
      helmValues: typeof values['helm-values'] === 'string' ? values['helm-values'] : undefined,
      helmNamespace: typeof values['helm-namespace'] === 'string' ? values['helm-namespace'] : undefined,
      failOnEmpty: values['fail-on-empty'] === true,
      maxFileSize: typeof size === 'string' ? parseSize(size) : DEFAULT_MAX_FILE_SIZE,
    },
  };
}

const UNITS: { [unit: string]: number } = { '': 1, 'B': 1, 'KiB': 1024, 'MiB': 1024 ** 2, 'GiB': 1024 ** 3 };

/** `1048576`, `512KiB`, `64MiB`, `1GiB` -> bytes. */
function parseSize(text: string): number {
  const m = /^(\d{1,15})(B|KiB|MiB|GiB)?$/.exec(text.trim());
  const bytes = m ? Number(m[1]) * UNITS[m[2] ?? ''] : NaN;
  if (!Number.isSafeInteger(bytes) || bytes <= 0) {
    throw new Error(`--max-file-size: ${JSON.stringify(text)} is invalid; allowed: a positive number of bytes, optionally with KiB, MiB or GiB, e.g. 64MiB`);
  }
  return bytes;
}

function exists(input: string): boolean {
  try {
    fs.lstatSync(input);
    return true;
  } catch {
    return false;
  }
}

/** The YAML files of a file or folder, sorted by code point, so the output is the same on every machine. */
function yamlFiles(input: string): string[] {
  let isDirectory = false;
  try {
    isDirectory = fs.statSync(input).isDirectory();
  } catch {
    // a dangling link: readRegularFile says so
  }
  if (!isDirectory) return [input];
  return fs.readdirSync(input, { withFileTypes: true })
    .sort(byCodePoint((e) => e.name))
    .flatMap((e) => {
      const full = path.join(input, e.name);
      // links to folders are not followed (no loops); a link named *.yaml is checked as a file below
      if (e.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(e.name) ? [full] : [];
    });
}

/** Read-only, non-blocking (a FIFO swapped in cannot block the open), never a controlling terminal. */
// eslint-disable-next-line no-bitwise
const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY;

/** What a file that is not regular is, for the message. */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * The text of `file` if it is a regular file of at most `limit` bytes; otherwise why not.
 * The type and size are checked before reading (stat), then again on the opened descriptor
 * (the file may have been swapped in between); the open is non-blocking, so a FIFO put in
 * place after the check cannot hang the run, and at most `limit` + 1 bytes are ever read.
 */
function readRegularFile(file: string, limit: number): string | { problem: string } {
  const tooLarge = (size: number | string) =>
    ({ problem: `is ${size} bytes, over the limit of ${limit} bytes; not read (raise it with --max-file-size)` });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    return { problem: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  if (!stat.isFile()) return { problem: `is ${kindOf(stat)}; only regular files are read` };
  if (stat.size > limit) return tooLarge(stat.size);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { problem: `is ${kindOf(opened)}; only regular files are read` };
    const buffer = Buffer.alloc(Math.min(opened.size, limit) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length;) {
      n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      length += n;
    }
    if (length > limit) return tooLarge(`more than ${limit}`);
    return buffer.subarray(0, length).toString('utf8');
  } catch (e) {
    return { problem: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The objects of every YAML document of a file, each with its position. A document that does not
 * parse, or that expands too many aliases, is a problem named by file and position; the others
 * are still read. Documents are composed one at a time, so only one syntax tree is held at once.
 */
function parseDocuments(file: string, text: string, problems: string[]): ParsedObject[] {
  const objects: ParsedObject[] = [];
  const lines = new YAML.LineCounter();
  const composer = new YAML.Composer();
  let index = 0;
  const take = (doc: YAML.Document.Parsed) => {
    index += 1;
    if (doc.errors.length > 0) {
      const error = doc.errors[0];
      const at = lines.linePos(error.pos[0]);
      problems.push(`${file} #${index}: not YAML: line ${at.line}, column ${at.col}: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
      return;
    }
    let object: unknown;
    try {
      object = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      // yaml throws ReferenceErrors for both an excessive alias count and an unresolved alias
      problems.push(e instanceof ReferenceError && /excessive alias count/i.test(e.message)
        ? `${file} #${index}: not read: its aliases expand more than ${MAX_ALIAS_COUNT} times (an alias bomb?)`
        : `${file} #${index}: not YAML: ${(e as Error).message.split('\n')[0]}`);
      return;
    }
    if (object !== null && object !== undefined) objects.push({ index, object });
  };
  for (const doc of composer.compose(new YAML.Parser(lines.addNewLine).parse(text))) take(doc);
  return objects;
}

if (require.main === module) {
  process.exitCode = validateCommand(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
}
