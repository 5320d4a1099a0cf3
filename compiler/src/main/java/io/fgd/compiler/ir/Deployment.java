package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.Optional;

/**
 * How ECS replaces tasks when the service changes (a rolling deployment).
 *
 * @param minHealthyPercent tasks that must stay healthy during a deployment, as a percent of the
 *     desired count; 100 unless said
 * @param maxPercent tasks allowed to run during a deployment; 200 unless said
 * @param circuitBreaker stop a deployment whose tasks keep failing; on unless said
 * @param rollback when the breaker trips, go back to the last deployment that worked; on unless
 *     said
 * @param healthCheckGrace time after a task starts during which load balancer health checks are
 *     ignored (only with a target group)
 */
public record Deployment(
    Optional<Located<Integer>> minHealthyPercent,
    Optional<Located<Integer>> maxPercent,
    Optional<Located<Boolean>> circuitBreaker,
    Optional<Located<Boolean>> rollback,
    Optional<Located<Duration>> healthCheckGrace,
    Span span) {
  public Deployment {
    requireNonNull(minHealthyPercent, "minHealthyPercent is null");
    requireNonNull(maxPercent, "maxPercent is null");
    requireNonNull(circuitBreaker, "circuitBreaker is null");
    requireNonNull(rollback, "rollback is null");
    requireNonNull(healthCheckGrace, "healthCheckGrace is null");
    requireNonNull(span, "span is null");
  }
}
