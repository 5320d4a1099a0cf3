package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code health "curl -f http://localhost/ || exit 1" every 30s timeout 5s retries 3 grace 10s}.
 * Unset options take ECS's defaults (30s, 5s, 3 retries, no grace).
 *
 * @param command run in the container; a string runs through the shell (CMD-SHELL), a list is the
 *     program and its arguments (CMD), and may also be written as ECS writes it, starting with
 *     {@code "CMD"} or {@code "CMD-SHELL"}
 * @param interval time between checks (ECS: 5-300s)
 * @param timeout how long one check may take (ECS: 2-60s)
 * @param retries failures in a row before the container is unhealthy (ECS: 1-10)
 * @param startPeriod grace after start during which failures do not count (ECS: 0-300s)
 */
public record HealthCheck(
    Located<Command> command,
    Optional<Located<Duration>> interval,
    Optional<Located<Duration>> timeout,
    Optional<Located<Integer>> retries,
    Optional<Located<Duration>> startPeriod,
    Span span)
    implements Health {
  /** The first word of ECS's health check command: run the program directly. */
  public static final String ECS_EXEC = "CMD";

  /** The first word of ECS's health check command: run one line through the shell. */
  public static final String ECS_SHELL = "CMD-SHELL";

  public static final java.util.List<String> ECS_FORMS = java.util.List.of(ECS_EXEC, ECS_SHELL);

  public HealthCheck {
    requireNonNull(command, "command is null");
    requireNonNull(interval, "interval is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(retries, "retries is null");
    requireNonNull(startPeriod, "startPeriod is null");
    requireNonNull(span, "span is null");
  }
}
