package io.fgd.runtime.render;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.cost.FargatePrices;
import io.fgd.compiler.cost.ServiceCost;
import io.fgd.compiler.cost.SpotShare;
import io.fgd.runtime.cost.PlanCost;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The cost section of a plan, in text, Markdown and JSON. */
final class CostRendering {
  private CostRendering() {}

  static String text(PlanCost cost) {
    if (cost.isEmpty()) {
      return "";
    }
    if (!cost.priced()) {
      return "\n" + cost.noPrices() + "\n";
    }
    StringBuilder out = new StringBuilder();
    out.append("\nMonthly cost, Fargate on-demand in ")
        .append(cost.region())
        .append(" (AWS prices of ")
        .append(cost.pricesTaken())
        .append("):\n");
    int width = cost.services().stream().mapToInt(l -> l.service().length()).max().orElse(0);
    for (PlanCost.Line l : cost.services()) {
      out.append("  ")
          .append(l.service())
          .append(" ".repeat(width - l.service().length()))
          .append("  ")
          .append(l.before().isPresent() ? l.beforeRange().text() : "(new)")
          .append(" -> ")
          .append(l.after().isPresent() ? l.afterRange().text() : "(destroyed)")
          .append("  ")
          .append(l.change().signed())
          .append("/month")
          .append(spot(l).map(t -> "  (" + t + ")").orElse(""))
          .append('\n');
    }
    out.append("  total change: ").append(cost.totalChange().signed()).append("/month\n");
    return out.toString();
  }

  static String markdown(PlanCost cost) {
    if (cost.isEmpty()) {
      return "";
    }
    if (!cost.priced()) {
      return cost.noPrices() + "\n\n";
    }
    StringBuilder out = new StringBuilder();
    out.append("**Monthly cost** (Fargate on-demand in ")
        .append(cost.region())
        .append(", AWS prices of ")
        .append(cost.pricesTaken())
        .append("): **")
        .append(cost.totalChange().signed())
        .append("/month**\n\n");
    out.append("| Service | Now | After | Change |\n|---|---:|---:|---:|\n");
    for (PlanCost.Line l : cost.services()) {
      out.append("| `")
          .append(l.service())
          .append("` | ")
          .append(l.before().isPresent() ? l.beforeRange().text() : "(new)")
          .append(" | ")
          .append(l.after().isPresent() ? l.afterRange().text() : "(destroyed)")
          .append(spot(l).map(t -> " (" + t + ")").orElse(""))
          .append(" | ")
          .append(l.change().signed())
          .append("/month |\n");
    }
    return out.append("\n").toString();
  }

  static ObjectNode json(PlanCost cost) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode o = nodes.objectNode();
    o.put("region", cost.region());
    o.put("priced", cost.priced());
    o.put("pricesTaken", cost.pricesTaken());
    var services = o.putArray("services");
    for (PlanCost.Line l : cost.services()) {
      ObjectNode s = services.addObject();
      s.put("service", l.service());
      if (l.before().isPresent() && cost.priced()) {
        s.set("before", range(l.beforeRange()));
      } else {
        s.putNull("before");
      }
      if (l.after().isPresent() && cost.priced()) {
        s.set("after", range(l.afterRange()));
      } else {
        s.putNull("after");
      }
      s.set("change", range(l.change()));
      l.after()
          .filter(a -> cost.priced())
          .flatMap(a -> a.asLowAs().map(low -> spotJson(a, low)))
          .ifPresent(o2 -> s.set("spot", o2));
    }
    o.set("totalChange", range(cost.totalChange()));
    return o;
  }

  /** What the service may cost less on Fargate Spot after the plan. */
  private static java.util.Optional<String> spot(PlanCost.Line l) {
    return l.after().flatMap(ServiceCost::spotText);
  }

  private static ObjectNode spotJson(ServiceCost after, BigDecimal[] low) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    SpotShare share = after.spot().orElseThrow();
    o.putObject("tasks")
        .put("low", share.spotTasks(after.minTasks()))
        .put("high", share.spotTasks(after.maxTasks()));
    o.put("discountUpTo", FargatePrices.spotDiscountUpTo());
    o.set("asLowAs", range(new PlanCost.Range(low[0], low[1])));
    return o;
  }

  private static ObjectNode range(PlanCost.Range r) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("low", cents(r.low()))
        .put("high", cents(r.high()));
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_UP);
  }
}
