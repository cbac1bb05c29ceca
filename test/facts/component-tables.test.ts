import { Chart, Testing } from 'cdk8s';
import { Component, MetadataValue } from '../../src';
import { FieldSpec, indexOf } from '../../src/core/component-spec';
import { isCredentialName } from '../../src/core/credentials';
import { COMPONENT_SPECS, specsFor, NAME_RESOLUTION_SPECS, nameResolverSpecs } from '../../src/facts/component-types';
import { ADDED_FIELDS, FIELD_OVERRIDES, REQUIRE_ONE_OF } from '../../src/facts/overrides';
import { COMPONENT_TYPES } from '../../src/generated/component-metadata';

/** Keys that look like credentials but are identifiers, reviewed: not sensitive. */
// named like credentials, but identifiers: the Confluent key id (its secret is schemaRegistryAPISecret),
// the id of a GCP service-account key (its private half is private_key)
// the path of a SQLite file (name resolution has no secret references; a credential in any value is refused)
const REVIEWED_NOT_CREDENTIALS = ['pubsub.kafka:schemaRegistryAPIKey', 'bindings.kafka:schemaRegistryAPIKey', 'state.gcp.firestore:private_key_id',
  'nameresolution.sqlite:connectionString'];

const factsOf = (type: string) => COMPONENT_TYPES.filter((t) => t.type === type);

describe('component tables', () => {
  test('141/141 component types of components-contrib are checked, each on its path', () => {
    expect(COMPONENT_TYPES).toHaveLength(141);
    // the path each type is checked on: a Component's metadata, or a Configuration's nameResolution
    const paths = COMPONENT_TYPES.map((t) => {
      const components = specsFor(t.type).filter((s) => s.versions.includes(t.version));
      const resolvers = (t.category === 'nameresolution' ? nameResolverSpecs(t.type.slice('nameresolution.'.length)) : [])
        .filter((s) => s.versions.includes(t.version));
      const path = components.length === 1 && resolvers.length === 0 ? 'Component.metadata'
        : components.length === 0 && resolvers.length === 1 ? 'Configuration.nameResolution' : 'unchecked';
      return `${t.type} ${t.version}: ${path}`;
    });
    expect(paths.filter((p) => p.endsWith('unchecked'))).toEqual([]);
    expect(paths.filter((p) => p.endsWith(': Component.metadata'))).toHaveLength(135);
    expect(paths.filter((p) => p.endsWith(': Configuration.nameResolution'))).toEqual([
      'nameresolution.aws.cloudmap v1: Configuration.nameResolution', 'nameresolution.hashicorp.consul v1: Configuration.nameResolution',
      'nameresolution.kubernetes v1: Configuration.nameResolution', 'nameresolution.mdns v1: Configuration.nameResolution',
      'nameresolution.nameformat v1: Configuration.nameResolution', 'nameresolution.sqlite v1: Configuration.nameResolution',
    ]);
    expect(COMPONENT_SPECS.length + NAME_RESOLUTION_SPECS.length).toBe(141);
    for (const t of COMPONENT_TYPES) {
      for (const alias of t.aliases ?? []) {
        const checked = t.category === 'nameresolution' ? nameResolverSpecs(alias.slice('nameresolution.'.length)) : specsFor(alias);
        expect({ alias, checked: checked.length > 0 }).toEqual({ alias, checked: true });
      }
    }
  });

  test('every field components-contrib marks sensitive is sensitive here, built-in auth profiles included', () => {
    let upstream = 0;
    for (const facts of COMPONENT_TYPES) {
      const spec = [...specsFor(facts.type), ...NAME_RESOLUTION_SPECS.filter((s) => s.type === facts.type)]
        .find((s) => s.versions.includes(facts.version))!;
      for (const f of facts.fields.filter((x) => x.sensitive)) {
        upstream++;
        const sensitive = indexOf(spec).byName.get(f.name)?.sensitive;
        expect({ type: facts.type, key: f.name, sensitive }).toEqual({ type: facts.type, key: f.name, sensitive: true });
      }
    }
    expect(upstream).toBe(251);
    // the Azure AD profile's certificate, on every type that imports the profile
    const azure = COMPONENT_SPECS.filter((s) => s.fields.some((f) => f.name === 'azureCertificate'));
    expect(azure.length).toBe(28);
    expect(azure.every((s) => indexOf(s).byName.get('azureCertificate')!.sensitive)).toBe(true);
  });

  test('keys that look like credentials are sensitive unless reviewed as identifiers', () => {
    const unflagged = [...COMPONENT_SPECS, ...NAME_RESOLUTION_SPECS].flatMap((s) => s.fields.filter((f) => isCredentialName(f.name) && !f.sensitive).map((f) => `${s.type}:${f.name}`));
    expect([...new Set(unflagged)].sort()).toEqual([...REVIEWED_NOT_CREDENTIALS].sort());
  });

  test('every override names existing types and keys and changes something (remove it once upstream agrees)', () => {
    for (const o of FIELD_OVERRIDES) {
      expect(o.reason.length).toBeGreaterThan(5);
      for (const type of o.types) {
        const all = factsOf(type);
        expect({ type, exists: all.length > 0 }).toEqual({ type, exists: true });
        const fields = all.map((t) => t.fields.find((f) => f.name === o.key));
        expect({ type, key: o.key, inFacts: fields.some((f) => f !== undefined) }).toEqual({ type, key: o.key, inFacts: true });
        const field = fields.find((f) => f !== undefined)!;
        const changes = (o.sensitive !== undefined && o.sensitive !== (field.sensitive ?? false))
          || (o.required !== undefined && o.required !== (field.required ?? false))
          || (o.type !== undefined && o.type !== (field.type ?? 'string'))
          || (o.allowedValues !== undefined && JSON.stringify(o.allowedValues) !== JSON.stringify(field.allowedValues))
          || o.prop !== undefined;
        expect({ type, key: o.key, changes }).toEqual({ type, key: o.key, changes: true });
      }
    }
    for (const a of ADDED_FIELDS) {
      for (const type of a.types) {
        const inFacts = factsOf(type).some((t) => t.fields.some((f) => f.name === a.field.name));
        expect({ type, key: a.field.name, inFacts }).toEqual({ type, key: a.field.name, inFacts: false });
      }
    }
    for (const g of REQUIRE_ONE_OF) {
      for (const type of g.types) {
        for (const key of g.keys) {
          expect({ type, key, inFacts: factsOf(type).some((t) => t.fields.some((f) => f.name === key)) }).toEqual({ type, key, inFacts: true });
        }
      }
    }
  });

  test('the tables are the facts plus the overrides, nothing else', () => {
    for (const spec of [...COMPONENT_SPECS, ...NAME_RESOLUTION_SPECS]) {
      const facts = factsOf(spec.type).find((t) => t.version === spec.versions[0])!;
      const added = ADDED_FIELDS.filter((a) => a.types.includes(spec.type)).map((a) => a.field.name);
      expect(spec.fields.map((f) => f.name)).toEqual([...facts.fields.map((f) => f.name), ...added]);
      for (const field of spec.fields) {
        const fact = facts.fields.find((f) => f.name === field.name)
          ?? ADDED_FIELDS.find((a) => a.types.includes(spec.type) && a.field.name === field.name)!.field;
        const touched = FIELD_OVERRIDES.some((o) => o.types.includes(spec.type) && o.key === field.name);
        if (!touched) expect(field).toEqual(fact);
      }
    }
  });
});

/** A well-formed value of a field: plain, or from a secret when it is sensitive. */
function valueOf(f: FieldSpec): MetadataValue {
  if (f.sensitive) return MetadataValue.fromSecret('creds', f.name.toLowerCase().replace(/[^a-z0-9]/g, '-'));
  if (f.allowedValues) return MetadataValue.fromString(f.allowedValues[0]);
  switch (f.type) {
    case 'number': return MetadataValue.fromString('1');
    case 'bool': return MetadataValue.fromString('true');
    case 'duration': return MetadataValue.fromString('5s');
    case 'bytesize': return MetadataValue.fromString('1Mi');
    default: return MetadataValue.fromString('x');
  }
}

describe('the generic Component checks all 135 component types (the 6 name resolvers: test/facts/name-resolution.test.ts)', () => {
  test.each(COMPONENT_SPECS.map((s) => [`${s.type} ${s.versions[0]}`, s] as const))('%s', (_name, spec) => {
    const version = spec.versions[0];
    const chart = Testing.chart();
    const need = new Set([...indexOf(spec).required, ...(spec.requireOneOf ?? []).map((g) => g[0])]);
    const metadata = Object.fromEntries(spec.fields.filter((f) => need.has(f.name)).map((f) => [f.name, valueOf(f)]));
    // the required (and one of each alternative) keys: valid, and the manifest passes the CRD schema
    new Component(chart, 'ok', { type: spec.type, version, metadata, sharedByAllApps: true });
    expect(Testing.synth(chart)).toHaveLength(1);
    // an unknown key, with a suggestion
    const first = spec.fields[0];
    if (first) {
      expect(() => new Component(new Chart(Testing.app(), 'c'), 'bad', { type: spec.type, version, metadata: { [`${first.name}x`]: MetadataValue.fromString('1') } }))
        .toThrow(`metadata: "${first.name}x" is invalid; allowed: a metadata key of ${spec.type} ${version} (did you mean "${first.name}"?)`);
    }
    // a missing required key
    for (const key of indexOf(spec).required) {
      const without = Object.fromEntries(Object.entries(metadata).filter(([k]) => k !== key));
      const c = new Chart(Testing.app(), 'c');
      new Component(c, 'missing', { type: spec.type, version, metadata: without, sharedByAllApps: true });
      expect(() => Testing.synth(c)).toThrow(`metadata.${key}: undefined is invalid; allowed: a value: ${spec.type} requires it`);
    }
    // a plaintext credential
    for (const key of indexOf(spec).sensitive.slice(0, 1)) {
      expect(() => new Component(new Chart(Testing.app(), 'c'), 'plain', { type: spec.type, version, metadata: { [key]: MetadataValue.fromString('hunter2') } }))
        .toThrow(new RegExp(`metadata\\.${key}: <redacted: \\d+ characters> is invalid; allowed: a secret reference`));
    }
    // a value of the wrong type or outside the allowed values
    const typed = spec.fields.find((f) => f.allowedValues || (f.type && f.type !== 'string'));
    if (typed && !typed.sensitive) {
      expect(() => new Component(new Chart(Testing.app(), 'c'), 'typed', { type: spec.type, version, metadata: { [typed.name]: MetadataValue.fromString('not valid!') } }))
        .toThrow(`metadata.${typed.name}: "not valid!" is invalid; allowed: `);
    }
  });
});
