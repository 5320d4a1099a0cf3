package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * When ECS may call a rolling deployment done before all of the new revision's tasks run (ECS
 * {@code deploymentConfiguration.earlySuccessCriteria}; Developer Guide, "Complete Amazon ECS
 * rolling deployments early with early success criteria").
 *
 * @param healthyPercent the share of the desired count that must run and be healthy on the new
 *     revision ({@code healthyPercent}); ECS starts the rest outside the deployment
 * @param cleanup {@code blocking} (ECS removes the old tasks before it completes the deployment) or
 *     {@code deferred} (after); blocking unless said. The word as written, checked by the checker.
 */
public record EarlySuccess(
    Located<Integer> healthyPercent, Optional<Located<String>> cleanup, Span span) {
  public EarlySuccess {
    requireNonNull(healthyPercent, "healthyPercent is null");
    requireNonNull(cleanup, "cleanup is null");
    requireNonNull(span, "span is null");
  }

  /** ECS's word for the cleanup ({@code BLOCKING}, {@code DEFERRED}). */
  public String cleanupValue() {
    return cleanup.map(c -> c.value().toUpperCase(java.util.Locale.ROOT)).orElse("BLOCKING");
  }
}
