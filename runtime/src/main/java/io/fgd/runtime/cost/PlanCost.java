package io.fgd.runtime.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.cost.CostReport;
import io.fgd.compiler.cost.FargatePrices;
import io.fgd.compiler.cost.ServiceCost;
import io.fgd.compiler.cost.SpotShare;
import io.fgd.compiler.cost.TaskCost;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What a plan changes in the app's monthly Fargate bill: for each service it creates, changes or
 * destroys, the cost before and after (a range from the minimum to the maximum task count under
 * autoscaling), and the app's total change. Computed from the plan's inputs, never from AWS's
 * billing.
 *
 * @param region the region the services run in
 * @param priced whether fgd's price file has prices for the region
 * @param services the services the plan touches, by name
 */
public record PlanCost(String region, boolean priced, List<Line> services) {
  /** No cost section: what renderers show when they are given none. */
  public static final PlanCost NONE = new PlanCost("", false, List.of());

  public PlanCost {
    services = List.copyOf(services);
  }

  /**
   * One service's cost.
   *
   * @param before what it costs now; empty when it does not exist yet
   * @param after what it costs after the plan; empty when the plan destroys it
   */
  public record Line(String service, Optional<ServiceCost> before, Optional<ServiceCost> after) {
    public Range beforeRange() {
      return before.flatMap(ServiceCost::monthly).map(Range::of).orElse(Range.ZERO);
    }

    public Range afterRange() {
      return after.flatMap(ServiceCost::monthly).map(Range::of).orElse(Range.ZERO);
    }

    public Range change() {
      return afterRange().minus(beforeRange());
    }
  }

  /** A monthly amount, or a range of them under autoscaling. */
  public record Range(BigDecimal low, BigDecimal high) {
    static final Range ZERO = new Range(BigDecimal.ZERO, BigDecimal.ZERO);

    static Range of(BigDecimal[] m) {
      return new Range(m[0], m[1]);
    }

    Range plus(Range o) {
      return new Range(low.add(o.low), high.add(o.high));
    }

    Range minus(Range o) {
      return new Range(low.subtract(o.low), high.subtract(o.high));
    }

    /** {@code $23.10} or {@code $11.55 .. $115.50}. */
    public String text() {
      return low.compareTo(high) == 0
          ? TaskCost.dollars(low)
          : TaskCost.dollars(low) + " .. " + TaskCost.dollars(high);
    }

    /** {@code +$23.10} or {@code +$11.55 .. +$115.50}. */
    public String signed() {
      return low.compareTo(high) == 0
          ? TaskCost.signedDollars(low)
          : TaskCost.signedDollars(low) + " .. " + TaskCost.signedDollars(high);
    }
  }

  public boolean isEmpty() {
    return services.isEmpty();
  }

  /** The app's total change a month. */
  public Range totalChange() {
    Range total = Range.ZERO;
    for (Line l : services) {
      total = total.plus(l.change());
    }
    return total;
  }

  /** The sentence for a region without prices. */
  public String noPrices() {
    return CostReport.noPrices(region);
  }

  /** The date the region's prices are AWS's as of (the price file's date without them). */
  public String pricesTaken() {
    return FargatePrices.asOf(region);
  }

  /** The cost lines of the services {@code result}'s plan creates, changes or destroys. */
  public static PlanCost of(PlanResult result, String region) {
    TreeSet<String> touched = new TreeSet<>();
    for (ResourceChange c : result.plan().changes()) {
      c.service().ifPresent(touched::add);
    }
    List<Line> lines = new ArrayList<>();
    for (String name : touched) {
      DesiredService want = result.desired().services().get(name);
      ObservedService live = ServiceReads.services(result.observed()).get(name);
      if (live == null) {
        live = result.observed().orphans().get(name);
      }
      Optional<ServiceCost> after =
          want == null
              ? Optional.empty()
              : Optional.of(
                  ServiceCost.of(
                      name,
                      region,
                      want.taskDefinition(),
                      min(want.scaling(), want.service()),
                      max(want.scaling(), want.service()),
                      SpotShare.of(want.service())));
      Optional<ServiceCost> before = Optional.empty();
      if (live != null) {
        ObservedService l = live;
        Optional<ObservedScaling> scaling =
            Optional.ofNullable(ScalableTargetReads.scaling(result.observed()).get(name));
        Optional<JsonNode> target = scaling.map(ObservedScaling::target);
        before =
            Optional.ofNullable(
                    TaskDefinitionReads.taskDefinitions(result.observed())
                        .get(l.taskDefinitionArn()))
                .map(
                    td ->
                        ServiceCost.of(
                            name,
                            region,
                            td,
                            count(target, "MinCapacity", l.json()),
                            count(target, "MaxCapacity", l.json()),
                            SpotShare.of(l.json())));
      }
      if (before.isPresent() || after.isPresent()) {
        lines.add(new Line(name, before, after));
      }
    }
    boolean priced =
        FargatePrices.rate(region, "x86_64").isPresent()
            || FargatePrices.rate(region, "arm64").isPresent();
    return new PlanCost(region, priced, lines);
  }

  private static int min(Optional<? extends JsonNode> scaling, JsonNode service) {
    return count(scaling.map(s -> s.path("scalableTarget")), "MinCapacity", service);
  }

  private static int max(Optional<? extends JsonNode> scaling, JsonNode service) {
    return count(scaling.map(s -> s.path("scalableTarget")), "MaxCapacity", service);
  }

  /** A scalable target's bound, else the service's desired count (1 when it says none). */
  private static int count(Optional<? extends JsonNode> target, String bound, JsonNode service) {
    if (target.isPresent() && target.get().path(bound).isNumber()) {
      return target.get().path(bound).asInt();
    }
    return service.path("desiredCount").asInt(1);
  }
}
