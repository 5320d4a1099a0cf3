package io.fgd.runtime.deploy;

/**
 * What one DescribeServices poll showed about the deployment being waited for.
 *
 * <p>The counts and rollout state are those of the deployment running the expected task definition
 * when ECS lists one, otherwise those of the PRIMARY deployment.
 *
 * @param service the service name
 * @param expectedTaskDefinition ARN of the task definition apply registered
 * @param primaryTaskDefinition ARN the PRIMARY deployment runs, null when ECS listed none
 * @param deploymentId id of the deployment running the expected task definition, null when ECS does
 *     not (yet, or any more) list one
 * @param running tasks in RUNNING state
 * @param desired tasks the deployment should run
 * @param pending tasks in PENDING state
 * @param failedTasks consecutively failed tasks, as counted by ECS for the circuit breaker
 * @param rolloutState IN_PROGRESS, COMPLETED or FAILED; null for services without rollout states
 *     (CODE_DEPLOY or EXTERNAL controllers, Classic Load Balancers)
 * @param rolloutStateReason ECS's explanation of the rollout state, may be null
 */
public record DeploymentState(
    String service,
    String expectedTaskDefinition,
    String primaryTaskDefinition,
    String deploymentId,
    int running,
    int desired,
    int pending,
    int failedTasks,
    String rolloutState,
    String rolloutStateReason) {

  /** Whether the PRIMARY deployment runs the task definition apply registered. */
  public boolean primaryIsExpected() {
    return expectedTaskDefinition.equals(primaryTaskDefinition);
  }

  /** For example {@code running 1/2, 1 pending, rollout IN_PROGRESS}. */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append("running ").append(running).append('/').append(desired);
    if (pending > 0) {
      s.append(", ").append(pending).append(" pending");
    }
    if (failedTasks > 0) {
      s.append(", ").append(failedTasks).append(" failed");
    }
    s.append(", rollout ").append(rolloutState == null ? "state unknown" : rolloutState);
    if (primaryTaskDefinition == null) {
      s.append(", no deployment yet");
    } else if (!primaryIsExpected()) {
      s.append(", primary is ")
          .append(Arns.shortName(primaryTaskDefinition))
          .append(" not ")
          .append(Arns.shortName(expectedTaskDefinition));
    }
    return s.toString();
  }
}
