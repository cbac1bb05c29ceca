import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { Configuration, NameResolver } from '../../src';
import { NAME_RESOLUTION_SPECS, nameResolverNames } from '../../src/facts/component-types';

// A Configuration's spec.nameResolution is checked against the name resolvers' tables
// (components-contrib v1.18.4 nameresolution/*/metadata.yaml plus src/facts/overrides.ts).

function synth(resolver: NameResolver, configuration?: { [key: string]: string }, version?: string): any {
  const chart = Testing.chart();
  new Configuration(chart, 'config', { nameResolution: { resolver, version, configuration } });
  return Testing.synth(chart)[0].spec.nameResolution;
}

describe('name resolution is checked against the resolvers\' tables', () => {
  test('every resolver daprd registers, by the name a Configuration gives', () => {
    expect(NAME_RESOLUTION_SPECS.map((s) => s.type)).toEqual([
      'nameresolution.aws.cloudmap', 'nameresolution.hashicorp.consul', 'nameresolution.kubernetes', 'nameresolution.mdns', 'nameresolution.nameformat', 'nameresolution.sqlite',
    ]);
    expect(nameResolverNames()).toEqual(['aws.cloudmap', 'consul', 'hashicorp.consul', 'kubernetes', 'mdns', 'nameformat', 'sqlite']);
  });

  test('valid settings are emitted with their keys in code-point order', () => {
    expect(synth(NameResolver.KUBERNETES, { template: '{{.ID}}-dapr.{{.Namespace}}.svc:{{.Port}}', clusterDomain: 'cluster.local' })).toEqual({
      component: 'kubernetes', version: 'v1', configuration: { clusterDomain: 'cluster.local', template: '{{.ID}}-dapr.{{.Namespace}}.svc:{{.Port}}' },
    });
    expect(synth(NameResolver.SQLITE, { connectionString: '/var/lib/dapr/nr.db', updateInterval: '10s', disableWAL: 'true' }).configuration.updateInterval).toBe('10s');
    expect(synth(NameResolver.AWS_CLOUDMAP, { namespaceName: 'apps', defaultDaprPort: '50002' }).component).toBe('aws.cloudmap');
    expect(synth(NameResolver.MDNS).configuration).toEqual({});
  });

  test('an unknown resolver, with a suggestion', () => {
    expect(() => synth(NameResolver.custom('kubernets'))).toThrow(
      'nameResolution.resolver: "kubernets" is invalid; allowed: a name resolver daprd is built with: "aws.cloudmap", "consul", "hashicorp.consul", "kubernetes", "mdns", "nameformat", "sqlite" (did you mean "kubernetes"?)');
  });

  test('a version the resolver does not have', () => {
    expect(() => synth(NameResolver.KUBERNETES, {}, 'v2')).toThrow('nameResolution.version: "v2" is invalid; allowed: one of "v1" for the "kubernetes" resolver');
  });

  test('an unknown configuration key, with a suggestion; a resolver that takes none says so', () => {
    expect(() => synth(NameResolver.KUBERNETES, { clusterDomian: 'x' })).toThrow(
      'nameResolution.configuration: "clusterDomian" is invalid; allowed: a configuration key of the "kubernetes" name resolver v1 (did you mean "clusterDomain"?)');
    expect(() => synth(NameResolver.MDNS, { zzzzzzzz: 'x' })).toThrow(
      'nameResolution.configuration: "zzzzzzzz" is invalid; allowed: a configuration key of the "mdns" name resolver v1: it takes none');
  });

  test('a missing required key, and a missing one of a group', () => {
    expect(() => synth(NameResolver.NAMEFORMAT, {})).toThrow('nameResolution.configuration.format: undefined is invalid; allowed: a value: the "nameformat" name resolver v1 requires it');
    expect(() => synth(NameResolver.SQLITE)).toThrow('nameResolution.configuration.connectionString: undefined is invalid; allowed: a value: the "sqlite" name resolver v1 requires it');
    expect(() => synth(NameResolver.AWS_CLOUDMAP, { defaultDaprPort: '50002' })).toThrow(
      'nameResolution.configuration: ["defaultDaprPort"] is invalid; allowed: configuration with at least one of "namespaceName", "namespaceId"');
  });

  test('types are checked the way the resolver parses them', () => {
    expect(() => synth(NameResolver.CONSUL, { selfRegister: 'yes' })).toThrow('nameResolution.configuration.selfRegister: "yes" is invalid; allowed: a boolean: "true" or "false"');
    expect(() => synth(NameResolver.SQLITE, { connectionString: 'nr.db', updateInterval: 'soon' })).toThrow(
      'nameResolution.configuration.updateInterval: "soon" is invalid; allowed: a Go duration');
    expect(() => synth(NameResolver.AWS_CLOUDMAP, { namespaceName: 'a', defaultDaprPort: 'x' })).toThrow(
      'nameResolution.configuration.defaultDaprPort: "x" is invalid; allowed: a number');
  });

  test('a sensitive key is refused, its value never shown', () => {
    const cases = [[NameResolver.CONSUL, 'token', {}], [NameResolver.CONSUL, 'queryToken', {}], [NameResolver.AWS_CLOUDMAP, 'secretKey', { namespaceName: 'a' }]] as const;
    for (const [resolver, key, rest] of cases) {
      let message = '';
      try {
        synth(resolver, { [key]: 'hunter2-s3cr3t', ...rest });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(new RegExp(`nameResolution\\.configuration\\.${key}: <redacted: 14 characters> is invalid; allowed: no credential .*without secret references`));
      expect(message).not.toContain('hunter2');
    }
  });

  test('a credential in the value of any key is refused too', () => {
    expect(() => synth(NameResolver.SQLITE, { connectionString: 'postgres://user:pa55word@db/nr' })).toThrow(/connectionString: <redacted: \d+ characters> is invalid; allowed: no credential/);
  });

  test('any key of any resolver table: accepted when well-formed, refused with the error format otherwise (property)', () => {
    const cases = NAME_RESOLUTION_SPECS.flatMap((s) => s.fields.filter((f) => !f.sensitive).map((f) => [s, f] as const));
    fc.assert(fc.property(fc.constantFrom(...cases), fc.string(), ([spec, field], value) => {
      const name = spec.type.slice('nameresolution.'.length);
      const config: { [key: string]: string } = { [field.name]: value };
      for (const key of spec.fields.filter((f) => f.required && f.name !== field.name).map((f) => f.name)) config[key] = 'x';
      for (const group of spec.requireOneOf ?? []) if (!group.some((k) => k in config)) config[group[0]] = 'x';
      try {
        expect(synth(NameResolver.custom(name), config).configuration[field.name]).toBe(value);
      } catch (e) {
        expect((e as Error).message).toMatch(/nameResolution\.configuration\.\S+: .* is invalid; allowed: /);
      }
    }), { numRuns: 200 });
  });
});
