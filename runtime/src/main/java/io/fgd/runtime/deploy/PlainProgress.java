package io.fgd.runtime.deploy;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Progress for CI logs and other non-terminals: one line per change, each starting with an ISO-8601
 * UTC timestamp and the service name, for example
 *
 * <pre>
 * 2026-11-26T07:01:02Z api: running 1/2, rollout IN_PROGRESS
 * 2026-11-26T07:01:02Z api: event: (service api) has started 1 tasks: (task 1234).
 * 2026-11-26T07:01:08Z api: task 1234 stopped: CannotPullContainerError: ...
 * </pre>
 *
 * Lines of services watched in parallel interleave but never mix.
 */
public final class PlainProgress implements ProgressListener {

  private final PrintWriter out;
  private final Clock clock;

  public PlainProgress(PrintWriter out) {
    this(out, Clock.systemUTC());
  }

  /**
   * @param clock the time printed at the start of each line
   */
  public PlainProgress(PrintWriter out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void started(String service, String taskDefinitionArn) {
    line(service, "waiting for " + Arns.shortName(taskDefinitionArn) + " to reach steady state");
  }

  @Override
  public void stateChanged(DeploymentState state) {
    line(state.service(), state.summary());
  }

  @Override
  public void serviceEvent(String service, Instant createdAt, String message) {
    line(service, "event: " + message);
  }

  @Override
  public void taskStopped(String service, StoppedTask task) {
    line(service, "task " + task.taskId() + " stopped: " + task.cause());
  }

  @Override
  public void pollFailed(String service, String message) {
    line(service, "could not poll ECS, trying again: " + message);
  }

  @Override
  public void finished(DeploymentOutcome outcome) {
    line(outcome.service(), label(outcome.kind()) + ": " + outcome.explanation());
  }

  /** A short word for the outcome, shared with {@link LiveProgress}. */
  static String label(DeploymentOutcome.Kind kind) {
    return switch (kind) {
      case SUCCEEDED -> "deployed";
      case ROLLED_BACK -> "deployment failed";
      case TASKS_FAILING -> "tasks failing";
      case TIMED_OUT -> "timed out";
      case ERROR -> "error";
    };
  }

  private synchronized void line(String service, String text) {
    String time =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    out.println(time + " " + service + ": " + oneLine(text));
    out.flush();
  }

  /** ECS reasons occasionally contain line breaks; a log line must stay one line. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
