#!/usr/bin/env node
/**
 * `cdk8s-dapr-validate [--no-policy] [--allow-unknown-kinds] [--injected] <file or folder>...`
 *
 * Checks YAML manifests from any source (cdk8s, Helm, hand-written) the way `DaprValidation`
 * checks a cdk8s app: strict Kubernetes 1.28 and Dapr CRD schemas (CRDs found in any of the
 * inputs count too), the workload policy, and `dapr.io/*` annotations of pod templates (keys
 * the injector reads, values of their type). `--injected` checks pods as Dapr's sidecar injector
 * patches them (with the settings of an injector Deployment among the inputs, else the chart's). Offline, no cluster. Exits 1 when anything is
 * wrong, 2 on a usage error.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { duplicateAppIdProblems, injectorSettingsFromManifests } from '../validation/injected-pods';
import { ManifestValidator } from '../validation/manifest-validator';
import { manifestProblems } from '../validation/report';

const USAGE = 'usage: cdk8s-dapr-validate [--no-policy] [--allow-unknown-kinds] [--injected] <file.yaml or folder>...';

/** Where the command writes: injectable for tests. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the command; returns the exit code. */
export function validateCommand(args: string[], io: CliOutput): number {
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  const unknown = [...flags].filter((f) => !['--no-policy', '--allow-unknown-kinds', '--injected', '--help', '-h'].includes(f));
  const inputs = args.filter((a) => !a.startsWith('-'));
  if (flags.has('--help') || flags.has('-h')) {
    io.out(USAGE);
    return 0;
  }
  if (unknown.length > 0 || inputs.length === 0) {
    io.err(unknown.length > 0 ? `unknown option ${unknown[0]}` : 'no files given');
    io.err(USAGE);
    return 2;
  }
  const files: string[] = [];
  for (const input of inputs) {
    if (!fs.existsSync(input)) {
      io.err(`${input}: no such file or folder`);
      return 2;
    }
    files.push(...yamlFiles(input));
  }
  const problems: string[] = [];
  const documents: Array<{ file: string; objects: any[] }> = [];
  for (const file of files) {
    const objects: any[] = [];
    for (const doc of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      if (doc.errors.length > 0) {
        problems.push(`${file}: not YAML: ${doc.errors[0].message.split('\n')[0]}`);
        continue;
      }
      const obj = doc.toJS();
      if (obj !== null && obj !== undefined) objects.push(obj);
    }
    documents.push({ file, objects });
  }
  const crds = documents.flatMap((d) => d.objects.filter((o) => o?.kind === 'CustomResourceDefinition'));
  const validator = new ManifestValidator({ customResourceDefinitions: crds, allowUnknownKinds: flags.has('--allow-unknown-kinds') });
  // --injected: check pods as Dapr's injector patches them, with the settings of an injector
  // Deployment among the inputs, else Dapr's chart defaults
  const injector = flags.has('--injected') ? injectorSettingsFromManifests(documents.flatMap((d) => d.objects)) : undefined;
  for (const { file, objects } of documents) {
    problems.push(...manifestProblems(objects, file, validator, { policy: !flags.has('--no-policy'), injector, daprAnnotations: true }));
  }
  problems.push(...duplicateAppIdProblems(documents.map((d) => ({ document: d.file, objects: d.objects }))));
  problems.forEach((p) => io.err(p));
  const count = documents.reduce((n, d) => n + d.objects.length, 0);
  io.out(`${count} objects in ${files.length} files: ${problems.length === 0 ? 'valid' : `${problems.length} problems`}`);
  return problems.length === 0 ? 0 : 1;
}

/** The YAML files of a file or folder, sorted, so the output is the same on every machine. */
function yamlFiles(input: string): string[] {
  if (!fs.statSync(input).isDirectory()) return [input];
  return fs.readdirSync(input, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) // code point order: the same on every machine and locale
    .flatMap((e) => {
      const full = path.join(input, e.name);
      if (e.isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(e.name) ? [full] : [];
    });
}

if (require.main === module) {
  process.exitCode = validateCommand(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) });
}
