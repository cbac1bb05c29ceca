/**
 * The schema check without compiling (`QuickSchemas`) may only say "valid" when ajv says so: a
 * "valid" that ajv would refuse would let a bad object through, since ajv then never runs. It may
 * say "not sure" of a valid object (ajv then decides), but not of what the library emits, or the
 * validation would compile the Kubernetes schemas again.
 */
import Ajv from 'ajv';
import { Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { widget, widgetCrd } from './widget-crd';
import { EXAMPLES } from '../../examples';
import { DaprControlPlane, DaprCrds } from '../../src';
import { DAPR_API_GROUP } from '../../src/core/crd-types';
import { DAPR_CRD_SCHEMAS } from '../../src/runtime/dapr-crds';
import { CHART_INJECTOR_SETTINGS } from '../../src/runtime/injector-settings';
import { strictCrdSchema } from '../../src/validation/crd-schema';
import { FLUX_KUSTOMIZATION_GROUP, FLUX_KUSTOMIZATION_SCHEMAS } from '../../src/validation/flux-kustomization-schema';
import { injectManifests } from '../../src/validation/injected-pods';
import { KUBERNETES_SCHEMA_ID, kubernetesSchemas } from '../../src/validation/kubernetes-schema';
import { ManifestValidator } from '../../src/validation/manifest-validator';
import { QuickSchemas } from '../../src/validation/quick-schema';

// the options ManifestValidator gives ajv
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
ajv.addSchema(kubernetesSchemas().document, undefined, undefined, false);
const quick = new QuickSchemas(kubernetesSchemas().document);

/** The library's own schema of an object's kind, as ManifestValidator uses it. */
function schemaOf(m: any): object | undefined {
  const definition = kubernetesSchemas().kinds.get(`${m.apiVersion}/${m.kind}`);
  if (definition) return { $ref: `${KUBERNETES_SCHEMA_ID}#/definitions/${definition}` };
  const [group, version] = String(m.apiVersion).split('/');
  const crd = group === DAPR_API_GROUP ? DAPR_CRD_SCHEMAS[`${m.kind}/${version}`]
    : group === FLUX_KUSTOMIZATION_GROUP ? (FLUX_KUSTOMIZATION_SCHEMAS as any)[`${m.kind}/${version}`] : undefined;
  return crd && strictCrdSchema(crd);
}

const compiled = new Map<object, { quick: (d: unknown) => boolean; ajv: (d: unknown) => boolean }>();
function checks(schema: object) {
  let c = compiled.get(schema);
  if (!c) {
    c = { quick: quick.schema(schema), ajv: ajv.compile(schema) };
    compiled.set(schema, c);
  }
  return c;
}

/** Every object the examples synthesize, and their workloads as Dapr's injector patches them. */
function corpus(): Array<{ object: any; schema: object }> {
  const objects: any[] = [];
  for (const build of Object.values(EXAMPLES)) {
    const app = Testing.app();
    build(app);
    for (const chart of app.charts) {
      const rendered = chart.toJson();
      objects.push(...rendered, ...injectManifests(rendered, { ...CHART_INJECTOR_SETTINGS, dropAllCapabilities: true }).objects);
    }
  }
  const bySchema = new Map<string, { object: any; schema: object }>();
  for (const object of objects) {
    const key = `${object.apiVersion}/${object.kind}`;
    if (!bySchema.has(key)) bySchema.set(key, { object, schema: schemaOf(object)! });
  }
  return objects.filter((o) => schemaOf(o) !== undefined).map((object) => ({ object, schema: bySchema.get(`${object.apiVersion}/${object.kind}`)!.schema }));
}

const CORPUS = corpus();

/** Values that break or keep a schema in many ways. */
const VALUES: unknown[] = ['', 'x', 'ALL', 'é😀', 'a'.repeat(300), 0, 1, -1, 1.5, 2 ** 40, NaN, Infinity, -0, true, false, null, undefined,
  [], ['x'], ['x', 'x'], [1], [{}], {}, { x: 'y' }, { name: 'n' }, { apiVersion: 'v1' }];

type Mutation = { readonly path: number[]; readonly what: 'set' | 'delete' | 'add-key' | 'duplicate'; readonly value: number; readonly key: string };

/** Applies a mutation at a node reached by walking `path` (each step picks a child by index). */
function mutate(object: any, m: Mutation): any {
  const copy = structuredClone(object);
  let parent: any;
  let key: string | number | undefined;
  let node = copy;
  for (const step of m.path) {
    if (node === null || typeof node !== 'object') break;
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    parent = node;
    key = keys[step % keys.length];
    node = node[key];
  }
  const value = structuredClone(VALUES[m.value % VALUES.length]);
  switch (m.what) {
    case 'set':
      if (parent === undefined) return value;
      parent[key!] = value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else if (parent) delete parent[key!];
      break;
    case 'add-key':
      if (node && typeof node === 'object' && !Array.isArray(node)) node[m.key] = value;
      break;
    case 'duplicate':
      if (Array.isArray(node) && node.length > 0) node.push(structuredClone(node[0]));
      break;
  }
  return copy;
}

describe('QuickSchemas', () => {
  test('every object the examples synthesize passes without ajv, injected pods included', () => {
    const kinds = new Set(CORPUS.map(({ object }) => `${object.apiVersion}/${object.kind}`));
    expect(CORPUS.length).toBeGreaterThan(150);
    expect(kinds.size).toBeGreaterThan(15);
    const notSure = CORPUS.filter(({ object, schema }) => !checks(schema).quick(object)).map(({ object }) => `${object.kind}/${object.metadata?.name}`);
    expect(notSure).toEqual([]);
  });

  test('it says "valid" only when ajv does, over mutations of every kind of object the examples hold', () => {
    const tally = { surelyValid: 0, notSure: 0, ajvValidNotSure: 0 };
    const mutation = fc.record({
      path: fc.array(fc.nat(), { minLength: 0, maxLength: 12 }),
      what: fc.constantFrom<Mutation['what']>('set', 'delete', 'add-key', 'duplicate'),
      value: fc.nat(),
      key: fc.constantFrom('bogus', 'name', 'constructor', 'toString', '__proto__', 'metadata', 'apiVersion'),
    });
    fc.assert(fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, mutations) => {
      const { object, schema } = CORPUS[i % CORPUS.length];
      const data = mutations.reduce(mutate, object);
      const { quick: q, ajv: a } = checks(schema);
      const sure = q(data);
      const valid = a(data);
      if (sure) tally.surelyValid++;
      else tally.notSure++;
      if (!sure && valid) tally.ajvValidNotSure++;
      // the one thing it must never do
      expect({ sure, valid }).not.toEqual({ sure: true, valid: false });
    }), { seed: 17, numRuns: 3000 });
    // both outcomes were exercised, and "not sure" of valid data stays the exception
    expect(tally.surelyValid).toBeGreaterThan(300);
    expect(tally.notSure).toBeGreaterThan(1000);
    expect(tally.ajvValidNotSure).toBeLessThan(tally.surelyValid / 10);
  });

  test('the keywords it models, as ajv reads them', () => {
    // [schema, values it surely accepts, values it does not]
    const cases: Array<[object, unknown[], unknown[]]> = [
      [{ type: 'integer' }, [1, -0, 2 ** 53], [1.5, '1', NaN, Infinity, null]],
      [{ type: 'number' }, [1, 1.5], ['1', NaN, Infinity]], // ajv with strict: false takes NaN and Infinity: it then decides
      [{ type: ['string', 'null'] }, ['', null], [0, undefined]],
      [{ type: 'object' }, [{}], [[], null, 'x']],
      [{ minLength: 2, maxLength: 3 }, ['ab', '😀😀', '😀😀😀', 7], ['a', 'abcd', '😀', '😀😀😀😀']],
      [{ pattern: '^[a-z]+$' }, ['abc', 5], ['aBc', '']],
      [{ pattern: '^.$' }, ['😀'], ['ab']],
      [{ uniqueItems: true }, [['a', 'b'], ['a'], [1], 'x'], [['a', 'a'], [1, 1], [{}, {}], [1, '1']]],
      [{ minItems: 1, maxItems: 2, items: { type: 'string' } }, [['a'], ['a', 'b'], 'x'], [[], ['a', 'b', 'c'], [1], [undefined]]],
      [{ enum: ['a', 1, null] }, ['a', 1, null], ['b', '1', 2]],
      [{ const: 'v1' }, ['v1'], ['v2', undefined]],
      [{ required: ['a'], properties: { a: { type: 'string' }, b: { type: 'integer' } }, additionalProperties: false },
        [{ a: 'x' }, { a: 'x', b: 1 }, { a: 'x', b: undefined }, 'x', []], [{ a: 'x', b: 'y' }, { b: 1 }, { a: undefined }, { a: 'x', c: 1 }]],
      [{ additionalProperties: { type: 'string' } }, [{ a: 'x' }, []], [{ a: 1 }, { a: undefined }]],
      [{ properties: { toString: { type: 'string' } } }, [{ toString: 'x' }], [{}]],
    ];
    for (const [schema, sure, notSure] of cases) {
      const { quick: q, ajv: a } = checks(schema);
      expect([schema, sure.map(q), sure.map(a)]).toEqual([schema, sure.map(() => true), sure.map(() => true)]);
      expect([schema, notSure.map(q)]).toEqual([schema, notSure.map(() => false)]);
    }
  });

  test('a keyword or a reference it does not model is "not sure", never "valid"', () => {
    for (const schema of [{ anyOf: [{ type: 'string' }] }, { not: { type: 'integer' } }, { minimum: 0 }, { format: 'int32' },
      { $ref: '#/definitions/Other' }, { $ref: `${KUBERNETES_SCHEMA_ID}#/definitions/NoSuchDefinition` }, { items: [{ type: 'string' }] },
      { $ref: `${KUBERNETES_SCHEMA_ID}#/definitions/ObjectMeta`, type: 'object' }, { pattern: '(' }, { type: 'date' }]) {
      expect([schema, quick.schema(schema)('x'), quick.schema(schema)({}), quick.schema(schema)(['x'])]).toEqual([schema, false, false, false]);
    }
    expect(quick.schema({})('anything')).toBe(true);
  });
});

describe('ManifestValidator with the fast path', () => {
  const IMAGE = 'ghcr.io/acme/app:1.0.0';
  const deployment = (name: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: IMAGE }] } },
    },
  });

  test('a bad object after good ones of its kind gets ajv\'s full error list, in ajv\'s order', () => {
    const bad: any = deployment('bad');
    bad.spec.replicas = 1.5;
    bad.spec.template.spec.containers[0].bogus = true;
    bad.spec.template.spec.containers.push({ image: IMAGE, ports: [{ containerPort: '80' }] });
    delete bad.spec.selector;
    const expected = [
      '#3 $.spec.selector: required field "selector" is missing',
      '#3 $.spec.template.spec.containers[0].bogus: unknown field "bogus"; the schema has no such field here',
      '#3 $.spec.template.spec.containers[1].name: required field "name" is missing',
      '#3 $.spec.template.spec.containers[1].ports[0].containerPort: must be of type integer',
      '#3 $.spec.replicas: must be of type integer',
    ];
    const show = (problems: any[]) => problems.map((p) => `${p.document.replace(/^manifest /, '')} ${p.path}: ${p.message}`);
    expect(show(new ManifestValidator().validate([deployment('a'), deployment('b'), bad]))).toEqual(expected);
    // and the same again once the kind's schema is compiled
    expect(show(new ManifestValidator().validate([deployment('a'), deployment('b'), bad]))).toEqual(expected);
  });

  test('Dapr\'s CRDs and the control plane in one chart (the Configuration checked against the CRD beside it) are checked without compiling a schema', () => {
    const chart = Testing.chart();
    new DaprCrds(chart, 'crds');
    new DaprControlPlane(chart, 'dapr');
    const objects = Testing.synth(chart);
    expect(objects.filter((o: any) => o.kind === 'CustomResourceDefinition').length).toBeGreaterThan(5);
    expect(objects.filter((o: any) => o.apiVersion?.startsWith('dapr.io/')).length).toBeGreaterThan(0);
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      expect(new ManifestValidator().validate(objects)).toEqual([]);
      expect(compile).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
    }
  });

  test('a user CRD\'s schema is still compiled by ajv, so a broken one is reported even when no object reaches the broken part', () => {
    const crd = widgetCrd({ type: 'object', properties: { spec: { type: 'object', properties: { code: { type: 'string', pattern: '(' } } } } });
    expect(() => new ManifestValidator({ customResourceDefinitions: [crd] }).validate([widget({})])).toThrow(/Invalid regular expression/);
  });
});
