import { IConstruct } from 'constructs';
import { credentialInValue, redacted } from './credentials';
import { fail } from './validation';

/** Checks an absolute http(s) URL. */
export function checkUrl(scope: IConstruct, prop: string, value: string, schemes: readonly string[] = ['https', 'http']): string {
  // first, so that no later message shows it: credentials in a URL end up in the manifest and in logs
  if (typeof value === 'string' && (/^[^/?#]*:\/\/[^/?#]*@/.test(value) || credentialInValue(value) !== undefined)) {
    fail(scope, prop, redacted(value), 'a URL without credentials (no user info, no password or key in the query): send them in a header from a secret');
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !schemes.includes(url.protocol.replace(/:$/, '')) || !url.hostname || /\s/.test(value)) {
    fail(scope, prop, value, `an absolute URL with scheme ${schemes.map((s) => `${s}://`).join(' or ')} and a host`);
  }
  return value;
}

/** `checkUrl`, and https unless plain http is accepted on purpose (`allowPlaintextHttp`). */
export function checkHttpsUrl(scope: IConstruct, prop: string, value: string, allowPlaintextHttp: boolean | undefined): string {
  checkUrl(scope, prop, value);
  if (value.startsWith('http://') && !allowPlaintextHttp) {
    fail(scope, prop, value, 'an https:// URL; set allowPlaintextHttp: true to accept http://');
  }
  return value;
}
