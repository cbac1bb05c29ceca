import { ANNOTATIONS_FILE, readAnnotations, SIDECAR_CONFIG_FILE } from './annotations';
import { GeneratedComponentType, readComponentTypes } from './components';
import { CRD_FOLDER, readCrds } from './crds';
import { jsonWithHeader, literal, withHeader } from './emit';
import { emitProps, SharedProps, TypedFactory } from './props';
import { readRegistrations, Registration, REGISTRATIONS_FOLDER } from './registrations';
import { byCodePoint, UpstreamSource } from './source';
import { Overrides, PROJECT_OVERRIDES } from '../../src/facts/join';
import TYPED_FACTORIES from '../../src/facts/typed-factories.json';

/** The folder the generated files are written to, relative to the project root. */
export const GENERATED_FOLDER = 'src/generated';

export interface Upstream {
  readonly dapr: UpstreamSource;
  readonly contrib: UpstreamSource;
}

/** The project's own inputs: which typed factories get props interfaces (and which share props), and the overrides. */
export interface ProjectInputs {
  readonly factories: readonly TypedFactory[];
  readonly shared?: readonly SharedProps[];
  readonly overrides: Overrides;
}

/** src/facts/typed-factories.json and src/facts/overrides.ts. */
export const PROJECT_INPUTS: ProjectInputs = {
  // a JSON import is typed by its content; the generator's own checks (emitProps) validate it
  factories: TYPED_FACTORIES.factories as unknown as readonly TypedFactory[],
  shared: TYPED_FACTORIES.shared,
  overrides: PROJECT_OVERRIDES,
};

/** The components-contrib release a dapr/dapr release pins in its go.mod. */
export function pinnedContribRef(dapr: UpstreamSource): string {
  const m = /^\s*github\.com\/dapr\/components-contrib\s+(v\S+)/m.exec(dapr.read('go.mod'));
  if (!m) throw new Error(`go.mod of dapr/dapr ${dapr.ref} does not require github.com/dapr/components-contrib`);
  return m[1];
}

/** Every generated file, by path relative to the project root: a pure function of the two sources. */
export function generate(upstream: Upstream, project: ProjectInputs = PROJECT_INPUTS): Map<string, string> {
  const { dapr, contrib } = upstream;
  const command = `npx projen dapr:update --dapr-git <git dir of dapr/dapr> --dapr-ref ${dapr.ref} --contrib-git <git dir of dapr/components-contrib> --contrib-ref ${contrib.ref}`;
  const files = new Map<string, string>();

  files.set(`${GENERATED_FOLDER}/dapr-release.ts`, withHeader({ source: `dapr/dapr ${dapr.ref} and dapr/components-contrib ${contrib.ref}`, command }, [
    '/** The upstream releases every file of this folder was generated from. */',
    `export const GENERATED_FROM = ${literal({ dapr: dapr.ref, componentsContrib: contrib.ref })} as const;`,
    '',
  ].join('\n')));

  const crds = readCrds(dapr);
  const crdsHeader = { source: `dapr/dapr ${dapr.ref}, ${CRD_FOLDER}/*.yaml`, command };
  files.set(`${GENERATED_FOLDER}/dapr-crds.table.json`, jsonWithHeader(crdsHeader, crds));
  files.set(`${GENERATED_FOLDER}/dapr-crds.ts`, withHeader(crdsHeader, jsonModule('dapr-crds', 'RELEASED_CRDS', 'readonly CrdDefinition[]',
    'import { CrdDefinition } from \'../core/crd-types\';', [
      'Dapr\'s CustomResourceDefinitions as released, with every `description` keyword dropped',
      '(properties named `description` are kept). See https://docs.dapr.io/reference/resource-specs/',
    ])));

  const types = withAliases(readComponentTypes(contrib), readRegistrations(dapr));
  const typesHeader = {
    source: `dapr/components-contrib ${contrib.ref}, every */metadata.yaml with its built-in authentication profiles expanded; other registered names from dapr/dapr ${dapr.ref} ${REGISTRATIONS_FOLDER}`,
    command,
  };
  files.set(`${GENERATED_FOLDER}/component-metadata.table.json`, jsonWithHeader(typesHeader, types.map((t) => ({ ...t, source: t.file, file: undefined, aliases: t.aliases }))));
  files.set(`${GENERATED_FOLDER}/component-metadata.ts`, withHeader(typesHeader, jsonModule('component-metadata', 'COMPONENT_TYPES', 'readonly ComponentTypeFacts[]',
    'import { ComponentTypeFacts } from \'../core/component-spec\';', [
      'Every component type of components-contrib, name resolution included, by type and version:',
      'each metadata key with its type, and whether it is required, sensitive or deprecated, its',
      'allowed values and default. See each type\'s `docs` page for what a key means.',
    ])));

  const props = emitProps(project.factories, types, project.overrides, project.shared);
  const propsSource = 'the component tables (component-metadata with src/facts/overrides.ts), for the typed factories of src/facts/typed-factories.json';
  files.set(`${GENERATED_FOLDER}/component-props.ts`, withHeader({ source: propsSource, command }, props.interfaces));
  files.set(`${GENERATED_FOLDER}/component-prop-keys.table.json`, jsonWithHeader({ source: propsSource, command }, props.keys));
  files.set(`${GENERATED_FOLDER}/component-prop-keys.ts`, withHeader({ source: propsSource, command }, jsonModule('component-prop-keys', 'PROP_KEYS',
    '{ readonly [typeAndVersion: string]: { readonly [prop: string]: string } }', undefined, [
      'For each typed factory, by the `<type> <version>` it emits: every prop of its generated props',
      'interface (component-props.ts) and the Dapr metadata key the prop sets.',
    ])));

  const annotations = readAnnotations(dapr);
  const annotationsHeader = { source: `dapr/dapr ${dapr.ref}, ${ANNOTATIONS_FILE} and ${SIDECAR_CONFIG_FILE}`, command };
  files.set(`${GENERATED_FOLDER}/injector-annotations.table.json`, jsonWithHeader(annotationsHeader, annotations));
  files.set(`${GENERATED_FOLDER}/injector-annotations.ts`, withHeader(annotationsHeader, jsonModule('injector-annotations', 'INJECTOR_ANNOTATIONS',
    'readonly InjectorAnnotationFacts[]', 'import { InjectorAnnotationFacts } from \'../core/injector-annotation-facts\';', [
      'Every `dapr.io/*` annotation the sidecar injector declares, in its order, with the Go type',
      'and default of the field that reads it. See https://docs.dapr.io/reference/arguments-annotations-overview/',
    ])));
  return files;
}

/**
 * The thin typed module of a `<name>.table.json`: the data is JSON (tables are data, and tools
 * that read code skip it); the module gives it its type. A JSON import is typed by its content,
 * so the cast goes through unknown: the generator, which wrote the data from typed values, is
 * what guarantees the shape.
 */
function jsonModule(name: string, constant: string, type: string, typeImport: string | undefined, doc: string[]): string {
  return [
    ...(typeImport ? [typeImport] : []),
    `import data from './${name}.table.json';`,
    '',
    '/**',
    ...doc.map((l) => ` * ${l}`),
    ' */',
    `export const ${constant}: ${type} = data.content as unknown as ${type};`,
    '',
  ].join('\n');
}

/**
 * Each type with the other names daprd registers for its package: a registered name that is
 * not itself the name of a metadata.yaml is an alias of the types built from the same package.
 */
function withAliases(types: GeneratedComponentType[], registrations: Registration[]): GeneratedComponentType[] {
  const names = new Set(types.map((t) => t.type));
  return types.map((t) => {
    const folder = t.file.replace(/\/metadata\.yaml$/, '');
    const aliases = new Set<string>();
    for (const r of registrations) {
      if (r.packages.includes(folder)) {
        r.types.filter((n) => !names.has(n) && n.split('.')[0] === t.type.split('.')[0]).forEach((n) => aliases.add(n));
      }
    }
    return aliases.size > 0 ? { ...t, aliases: [...aliases].sort(byCodePoint) } : t;
  });
}
