import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { readAnnotations } from '../../projenrc/dapr-facts/annotations';
import { parseMetadataYaml, readComponentTypes } from '../../projenrc/dapr-facts/components';
import { readCrds, withoutDescriptions } from '../../projenrc/dapr-facts/crds';
import { checkHeader, isGenerated } from '../../projenrc/dapr-facts/emit';
import { generate, pinnedContribRef, ProjectInputs } from '../../projenrc/dapr-facts/generate';
import { camelProp, emitProps, TypedFactory } from '../../projenrc/dapr-facts/props';
import { readRegistrations } from '../../projenrc/dapr-facts/registrations';
import { CheckoutSource, GitSource } from '../../projenrc/dapr-facts/source';

// The generator (projenrc/dapr-facts) run on the project's own fixture in upstream's format
// (test/generator/fixtures, see its README): never on upstream itself, never on the network.
const FIXTURES = path.join(__dirname, 'fixtures');
const dapr = new CheckoutSource(path.join(FIXTURES, 'dapr'), 'v9.9.9');
const contrib = new CheckoutSource(path.join(FIXTURES, 'contrib'), 'v0.9.1');
/** The project's side of the fixture: one typed factory, under the type's name and under its alias, and one override. */
const WIDGET: TypedFactory = {
  factory: 'StateStore.widget',
  props: 'WidgetStateStoreProps',
  type: 'state.widget',
  version: 'v1',
  title: 'the widget store (`state.widget`).',
  docs: { host: 'Where the widget store listens, as `host:port`.' },
};
const LEGACY: TypedFactory = { ...WIDGET, factory: 'StateStore.legacyWidget', props: 'LegacyWidgetStateStoreProps', type: 'state.widget.legacy', docs: {} };
const project: ProjectInputs = {
  factories: [WIDGET, LEGACY],
  overrides: {
    fields: [{ types: ['state.widget'], key: 'name', prop: 'widgetName', reason: '`name` is the component\'s own name' }],
    added: [],
    requireOneOf: [],
  },
};
const gen = () => generate({ dapr, contrib }, project);

describe('generator on the fixture', () => {
  test('the same sources give byte-identical files, twice', () => {
    const first = gen();
    const second = gen();
    expect([...first.keys()]).toEqual([
      'src/generated/dapr-release.ts', 'src/generated/dapr-crds.table.json', 'src/generated/dapr-crds.ts',
      'src/generated/component-metadata.table.json', 'src/generated/component-metadata.ts',
      'src/generated/component-props.ts', 'src/generated/component-prop-keys.table.json', 'src/generated/component-prop-keys.ts',
      'src/generated/injector-annotations.table.json', 'src/generated/injector-annotations.ts',
    ]);
    expect(second).toEqual(first);
  });

  test('a bare git directory at a tag gives the same files as a checkout', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dapr-facts-'));
    try {
      const repos: { [name: string]: string } = {};
      for (const name of ['dapr', 'contrib']) {
        const work = path.join(dir, name);
        fs.cpSync(path.join(FIXTURES, name), work, { recursive: true });
        const git = (...args: string[]) => execFileSync('git', args, {
          cwd: work,
          env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
        });
        git('init', '-q');
        git('add', '-A');
        git('commit', '-qm', 'fixture');
        git('tag', name === 'dapr' ? 'v9.9.9' : 'v0.9.1');
        execFileSync('git', ['clone', '-q', '--bare', work, `${work}.git`]);
        repos[name] = `${work}.git`;
      }
      const fromGit = generate({ dapr: new GitSource(repos.dapr, 'v9.9.9'), contrib: new GitSource(repos.contrib, 'v0.9.1') }, project);
      expect(fromGit).toEqual(gen());
      expect(() => new GitSource(repos.dapr, 'v0.0.0-missing')).toThrow();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('no upstream sentence reaches the generated files; each carries the header with its content hash', () => {
    for (const [file, content] of gen()) {
      expect(content).not.toContain('FIXTURE-PROSE');
      expect(isGenerated(content)).toBe(true);
      if (file.endsWith('.json')) expect(() => JSON.parse(content)).not.toThrow();
      expect(content).toContain('Regenerate: npx projen dapr:update --dapr-git');
      const header = checkHeader(content);
      expect({ file, hash: header.stated }).toEqual({ file, hash: header.actual });
      // an edit by hand breaks the hash
      const edited = content.replace(/("|')(?![\s\S]*sha256)/, '`');
      expect(checkHeader(edited).stated).not.toEqual(checkHeader(edited).actual);
    }
  });

  test('CRDs: descriptions dropped, a property named description kept, everything structural as written', () => {
    const [widget] = readCrds(dapr);
    expect(widget).toMatchObject({
      kind: 'Widget',
      plural: 'widgets',
      singular: 'widget',
      listKind: 'WidgetList',
      shortNames: ['wd'],
      scope: 'Namespaced',
      controllerGenVersion: 'v0.16.2',
      conversionReviewVersions: ['v1', 'v2alpha1'],
    });
    expect(widget.versions.map((v) => [v.name, v.served, v.storage])).toEqual([['v1alpha1', true, false], ['v2alpha1', true, true]]);
    const spec = (widget.versions[0].schema as any).properties.spec;
    expect(spec.properties.catalog.properties.description).toEqual({ type: 'string' });
    expect(spec.properties.catalog.properties.tags).toEqual({ items: { type: 'string' }, maxItems: 10, type: 'array' });
    expect(spec.properties.mode.enum).toEqual(['fast', 'safe']);
    expect(spec.properties.value).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(spec.properties.port).toEqual({ format: 'int32', maximum: 65535, minimum: 1, type: 'integer' });
    expect(spec.required).toEqual(['mode']);
    expect(spec['x-kubernetes-validations']).toEqual([{ message: 'FIXTURE-RULE port needs mode safe', rule: '!has(self.port) || self.mode == \'safe\'' }]);
    expect((widget.versions[1].schema as any).properties.spec.additionalProperties).toEqual({ type: 'string' });
    expect(JSON.stringify(widget)).not.toContain('FIXTURE-PROSE');
  });

  test('withoutDescriptions drops the keyword at every level and keeps properties of that name', () => {
    expect(withoutDescriptions({
      description: 'x',
      properties: { description: { description: 'y', type: 'string' }, list: { items: { description: 'z', type: 'object', properties: { description: { type: 'integer' } } }, type: 'array' } },
      anyOf: [{ description: 'w', required: ['description'] }],
    })).toEqual({
      properties: { description: { type: 'string' }, list: { items: { type: 'object', properties: { description: { type: 'integer' } } }, type: 'array' } },
      anyOf: [{ required: ['description'] }],
    });
  });

  test('component types: the quirks of components-contrib\'s metadata files', () => {
    const types = readComponentTypes(contrib);
    // only files under the component folders; middleware is middleware.http.<name>; sorted by type
    expect(types.map((t) => `${t.type} ${t.version} ${t.status}`)).toEqual([
      'bindings.widget.command v1 alpha', 'lock.widget v1 alpha', 'middleware.http.widget v1 alpha', 'nameresolution.widget v1 alpha', 'state.widget v1 beta',
    ]);
    const state = types.find((t) => t.type === 'state.widget')!;
    const field = (name: string) => state.fields.find((f) => f.name === name);
    // the line ending in a tab parses; defaults lose their YAML quotes
    expect(field('usePlainText')).toEqual({ name: 'usePlainText', type: 'bool', default: 'false' });
    expect(field('timeout')).toEqual({ name: 'timeout', type: 'duration', default: '5s', deprecated: true });
    expect(field('host')).toEqual({ name: 'host', required: true });
    expect(field('description')).toEqual({ name: 'description' });
    // authentication profiles: their fields are optional outside the profile, sensitive stays sensitive
    expect(field('password')).toEqual({ name: 'password', sensitive: true, authProfile: true });
    // the built-in profile expands: the type's own field for it, then every field of every profile
    expect(field('useAzureAD')).toEqual({ name: 'useAzureAD', type: 'bool', authProfile: true });
    expect(field('azureClientSecret')).toEqual({ name: 'azureClientSecret', sensitive: true, authProfile: true });
    expect(field('azureCertificate')).toEqual({ name: 'azureCertificate', sensitive: true, authProfile: true });
    expect(field('azureEnvironment')).toEqual({ name: 'azureEnvironment', allowedValues: ['AzurePublicCloud', 'AzureChinaCloud'], default: 'AzurePublicCloud', authProfile: true });
    // the keys the bundler appends per category and capability
    expect(state.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['actorStateStore', 'outboxPublishPubsub', 'outboxPubsub', 'outboxDiscardWhenMissingState', 'keyPrefix']));
    expect(types.find((t) => t.type === 'lock.widget')!.fields.map((f) => f.name)).toEqual(['host', 'keyPrefix']);
    expect(types.find((t) => t.type === 'bindings.widget.command')!.fields).toEqual([
      { name: 'size', type: 'bytesize' }, { name: 'direction', allowedValues: ['input', 'output', 'input,output'] }, { name: 'route' },
    ]);
    expect(state.docs).toBe('https://docs.dapr.io/reference/components-reference/supported-state-stores/setup-widget/');
  });

  test('a key line ending in a tab (strict YAML parsers reject it) gives the key without the tab', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'contrib/state/widget/metadata.yaml'), 'utf8');
    expect(text).toMatch(/usePlainText\t\n/);
    expect(parseMetadataYaml(text, 'state/widget/metadata.yaml').metadata[1].name).toBe('usePlainText');
    expect(() => parseMetadataYaml('a: [', 'broken.yaml')).toThrow(/^broken.yaml: /);
  });

  test('names daprd registers besides the metadata name are aliases; test-only builds are ignored', () => {
    expect(readRegistrations(dapr)).toEqual([
      { file: 'cmd/daprd/components/state_widget.go', types: ['state.widget', 'state.widget.legacy'], packages: ['state/widget'] },
    ]);
    const content = gen().get('src/generated/component-metadata.table.json')!;
    expect(content).toContain('"aliases": ["state.widget.legacy"]');
    expect(content).not.toContain('state.probe');
  });

  test('annotations: keys in declaration order with the Go type and default of the field that reads them', () => {
    expect(readAnnotations(dapr)).toEqual([
      { key: 'dapr.io/enabled', constant: 'KeyEnabled', field: 'Enabled', goType: 'bool' },
      { key: 'dapr.io/app-port', constant: 'KeyAppPort', field: 'AppPort', goType: 'int32' },
      { key: 'dapr.io/log-level', constant: 'KeyLogLevel', field: 'LogLevel', goType: 'string', default: 'info' },
      { key: 'dapr.io/block-shutdown-duration', constant: 'KeyTimeout', field: 'Timeout', goType: '*string' },
    ]);
  });

  test('large tables are JSON data with the header as a "//" key, each loaded by a thin typed module', () => {
    const files = gen();
    for (const [name, constant] of [['dapr-crds', 'RELEASED_CRDS'], ['component-metadata', 'COMPONENT_TYPES'], ['component-prop-keys', 'PROP_KEYS'], ['injector-annotations', 'INJECTOR_ANNOTATIONS']]) {
      const json = JSON.parse(files.get(`src/generated/${name}.table.json`)!);
      expect(Object.keys(json)).toEqual(['//', 'content']);
      expect(json['//'][0]).toBe('GENERATED by projenrc/dapr-facts: do not edit by hand.');
      const module = files.get(`src/generated/${name}.ts`)!;
      expect(module).toContain(`import data from './${name}.table.json';`);
      expect(module).toMatch(new RegExp(`export const ${constant}: .* = data\\.content`));
    }
    expect(JSON.parse(files.get('src/generated/dapr-crds.table.json')!).content).toEqual(readCrds(dapr));
  });

  test('props interfaces: one readonly prop per key of the joined table, typed by it, @default on every optional', () => {
    const files = gen();
    const props = files.get('src/generated/component-props.ts')!;
    const widget = props.slice(props.indexOf('export interface WidgetStateStoreProps extends TypedComponentOptions {'));
    const body = widget.slice(0, widget.indexOf('\n}\n'));
    const members = [...body.matchAll(/readonly (\w+)(\??): (\w+);/g)].map((m) => `${m[1]}${m[2]}: ${m[3]}`);
    expect(members).toEqual([
      'host: string', 'usePlainText?: boolean', 'timeout?: Duration', 'description?: string', 'port?: number', 'mode?: string',
      'tlsClientKey?: MetadataValue', 'widgetName?: string', 'actorStateStore?: boolean', 'outboxPublishPubsub?: string', 'outboxPublishTopic?: string',
      'outboxPubsub?: string', 'outboxDiscardWhenMissingState?: boolean', 'keyPrefix?: string', 'password?: MetadataValue', 'useAzureAD?: boolean',
      'azureTenantId?: string', 'azureClientSecret?: MetadataValue', 'azureCertificate?: MetadataValue', 'azureEnvironment?: string',
    ]);
    // every optional prop has @default; the project's sentence, or the key and a link to Dapr's docs
    expect(body.match(/@default /g)).toHaveLength(members.filter((m) => m.includes('?:')).length);
    expect(body).toContain('   * Where the widget store listens, as `host:port`.\n   */\n  readonly host: string;');
    expect(props).toContain(' * @see https://docs.dapr.io/reference/components-reference/supported-state-stores/setup-widget/\n */\nexport interface WidgetStateStoreProps');
    expect(body).toContain('   * Dapr metadata key `tls_client_key` (see the type\'s page in Dapr\'s docs).\n   * Sensitive:');
    expect(body).toContain('   * One of "fast", "safe".');
    expect(body).toContain('@default - not set (Dapr\'s default: false)\n   */\n  readonly usePlainText?: boolean;');
    expect(body).toContain('@deprecated ');
    // it parses as TypeScript
    const parsed = ts.createSourceFile('p.ts', props, ts.ScriptTarget.Latest);
    expect((parsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
    // the key table, by the type each factory emits (an alias included)
    const keys = JSON.parse(files.get('src/generated/component-prop-keys.table.json')!).content;
    expect(Object.keys(keys)).toEqual(['state.widget.legacy v1', 'state.widget v1']);
    expect(keys['state.widget v1']).toMatchObject({ host: 'host', tlsClientKey: 'tls_client_key', widgetName: 'name' });
  });

  test('props interfaces: a required override makes the prop required; clashes and stray doc sentences fail the run', () => {
    const types = readComponentTypes(contrib);
    const required = emitProps([WIDGET], types, { ...project.overrides, fields: [...project.overrides.fields, { types: ['state.widget'], key: 'usePlainText', required: true, reason: 'r' }] });
    expect(required.interfaces).toContain('readonly usePlainText: boolean;');
    expect(() => emitProps([WIDGET], types, { fields: [], added: [], requireOneOf: [] }))
      .toThrow('StateStore.widget: metadata key "name" would be prop "name", an option of every typed factory: give it another prop in src/facts/overrides.ts');
    expect(() => emitProps([{ ...WIDGET, docs: { hots: 'x' } }], types, project.overrides))
      .toThrow('StateStore.widget: a doc sentence for "hots", which state.widget v1 does not have');
    expect(() => emitProps([{ ...WIDGET, version: 'v2' }], types, project.overrides)).toThrow('StateStore.widget: no component type state.widget v2 in components-contrib');
    expect(camelProp('MTLSRootCA')).toBe('mtlsRootCA');
  });

  test('props interfaces: a group of factories shares the rows all their tables have, once, as a base interface', () => {
    // the alias generate() reads from the fixture's registrations
    const types = readComponentTypes(contrib).map((t) => (t.type === 'state.widget' ? { ...t, aliases: ['state.widget.legacy'] } : t));
    const group = { props: 'WidgetConnectionProps', title: 'the widget stores.', factories: ['StateStore.legacyWidget', 'StateStore.widget'] };
    const out = emitProps([WIDGET, LEGACY], types, project.overrides, [group]);
    expect(out.interfaces).toContain(' * Props of the widget stores.\n *\n * The metadata keys the tables of `StateStore.legacyWidget()`, `StateStore.widget()` have in common.');
    expect(out.interfaces).toContain('export interface WidgetConnectionProps extends TypedComponentOptions {\n  /**\n   * Where the widget store listens');
    // the two tables are the same: nothing is left for the members but the base
    expect(out.interfaces).toContain('export interface WidgetStateStoreProps extends WidgetConnectionProps {\n}');
    expect(out.interfaces).toContain('export interface LegacyWidgetStateStoreProps extends WidgetConnectionProps {\n}');
    // the key table stays complete per factory
    expect(out.keys['state.widget.legacy v1']).toEqual(out.keys['state.widget v1']);
    expect(Object.keys(out.keys['state.widget v1'])).toHaveLength(20);
    // a second group of the same members has nothing left to share
    expect(() => emitProps([WIDGET, LEGACY], types, project.overrides, [group, { ...group, props: 'Other' }]))
      .toThrow('Other: StateStore.legacyWidget, StateStore.widget have no metadata key in common (that an earlier group does not hold)');
    expect(() => emitProps([WIDGET], types, project.overrides, [group])).toThrow('WidgetConnectionProps: no typed factory StateStore.legacyWidget');
  });

  test('the components-contrib release is the one dapr/dapr pins', () => {
    expect(pinnedContribRef(dapr)).toBe('v0.9.1');
  });
});
