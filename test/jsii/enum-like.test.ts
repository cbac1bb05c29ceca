import * as fc from 'fast-check';
import * as api from '../../src';

// Every enum-like class has one shape (src/core/enum-like.ts): constants, `.value`, a frozen
// `ALL` with every constant, and `of(value)` that returns the constant or throws the library's
// error. Open sets add `custom(value)`.

interface EnumLike {
  readonly ALL: { readonly value: string }[];
  of(value: string): { readonly value: string };
  custom?(value: string): { readonly value: string };
}

const ENUM_LIKE: Record<string, EnumLike> = {
  AccessControlAction: api.AccessControlAction,
  ApiProtocol: api.ApiProtocol,
  AppProtocol: api.AppProtocol,
  CircuitBreakerScope: api.CircuitBreakerScope,
  DaprApi: api.DaprApi,
  FluxSourceKind: api.FluxSourceKind,
  HttpVerb: api.HttpVerb,
  ImagePullPolicy: api.ImagePullPolicy,
  InitEndpoint: api.InitEndpoint,
  LogLevel: api.LogLevel,
  NameResolver: api.NameResolver,
  PodAntiAffinityPolicy: api.PodAntiAffinityPolicy,
  RemindersService: api.RemindersService,
  SeccompProfile: api.SeccompProfile,
  ServiceType: api.ServiceType,
  SubscriptionVersion: api.SubscriptionVersion,
  TlsRenegotiation: api.TlsRenegotiation,
  TracingProtocol: api.TracingProtocol,
  WebhookFailurePolicy: api.WebhookFailurePolicy,
  WorkflowOperation: api.WorkflowOperation,
};

/** The open sets: values this release does not list are allowed, through `custom()` only. */
const OPEN = ['DaprApi', 'NameResolver'];

/** The static constants of a class: its own static properties holding an instance. */
function constantsOf(cls: EnumLike): unknown[] {
  return Object.getOwnPropertyNames(cls)
    .filter((name) => /^[A-Z][A-Z0-9_]*$/.test(name) && name !== 'ALL')
    .map((name) => (cls as any)[name])
    .filter((v) => v instanceof (cls as any));
}

describe.each(Object.entries(ENUM_LIKE))('%s', (name, cls) => {
  test('ALL holds every constant, once, and is frozen', () => {
    const constants = constantsOf(cls);
    expect(constants.length).toBeGreaterThan(0);
    expect(new Set(cls.ALL)).toEqual(new Set(constants));
    expect(cls.ALL).toHaveLength(constants.length);
    expect(Object.isFrozen(cls.ALL)).toBe(true);
  });

  test('of() returns the constant with that value', () => {
    for (const constant of cls.ALL) expect(cls.of(constant.value)).toBe(constant);
  });

  test('of() refuses every unknown value with the library error', () => {
    const known = new Set(cls.ALL.map((c) => c.value));
    fc.assert(fc.property(fc.string().filter((v) => !known.has(v)), (value) => {
      expect(() => cls.of(value)).toThrow(`[${name}.of] value: ${JSON.stringify(value)} is invalid; allowed: one of `);
    }));
  });

  test(OPEN.includes(name) ? 'custom() is the explicit escape for unknown values' : 'has no custom() escape', () => {
    if (OPEN.includes(name)) {
      expect(cls.custom!('something-new').value).toBe('something-new');
    } else {
      expect(cls.custom).toBeUndefined();
    }
  });
});

test('the list covers every enum-like class (a class with ALL and of())', () => {
  const found = Object.entries(api)
    .filter(([, v]) => typeof v === 'function' && Array.isArray((v as any).ALL) && typeof (v as any).of === 'function')
    .map(([n]) => n);
  // DaprStage and ImageBuilder have ALL and of() but are richer objects (ordering, build steps).
  expect(found.filter((n) => !['DaprStage', 'ImageBuilder'].includes(n)).sort()).toEqual(Object.keys(ENUM_LIKE).sort());
});
