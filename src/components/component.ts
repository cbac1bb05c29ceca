import { Construct, IConstruct } from 'constructs';
import { renderInjectedContainer } from './injected-container';
import { ComponentOptions, InjectedComponentContainer } from '../core/component-options';
import { COMPONENT_BRAND, readsKubernetesSecrets, secretStoreGrantErrors } from '../core/component-scopes';
import { ComponentSpec, FIELD_TYPE_RULE, FieldSpec, indexOf, isSensitiveKey, isWellFormed } from '../core/component-spec';
import { redacted } from '../core/credentials';
import { IDaprApp, injectsComponentContainers } from '../core/dapr-app-ref';
import { checkResourceProps, hasBrand, ScopedDaprResource, setBrand } from '../core/dapr-resource';
import { checkInstance, checkMap, checkString, checkStringList } from '../core/js-values';
import { requestKubernetesApi } from '../core/kubernetes-api-access';
import { MetadataValue } from '../core/metadata-value';
import { checkPlaintext, plaintextCredential, PLAINTEXT_OPT_OUT, uselessOptOuts } from '../core/plaintext-secrets';
import { IDaprComponentRef } from '../core/refs';
import { ISecretStore } from '../core/secret-store-ref';
import { checkDnsSubdomain, checkDuration, CONFIG_MAP_KEY_RULE, didYouMean, isConfigMapKey, isEnvName, DNS_SUBDOMAIN_RULE, fail, isDnsSubdomain, validationMessage } from '../core/validation';
import { specsFor } from '../facts/component-types';

/** The Kubernetes group/version of Dapr's Component resource. */
export const COMPONENT_API_VERSION = 'dapr.io/v1alpha1';

/** The component categories Dapr loads from a Component resource. */
const CATEGORIES = ['bindings', 'configuration', 'conversation', 'crypto', 'lock', 'middleware', 'pubsub', 'secretstores', 'state'];
const TYPE_FORMAT = /^[a-z]+(\.[A-Za-z0-9][A-Za-z0-9_-]*)+$/;
const TYPE_RULE = `"<category>.<name>" with a category of ${CATEGORIES.join(', ')} (middleware as "middleware.http.<name>")`;
const VERSION_FORMAT = /^(v\d+(\.\d+)*(-[0-9a-z.]+)?|alpha|beta)$/;
const VERSION_RULE = 'a component version such as "v1", "v2" or "v1.0-alpha1"';
/** How a sensitive metadata value is passed instead of plaintext. */
const SECURE_METADATA = 'a secret reference, MetadataValue.fromSecret(name, key) or MetadataValue.fromEnv(variable)';

/**
 * Props of the generic `Component`: any Dapr component type with its raw metadata.
 */
export interface ComponentProps extends ComponentOptions {
  /**
   * The component type, `<category>.<name>`, e.g. `state.redis`, `pubsub.kafka`,
   * `bindings.cron` or `middleware.http.oauth2`.
   *
   * Name resolution is not a component in Kubernetes: configure it on the Configuration resource.
   */
  readonly type: string;

  /**
   * The component's version.
   * @default "v1"
   */
  readonly version?: string;

  /**
   * The component's metadata, by key. For every component type Dapr ships, keys, formats,
   * allowed values, required and sensitive keys are checked against the type's metadata as
   * components-contrib declares it (see https://docs.dapr.io/reference/components-reference/);
   * for other types (pluggable components), keys that look like credentials must be secret references.
   * @default - no metadata
   */
  readonly metadata?: { [key: string]: MetadataValue };
}

/**
 * A Dapr component (`dapr.io/v1alpha1` `Component`): a state store, pub/sub broker, binding,
 * secret store, configuration store, lock, crypto provider, conversation provider or HTTP
 * middleware.
 *
 * Use the building-block classes' factories (`StateStore.redis()`, `PubSub.kafka()`, ...) for
 * typed props, or this class for any other of Dapr's component types.
 *
 * Components are scoped: only the apps it is granted to (`grant(app)`) load it. A component
 * granted to no app fails synth, unless `sharedByAllApps` says it is meant for every app.
 */
export class Component extends ScopedDaprResource implements IDaprComponentRef {
  /**
   * Whether `x` is a `Component` (or a typed component: `PubSub`, `StateStore` ...) of this
   * library, also when it comes from another copy of it, where `instanceof` fails.
   */
  public static isComponent(x: any): x is Component {
    return hasBrand(x, COMPONENT_BRAND);
  }

  /** The component type, e.g. `state.redis`. */
  public readonly type: string;
  /** The component version, e.g. `v1`. */
  public readonly version: string;

  private readonly spec?: ComponentSpec;
  private readonly items = new Map<string, MetadataValue>();
  private readonly plaintextAllowed: Set<string>;
  private store?: ISecretStore;
  private readonly injectedContainer?: InjectedComponentContainer;
  private readonly initTimeout?: string;
  private readonly ignoreErrors?: boolean;

  constructor(scope: Construct, id: string, props: ComponentProps) {
    checkResourceProps(scope, id, props, true);
    super(scope, id, {
      apiVersion: COMPONENT_API_VERSION,
      kind: 'Component',
      metadata: props.objectMetadata,
      metadataProp: 'objectMetadata',
      name: props.name,
      namespace: props.namespace,
      sharedByAllApps: props.sharedByAllApps,
    });
    setBrand(this, COMPONENT_BRAND);
    this.type = checkType(this, props.type);
    this.version = checkString(this, 'version', props.version ?? 'v1', VERSION_RULE);
    if (!VERSION_FORMAT.test(this.version)) {
      fail(this, 'version', this.version, VERSION_RULE);
    }
    const specs = specsFor(this.type);
    if (specs.length > 0) {
      this.spec = specs.find((s) => s.versions.includes(this.version));
      if (!this.spec) {
        fail(this, 'version', this.version, `one of ${specs.flatMap((s) => s.versions).map((v) => JSON.stringify(v)).join(', ')} for ${this.type}`);
      }
    }
    this.injectedContainer = props.injectedContainer;
    this.ignoreErrors = props.ignoreErrors;
    // which entries are useful is checked at validation, once the metadata is known (uselessOptOuts)
    this.plaintextAllowed = new Set(checkStringList(this, 'allowPlaintextSecrets', props.allowPlaintextSecrets, 'metadata keys'));
    this.initTimeout = props.initTimeout === undefined ? undefined : checkDuration(this, 'initTimeout', props.initTimeout);
    if (props.secretStore) {
      this.useSecretStore(props.secretStore);
    }
    const metadata = checkMap(this, 'metadata', props.metadata, 'MetadataValue');
    for (const key of Object.keys(metadata).sort()) {
      this.addMetadata(key, metadata[key]);
    }
    if (props.injectedContainer) {
      const annotations = renderInjectedContainer(this, this.name, props.injectedContainer);
      for (const key of Object.keys(annotations)) {
        if (props.objectMetadata?.annotations?.[key] !== undefined) {
          fail(this, 'objectMetadata.annotations', key, `an annotation the component does not write itself: injectedContainer sets "${key}"`);
        }
        this.apiObject.metadata.addAnnotation(key, annotations[key]);
      }
    }
  }

  /** The app ids the component is scoped to, sorted and de-duplicated (`appIds`). */
  public get scopes(): string[] {
    return this.appIds;
  }

  /** The secret store the component's secret references are read from, if not Kubernetes. */
  public get secretStore(): ISecretStore | undefined {
    return this.store;
  }

  /** The metadata keys set so far, sorted. */
  public get metadataKeys(): string[] {
    return [...this.items.keys()].sort();
  }

  /**
   * Lets an app use this component: adds its app id to the component's scopes.
   * The app must live in the component's namespace.
   */
  public grant(app: IDaprApp): void {
    super.grant(app);
    if (this.type === 'secretstores.kubernetes') {
      // daprd initializes this store with an in-cluster client: it needs an API token and RBAC
      requestKubernetesApi(app, () => this.secretNamesReadThrough());
    }
  }

  /** Names of the Kubernetes Secrets other components read through this store (`auth.secretStore`). */
  private secretNamesReadThrough(): string[] {
    return this.node.root.node.findAll()
      .filter((c): c is Component => Component.isComponent(c) && c.store === this)
      .flatMap((c) => [...c.items.values()].flatMap((v) => (v.secretKeyRef ? [v.secretKeyRef.name] : [])));
  }

  /**
   * Reads this component's secret references from a Dapr secret store instead of Kubernetes
   * Secrets (`auth.secretStore`).
   */
  public useSecretStore(store: ISecretStore): void {
    // any ISecretStore implementation: its name becomes auth.secretStore and a local file name
    checkDnsSubdomain(this, 'secretStore', store.name);
    if (store.namespace !== this.namespace) {
      fail(this, 'secretStore', store.name, `a secret store in namespace "${this.namespace}" (it is in "${store.namespace}")`);
    }
    if ((store as IConstruct) === this) {
      fail(this, 'secretStore', store.name, 'another secret store than the component itself');
    }
    this.store = store;
  }

  /**
   * Adds one metadata item. For a type Dapr ships the key must be one the type knows, and its
   * value must be well-formed; sensitive keys need a secret reference.
   */
  public addMetadata(key: string, value: MetadataValue): void {
    checkInstance(this, `metadata.${key}`, value, MetadataValue, 'a MetadataValue: MetadataValue.fromString(), fromNumber(), fromBoolean(), fromDuration(), fromSecret() or fromEnv()');
    if (this.items.has(key)) {
      fail(this, 'metadata', key, 'each key once');
    }
    const field = this.checkKey(key);
    this.checkValue(key, field, value);
    this.items.set(key, value);
  }

  private checkKey(key: string): FieldSpec | undefined {
    if (!/^\S+$/.test(key)) {
      fail(this, 'metadata', key, 'a non-empty key without spaces');
    }
    if (!this.spec) {
      return undefined;
    }
    const field = indexOf(this.spec).byName.get(key);
    if (!field) {
      const names = this.spec.fields.map((f) => f.name);
      const guess = didYouMean(key, names);
      fail(this, 'metadata', key, `a metadata key of ${this.type} ${this.version}${guess ? ` (did you mean "${guess}"?)` : `: ${names.join(', ')}`}`);
    }
    return field;
  }

  private checkValue(key: string, field: FieldSpec | undefined, value: MetadataValue): void {
    const prop = `metadata.${key}`;
    if (value.secretKeyRef) {
      if (!value.secretKeyRef.name || !value.secretKeyRef.key) {
        fail(this, `${prop}.secretKeyRef`, value.secretKeyRef, 'a secret reference with a non-empty secret name and key');
      }
      return;
    }
    if (value.envRef !== undefined) {
      if (!isEnvName(value.envRef)) {
        fail(this, `${prop}.envRef`, value.envRef, 'an environment variable name (letters, digits and "_", not starting with a digit)');
      }
      return;
    }
    const plain = value.value ?? '';
    // the credential check comes first: no later check may show a credential
    const sensitive = isSensitiveKey(key, field);
    checkPlaintext(this, prop, key, plain, [...this.plaintextAllowed], SECURE_METADATA, sensitive);
    if (!field) {
      return;
    }
    const shown = sensitive ? redacted(plain) : plain;
    if (field.allowedValues && !field.allowedValues.includes(plain)) {
      fail(this, prop, shown, `one of ${field.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
    }
    const type = field.type ?? 'string';
    if (!isWellFormed(type, plain)) {
      fail(this, prop, shown, FIELD_TYPE_RULE[type]);
    }
  }

  /** The metadata keys whose plaintext values need the opt-out. */
  private plaintextCredentials(): string[] {
    return this.metadataKeys.filter((key) => {
      const v = this.items.get(key)!;
      const field = this.spec ? indexOf(this.spec).byName.get(key) : undefined;
      return v.value !== undefined && plaintextCredential(key, v.value, isSensitiveKey(key, field)) !== undefined;
    });
  }

  private renderMetadata(): unknown[] {
    return this.metadataKeys.map((name) => {
      const v = this.items.get(name)!;
      if (v.secretKeyRef) {
        return { name, secretKeyRef: { name: v.secretKeyRef.name, key: v.secretKeyRef.key } };
      }
      if (v.envRef !== undefined) {
        return { name, envRef: v.envRef };
      }
      return { name, value: v.value };
    });
  }

  /** @internal */
  protected _noun(): string {
    return 'component';
  }

  /** @internal */
  protected _renderSpec(): any {
    return {
      type: this.type,
      version: this.version,
      initTimeout: this.initTimeout,
      ignoreErrors: this.ignoreErrors,
      metadata: this.renderMetadata(),
    };
  }

  /** @internal */
  protected _renderAuth(): any {
    return this.store ? { secretStore: this.store.name } : undefined;
  }

  /** @internal */
  protected _noAppsAllowed(): string {
    if (this.type.startsWith('secretstores.')) {
      // A store only other components read from looks unused, yet daprd resolves their secrets through it.
      const users = this.node.root.node.findAll().filter((c): c is Component => Component.isComponent(c) && c.store === this);
      const apps = [...new Set(users.flatMap((u) => u.scopes))].sort();
      return 'at least one app: daprd loads a secret store only in the apps it is granted to (an empty scope list would load it in every app), '
        + 'and components that read secrets through it (auth.secretStore) resolve them in those apps\' sidecars; '
        + (apps.length > 0
          ? `grant it to the apps of ${users.map((u) => `"${u.name}"`).join(', ')}: store.grant(app) for ${apps.map((a) => `"${a}"`).join(', ')}`
          : 'call store.grant(app) for each app that reads secrets from it')
        + ', or set sharedByAllApps: true';
    }
    return 'at least one app: call component.grant(app) for each app that uses it, or set sharedByAllApps: true to load it in every app of the namespace';
  }

  /** @internal */
  protected _validate(): string[] {
    const errors: string[] = [];
    if (this.spec) {
      for (const name of indexOf(this.spec).required) {
        if (!this.items.has(name)) {
          errors.push(validationMessage(this, `metadata.${name}`, undefined, `a value: ${this.type} requires it`));
        }
      }
      for (const group of this.spec.requireOneOf ?? []) {
        if (!group.some((k) => this.items.has(k))) {
          errors.push(validationMessage(this, 'metadata', this.metadataKeys, `metadata with at least one of ${group.map((k) => JSON.stringify(k)).join(', ')}`));
        }
      }
    }
    if (readsKubernetesSecrets(this.store)) {
      for (const [key, v] of this.items) {
        if (v.secretKeyRef && !isDnsSubdomain(v.secretKeyRef.name)) {
          errors.push(validationMessage(this, `metadata.${key}.secretKeyRef.name`, v.secretKeyRef.name, `the name of a Kubernetes Secret: ${DNS_SUBDOMAIN_RULE}`));
        } else if (v.secretKeyRef && !isConfigMapKey(v.secretKeyRef.key)) {
          errors.push(validationMessage(this, `metadata.${key}.secretKeyRef.key`, v.secretKeyRef.key, CONFIG_MAP_KEY_RULE));
        }
      }
    }
    for (const [name, allowed] of uselessOptOuts([...this.plaintextAllowed], this.plaintextCredentials(), `the metadata of ${this.type}`)) {
      errors.push(validationMessage(this, PLAINTEXT_OPT_OUT, name, allowed));
    }
    errors.push(...secretStoreGrantErrors(this, 'secretStore', this.store, this.scopes, 'component', this.sharedByAllApps));
    if (this.injectedContainer) {
      for (const [appId, app] of this._grantees) {
        if (injectsComponentContainers(app) === false) {
          errors.push(validationMessage(this, 'injectedContainer', appId,
            `apps that let the injector add it: set pluggableComponents.inject: true on app "${appId}" (without it Dapr ignores the container)`));
        }
      }
    }
    return errors;
  }
}

function checkType(scope: IConstruct, type: string): string {
  checkString(scope, 'type', type, TYPE_RULE);
  const category = type.split('.')[0];
  if (category === 'nameresolution') {
    fail(scope, 'type', type, `${TYPE_RULE}; name resolution is configured on the Configuration resource, not as a Component`);
  }
  if (!TYPE_FORMAT.test(type) || !CATEGORIES.includes(category)) {
    const guess = didYouMean(category, CATEGORIES);
    fail(scope, 'type', type, `${TYPE_RULE}${guess && guess !== category ? ` (did you mean "${guess}"?)` : ''}`);
  }
  if (category === 'middleware' && !/^middleware\.http\.[^.]+/.test(type)) {
    fail(scope, 'type', type, 'an HTTP middleware type "middleware.http.<name>"');
  }
  return type;
}

/** Fails unless `type` is of the given building-block category. */
export function checkCategory(scope: IConstruct, type: string, category: string): void {
  if (!type.startsWith(`${category}.`)) {
    fail(scope, 'type', type, `a "${category}.<name>" type`);
  }
}
