package io.fgd.runtime.deploy;

import java.util.Objects;

/**
 * One service whose deployment apply waits for.
 *
 * @param service the ECS service name
 * @param taskDefinitionArn the full ARN of the task definition apply just registered for it; null
 *     for {@link #inFlight}, which waits for whatever deployment the service has in flight
 */
public record WatchTarget(String service, String taskDefinitionArn) {
  public WatchTarget {
    Objects.requireNonNull(service, "service");
  }

  /**
   * Waiting for the rollout the service has in flight now, which this run did not start (a
   * no-change apply after one that timed out): the revision is the one the PRIMARY deployment runs
   * at the first poll, and a deployment ECS already marked FAILED ends the wait at once.
   */
  public static WatchTarget inFlight(String service) {
    return new WatchTarget(service, null);
  }

  /** Whether this waits for the rollout in flight rather than for a revision of this run. */
  public boolean isInFlight() {
    return taskDefinitionArn == null;
  }
}
