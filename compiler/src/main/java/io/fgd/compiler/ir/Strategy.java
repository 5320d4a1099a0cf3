package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How a deployment moves from the old revision to the new one (ECS {@code
 * deploymentConfiguration.strategy}).
 *
 * @param kind rolling replaces tasks in place; the others start the new revision beside the old one
 *     and move load balancer traffic to it
 * @param percent canary: the share of traffic the canary gets; linear: the share each step adds
 * @param stepBake canary: how long the canary runs before the rest of the traffic moves; linear:
 *     how long each step runs before the next
 */
public record Strategy(
    Located<Kind> kind,
    Optional<Located<Double>> percent,
    Optional<Located<Duration>> stepBake,
    Span span) {
  public Strategy {
    requireNonNull(kind, "kind is null");
    requireNonNull(percent, "percent is null");
    requireNonNull(stepBake, "stepBake is null");
    requireNonNull(span, "span is null");
  }

  /** The strategies, as the spec and ECS spell them. */
  public enum Kind {
    ROLLING,
    CANARY,
    LINEAR,
    BLUE_GREEN;

    /** The spec's word: {@code rolling}, {@code canary}, {@code linear}, {@code blue_green}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it moves load balancer traffic between two target groups. */
    public boolean shiftsTraffic() {
      return this != ROLLING;
    }
  }
}
