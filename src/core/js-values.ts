import { IConstruct } from 'constructs';
import { APP_ID_RULE, fail, isAppId } from './validation';

/*
 * Checks of the SHAPE of values, for callers without a type checker (plain JavaScript, or
 * TypeScript through `any`): a wrong kind of value gets the library's error, naming the
 * construct and the prop, instead of a TypeError from deep inside the library. Every construct
 * runs its props through these before it reads them.
 */

/** A construct's props: an object, or `{}` when optional and left out. */
export function checkProps<T extends object>(scope: IConstruct | string, props: T | undefined, required: boolean): T {
  if (props === undefined && !required) return {} as T;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    fail(scope, 'props', props, 'an object of props');
  }
  return props;
}

/** A list: `[]` when left out; never another kind of value, and no null or undefined item. */
export function checkList<T>(scope: IConstruct | string, prop: string, value: readonly T[] | undefined, item = 'values'): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(scope, prop, value, `a list of ${item}`);
  value.forEach((v, i) => {
    if (v === undefined || v === null) fail(scope, `${prop}[${i}]`, v, `one of a list of ${item} (no null or undefined in it)`);
  });
  return [...value];
}

/** A list of strings: `[]` when left out. */
export function checkStringList(scope: IConstruct | string, prop: string, value: readonly string[] | undefined, item = 'strings'): string[] {
  const list = checkList(scope, prop, value, item);
  list.forEach((v, i) => {
    if (typeof v !== 'string') fail(scope, `${prop}[${i}]`, v, `a string (one of a list of ${item})`);
  });
  return list;
}

/** A map (a plain object) of names to values: `{}` when left out. */
export function checkMap<T>(scope: IConstruct | string, prop: string, value: { readonly [name: string]: T } | undefined,
  item = 'values'): { [name: string]: T } {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(scope, prop, value, `a map of names to ${item}`);
  for (const [name, v] of Object.entries(value)) {
    if (v === undefined || v === null) fail(scope, `${prop}.${name}`, v, `one of a map of names to ${item} (no null or undefined in it)`);
  }
  return { ...value };
}

/** A string (any, or non-empty). */
export function checkString(scope: IConstruct | string, prop: string, value: string, allowed = 'a string'): string {
  if (typeof value !== 'string') fail(scope, prop, value, allowed);
  return value;
}

/** An optional boolean. */
export function checkOptionalBoolean(scope: IConstruct | string, prop: string, value: boolean | undefined): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(scope, prop, value, 'true or false');
  return value;
}

/** An instance of `type` (enum-like classes, policies, transports): casts in JavaScript are refused. */
export function checkInstance<T>(scope: IConstruct | string, prop: string, value: T, type: { readonly prototype: T }, allowed: string): T {
  // classes with private constructors (factories only) are not `new`-able types, but instanceof works
  if (!(value instanceof (type as unknown as abstract new () => T))) fail(scope, prop, value, allowed);
  return value;
}

/** A required object (a reference such as a component or an app, or a struct of options). */
export function checkObject<T extends object>(scope: IConstruct | string, prop: string, value: T, allowed: string): T {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) fail(scope, prop, value, allowed);
  return value;
}

/** An optional struct of options: `{}` when left out. */
export function checkStruct<T extends object>(scope: IConstruct | string, prop: string, value: T | undefined, allowed = 'an object of options'): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(scope, prop, value, allowed);
  return value;
}

/**
 * A Dapr app reference (`IDaprApp`): an object with a valid app id and a namespace. Apps are
 * shown by app id only: the object itself may be a whole construct.
 */
export function checkAppRef<T extends { readonly appId: string; readonly namespace: string }>(scope: IConstruct | string, prop: string, app: T): T {
  if (app === null || typeof app !== 'object') fail(scope, prop, app, 'a Dapr app (DaprApp, or DaprApp.fromAppId())');
  if (!isAppId(app.appId)) fail(scope, `${prop}.appId`, app.appId, APP_ID_RULE);
  if (typeof app.namespace !== 'string') fail(scope, `${prop}.namespace`, app.namespace, 'the namespace of the app');
  return app;
}
