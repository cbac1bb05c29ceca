/**
 * The one credential detector of the library. Every place a secret can travel (component
 * metadata, sidecar and container environment variables, HTTP headers, certificate fields,
 * error messages) asks these functions, so that a name or value refused in one place is refused
 * in all of them, and redacted the same way in every message.
 *
 * - `isCredentialName(name)`: the name of a metadata key, variable or header says its value is a
 *   credential (`redisPassword`, `DB_PASS`, `x-api-key`, `tlsKey`, `serviceAccountJson` ...).
 * - `containsPrivateKey(value)`: the text holds a private key (any PEM `PRIVATE KEY` block, also
 *   base64-encoded, or a PuTTY key file).
 * - `credentialInValue(value)`: what credential a plaintext value carries whatever its name: a
 *   private key, a URL with a password, a connection string with a password or account key.
 * - `redacted(value)`: the value as messages show it, `<redacted: 42 characters>`.
 * - `redactText(text)`: free text (tool output, registry answers) with credential-shaped parts cut out.
 *
 * The rules are checked against the names Dapr's components-contrib marks `sensitive` in its
 * metadata.yaml files (test/core/credential-names.ts holds the table and measures agreement).
 */

/**
 * The words of a name: split at separators, at lower-to-upper case changes, inside runs of
 * capitals (`APIKey` -> `api key`), and between letters and digits (`password2` -> `password 2`).
 */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** Words that make a name a credential wherever they stand: `token`, `secret`, `pwd` ... */
const CREDENTIAL_WORDS = new Set([
  'secret', 'secrets', 'token', 'tokens', 'pwd', 'passcode', 'credential', 'credentials', 'creds', 'cred', 'dsn', 'apikey', 'nkey',
]);
/** Parts of a word that make it a credential: `PGPASSWORD`, `mysqlpassword`, `privatekey`. */
const CREDENTIAL_STEMS = ['password', 'passwd', 'passphrase', 'apikey', 'privatekey', 'secretkey', 'accesskey', 'accountkey',
  'clientsecret', 'connectionstring', 'connstr'];
/** Words that make a name a credential as its last word: `DB_PASS`, `Authorization`, `X-Auth`, `Cookie`, `jwt`. */
const CREDENTIAL_LAST_WORDS = new Set(['pass', 'auth', 'authorization', 'cookie', 'cookies', 'jwt']);
/**
 * What makes a `key` a secret key: `accessKey`, `tlsKey`, `x-functions-key`, `Ocp-Apim-Subscription-Key`.
 * A `key` after other words names a place or a lookup key (`partitionKey`, `objectKey`, `publicKey`).
 */
const KEY_QUALIFIERS = new Set([
  'access', 'account', 'admin', 'api', 'assertion', 'auth', 'ca', 'client', 'decryption', 'encryption', 'function', 'functions',
  'gpg', 'hmac', 'jwt', 'license', 'master', 'pgp', 'primary', 'private', 'sas', 'secondary', 'secret', 'seed', 'session', 'shared',
  'signing', 'ssh', 'ssl', 'storage', 'subscription', 'tls', 'write',
]);
/**
 * Last words that make a name describe a credential rather than hold one: where it is
 * (`passwordFile`, `vaultTokenMountPath`, `secretName`, `secretKeyRef`, `tokenURL`), what it is
 * for (`tokenAudience`, `tokenScope`, `securityTokenHeader`), the certificate of its server
 * (`oauth2TokenCAPEM`) or its properties (`tokenTTL`, `keyLength`).
 */
const DESCRIPTOR_WORDS = new Set([
  'name', 'names', 'ref', 'refs', 'reference', 'path', 'paths', 'file', 'files', 'filename', 'dir', 'directory', 'folder',
  'url', 'urls', 'uri', 'uris', 'endpoint', 'endpoints', 'header', 'env', 'var', 'variable', 'store', 'stores', 'provider', 'providers', 'source', 'sources',
  'location', 'mount', 'namespace', 'id', 'ids', 'type', 'types', 'kind', 'style', 'mechanism', 'method', 'format', 'mode',
  'algorithm', 'alg', 'audience', 'audiences', 'aud', 'scope', 'scopes', 'issuer', 'subject', 'version', 'prefix', 'suffix',
  'field', 'property', 'attribute', 'column', 'table', 'label', 'labels', 'selector', 'policy', 'length', 'size', 'count',
  'ttl', 'timeout', 'interval', 'duration', 'expiry', 'expiration', 'lifetime', 'rotation', 'seconds', 'secs', 'sec', 'ms',
  'minutes', 'hours', 'days', 'enabled', 'disabled', 'required', 'validator', 'validators', 'ca', 'capem', 'cert', 'certs', 'certificate', 'crt',
]);
/** First words of flags, limits, counts and name lists: `allowPlaintextSecrets`, `useToken`, `maxTokens`, `insecureIgnoreHostKey`, `deniedSecrets`. */
const FLAG_WORDS = new Set([
  'allow', 'allowed', 'denied', 'use', 'enable', 'disable', 'skip', 'ignore', 'insecure', 'is', 'has', 'require', 'max', 'min', 'num', 'no', 'without',
  'validate', 'verify',
]);
/** Words after which the rest names a unit or a source, not the value: `keyValuesPerSecret`, `envFromSecret`. */
const CUT_WORDS = new Set(['per', 'from']);
/** Content formats of a key file: `serviceAccountJson`, `SERVICE_ACCOUNT_P12`. */
const KEY_CONTENT_WORDS = new Set(['json', 'p12', 'pfx', 'pem', 'jks']);

/**
 * True when a name (a metadata key, an environment variable, an HTTP header, a prop) says that
 * its value is a credential: a password, secret, token, secret key or connection string.
 *
 * The rule reads the name's words, so it does not depend on where a word sits or how the name is
 * spelled (`DB_PASSWORD`, `dbPassword`, `password2`, `PGPASSWORD`). Names that describe a
 * credential without holding it (`passwordFile`, `secretName`, `tokenAudience`), flags and limits
 * (`allowPlaintextSecrets`, `maxTokens`) and lookup keys (`partitionKey`, `keyPrefix`) are not
 * credentials. The identifier of a secret key (`accessKeyId`, `privateKeyID`) is, as Dapr's
 * component metadata marks it sensitive.
 */
export function isCredentialName(name: string): boolean {
  if (typeof name !== 'string') return false;
  // the same few names (metadata keys, env names) are asked about once per resource: answer from
  // a bounded memo, the rule is a pure function of the name
  let known = NAME_MEMO.get(name);
  if (known === undefined) {
    if (NAME_MEMO.size >= NAME_MEMO_LIMIT) NAME_MEMO.clear();
    known = credentialName(name);
    NAME_MEMO.set(name, known);
  }
  return known;
}

const NAME_MEMO = new Map<string, boolean>();
const NAME_MEMO_LIMIT = 4096;

function credentialName(name: string): boolean {
  let words = nameWords(name);
  const cut = words.findIndex((w) => CUT_WORDS.has(w));
  if (cut > 0) words = words.slice(0, cut);
  while (words.length > 0 && /^\d+$/.test(words[words.length - 1])) words.pop();
  if (words.length === 0) return false;
  const last = words[words.length - 1];
  const beforeLast = words.length > 1 ? words[words.length - 2] : undefined;
  // a database URL carries the user and password: DATABASE_URL, DB_URI
  if ((last === 'url' || last === 'uri') && (beforeLast === 'database' || beforeLast === 'db')) return true;
  // a secret key's id: accessKeyId, privateKeyID, apiKeyId
  if (last === 'id' && beforeLast === 'key' && words.length > 2 && KEY_QUALIFIERS.has(words[words.length - 3])) return true;
  if (words.length > 1 && (FLAG_WORDS.has(words[0]) || DESCRIPTOR_WORDS.has(last))) return false;
  if (words.some((w) => CREDENTIAL_WORDS.has(w))) return true;
  const joined = words.join('');
  if (CREDENTIAL_STEMS.some((s) => joined.includes(s))) return true;
  if (CREDENTIAL_LAST_WORDS.has(last)) return true;
  if (words.length === 1 && last === 'key') return true;
  // one word ending in "token": identitytoken, refreshtoken, idtoken (docker and OAuth JSON members)
  if (words.length === 1 && /.token$/.test(last)) return true;
  if (words.some((w, i) => w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]))) return true;
  if (KEY_CONTENT_WORDS.has(last) && words.includes('account')) return true;
  return false;
}

/** A PEM private key header: `-----BEGIN PRIVATE KEY-----`, `RSA`, `EC`, `ENCRYPTED`, `OPENSSH`, `PGP ... BLOCK`. */
const PEM_PRIVATE_KEY_BEGIN = '-{5}\\s*BEGIN[A-Z0-9 ]*PRIVATE\\s+KEY[A-Z0-9 ]*-{5}';
const PEM_PRIVATE_KEY = new RegExp(PEM_PRIVATE_KEY_BEGIN, 'i');
/** A PuTTY private key file. */
const PUTTY_KEY = /PuTTY-User-Key-File-\d+:/;
/** Base64 of "-----BEGIN", how a PEM looks inside a base64-encoded Kubernetes Secret or env value. */
const BASE64_PEM = /LS0tLS1CRUdJT[A-Za-z0-9+/=]*/g;

/** True when the text holds a private key: a PEM `PRIVATE KEY` block of any kind, also base64-encoded, or a PuTTY key. */
export function containsPrivateKey(value: string): boolean {
  if (typeof value !== 'string') return false;
  if (PEM_PRIVATE_KEY.test(value) || PUTTY_KEY.test(value)) return true;
  for (const m of value.match(BASE64_PEM) ?? []) {
    if (PEM_PRIVATE_KEY.test(Buffer.from(m, 'base64').toString('latin1'))) return true;
  }
  return false;
}

/** Candidate user info of URLs: whatever stands between "scheme://" and the first "@". */
const URL_USER_INFO = /[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s@]*)@/g;

/**
 * True when a URL in the text has a password in its user info, `scheme://user:password@host`,
 * also one with the "/", "?" or "#" that users write unescaped. A URL with a port and an "@" in
 * its path (`https://host:8443/@me`) reads the same way and is taken for one too: refusing it is
 * the safe mistake.
 */
function hasUrlPassword(value: string): boolean {
  for (const m of value.matchAll(URL_USER_INFO)) {
    const info = m[1];
    const colon = info.indexOf(':');
    if (colon >= 0 && colon < info.length - 1 && !/[/?#]/.test(info.slice(0, colon))) return true;
  }
  return false;
}

/**
 * The keys of `key=value` pairs of connection strings, DSNs and URL queries that carry a credential:
 * `Password=...;`, `AccountKey=...`, `SharedAccessKey=...`, `password=... host=...`, `?sig=...`,
 * an OAuth `_state`. Abbreviations and query keys `isCredentialName` does not read as words.
 */
const CREDENTIAL_PAIR_KEYS = 'password|pwd|passwd|pass|accountkey|sharedaccesskey|sharedaccesssignature|sig|secret|client_?secret|token|access_?token|api_?key|apikey|_state';
/** Where such a pair starts: the start of the text, or after a separator. */
const PAIR_START = '(?:^|[;\\s?&,])';
const CREDENTIAL_PAIR = new RegExp(`${PAIR_START}(?:${CREDENTIAL_PAIR_KEYS})\\s*=\\s*[^;\\s&,]+`, 'i');

/**
 * What credential a plaintext value carries, whatever its name, or undefined: "a private key",
 * "a URL with a password" or "a connection string with a password or key".
 */
export function credentialInValue(value: string): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (containsPrivateKey(value)) return 'a private key';
  if (hasUrlPassword(value)) return 'a URL with a password';
  if (CREDENTIAL_PAIR.test(value)) return 'a connection string with a password or key';
  return undefined;
}

/** Text never shown in a message: a credential, or any PEM document (its head could be key material). */
export function mayHoldSecret(value: string): boolean {
  return credentialInValue(value) !== undefined || /-{5}\s*BEGIN /i.test(value);
}

/** The labels of a text's PEM blocks, e.g. ["CERTIFICATE", "PRIVATE KEY"]: not secret, and what a reader needs to see. */
function pemLabels(value: string): string[] {
  return [...new Set([...value.matchAll(/-{5}\s*BEGIN ([A-Z0-9 ]+?)\s*-{5}/gi)].map((m) => m[1].toUpperCase()))];
}

/**
 * A value as messages show it when it may be secret: its length, and the labels of its PEM
 * blocks if it has any. `showValue` and `toString()` show that description, so it can be passed
 * wherever a value is shown (`fail(scope, prop, redacted(value), ...)`).
 */
export class Redacted {
  /** What messages show instead of the value. */
  public readonly description: string;

  constructor(value: unknown) {
    if (typeof value === 'string') {
      const labels = pemLabels(value);
      this.description = `<redacted: ${value.length} characters${labels.length > 0 ? `, PEM ${labels.join(', ')}` : ''}>`;
    } else {
      const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
      this.description = value === undefined || value === null ? `<redacted: ${value}>` : `<redacted: ${kind}>`;
    }
  }

  public toString(): string {
    return this.description;
  }
}

/** The value, wrapped so that every message shows `<redacted: N characters>` instead of it. */
export function redacted(value: unknown): Redacted {
  return value instanceof Redacted ? value : new Redacted(value);
}

/** A name as it stands before ":" in JSON, YAML or a header, without its quotes. */
function unquoted(key: string): string {
  return key.replace(/^["']|["']$/g, '');
}

/**
 * Free-text patterns of credentials, and what each is replaced with. They reuse the detector's
 * rules: the PEM header of `containsPrivateKey`, the pairs of `credentialInValue`, and
 * `isCredentialName` for the names of JSON members, YAML keys and headers.
 */
const TEXT_PATTERNS: [RegExp, (m: string, ...groups: string[]) => string][] = [
  [new RegExp(`${PEM_PRIVATE_KEY_BEGIN}[\\s\\S]*?(${PEM_PRIVATE_KEY_BEGIN.replace('BEGIN', 'END')}|$)`, 'gi'), () => '<redacted private key>'],
  [/([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s@]*@/g, (_m, scheme) => `${scheme}<redacted>@`],
  // not after a dot: "middleware.http.bearer requires ..." is a component type, not a credential
  [/(?<![\w.])(bearer|basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, (_m, scheme) => `${scheme} <redacted>`],
  [/("([^"\\]*)"\s*:\s*)"[^"]*"/g, (m, head, name) => (isCredentialName(name) ? `${head}"<redacted>"` : m)],
  [new RegExp(`(${PAIR_START}(?:${CREDENTIAL_PAIR_KEYS})\\s*=\\s*)[^;\\s&,]+`, 'gi'), (_m, key) => `${key}<redacted>`],
  // YAML and header lines whose key names a credential: "password: x", "Authorization: Basic x"
  [/^(\s*([-\w."']+)\s*:[ \t]*)\S.*$/gm, (m, head, name) => (isCredentialName(unquoted(name)) ? `${head}<redacted>` : m)],
];

/**
 * Free text with its credential-shaped parts replaced by `<redacted>`: private key blocks, URL
 * user info, `Bearer`/`Basic` credentials, JSON token and password members, credential
 * `key=value` pairs, and YAML or header lines whose key names a credential. For text the library does not control, such as a registry's or a build
 * tool's answer, before it goes into an error message.
 */
export function redactText(text: string): string {
  let out = String(text);
  for (const [pattern, replace] of TEXT_PATTERNS) out = out.replace(pattern, replace as (m: string) => string);
  return out;
}
