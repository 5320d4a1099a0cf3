package io.fgd.compiler.cost;

import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Spec;
import java.math.BigDecimal;
import java.util.List;

/** What {@code fgd validate --cost} prints: each service's monthly cost and the app's total. */
public final class CostReport {
  private CostReport() {}

  public static String render(Spec spec) {
    String region = spec.app().flatMap(App::region).map(Located::value).orElse("");
    List<ServiceCost> costs = ServiceCost.of(spec);
    StringBuilder out = new StringBuilder();
    if (FargatePrices.rate(region, "x86_64").isEmpty()
        && FargatePrices.rate(region, "arm64").isEmpty()) {
      out.append(noPrices(region)).append('\n');
      return out.toString();
    }
    out.append("Monthly cost, Fargate on-demand in ")
        .append(region)
        .append(" (")
        .append(FargatePrices.hoursPerMonth().toPlainString())
        .append(" hours, AWS prices of ")
        .append(FargatePrices.asOf(region))
        .append("):\n");
    int nameWidth = costs.stream().mapToInt(c -> c.service().length()).max().orElse(0);
    int shapeWidth = costs.stream().mapToInt(c -> c.shape().length()).max().orElse(0);
    BigDecimal low = BigDecimal.ZERO;
    BigDecimal high = BigDecimal.ZERO;
    BigDecimal spotLow = BigDecimal.ZERO;
    BigDecimal spotHigh = BigDecimal.ZERO;
    boolean spot = false;
    for (ServiceCost c : costs) {
      out.append("  ")
          .append(pad(c.service(), nameWidth))
          .append("  ")
          .append(pad(c.shape(), shapeWidth))
          .append("  ")
          .append(c.monthlyText().orElse("no price for " + c.task().architecture()))
          .append(c.spotText().map(t -> "  (" + t + ")").orElse(""))
          .append('\n');
      BigDecimal[] m = c.monthly().orElse(new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      low = low.add(m[0]);
      high = high.add(m[1]);
      BigDecimal[] least = c.asLowAs().orElse(m);
      spot |= c.asLowAs().isPresent();
      spotLow = spotLow.add(least[0]);
      spotHigh = spotHigh.add(least[1]);
    }
    out.append("Total: ")
        .append(
            low.compareTo(high) == 0
                ? TaskCost.dollars(low)
                : TaskCost.dollars(low) + " .. " + TaskCost.dollars(high))
        .append(
            !spot
                ? ""
                : spotLow.compareTo(spotHigh) == 0
                    ? " on-demand, as low as " + TaskCost.dollars(spotLow) + " with Spot,"
                    : " on-demand, as low as "
                        + TaskCost.dollars(spotLow)
                        + " .. "
                        + TaskCost.dollars(spotHigh)
                        + " with Spot,")
        .append(" a month (compute and storage only: load balancers, logs, data transfer and")
        .append(" public IPs are billed apart).\n");
    return out.toString();
  }

  /** The sentence for a region the price file has no prices for. */
  public static String noPrices(String region) {
    return "No Fargate prices for "
        + region
        + " in fgd's price file (taken "
        + FargatePrices.taken()
        + "): its cost is not counted.";
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
