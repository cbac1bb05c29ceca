/**
 * The PodDisruptionBudget of each HA control plane service: how many replicas a voluntary
 * disruption (node drain, cluster upgrade) may take down at once.
 */
export class DisruptionBudget {
  /** Dapr's default: at most a quarter of the replicas unavailable (rounded up: 1 of 3). */
  public static readonly DEFAULT = DisruptionBudget.maxUnavailable('25%');

  /** At most this many replicas unavailable: an integer ("1") or a percentage ("25%"). */
  public static maxUnavailable(value: string): DisruptionBudget {
    return new DisruptionBudget('maxUnavailable', value);
  }

  /** At least this many replicas available: an integer ("2") or a percentage ("50%"). */
  public static minAvailable(value: string): DisruptionBudget {
    return new DisruptionBudget('minAvailable', value);
  }

  private constructor(
    /** The PodDisruptionBudget field: "maxUnavailable" or "minAvailable". */
    public readonly field: string,
    /** The count or percentage. */
    public readonly value: string) {}
}
