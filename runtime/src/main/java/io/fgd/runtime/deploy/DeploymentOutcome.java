package io.fgd.runtime.deploy;

import java.util.Objects;
import java.util.Optional;

/**
 * How waiting for one service's deployment ended.
 *
 * @param service the service name
 * @param kind what happened
 * @param explanation one sentence for a person, naming the task definitions and ECS's reasons
 * @param cause the ECS reason behind a failure ({@code rolloutStateReason} for {@link
 *     Kind#ROLLED_BACK}, the repeated stop reason for {@link Kind#TASKS_FAILING}, the error message
 *     for {@link Kind#ERROR}); null otherwise
 * @param lastState the last state observed, null if not even one poll succeeded
 */
public record DeploymentOutcome(
    String service, Kind kind, String explanation, String cause, DeploymentState lastState) {

  /** The ways a wait can end. */
  public enum Kind {
    /**
     * The PRIMARY deployment runs the expected task definition, its rollout is COMPLETED and it
     * runs as many tasks as desired.
     */
    SUCCEEDED,
    /**
     * ECS marked the deployment FAILED (circuit breaker or alarms) or replaced it with one running
     * another task definition; {@link #explanation()} says which and whether ECS rolled back.
     */
    ROLLED_BACK,
    /**
     * Tasks of the new deployment kept stopping for the same reason; fgd stopped waiting before the
     * circuit breaker decided. ECS is still trying, and may still roll back.
     */
    TASKS_FAILING,
    /** The timeout passed before the deployment settled. */
    TIMED_OUT,
    /** ECS could not be asked (API error after the SDK's retries, or the service is gone). */
    ERROR
  }

  public DeploymentOutcome {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(explanation, "explanation");
  }

  public boolean succeeded() {
    return kind == Kind.SUCCEEDED;
  }

  public Optional<String> causeIfAny() {
    return Optional.ofNullable(cause);
  }
}
