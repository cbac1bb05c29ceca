import { Construct } from 'constructs';
import { TlsRenegotiation } from './enums';
import { checkKubernetesSecretNames, checkSecretStoreRef, checkEnum, nameValueList } from './private';
import { secretStoreGrantErrors } from '../core/component-scopes';
import { containsPrivateKey, redacted } from '../core/credentials';
import { IDaprApp } from '../core/dapr-app-ref';
import { checkResourceProps, DaprResourceProps, hasBrand, ScopedDaprResource, setBrand } from '../core/dapr-resource';
import { checkList } from '../core/js-values';
import { MetadataValue } from '../core/metadata-value';
import { ISecretStore } from '../core/secret-store-ref';
import { checkHttpsUrl } from '../core/urls';
import { fail } from '../core/validation';

/** The Kubernetes group/version of Dapr's HTTPEndpoint resource. */
export const HTTP_ENDPOINT_API_VERSION = 'dapr.io/v1alpha1';

const HTTP_ENDPOINT = Symbol.for('cdk8s-dapr.HttpEndpoint');

/**
 * A PEM document for client TLS: inline (certificates only) or from a secret.
 */
export class TlsDocument {
  /** A PEM document written into the manifest: certificates only (a document with a private key is refused). */
  public static fromPem(pem: string): TlsDocument {
    return new TlsDocument(pem, undefined, undefined);
  }

  /** A PEM document read from a secret at runtime. */
  public static fromSecret(secretName: string, key: string): TlsDocument {
    return new TlsDocument(undefined, secretName, key);
  }

  private constructor(
    /** The inline PEM, if this is one. */
    public readonly pem: string | undefined,
    /** The secret's name, if this is a secret reference. */
    public readonly secretName: string | undefined,
    /** The key inside the secret, if this is a secret reference. */
    public readonly secretKey: string | undefined) {}
}

/**
 * Client TLS towards the endpoint: a private CA, and a client certificate for mutual TLS.
 */
export interface HttpEndpointClientTls {
  /**
   * The CA that signs the server's certificate.
   * @default - the system's trusted CAs
   */
  readonly rootCa?: TlsDocument;
  /**
   * The client certificate (mutual TLS). Needs `privateKey`.
   * @default - no client certificate
   */
  readonly certificate?: TlsDocument;
  /**
   * The client certificate's private key, always from a secret.
   * @default - no client certificate
   */
  readonly privateKey?: TlsDocument;
  /**
   * TLS renegotiation.
   * @default TlsRenegotiation.NEVER
   */
  readonly renegotiation?: TlsRenegotiation;
}

/**
 * Props of an `HttpEndpoint`.
 */
export interface HttpEndpointProps extends DaprResourceProps {
  /** The endpoint's base URL, e.g. "https://api.github.com". */
  readonly baseUrl: string;
  /**
   * Headers sent with every call. A header whose name says credential (`Authorization`,
   * `x-api-key`, `x-functions-key`, `Ocp-Apim-Subscription-Key`, `*-Token` ...) or whose value
   * holds one needs `MetadataValue.fromSecret` or `fromEnv`.
   * @default - none
   */
  readonly headers?: { [name: string]: MetadataValue };
  /**
   * Header names whose plaintext credentials are accepted on purpose (the explicit opt-out).
   * Each must be a header that would be refused without it.
   * @default - none
   */
  readonly allowPlaintextSecrets?: string[];
  /**
   * Client TLS settings.
   * @default - the system's trusted CAs, no client certificate
   */
  readonly clientTls?: HttpEndpointClientTls;
  /**
   * The Dapr secret store that secret references are read from (`auth.secretStore`).
   * Every app granted the endpoint must also be granted the store.
   * @default - Kubernetes Secrets of the namespace
   */
  readonly secretStore?: ISecretStore;
  /**
   * The apps that may call the endpoint (`scopes`). Needed unless `sharedByAllApps` is true.
   * @default - none; add them with `grant()`
   */
  readonly apps?: IDaprApp[];
  /**
   * Let every app of the namespace call the endpoint.
   * @default false
   */
  readonly sharedByAllApps?: boolean;
  /**
   * Accept a plain `http://` base URL. Calls then cross the network unencrypted.
   * @default false
   */
  readonly allowPlaintextHttp?: boolean;
}

/**
 * A Dapr HTTPEndpoint (`dapr.io/v1alpha1`): an external HTTP service apps call through
 * service invocation, with headers and client TLS kept out of the app.
 */
export class HttpEndpoint extends ScopedDaprResource {
  /**
   * Whether `x` is an `HttpEndpoint` of this library, also when it comes from another copy of it.
   */
  public static isHttpEndpoint(x: any): x is HttpEndpoint {
    return hasBrand(x, HTTP_ENDPOINT);
  }

  private readonly secretStore?: ISecretStore;
  private readonly spec: object;

  constructor(scope: Construct, id: string, props: HttpEndpointProps) {
    checkResourceProps(scope, id, props, true);
    super(scope, id, {
      apiVersion: HTTP_ENDPOINT_API_VERSION,
      kind: 'HTTPEndpoint',
      metadata: props.metadata,
      name: props.name,
      namespace: props.namespace,
      sharedByAllApps: props.sharedByAllApps,
    });
    setBrand(this, HTTP_ENDPOINT);
    checkHttpsUrl(this, 'baseUrl', props.baseUrl, props.allowPlaintextHttp);
    if (props.baseUrl.startsWith('http://') && props.clientTls) {
      fail(this, 'clientTls', props.baseUrl, 'only with an https:// base URL');
    }
    if (props.secretStore) {
      checkSecretStoreRef(this, 'secretStore', props.secretStore, this.namespace);
    }
    this.secretStore = props.secretStore;
    const headers = nameValueList(this, 'headers', props.headers, props.allowPlaintextSecrets);
    const refs: string[] = [];
    for (const h of Object.values(props.headers ?? {})) if (h.secretKeyRef) refs.push(h.secretKeyRef.name);
    const tls = props.clientTls ? this.renderTls(props.clientTls, refs) : undefined;
    checkKubernetesSecretNames(this, 'secretKeyRef.name', props.secretStore, refs);
    this.spec = { baseUrl: props.baseUrl, headers, clientTLS: tls };
    for (const app of checkList(this, 'apps', props.apps, 'Dapr apps')) this.grant(app);
  }

  /** @internal */
  protected _noun(): string {
    return 'endpoint';
  }

  /** @internal */
  protected _renderSpec(): any {
    return this.spec;
  }

  /** @internal */
  protected _renderAuth(): any {
    return this.secretStore ? { secretStore: this.secretStore.name } : undefined;
  }

  private renderTls(tls: HttpEndpointClientTls, refs: string[]): object {
    if ((tls.certificate === undefined) !== (tls.privateKey === undefined)) {
      fail(this, tls.certificate ? 'clientTls.privateKey' : 'clientTls.certificate', undefined, 'certificate and privateKey together, for mutual TLS');
    }
    if (tls.privateKey && tls.privateKey.pem !== undefined) {
      fail(this, 'clientTls.privateKey', redacted(tls.privateKey.pem), 'TlsDocument.fromSecret(name, key): a private key is never written into the manifest');
    }
    const doc = (prop: string, d?: TlsDocument) => {
      if (!d) return undefined;
      if (d.pem !== undefined) {
        // the private key check comes first, and no message shows any part of the document
        if (containsPrivateKey(d.pem)) {
          fail(this, prop, redacted(d.pem), 'PEM certificates only, never a private key: the document is written into the manifest; '
            + 'keep the key in a secret (clientTls.privateKey: TlsDocument.fromSecret(name, key))');
        }
        if (typeof d.pem !== 'string' || !/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(d.pem)) {
          fail(this, prop, redacted(d.pem), 'PEM certificates ("-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----")');
        }
        return { value: d.pem };
      }
      if (!d.secretName || !d.secretKey) fail(this, prop, { name: d.secretName, key: d.secretKey }, 'a secret reference with a non-empty name and key');
      refs.push(d.secretName);
      return { secretKeyRef: { name: d.secretName, key: d.secretKey } };
    };
    return {
      rootCA: doc('clientTls.rootCa', tls.rootCa),
      certificate: doc('clientTls.certificate', tls.certificate),
      privateKey: doc('clientTls.privateKey', tls.privateKey),
      renegotiation: tls.renegotiation ? checkEnum(this, 'clientTls.renegotiation', tls.renegotiation, TlsRenegotiation.ALL) : undefined,
    };
  }

  /** @internal */
  protected _noAppsAllowed(): string {
    return `at least one app: call endpoint.grant(app) for each app that calls it, or set sharedByAllApps: true to apply it to every app of namespace "${this.namespace}"`;
  }

  /** @internal */
  protected _validate(): string[] {
    return secretStoreGrantErrors(this, 'secretStore', this.secretStore, this.appIds, 'endpoint', this.sharedByAllApps);
  }
}
