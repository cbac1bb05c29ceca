import { IConstruct } from 'constructs';
import { nameResolverNames, nameResolverSpecs } from './component-types';
import { compareCodePoints } from '../core/code-point-order';
import { FIELD_TYPE_RULE, indexOf, isWellFormed } from '../core/component-spec';
import { credentialInValue, redacted } from '../core/credentials';
import { checkMap } from '../core/js-values';
import { didYouMean, fail } from '../core/validation';

/*
 * A Configuration's `spec.nameResolution` checked against the name resolvers' tables: the facts
 * generated from components-contrib's nameresolution/*\/metadata.yaml plus src/facts/overrides.ts,
 * the same tables and rules as a Component's metadata. daprd loads the resolver by the name in
 * `component` (dapr v1.18.3 cmd/daprd/components/nameresolution_*.go register them) and hands it
 * `configuration` as written (components-contrib `nameresolution/metadata.go`): no secret
 * references, so a credential there would sit in plain text in the manifest.
 */

const PROP = 'nameResolution';

/**
 * Checks a name resolution setting; returns the `configuration` to emit (a copy).
 * @param component the resolver's name as `nameResolution.component` gives it, e.g. `kubernetes`
 */
export function checkNameResolution(scope: IConstruct, component: string, version: string,
  configuration: { readonly [key: string]: string } | undefined): { [key: string]: string } {
  const specs = nameResolverSpecs(component);
  if (specs.length === 0) {
    const names = nameResolverNames();
    const guess = didYouMean(component, names);
    fail(scope, `${PROP}.resolver`, component, `a name resolver daprd is built with: ${names.map((n) => JSON.stringify(n)).join(', ')}${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  const spec = specs.find((s) => s.versions.includes(version));
  if (!spec) {
    fail(scope, `${PROP}.version`, version, `one of ${specs.flatMap((s) => s.versions).map((v) => JSON.stringify(v)).join(', ')} for the "${component}" resolver`);
  }
  const config = checkMap(scope, `${PROP}.configuration`, configuration, 'strings');
  const index = indexOf(spec);
  const what = `the "${component}" name resolver ${version}`;
  const keys = Object.keys(config).sort(compareCodePoints);
  for (const key of keys) {
    const field = index.byName.get(key);
    if (!field) {
      const names = spec.fields.map((f) => f.name);
      const guess = didYouMean(key, names);
      fail(scope, `${PROP}.configuration`, key, `a configuration key of ${what}${guess ? ` (did you mean "${guess}"?)`
        : names.length > 0 ? `: ${names.join(', ')}` : ': it takes none'}`);
    }
    const prop = `${PROP}.configuration.${key}`;
    const value = config[key];
    if (typeof value !== 'string') fail(scope, prop, redacted(value), 'a string');
    // the credential check comes first: no later check may show a credential
    // the table decides which keys are sensitive (a sqlite connectionString is a file path);
    // any value is refused when it holds a credential (a URL with a password, a private key)
    const held = credentialInValue(value);
    const why = field.sensitive ? `"${key}" is sensitive` : held === undefined ? undefined : `the value holds ${held}`;
    if (why !== undefined) {
      fail(scope, prop, redacted(value), `no credential (${why}): daprd passes nameResolution.configuration to the resolver as written, `
        + `without secret references, so leave it out and give ${what} its credential another way${docsOf(component)}`);
    }
    if (field.allowedValues && !field.allowedValues.includes(value)) {
      fail(scope, prop, value, `one of ${field.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    const type = field.type ?? 'string';
    if (!isWellFormed(type, value)) fail(scope, prop, value, FIELD_TYPE_RULE[type]);
  }
  for (const key of index.required) {
    if (!(key in config)) fail(scope, `${PROP}.configuration.${key}`, undefined, `a value: ${what} requires it`);
  }
  for (const group of spec.requireOneOf ?? []) {
    if (!group.some((k) => k in config)) {
      fail(scope, `${PROP}.configuration`, keys, `configuration with at least one of ${group.map((k) => JSON.stringify(k)).join(', ')}`);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, config[k]]));
}

function docsOf(component: string): string {
  const docs = nameResolverSpecs(component)[0]?.docs;
  return docs ? ` (see ${docs})` : '';
}
