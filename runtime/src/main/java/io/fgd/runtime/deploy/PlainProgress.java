package io.fgd.runtime.deploy;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
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
 * Lines of services watched in parallel interleave but never mix. A service that has said nothing
 * for {@value #QUIET_SECONDS} seconds gets a line anyway, with its state, the time waited and the
 * time left before {@code --timeout}, so a log never looks frozen.
 */
public final class PlainProgress implements ProgressListener {

  static final int QUIET_SECONDS = 60;

  private final PrintWriter out;
  private final Clock clock;
  private final Map<String, Instant> lastLine = new HashMap<>();
  private final Map<String, Instant> since = new HashMap<>();
  private final Map<String, String> summary = new HashMap<>();
  private final Map<String, StageView> stage = new HashMap<>();

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
    synchronized (this) {
      summary.put(state.service(), state.summary());
    }
    line(state.service(), state.summary());
  }

  @Override
  public void stageChanged(StageView view) {
    synchronized (this) {
      stage.put(view.service(), view);
    }
    line(view.service(), "stage " + view.stage() + ": " + view.at(clock.instant()));
  }

  @Override
  public void polled(String service, Instant now, Instant deadline) {
    String text;
    synchronized (this) {
      Instant first = since.computeIfAbsent(service, s -> now);
      Instant last = lastLine.get(service);
      if (last != null && Duration.between(last, now).toSeconds() < QUIET_SECONDS) {
        return;
      }
      StageView view = stage.get(service);
      text =
          "still waiting: "
              + summary.getOrDefault(service, "no deployment seen yet")
              + (view == null ? "" : "; " + view.at(now))
              + " ("
              + times(first, now, deadline)
              + ")";
    }
    line(service, text);
  }

  /** {@code 2m10s elapsed, 12m50s left}: the wait so far and what --timeout leaves of it. */
  static String times(Instant since, Instant now, Instant deadline) {
    Duration left = Duration.between(now, deadline);
    return Polls.human(Duration.between(since, now))
        + " elapsed, "
        + (left.isNegative() ? "0s" : Polls.human(left.withNanos(0)))
        + " left";
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
    Instant now = clock.instant();
    lastLine.put(service, now);
    String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    out.println(time + " " + service + ": " + oneLine(text));
    out.flush();
  }

  /** ECS reasons occasionally contain line breaks; a log line must stay one line. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
