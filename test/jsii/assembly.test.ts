import * as fs from 'fs';
import * as path from 'path';
import * as reflect from 'jsii-reflect';
import * as api from '../../src';

// The API as Java, .NET, Go and Python see it: the compiled jsii assembly (.jsii), not the
// TypeScript sources. TypeScript accepts any object with the right shape where an interface is
// expected; the other languages accept only classes that declare `implements` (the assembly's
// `interfaces`). These tests keep every accepted interface nominally implemented, so no public
// API works from TypeScript only.
//
// `npx projen build` compiles (jsii) before it runs jest, so the assembly is there; a bare
// `npx jest` on a fresh clone skips with the reason.

const ROOT = path.join(__dirname, '..', '..');
const ASSEMBLY_FILE = path.join(ROOT, '.jsii');
const ASSEMBLY_NAME = 'cdk8s-dapr';

/**
 * Every interface of this library that a public API accepts (a method or constructor parameter,
 * a props-struct property), with the public classes meant to implement it. A class that stops
 * implementing one, or a new accepted interface, fails here until this list says it is intended.
 */
const INTENDED_IMPLEMENTERS: Record<string, string[]> = {
  ICommandRunner: ['ProcessCommandRunner'],
  IConfiguration: ['Configuration'],
  IDaprApp: ['DaprApp', 'DaprSidecar'],
  IDaprComponentRef: [
    'Binding', 'Component', 'ConfigurationStore', 'Conversation', 'CryptoProvider', 'HttpMiddleware',
    'LockStore', 'PubSub', 'SecretStore', 'StateStore',
  ],
  ISecretStore: ['SecretStore'],
};

/**
 * Interfaces of this library that the API only returns, never accepts: the library builds the
 * objects, users only read them, so no public implementer is needed.
 */
const RETURNED_ONLY = ['IDaprControlPlaneService', 'IDaprImage'];

/**
 * The deliberate `any`/`Json`-typed inputs: raw Kubernetes documents (parsed YAML manifests and
 * CustomResourceDefinitions), whose shape is what the validator checks, so no struct can type them.
 */
const DELIBERATE_ANY_INPUTS = [
  // Helm chart values as the user's values file holds them (checked key by key against the chart's)
  'DaprHelmInstall.values',
  'DaprValidationProps.customResourceDefinitions',
  'ManifestValidator.validate(manifests)',
  'ManifestValidatorProps.customResourceDefinitions',
  'WorkloadPolicy.check(manifests)',
];

interface Use {
  readonly iface: reflect.InterfaceType;
  readonly where: string;
}

interface Surface {
  /** Behavioural interfaces of this assembly accepted as inputs. */
  readonly accepted: Use[];
  /** Behavioural interfaces of this assembly in return types and read-only class properties. */
  readonly returned: Use[];
  readonly anyInputs: string[];
  readonly unions: string[];
}

function refsIn(ref: reflect.TypeReference): reflect.TypeReference[] {
  const out = [ref];
  if (ref.arrayOfType) out.push(...refsIn(ref.arrayOfType));
  if (ref.mapOfType) out.push(...refsIn(ref.mapOfType));
  for (const member of ref.unionOfTypes ?? []) out.push(...refsIn(member));
  return out;
}

function localInterface(ref: reflect.TypeReference): reflect.InterfaceType | undefined {
  if (!ref.fqn || !ref.fqn.startsWith(`${ASSEMBLY_NAME}.`)) return undefined;
  const type = ref.type;
  return type && type.isInterfaceType() && !type.datatype ? type : undefined;
}

function surfaceOf(assembly: reflect.Assembly): Surface {
  const accepted: Use[] = [];
  const returned: Use[] = [];
  const anyInputs: string[] = [];
  const unions: string[] = [];
  const visit = (ref: reflect.TypeReference, where: string, input: boolean) => {
    for (const r of refsIn(ref)) {
      if (r.unionOfTypes) unions.push(where);
      if (input && (r.isAny || r.primitive === 'json')) anyInputs.push(where);
      const iface = localInterface(r);
      if (iface) (input ? accepted : returned).push({ iface, where });
    }
  };
  const visitCallable = (owner: string, callable: reflect.Callable, label: string) => {
    for (const p of callable.parameters) visit(p.type, `${owner}.${label}(${p.name})`, true);
  };
  for (const type of assembly.types) {
    if (type.isClassType()) {
      if (type.initializer) visitCallable(type.name, type.initializer, 'constructor');
      for (const m of Object.values(type.ownMethods)) {
        visitCallable(type.name, m, m.name);
        visit(m.returns.type, `${type.name}.${m.name}()`, false);
      }
      // A class property is read by users; a writable one is also set by them.
      for (const p of Object.values(type.ownProperties)) visit(p.type, `${type.name}.${p.name}`, !p.immutable);
    } else if (type.isInterfaceType()) {
      for (const m of Object.values(type.ownMethods)) {
        visitCallable(type.name, m, m.name);
        visit(m.returns.type, `${type.name}.${m.name}()`, false);
      }
      // A struct's properties are what users pass in; a behavioural interface's are read.
      for (const p of Object.values(type.ownProperties)) visit(p.type, `${type.name}.${p.name}`, type.datatype);
    }
  }
  return { accepted, returned, anyInputs, unions };
}

/** Every member name an interface requires, inherited ones included. */
function requiredMembers(iface: reflect.InterfaceType): string[] {
  return [...Object.keys(iface.getProperties(true)), ...Object.keys(iface.getMethods(true))];
}

function implementsNominally(cls: reflect.ClassType, iface: reflect.InterfaceType): boolean {
  return cls.getInterfaces(true).some((i) => i.extends(iface));
}

/** The members of a plain reference by name: a construct with `name` and `namespace`. */
const NAME_REFERENCE_MEMBERS = new Set(['node', 'with', 'name', 'namespace']);

/**
 * The names the package exports at run time. The barrels re-export interfaces with `export type`;
 * should one slip through as a plain re-export, a file compiled alone (ts-jest) turns it into a
 * property holding undefined, which is a type, not a value.
 */
function exportedValues(): string[] {
  return Object.entries(api).filter(([, value]) => value !== undefined).map(([name]) => name);
}

const unique = (xs: string[]) => [...new Set(xs)].sort();

const assemblyPresent = fs.existsSync(ASSEMBLY_FILE);
if (!assemblyPresent) {
  // eslint-disable-next-line no-console
  console.warn('test/jsii/assembly.test.ts skipped: no .jsii; run `npx projen compile` first (`npx projen build` does).');
}
const describeWithAssembly = assemblyPresent ? describe : describe.skip;

describeWithAssembly('the jsii assembly', () => {
  let assembly: reflect.Assembly;
  let surface: Surface;

  beforeAll(async () => {
    const system = new reflect.TypeSystem();
    // Loads the dependencies' assemblies too (constructs, cdk8s, cdk8s-plus) to resolve base types.
    assembly = await system.load(ROOT, { validate: false });
    surface = surfaceOf(assembly);
  });

  test('the accepted interfaces are exactly the intended ones', () => {
    expect(unique(surface.accepted.map((u) => u.iface.name))).toEqual(Object.keys(INTENDED_IMPLEMENTERS).sort());
  });

  test.each(Object.entries(INTENDED_IMPLEMENTERS))('%s is implemented nominally by its intended classes', (name, intended) => {
    const iface = assembly.types.find((t) => t.name === name);
    expect(iface?.isInterfaceType()).toBe(true);
    const implementers = assembly.classes
      .filter((c) => implementsNominally(c, iface as reflect.InterfaceType))
      .map((c) => c.name);
    expect(unique(implementers)).toEqual([...intended].sort());
  });

  test('no public class satisfies an accepted interface by shape only', () => {
    // Such a class works from TypeScript and fails to compile in Java, C#, Go and Python.
    // Interfaces that are only a name and namespace (IConfiguration, ISecretStore) are left out:
    // every resource has that shape, so shape says nothing; the classes that accept them check
    // the reference's kind at synth time.
    const structural: string[] = [];
    for (const name of Object.keys(INTENDED_IMPLEMENTERS)) {
      const iface = assembly.types.find((t) => t.name === name) as reflect.InterfaceType;
      const required = requiredMembers(iface);
      if (required.every((m) => NAME_REFERENCE_MEMBERS.has(m))) continue;
      for (const cls of assembly.classes) {
        const members = new Set([...Object.keys(cls.getProperties(true)), ...Object.keys(cls.getMethods(true))]);
        if (!implementsNominally(cls, iface) && required.every((m) => members.has(m))) {
          structural.push(`${cls.name} has the shape of ${name} without \`implements ${name}\``);
        }
      }
    }
    expect(structural).toEqual([]);
  });

  test('interfaces only returned are the listed ones, and none is accepted', () => {
    const accepted = new Set(surface.accepted.map((u) => u.iface.name));
    const returnedOnly = unique(surface.returned.map((u) => u.iface.name)).filter((n) => !accepted.has(n));
    expect(returnedOnly).toEqual([...RETURNED_ONLY].sort());
  });

  test('every behavioural interface of the assembly is accepted or returned somewhere', () => {
    const used = new Set([...surface.accepted, ...surface.returned].map((u) => u.iface.name));
    const unused = assembly.interfaces.filter((i) => !i.datatype && !used.has(i.name)).map((i) => i.name);
    expect(unused).toEqual([]);
  });

  test('the only any-typed inputs are the deliberate ones', () => {
    // `isFoo(x: any)` brand checks take anything by design (aws-cdk's `isConstruct` idiom)
    const brandChecks = /^([A-Za-z]+)\.is\1\(x\)$/;
    expect(unique(surface.anyInputs).filter((w) => !brandChecks.test(w))).toEqual([...DELIBERATE_ANY_INPUTS].sort());
    expect(unique(surface.anyInputs).filter((w) => brandChecks.test(w))).toEqual([
      'Component.isComponent(x)', 'Configuration.isConfiguration(x)', 'DaprResource.isDaprResource(x)',
      'HttpEndpoint.isHttpEndpoint(x)', 'McpServer.isMcpServer(x)', 'Resiliency.isResiliency(x)',
      'ScopedDaprResource.isScopedDaprResource(x)', 'Subscription.isSubscription(x)',
      'WorkflowAccessPolicy.isWorkflowAccessPolicy(x)',
    ]);
  });

  test('no union types in the public API (jsii languages model them poorly)', () => {
    expect(surface.unions).toEqual([]);
  });

  test('the package exports nothing TypeScript-only (every exported value is a jsii class or enum)', () => {
    // Functions and constants exported from a module are invisible to the other languages, and
    // internal helpers do not belong in the API; each folder's index.ts lists what users need.
    const types = new Set(assembly.types.filter((t) => t.isClassType() || t.isEnumType()).map((t) => t.name));
    expect(exportedValues().filter((name) => !types.has(name)).sort()).toEqual([]);
  });

  test('every class and enum of the assembly is exported by the package', () => {
    const exported = new Set(exportedValues());
    const missing = assembly.types.filter((t) => (t.isClassType() || t.isEnumType()) && !exported.has(t.name)).map((t) => t.name);
    expect(missing).toEqual([]);
  });

  test('every props-struct property is read-only', () => {
    const writable = assembly.interfaces
      .filter((i) => i.datatype)
      .flatMap((i) => Object.values(i.ownProperties).filter((p) => !p.immutable).map((p) => `${i.name}.${p.name}`));
    expect(writable).toEqual([]);
  });
});
