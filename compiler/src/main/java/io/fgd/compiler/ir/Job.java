package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code job NAME { ... }}: a task that EventBridge Scheduler starts on a schedule (ECS RunTask),
 * not a service that keeps tasks running.
 *
 * @param name the job's name; its task definition family is {@code <app>-<name>}, its main
 *     container is named after it, and its schedule is named after it in the app's schedule group
 * @param task what one run of the job runs, said with a service's statements: the same container,
 *     build, logs, tags, sidecars and task settings, so every service check and the task definition
 *     emitter apply as they are. Its replicas, scaling, deployment and depends_on are always empty:
 *     a job has none
 * @param schedule when the job runs
 * @param enabled whether the schedule fires (State ENABLED or DISABLED); on unless said
 * @param flexibleWindow how late Scheduler may start a run to spread load (FlexibleTimeWindow
 *     FLEXIBLE with this many minutes); off unless said
 * @param retries how many times Scheduler retries a RunTask it could not make (RetryPolicy
 *     MaximumRetryAttempts, 0–185); Scheduler's 185 unless said
 * @param maxAge how long Scheduler keeps retrying one run (MaximumEventAgeInSeconds, 60 s to 24 h);
 *     Scheduler's 24 h unless said
 */
public record Job(
    Located<String> name,
    Service task,
    Optional<Schedule> schedule,
    Optional<Located<Boolean>> enabled,
    Optional<Located<Duration>> flexibleWindow,
    Optional<Located<Integer>> retries,
    Optional<Located<Duration>> maxAge,
    Span span) {
  public Job {
    requireNonNull(name, "name is null");
    requireNonNull(task, "task is null");
    requireNonNull(schedule, "schedule is null");
    requireNonNull(enabled, "enabled is null");
    requireNonNull(flexibleWindow, "flexibleWindow is null");
    requireNonNull(retries, "retries is null");
    requireNonNull(maxAge, "maxAge is null");
    requireNonNull(span, "span is null");
  }

  /**
   * When a job runs, as EventBridge Scheduler writes it.
   *
   * @param expression {@code cron(...)}, {@code rate(...)} or {@code at(...)}, exactly as
   *     Scheduler's ScheduleExpression takes it
   * @param timeZone an IANA time zone name (ScheduleExpressionTimezone); UTC unless said
   */
  public record Schedule(
      Located<String> expression, Optional<Located<String>> timeZone, Span span) {
    public Schedule {
      requireNonNull(expression, "expression is null");
      requireNonNull(timeZone, "timeZone is null");
      requireNonNull(span, "span is null");
    }
  }
}
