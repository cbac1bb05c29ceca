import { Construct } from 'constructs';
import { CronBindingProps, HttpBindingProps, KafkaBindingProps, PostgresqlBindingProps, S3BindingProps, SmtpBindingProps } from './binding-props';
import { checkCategory, Component, ComponentProps } from './component';
import { createTyped } from './typed-component';

/**
 * A binding (`bindings.*`): input bindings call the app on events, output bindings let the app call an external system.
 *
 * The static factories take typed props; the constructor takes any type of the category with raw metadata.
 */
export class Binding extends Component {
  /** A schedule that calls the app (input). */
  public static cron(scope: Construct, id: string, props: CronBindingProps): Binding {
    return createTyped(Binding, scope, id, 'bindings.cron', 'v1', props);
  }

  /** Kafka topics (input and output). */
  public static kafka(scope: Construct, id: string, props: KafkaBindingProps): Binding {
    return createTyped(Binding, scope, id, 'bindings.kafka', 'v1', props);
  }

  /** Outbound HTTP requests (output). */
  public static http(scope: Construct, id: string, props: HttpBindingProps): Binding {
    return createTyped(Binding, scope, id, 'bindings.http', 'v1', props);
  }

  /** PostgreSQL queries (output). */
  public static postgresql(scope: Construct, id: string, props: PostgresqlBindingProps): Binding {
    return createTyped(Binding, scope, id, 'bindings.postgresql', 'v1', props);
  }

  /** AWS S3 objects (output). */
  public static s3(scope: Construct, id: string, props: S3BindingProps): Binding {
    return createTyped(Binding, scope, id, 'bindings.aws.s3', 'v1', props);
  }

  /** Email over SMTP (output). */
  public static smtp(scope: Construct, id: string, props: SmtpBindingProps): Binding {
    return createTyped(Binding, scope, id, 'bindings.smtp', 'v1', props);
  }

  constructor(scope: Construct, id: string, props: ComponentProps) {
    super(scope, id, props);
    checkCategory(this, this.type, 'bindings');
  }
}
