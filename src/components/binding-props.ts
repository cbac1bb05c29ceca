import { Duration } from 'cdk8s';
import { PostgresqlConnectionProps } from './postgresql-connection-props';
import { TypedComponentOptions } from './typed-component';
import { MetadataValue } from '../core/metadata-value';

/**
 * Props of A schedule that calls the app (`bindings.cron`, input).
 */
export interface CronBindingProps extends TypedComponentOptions {
  /**
   * Cron expression (with seconds) or `@every 15m`-style interval.
   */
  readonly schedule: string;
  /**
   * App route that receives input events.
   * @default - not set
   */
  readonly route?: string;
}

/**
 * Props of Apache Kafka (`bindings.kafka`, input and output).
 */
export interface KafkaBindingProps extends TypedComponentOptions {
  /**
   * Comma-separated list of Kafka brokers, `host:port`.
   */
  readonly brokers: string;
  /**
   * How to authenticate to Kafka: "none", "password", "mtls", "oidc", "oidc_private_key_jwt" or "awsiam".
   */
  readonly authType: string;
  /**
   * Comma-separated topics the input binding reads.
   * @default - not set
   */
  readonly topics?: string;
  /**
   * Topic the output binding writes to.
   * @default - not set
   */
  readonly publishTopic?: string;
  /**
   * Consumer group the app reads as.
   * @default - not set
   */
  readonly consumerGroup?: string;
  /**
   * SASL user, with `authType: "password"`.
   * @default - not set
   */
  readonly saslUsername?: string;
  /**
   * SASL password, with `authType: "password"`.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly saslPassword?: MetadataValue;
  /**
   * SASL mechanism: "PLAINTEXT", "SHA-256" or "SHA-512".
   * @default - not set (Dapr's default: PLAINTEXT)
   */
  readonly saslMechanism?: string;
  /**
   * Where a new consumer group starts: "newest" or "oldest".
   * @default - not set (Dapr's default: newest)
   */
  readonly initialOffset?: string;
  /**
   * Whether the binding is used as "input", "output" or "input, output"; lets daprd skip the other side.
   * @default - not set
   */
  readonly direction?: string;
  /**
   * App route that receives input events.
   * @default - not set
   */
  readonly route?: string;
}

/**
 * Props of Outbound HTTP calls (`bindings.http`, output).
 */
export interface HttpBindingProps extends TypedComponentOptions {
  /**
   * Endpoint URL.
   */
  readonly url: string;
  /**
   * Timeout of each request.
   * @default - not set
   */
  readonly responseTimeout?: string;
  /**
   * Largest response body accepted.
   * A quantity such as "4Mi".
   * @default - not set (Dapr's default: 100Mi)
   */
  readonly maxResponseBodySize?: string;
  /**
   * Token sent with every request, in `securityTokenHeader`.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly securityToken?: MetadataValue;
  /**
   * Header that carries `securityToken`.
   * @default - not set
   */
  readonly securityTokenHeader?: string;
  /**
   * CA certificate (PEM) that signs the server certificate.
   * Dapr metadata key `MTLSRootCA`.
   * @default - not set
   */
  readonly mtlsRootCa?: string;
  /**
   * Client certificate (PEM) for mutual TLS.
   * Dapr metadata key `MTLSClientCert`.
   * @default - not set
   */
  readonly mtlsClientCert?: string;
  /**
   * Client private key (PEM) for mutual TLS.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * Dapr metadata key `MTLSClientKey`.
   * @default - not set
   */
  readonly mtlsClientKey?: MetadataValue;
}

/**
 * Props of PostgreSQL queries (`bindings.postgresql`, output).
 */
export interface PostgresqlBindingProps extends PostgresqlConnectionProps {
  /**
   * Timeout of database operations.
   * @default - not set (Dapr's default: 20s)
   */
  readonly timeout?: Duration;
  /**
   * Authenticate with Azure AD; the connection string then carries no password.
   * @default - not set
   */
  readonly useAzureAD?: boolean;
  /**
   * Authenticate with AWS IAM; the connection string then carries no password.
   * @default - not set
   */
  readonly useAWSIAM?: boolean;
}

/**
 * Props of AWS S3 objects (`bindings.aws.s3`, output).
 */
export interface S3BindingProps extends TypedComponentOptions {
  /**
   * S3 bucket name.
   */
  readonly bucket: string;
  /**
   * AWS region of the resource.
   * @default - not set
   */
  readonly region?: string;
  /**
   * AWS access key id; omit it to use the pod's IAM role (IRSA).
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly accessKey?: MetadataValue;
  /**
   * AWS secret access key; omit it to use the pod's IAM role (IRSA).
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly secretKey?: MetadataValue;
  /**
   * Custom service endpoint, e.g. for a local emulator.
   * @default - not set
   */
  readonly endpoint?: string;
  /**
   * Use path-style addressing (S3-compatible stores such as MinIO).
   * @default - not set (Dapr's default: false)
   */
  readonly forcePathStyle?: boolean;
}

/**
 * Props of Email over SMTP (`bindings.smtp`, output).
 */
export interface SmtpBindingProps extends TypedComponentOptions {
  /**
   * Server host name.
   */
  readonly host: string;
  /**
   * Server port.
   * @default - not set (Dapr's default: 587)
   */
  readonly port?: string;
  /**
   * User name.
   * @default - not set
   */
  readonly user?: string;
  /**
   * Password of the user.
   * Sensitive: pass `MetadataValue.fromSecret()`.
   * @default - not set
   */
  readonly password?: MetadataValue;
  /**
   * Default sender address.
   * @default - not set
   */
  readonly emailFrom?: string;
  /**
   * Default recipients.
   * @default - not set
   */
  readonly emailTo?: string;
  /**
   * Default subject.
   * @default - not set
   */
  readonly subject?: string;
  /**
   * Skip TLS certificate verification (testing only).
   * @default - not set (Dapr's default: false)
   */
  readonly skipTLSVerify?: string;
}
