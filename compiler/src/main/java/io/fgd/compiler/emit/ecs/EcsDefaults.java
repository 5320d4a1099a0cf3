package io.fgd.compiler.emit.ecs;

/**
 * The values fgd writes when a spec leaves a setting out. Most are ECS's own defaults, written
 * explicitly so the JSON says what will run and {@code plan} can compare like with like.
 */
public final class EcsDefaults {
  private EcsDefaults() {}

  /**
   * The task size of a service without {@code cpu}/{@code memory}: the smallest Fargate size, 0.25
   * vCPU with 512 MiB. (Kept here until the checker's table of Fargate sizes owns it.)
   */
  public static final int TASK_CPU_UNITS = 256;

  public static final int TASK_MEMORY_MIB = 512;

  /** Tasks a service runs without {@code replicas} or {@code scale}. */
  public static final int REPLICAS = 1;

  /** ECS's container health check defaults, in seconds and attempts. */
  public static final int HEALTH_INTERVAL_SECONDS = 30;

  public static final int HEALTH_TIMEOUT_SECONDS = 5;

  public static final int HEALTH_RETRIES = 3;

  /** Rolling deployment: ECS's defaults for a replica service. */
  public static final int MAXIMUM_PERCENT = 200;

  public static final int MINIMUM_HEALTHY_PERCENT = 100;

  /** fgd turns the deployment circuit breaker and its rollback on unless the spec says off. */
  public static final boolean CIRCUIT_BREAKER = true;

  public static final boolean ROLLBACK = true;

  /** Tasks get no public IP unless the spec asks for one. */
  public static final boolean PUBLIC_IP = false;

  public static final String PLATFORM_VERSION = "LATEST";
}
