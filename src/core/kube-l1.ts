/**
 * Renders Kubernetes manifests from cdk8s-plus-28's typed L1 structs without loading its k8s
 * module (2.7 MB): a generated table (src/generated/kube-l1.table.json, from that module's
 * toJson_* converters, see projenrc/dapr-facts/kube-l1.ts) says how each field converts, and this
 * applies it with the converters' exact semantics: fields in the struct's order, JSON names as
 * Kubernetes spells them (`hostIP` for `hostIp`), undefined dropped, properties the struct does
 * not declare dropped, IntOrString and Quantity written as their value.
 */

/**
 * How one field converts, as the forms k8s.js uses (projenrc/dapr-facts/kube-l1.ts reads them):
 * v `obj.p`, s `toJson_T(obj.p)`, sa `obj.p?.map(y => toJson_T(y))`, a `obj.p?.map(y => y)`,
 * q `obj.p?.value`, d `obj.p?.toISOString()`, and the maps (entries whose value is undefined
 * dropped): m value as is, mq `?.value`, ms `toJson_T`, ma `?.map(y => y)`. @internal
 */
export type KubeFieldForm = 'v' | 's' | 'sa' | 'a' | 'q' | 'd' | 'm' | 'mq' | 'ms' | 'ma';

/** One field: its JSON name, property name, form, and struct type for s, sa and ms. @internal */
export type KubeField = readonly [json: string, prop: string, form: KubeFieldForm, type?: string];

/** The generated table: the kinds and every struct they reach. @internal */
export interface KubeL1Table {
  readonly kinds: { readonly [name: string]: { readonly apiVersion: string; readonly kind: string; readonly props: string } };
  readonly structs: { readonly [name: string]: readonly KubeField[] };
}

/** An IntOrString or Quantity: the converters write its `value`. @internal */
export class KubeValue {
  /** Typed as the cdk8s-plus class the struct declares, which has the same one public field. */
  public static of<T>(value: string | number): T {
    return new KubeValue(value) as unknown as T;
  }
  private constructor(public readonly value: string | number) {}
}

/** One kind: its group, version and kind, and `manifest()` as cdk8s-plus-28's `KubeX.manifest()`. @internal */
export class KubeKind<P> {
  public readonly GVK: { readonly apiVersion: string; readonly kind: string };
  private readonly props: string;
  public constructor(private readonly table: KubeL1Table, name: string) {
    const kind = table.kinds[name];
    this.GVK = { apiVersion: kind.apiVersion, kind: kind.kind };
    this.props = kind.props;
  }

  /** The manifest of an object of this kind, as JSON (what `KubeX.manifest(props)` returns). */
  public manifest(props: P = {} as P): any {
    return { ...this.GVK, ...renderKubeStruct(this.table, this.props, props) };
  }
}

/** A struct's JSON, as cdk8s-plus-28's `toJson_<type>(obj)`. @internal */
export function renderKubeStruct(table: KubeL1Table, type: string, obj: any): any {
  if (obj === undefined) return undefined;
  const fields = table.structs[type];
  const out: any = {};
  // indexed loops, no destructuring: this runs cold, once per object, where the interpreter's
  // iterator protocol would cost more than the rendering itself
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const v = obj[field[1]];
    if (v === undefined) continue;
    const json = field[0];
    const form = field[2];
    const nested = field[3];
    let r: any;
    switch (form) {
      case 'v': r = v; break;
      case 's': r = renderKubeStruct(table, nested!, v); break;
      case 'sa': r = v?.map((y: any) => renderKubeStruct(table, nested!, y)); break;
      case 'a': r = v?.map((y: any) => y); break;
      case 'q': r = v?.value; break;
      case 'd': r = v?.toISOString(); break;
      default: r = renderMap(table, form, nested, v);
    }
    if (r !== undefined) out[json] = r;
  }
  return out;
}

function renderMap(table: KubeL1Table, form: KubeFieldForm, nested: string | undefined, map: any): any {
  const out: any = {};
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const yy: any = map[k];
    if (yy === undefined) continue;
    switch (form) {
      case 'm': out[k] = yy; break;
      case 'mq': out[k] = yy?.value; break;
      case 'ms': out[k] = renderKubeStruct(table, nested!, yy); break;
      case 'ma': out[k] = yy?.map((z: any) => z); break;
      default: throw new Error(`kube-l1: unknown field form ${form}`);
    }
  }
  return out;
}
