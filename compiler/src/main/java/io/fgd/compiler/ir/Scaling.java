package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code scale 2..10 on cpu 60%, memory 70%}: Application Auto Scaling keeps the task count between
 * {@code min} and {@code max}, adding tasks when a metric's average passes its target.
 *
 * @param cooldown wait after a scaling activity before the next (both directions); AWS's 300s
 *     unless said
 */
public record Scaling(
    Located<Integer> min,
    Located<Integer> max,
    List<Target> targets,
    Optional<Located<Duration>> cooldown,
    Span span) {
  public Scaling {
    requireNonNull(min, "min is null");
    requireNonNull(max, "max is null");
    targets = List.copyOf(targets);
    requireNonNull(cooldown, "cooldown is null");
    requireNonNull(span, "span is null");
  }

  /** One target-tracking policy: keep {@code metric} (cpu or memory) near {@code percent}. */
  public record Target(Located<String> metric, Located<Double> percent, Span span) {}
}
