/**
 * One annotation as the injector declares it: the type of src/generated/injector-annotations.ts,
 * in core so that the generated data sits below every folder that reads it.
 */
export interface InjectorAnnotationFacts {
  /** The annotation key, e.g. `dapr.io/app-port`. */
  readonly key: string;
  /** The injector's Go constant for the key. */
  readonly constant: string;
  /** The field of the injector's SidecarConfig that reads it. */
  readonly field: string;
  /** That field's Go type, e.g. `int32` or `*string`. */
  readonly goType: string;
  /** The injector's default (the field's `default` tag). */
  readonly default?: string;
}
