package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.CapacityShare;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rules for a service's capacity provider strategy, as ECS states them.
 *
 * <p>CapacityProviderStrategyItem (ECS API reference): "Only one capacity provider in a capacity
 * provider strategy can have a base defined", base 0–100000, weight 0–1000, and at least one
 * provider must have a weight greater than 0 (AwsEcsServiceCapacityProviderStrategyDetails says so
 * in as many words). "Fargate capacity providers" (ECS developer guide): "Linux tasks with the
 * ARM64 architecture don't support the Fargate Spot capacity provider. Fargate Spot only supports
 * Linux tasks with the X86_64 architecture."
 */
final class CapacityRules {
  private CapacityRules() {}

  /** The providers, as the language names them. */
  static final List<String> PROVIDERS = List.of("on_demand", "spot");

  static final int WEIGHT_MAX = 1000;
  static final int BASE_MAX = 100_000;

  static void check(Spec spec, Diagnostics diagnostics) {
    for (Service service : spec.services()) {
      List<CapacityShare> shares = service.settings().capacity();
      if (shares.isEmpty()) {
        continue;
      }
      Map<String, CapacityShare> seen = new HashMap<>();
      Optional<Located<Integer>> firstBase = Optional.empty();
      String firstBaseProvider = "";
      boolean known = true;
      for (CapacityShare share : shares) {
        String provider = share.provider().value();
        if (!PROVIDERS.contains(provider)) {
          known = false;
          diagnostics.error(
              "capacity.provider",
              share.provider().span(),
              provider,
              Suggestions.didYouMean(provider, PROVIDERS));
          continue;
        }
        CapacityShare first = seen.putIfAbsent(provider, share);
        if (first != null) {
          diagnostics.errorWithContext(
              "capacity.duplicate", share.provider().span(), first.provider().span(), provider);
        }
        share
            .weight()
            .filter(w -> w.value() > WEIGHT_MAX)
            .ifPresent(w -> diagnostics.error("capacity.weight", w.span(), w.value()));
        if (share.base().isPresent()) {
          Located<Integer> base = share.base().get();
          if (base.value() > BASE_MAX) {
            diagnostics.error("capacity.base", base.span(), base.value());
          }
          if (firstBase.isPresent()) {
            diagnostics.errorWithContext(
                "capacity.baseTwice", base.span(), firstBase.get().span(), firstBaseProvider);
          } else {
            firstBase = Optional.of(base);
            firstBaseProvider = provider;
          }
        }
      }
      if (known && shares.stream().allMatch(s -> s.weightValue() == 0)) {
        diagnostics.error("capacity.noWeight", shares.get(0).span());
      }
      Optional<Located<String>> arch = service.settings().architecture();
      Optional<CapacityShare> spot =
          shares.stream().filter(s -> s.provider().value().equals("spot")).findFirst();
      if (spot.isPresent() && arch.isPresent() && arch.get().value().equals("arm64")) {
        diagnostics.errorWithContext(
            "capacity.spotArm", spot.get().provider().span(), arch.get().span());
      }
    }
  }
}
