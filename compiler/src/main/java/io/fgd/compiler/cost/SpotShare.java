package io.fgd.compiler.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.ir.CapacityShare;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * How many of a service's tasks a capacity provider strategy puts on Fargate Spot: the base first
 * (on its provider), then the rest split by weight, as ECS's CapacityProviderStrategyItem describes
 * it. fgd prices Spot tasks at the on-demand price and says how much less they may cost: AWS
 * publishes Spot as "up to 70% off" and its rates move, so there is no fixed Spot figure to add.
 *
 * @param onDemandWeight the weight of FARGATE (0 when it is not in the strategy)
 * @param spotWeight the weight of FARGATE_SPOT (0 when it is not in the strategy)
 * @param base the base of the one provider that has it, 0 when none
 * @param baseOnSpot whether that base is FARGATE_SPOT's
 */
public record SpotShare(int onDemandWeight, int spotWeight, int base, boolean baseOnSpot) {

  /** The strategy of a checked service, or empty when it runs with the Fargate launch type. */
  public static Optional<SpotShare> of(List<CapacityShare> shares) {
    if (shares.isEmpty()) {
      return Optional.empty();
    }
    int od = 0;
    int spot = 0;
    int base = 0;
    boolean baseOnSpot = false;
    for (CapacityShare s : shares) {
      boolean isSpot = s.ecsName().equals("FARGATE_SPOT");
      if (isSpot) {
        spot = s.weightValue();
      } else {
        od = s.weightValue();
      }
      if (s.baseValue() > 0) {
        base = s.baseValue();
        baseOnSpot = isSpot;
      }
    }
    return Optional.of(new SpotShare(od, spot, base, baseOnSpot));
  }

  /** The strategy of CreateService's input or DescribeServices' answer, if it has one. */
  public static Optional<SpotShare> of(JsonNode service) {
    JsonNode items = service.path("capacityProviderStrategy");
    if (!items.isArray() || items.isEmpty()) {
      return Optional.empty();
    }
    int od = 0;
    int spot = 0;
    int base = 0;
    boolean baseOnSpot = false;
    for (JsonNode item : items) {
      boolean isSpot = item.path("capacityProvider").asText().equals("FARGATE_SPOT");
      int weight = item.path("weight").asInt(0);
      if (isSpot) {
        spot = weight;
      } else {
        od = weight;
      }
      if (item.path("base").asInt(0) > 0) {
        base = item.path("base").asInt();
        baseOnSpot = isSpot;
      }
    }
    return Optional.of(new SpotShare(od, spot, base, baseOnSpot));
  }

  /** Whether any task can run on Spot. */
  public boolean usesSpot() {
    return spotWeight > 0 || (baseOnSpot && base > 0);
  }

  /**
   * The tasks of {@code tasks} that run on Spot: the base's share, then the rest by weight, rounded
   * to a whole task.
   */
  public int spotTasks(int tasks) {
    int onBase = Math.min(base, tasks);
    int rest = tasks - onBase;
    int weights = onDemandWeight + spotWeight;
    BigDecimal byWeight =
        weights == 0
            ? BigDecimal.ZERO
            : BigDecimal.valueOf((long) rest * spotWeight)
                .divide(BigDecimal.valueOf(weights), MathContext.DECIMAL64)
                .setScale(0, RoundingMode.HALF_UP);
    return (baseOnSpot ? onBase : 0) + byWeight.intValueExact();
  }

  /** The lowest a month of {@code tasks} tasks may cost at Spot's largest discount. */
  public BigDecimal asLowAs(BigDecimal perTask, int tasks) {
    BigDecimal spot = perTask.multiply(BigDecimal.valueOf(spotTasks(tasks)));
    return perTask
        .multiply(BigDecimal.valueOf(tasks))
        .subtract(spot.multiply(FargatePrices.spotDiscountUpTo()));
  }
}
