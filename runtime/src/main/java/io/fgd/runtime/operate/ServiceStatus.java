package io.fgd.runtime.operate;

import static java.util.Objects.requireNonNull;

import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.deploy.StoppedTask;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How one service of the spec is doing, as {@code fgd status} shows it.
 *
 * @param name the service's name in the spec and in ECS
 * @param rollout where its rollout stands (judged by {@link Rollout#of}); empty when ECS has no
 *     such service (never applied, or deleted)
 * @param desired tasks the service should run
 * @param running tasks running now
 * @param pending tasks starting
 * @param deployments every deployment ECS lists for it, PRIMARY first as ECS sends them
 * @param events its newest service events, newest first
 * @param stopped its recently stopped tasks, newest first, with ECS's reasons
 * @param targetGroups the health of the targets of each load balancer target group the service
 *     registers its tasks with, in the order of its {@code loadBalancers}
 */
public record ServiceStatus(
    String name,
    Optional<Rollout> rollout,
    int desired,
    int running,
    int pending,
    List<Deployment> deployments,
    List<Event> events,
    List<StoppedTask> stopped,
    List<TargetGroupHealth> targetGroups) {

  public ServiceStatus {
    requireNonNull(name, "name is null");
    requireNonNull(rollout, "rollout is null");
    deployments = List.copyOf(deployments);
    events = List.copyOf(events);
    stopped = List.copyOf(stopped);
    targetGroups = List.copyOf(targetGroups);
  }

  /** A service without load balancers. */
  public ServiceStatus(
      String name,
      Optional<Rollout> rollout,
      int desired,
      int running,
      int pending,
      List<Deployment> deployments,
      List<Event> events,
      List<StoppedTask> stopped) {
    this(name, rollout, desired, running, pending, deployments, events, stopped, List.of());
  }

  /** A service the spec declares that ECS does not have (or has deleted). */
  public static ServiceStatus missing(String name) {
    return new ServiceStatus(name, Optional.empty(), 0, 0, 0, List.of(), List.of(), List.of());
  }

  /**
   * Whether the service exists, its rollout is settled and, behind a load balancer, its targets are
   * healthy (see {@link TargetGroupHealth#isHealthy}).
   */
  public boolean isSteady() {
    return rollout.map(Rollout::isSteady).orElse(false) && targetsHealthy();
  }

  /** Whether every target group of the service is healthy (true without load balancers). */
  public boolean targetsHealthy() {
    return targetGroups.stream().allMatch(g -> g.isHealthy(desired));
  }

  /**
   * steady, in progress, failed, missing, or unhealthy (the rollout is settled, but a target group
   * has targets that are not healthy).
   */
  public String state() {
    if (rollout.isEmpty()) {
      return "missing";
    }
    Rollout r = rollout.get();
    if (r.isSteady()) {
      return targetsHealthy() ? "steady" : "unhealthy";
    }
    return r.isFailed() ? "failed" : "in progress";
  }

  /**
   * One ECS deployment of the service.
   *
   * @param status PRIMARY, ACTIVE or INACTIVE
   * @param rolloutState COMPLETED, IN_PROGRESS or FAILED; empty for services without rollout states
   * @param createdAt when ECS created it, if it said
   */
  public record Deployment(
      String id,
      String status,
      String taskDefinition,
      Optional<String> rolloutState,
      int desired,
      int running,
      int pending,
      int failedTasks,
      Optional<Instant> createdAt) {
    public Deployment {
      requireNonNull(rolloutState, "rolloutState is null");
      requireNonNull(createdAt, "createdAt is null");
    }
  }

  /** One service event, as ECS wrote it. */
  public record Event(Optional<Instant> at, String message) {
    public Event {
      requireNonNull(at, "at is null");
      requireNonNull(message, "message is null");
    }
  }
}
