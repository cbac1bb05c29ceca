/**
 * CPU and memory for the daprd container, as Kubernetes quantities.
 */
export interface SidecarResourcesProps {
  /**
   * CPU request, e.g. "100m".
   * @default - none
   */
  readonly cpuRequest?: string;
  /**
   * CPU limit, e.g. "300m".
   * @default - none
   */
  readonly cpuLimit?: string;
  /**
   * Memory request, e.g. "250Mi".
   * @default - none
   */
  readonly memoryRequest?: string;
  /**
   * Memory limit, e.g. "1000Mi".
   * @default - none
   */
  readonly memoryLimit?: string;
}

/**
 * Resources for the daprd sidecar. Values are checked at synth: valid quantities, request <= limit.
 */
export class SidecarResources {
  /**
   * Dapr's documented production recommendation for the sidecar:
   * CPU 100m request / 300m limit, memory 250Mi request / 1000Mi limit.
   */
  public static production(): SidecarResources {
    // the same values a sidecar gets when `sidecarResources` is left out
    return new SidecarResources({ cpuRequest: '100m', cpuLimit: '300m', memoryRequest: '250Mi', memoryLimit: '1000Mi' });
  }

  /** Custom requests and limits. */
  public static of(props: SidecarResourcesProps): SidecarResources {
    return new SidecarResources(props);
  }

  /** CPU request. */
  public readonly cpuRequest?: string;
  /** CPU limit. */
  public readonly cpuLimit?: string;
  /** Memory request. */
  public readonly memoryRequest?: string;
  /** Memory limit. */
  public readonly memoryLimit?: string;

  private constructor(props: SidecarResourcesProps) {
    this.cpuRequest = props.cpuRequest;
    this.cpuLimit = props.cpuLimit;
    this.memoryRequest = props.memoryRequest;
    this.memoryLimit = props.memoryLimit;
  }
}
