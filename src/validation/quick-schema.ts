/*
 * A schema check for the objects that pass, without compiling anything: `surelyValid(schema)`
 * says true only when ajv, with the options `ManifestValidator` gives it, would find no error in
 * the data; otherwise (a real problem, or a schema or value it does not model exactly) it says
 * false and the caller runs ajv, which finds and words the errors as before.
 *
 * Why: ajv compiles a schema to JavaScript before its first use, and the Kubernetes schemas a
 * synth reaches are large (a Deployment's reaches most of the core API: ~0.3 s to compile, once
 * per process). A synth whose objects are all valid then pays more for compiling than for
 * checking. This check walks the same schema objects instead, and costs about what ajv's
 * compiled code costs per object.
 *
 * What it models, exactly as ajv 8 generates it (`ajv/dist/vocabularies`, `compile/validate/dataType`):
 * `type` (ajv's type tests; numbers must also be finite, which is stricter than ajv with
 * `strict: false`), `properties` (`data[p] !== undefined`), `required` (`data[p] === undefined`
 * is missing), `additionalProperties` (false or a schema, over `for...in` keys, a key being
 * defined when it is an own key of `properties`), `items` (one schema), `const` and `enum` of
 * primitives, `minLength`/`maxLength` (in code points), `minItems`/`maxItems`, `pattern` (a
 * `u` regular expression), `uniqueItems` over strings, and `$ref` alone to a definition of the
 * Kubernetes document. Any other keyword, or a case outside these, makes it say false.
 */

/** A check of one value: true only when the schema surely holds. */
export type SurelyValid = (data: unknown) => boolean;

const NOT_SURE: SurelyValid = () => false;
const ANY: SurelyValid = () => true;

const KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'const', 'enum',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'pattern', 'uniqueItems', '$ref']);

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function isObject(d: unknown): d is { [key: string]: unknown } {
  return !!d && typeof d === 'object' && !Array.isArray(d);
}

/** ajv's type tests (`checkDataType`), numbers finite. */
function typeTest(type: string): ((d: unknown) => boolean) | undefined {
  switch (type) {
    case 'string': return (d) => typeof d === 'string';
    case 'boolean': return (d) => typeof d === 'boolean';
    case 'null': return (d) => d === null;
    case 'object': return isObject;
    case 'array': return Array.isArray;
    case 'number': return (d) => typeof d === 'number' && Number.isFinite(d);
    case 'integer': return (d) => Number.isInteger(d);
    default: return undefined;
  }
}

/** Length in code points, as ajv counts it (`ucs2length`). */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Checks against the schemas of one document of definitions (`{ $id, definitions }`): `$ref`s to
 * `<$id>#/definitions/<name>` from anywhere, and to `#/definitions/<name>` from within it.
 * Each schema object is turned into its check once, on first use.
 */
export class QuickSchemas {
  private readonly checks = new WeakMap<object, SurelyValid>();
  private readonly inDocument = new WeakSet<object>();

  public constructor(private readonly document: { readonly $id: string; readonly definitions: { readonly [name: string]: object } }) {
    for (const definition of Object.values(document.definitions)) this.inDocument.add(definition);
  }

  /** The check of the document's definition `name`. */
  public definition(name: string): SurelyValid {
    return hasOwn(this.document.definitions, name) ? this.check(this.document.definitions[name], true) : NOT_SURE;
  }

  /** The check of `schema`, a schema outside the document that may `$ref` its definitions. */
  public schema(schema: unknown): SurelyValid {
    return this.check(schema, false);
  }

  private check(schema: unknown, inDocument: boolean): SurelyValid {
    if (schema === true) return ANY;
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return NOT_SURE;
    let check = this.checks.get(schema);
    if (!check) {
      // set before compiling, so that a recursive schema (JSONSchemaProps) refers to itself
      let compiled: SurelyValid | undefined;
      this.checks.set(schema, (d) => compiled!(d));
      compiled = this.compile(schema as { [key: string]: any }, inDocument);
      this.checks.set(schema, compiled);
      check = compiled;
    }
    return check;
  }

  private compile(s: { [key: string]: any }, inDocument: boolean): SurelyValid {
    const keys = Object.keys(s);
    if (keys.length === 0) return ANY;
    if (keys.some((k) => !KEYWORDS.has(k))) return NOT_SURE;
    if (keys.includes('$ref')) return keys.length === 1 ? this.ref(s.$ref, inDocument) : NOT_SURE;
    const tests: SurelyValid[] = [];

    if (s.type !== undefined) {
      const found = (Array.isArray(s.type) ? s.type : [s.type]).map((t: unknown) => (typeof t === 'string' ? typeTest(t) : undefined));
      if (found.length === 0 || found.some((t: unknown) => t === undefined)) return NOT_SURE;
      const types = found as SurelyValid[];
      tests.push(types.length === 1 ? types[0] : (d) => types.some((t) => t(d)));
    }
    if (s.const !== undefined) {
      if (!isPrimitive(s.const)) return NOT_SURE;
      const value = s.const;
      tests.push((d) => d === value);
    }
    if (s.enum !== undefined) {
      if (!Array.isArray(s.enum) || !s.enum.every(isPrimitive)) return NOT_SURE;
      const values = new Set<unknown>(s.enum);
      tests.push((d) => values.has(d));
    }

    const object = this.objectTest(s, inDocument);
    if (object === NOT_SURE) return NOT_SURE;
    if (object) tests.push(object);
    const array = this.arrayTest(s, inDocument);
    if (array === NOT_SURE) return NOT_SURE;
    if (array) tests.push(array);
    const string = stringTest(s);
    if (string === NOT_SURE) return NOT_SURE;
    if (string) tests.push(string);

    if (tests.length === 1) return tests[0];
    return (d) => {
      for (const t of tests) if (!t(d)) return false;
      return true;
    };
  }

  private ref(ref: unknown, inDocument: boolean): SurelyValid {
    if (typeof ref !== 'string') return NOT_SURE;
    const prefix = `${this.document.$id}#/definitions/`;
    const local = '#/definitions/';
    const name = ref.startsWith(prefix) ? ref.slice(prefix.length) : inDocument && ref.startsWith(local) ? ref.slice(local.length) : undefined;
    // a JSON pointer with escapes or more segments is not modelled
    if (name === undefined || /[/~%]/.test(name)) return NOT_SURE;
    let target: SurelyValid | undefined;
    return (d) => (target ??= this.definition(name))(d);
  }

  /** properties, required, additionalProperties: applied to objects only. */
  private objectTest(s: { [key: string]: any }, inDocument: boolean): SurelyValid | undefined {
    if (s.properties === undefined && s.required === undefined && s.additionalProperties === undefined) return undefined;
    const props = s.properties ?? {};
    if (!isObject(props) || hasOwn(props, '__proto__')) return NOT_SURE;
    const names = Object.keys(props);
    const checks = names.map((p) => this.sub(props[p], inDocument));
    const required: unknown = s.required ?? [];
    if (!Array.isArray(required) || !required.every((r) => typeof r === 'string')) return NOT_SURE;
    const extra = s.additionalProperties;
    let additional: SurelyValid | false | undefined;
    if (extra === false) additional = false;
    else if (extra === undefined || extra === true) additional = undefined;
    else additional = this.sub(extra, inDocument);
    return (d) => {
      if (!isObject(d)) return true;
      for (const r of required as string[]) if (d[r] === undefined) return false;
      for (let i = 0; i < names.length; i++) {
        const v = d[names[i]];
        if (v !== undefined && !checks[i](v)) return false;
      }
      if (additional !== undefined) {
        for (const key in d) {
          if (hasOwn(props, key)) continue;
          if (additional === false || !additional(d[key])) return false;
        }
      }
      return true;
    };
  }

  /** items, minItems, maxItems, uniqueItems: applied to arrays only. */
  private arrayTest(s: { [key: string]: any }, inDocument: boolean): SurelyValid | undefined {
    if (s.items === undefined && s.minItems === undefined && s.maxItems === undefined && s.uniqueItems === undefined) return undefined;
    if (Array.isArray(s.items)) return NOT_SURE; // tuples
    const items = s.items === undefined ? undefined : this.sub(s.items, inDocument);
    const min = s.minItems ?? 0;
    const max = s.maxItems ?? Infinity;
    if (typeof min !== 'number' || typeof max !== 'number') return NOT_SURE;
    if (s.uniqueItems !== undefined && typeof s.uniqueItems !== 'boolean') return NOT_SURE;
    const unique = s.uniqueItems === true;
    return (d) => {
      if (!Array.isArray(d)) return true;
      if (d.length < min || d.length > max) return false;
      if (items) for (let i = 0; i < d.length; i++) if (!items(d[i])) return false;
      // duplicates told apart for strings only, where ajv's equality is ===
      if (unique && d.length > 1 && (!d.every((x) => typeof x === 'string') || new Set(d).size !== d.length)) return false;
      return true;
    };
  }

  private sub(schema: unknown, inDocument: boolean): SurelyValid {
    return this.check(schema, inDocument || (schema !== null && typeof schema === 'object' && this.inDocument.has(schema)));
  }
}

/** minLength, maxLength, pattern: applied to strings only. */
function stringTest(s: { [key: string]: any }): SurelyValid | undefined {
  if (s.minLength === undefined && s.maxLength === undefined && s.pattern === undefined) return undefined;
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Infinity;
  if (typeof min !== 'number' || typeof max !== 'number') return NOT_SURE;
  let pattern: RegExp | undefined;
  if (s.pattern !== undefined) {
    if (typeof s.pattern !== 'string') return NOT_SURE;
    try {
      pattern = new RegExp(s.pattern, 'u');
    } catch {
      return NOT_SURE;
    }
  }
  return (d) => {
    if (typeof d !== 'string') return true;
    // a code point is one or two UTF-16 units: count them only when the length does not decide
    if (d.length < min || (d.length < 2 * min && codePoints(d) < min)) return false;
    if (d.length > max && codePoints(d) > max) return false;
    return pattern === undefined || pattern.test(d);
  };
}
