package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * One capacity provider of a service's capacity provider strategy (ECS
 * CapacityProviderStrategyItem).
 *
 * @param provider {@code on_demand} (ECS's {@code FARGATE}) or {@code spot} ({@code FARGATE_SPOT}):
 *     where this share of the tasks runs
 * @param weight the share of the tasks beyond the base that run here, relative to the other
 *     providers' weights (0–1000); 1 unless written
 * @param base how many tasks run here before the weights count (0–100000); only one provider of a
 *     strategy may have one
 */
public record CapacityShare(
    Located<String> provider,
    Optional<Located<Integer>> weight,
    Optional<Located<Integer>> base,
    Span span) {
  /** The weight a share has when the spec does not write one. */
  public static final int DEFAULT_WEIGHT = 1;

  public CapacityShare {
    requireNonNull(provider, "provider is null");
    requireNonNull(weight, "weight is null");
    requireNonNull(base, "base is null");
    requireNonNull(span, "span is null");
  }

  /** The weight in effect. */
  public int weightValue() {
    return weight.map(Located::value).orElse(DEFAULT_WEIGHT);
  }

  /** The base in effect (0 when not written). */
  public int baseValue() {
    return base.map(Located::value).orElse(0);
  }

  /** ECS's name of the provider, or the word as written when it is not one fgd knows. */
  public String ecsName() {
    return switch (provider.value()) {
      case "spot" -> "FARGATE_SPOT";
      case "on_demand" -> "FARGATE";
      default -> provider.value();
    };
  }
}
