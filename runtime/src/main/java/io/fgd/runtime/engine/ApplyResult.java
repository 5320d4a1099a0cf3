package io.fgd.runtime.engine;

import io.fgd.runtime.deploy.DeploymentOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an apply did and how it ended.
 *
 * @param changes every change made, in the order made
 * @param outcomes how waiting for each changed service ended (empty with {@code --no-wait})
 * @param mutatingCalls the AWS calls that changed something ({@code "Ecs.CreateService"}), as the
 *     SDK's interceptor saw them: zero for an apply with nothing to do
 * @param waited whether apply waited for steady state
 * @param notes things the user should know that are not changes
 * @param errors why apply stopped or what failed; empty when nothing went wrong
 */
public record ApplyResult(
    Status status,
    List<AppliedChange> changes,
    List<DeploymentOutcome> outcomes,
    List<String> mutatingCalls,
    boolean waited,
    List<String> notes,
    List<String> errors) {

  /** How an apply ended, from best to worst. */
  public enum Status {
    /** The account already matched: no call changed anything. */
    NOTHING_TO_DO,
    /** Every change was made and (unless --no-wait) every changed service reached steady state. */
    APPLIED,
    /** Refused before changing anything (see {@link #errors()}). */
    REFUSED,
    /** An AWS call failed; the changes listed were made, the rest were not. */
    FAILED,
    /** A deployment failed: ECS rolled it back, or its tasks kept failing. */
    DEPLOYMENT_FAILED,
    /** The timeout passed before every changed service reached steady state. */
    TIMED_OUT,
    /**
     * A task that must succeed before the services are deployed (a before_deploy migration) failed
     * or never ran: no service was created or updated (see {@link StepFailedException}).
     */
    STEP_FAILED
  }

  public ApplyResult {
    Objects.requireNonNull(status, "status");
    changes = List.copyOf(changes);
    outcomes = List.copyOf(outcomes);
    mutatingCalls = List.copyOf(mutatingCalls);
    notes = List.copyOf(notes);
    errors = List.copyOf(errors);
  }

  /**
   * How an apply that ran to its end went: an error, or a rollout ECS reported as an error, is
   * FAILED, unless each error was a step that only ran out of --timeout (a security group a network
   * interface still held, say): that, or a rollout still going at the timeout, is TIMED_OUT; a
   * rolled-back or failing rollout is DEPLOYMENT_FAILED.
   *
   * @param errors the errors the apply kept
   * @param timedOutErrors how many of them were a step that ran out of --timeout
   * @param ended the outcomes of the rollouts it followed
   * @param changedNothing whether no call changed anything
   */
  static Status status(
      int errors, int timedOutErrors, List<DeploymentOutcome> ended, boolean changedNothing) {
    if (errors > timedOutErrors
        || ended.stream().anyMatch(o -> o.kind() == DeploymentOutcome.Kind.ERROR)) {
      return Status.FAILED;
    }
    if (ended.stream()
        .anyMatch(
            o ->
                o.kind() == DeploymentOutcome.Kind.ROLLED_BACK
                    || o.kind() == DeploymentOutcome.Kind.TASKS_FAILING)) {
      return Status.DEPLOYMENT_FAILED;
    }
    if (errors > 0 || ended.stream().anyMatch(o -> o.kind() == DeploymentOutcome.Kind.TIMED_OUT)) {
      return Status.TIMED_OUT;
    }
    return changedNothing ? Status.NOTHING_TO_DO : Status.APPLIED;
  }

  public boolean succeeded() {
    return status == Status.NOTHING_TO_DO || status == Status.APPLIED;
  }

  /** The first error, if any. */
  public Optional<String> error() {
    return errors.stream().findFirst();
  }
}
