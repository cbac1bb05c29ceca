/**
 * Options of persistent storage.
 */
export interface PersistentStorageOptions {
  /**
   * Requested size of each replica's volume, a Kubernetes quantity.
   * @default - "16Gi" for the scheduler, "1Gi" for the placement raft log
   */
  readonly size?: string;
  /**
   * The StorageClass of the volumes.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/**
 * Where a stateful control plane service (scheduler's embedded etcd, placement's raft log) keeps
 * its data.
 */
export class ControlPlaneStorage {
  /**
   * One PersistentVolumeClaim per replica (the default). Survives restarts: scheduled jobs,
   * actor reminders and workflow timers are kept.
   *
   * Kubernetes cannot change a StatefulSet's volume claims in place: changing size or class later
   * needs the StatefulSet deleted with `--cascade=orphan` and re-applied.
   */
  public static persistent(options: PersistentStorageOptions = {}): ControlPlaneStorage {
    return new ControlPlaneStorage(false, options.size, options.storageClassName);
  }

  /**
   * A memory-backed emptyDir: no volumes needed, but every restart loses all data
   * (scheduled jobs, reminders, workflow timers). For tests and ephemeral clusters.
   */
  public static inMemory(): ControlPlaneStorage {
    return new ControlPlaneStorage(true);
  }

  private constructor(
    /** True when data lives in memory only. */
    public readonly memoryBacked: boolean,
    /** The requested size, when persistent and set. */
    public readonly size?: string,
    /** The StorageClass, when persistent and set. */
    public readonly storageClassName?: string) {}
}
