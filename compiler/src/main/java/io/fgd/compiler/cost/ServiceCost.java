package io.fgd.compiler.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.emit.ecs.EcsDefaults;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The monthly cost of one service: its task's price times its task count, a range from the minimum
 * to the maximum when autoscaling sizes it.
 *
 * @param service the service's name
 * @param task the task's size, region and architecture
 * @param minTasks the fewest tasks it runs (its replicas, or its scaling minimum)
 * @param maxTasks the most tasks it runs (its replicas, or its scaling maximum)
 * @param spot how its capacity provider strategy puts tasks on Fargate Spot; empty with the Fargate
 *     launch type. Its amounts stay on-demand: {@link #spotText()} says how much less
 */
public record ServiceCost(
    String service, TaskCost task, int minTasks, int maxTasks, Optional<SpotShare> spot) {
  /** A service with the Fargate launch type. */
  public ServiceCost(String service, TaskCost task, int minTasks, int maxTasks) {
    this(service, task, minTasks, maxTasks, Optional.empty());
  }

  /** The least a month may cost at Spot's largest discount, low and high; empty without Spot. */
  public Optional<BigDecimal[]> asLowAs() {
    if (spot.isEmpty() || !spot.get().usesSpot()) {
      return Optional.empty();
    }
    SpotShare share = spot.get();
    return task.monthly()
        .map(one -> new BigDecimal[] {share.asLowAs(one, minTasks), share.asLowAs(one, maxTasks)});
  }

  /**
   * {@code Spot: 4 of 6 tasks, up to 70% off theirs, as low as $31.20}: on-demand is the price
   * shown, and this is how much less it may be. Empty without Spot or without prices.
   */
  public Optional<String> spotText() {
    return asLowAs()
        .map(
            low -> {
              SpotShare share = spot.orElseThrow();
              int a = share.spotTasks(minTasks);
              int b = share.spotTasks(maxTasks);
              String tasks =
                  minTasks == maxTasks
                      ? a + " of " + minTasks + (minTasks == 1 ? " task" : " tasks")
                      : a + ".." + b + " of " + minTasks + ".." + maxTasks + " tasks";
              String percent =
                  FargatePrices.spotDiscountUpTo()
                      .movePointRight(2)
                      .stripTrailingZeros()
                      .toPlainString();
              String amount =
                  minTasks == maxTasks
                      ? TaskCost.dollars(low[0])
                      : TaskCost.dollars(low[0]) + " .. " + TaskCost.dollars(low[1]);
              return "Spot: " + tasks + ", up to " + percent + "% off theirs, as low as " + amount;
            });
  }

  /** Low and high monthly cost, or empty when the region has no prices. */
  public Optional<BigDecimal[]> monthly() {
    return task.monthly()
        .map(
            one ->
                new BigDecimal[] {
                  one.multiply(BigDecimal.valueOf(minTasks)),
                  one.multiply(BigDecimal.valueOf(maxTasks))
                });
  }

  /** {@code $23.10} or {@code $11.55 .. $115.50}; empty without prices. */
  public Optional<String> monthlyText() {
    return monthly()
        .map(
            m ->
                minTasks == maxTasks
                    ? TaskCost.dollars(m[0])
                    : TaskCost.dollars(m[0]) + " .. " + TaskCost.dollars(m[1]));
  }

  /** {@code 2..10 tasks x 0.25 vCPU, 0.5 GB, x86_64}. */
  public String shape() {
    String tasks =
        minTasks == maxTasks
            ? minTasks + (minTasks == 1 ? " task" : " tasks")
            : minTasks + ".." + maxTasks + " tasks";
    String storage = task.ephemeralGib() > 20 ? ", " + task.ephemeralGib() + " GiB disk" : "";
    return tasks
        + " x "
        + number(task.cpuUnits())
        + " vCPU, "
        + number(task.memoryMib())
        + " GB"
        + storage
        + ", "
        + task.architecture();
  }

  private static String number(int units) {
    return BigDecimal.valueOf(units)
        .divide(BigDecimal.valueOf(1024))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** The costs of a checked spec's services. */
  public static List<ServiceCost> of(Spec spec) {
    String region = spec.app().flatMap(App::region).map(Located::value).orElse("");
    List<ServiceCost> out = new ArrayList<>();
    for (Service s : spec.services()) {
      TaskCost task =
          new TaskCost(
              region,
              s.settings().architecture().map(Located::value).orElse("x86_64"),
              s.container().cpu().map(Located::value).orElse(EcsDefaults.TASK_CPU_UNITS),
              s.container().memory().map(Located::value).orElse(EcsDefaults.TASK_MEMORY_MIB),
              s.settings().ephemeralStorageGib().map(Located::value).orElse(20));
      int min;
      int max;
      if (s.scaling().isPresent()) {
        min = s.scaling().get().min().value();
        max = s.scaling().get().max().value();
      } else {
        min = s.replicas().map(Located::value).orElse(1);
        max = min;
      }
      out.add(
          new ServiceCost(s.name().value(), task, min, max, SpotShare.of(s.settings().capacity())));
    }
    return out;
  }

  /**
   * The cost of a task definition (RegisterTaskDefinition's input or DescribeTaskDefinition's
   * answer) run by between {@code minTasks} and {@code maxTasks} tasks.
   */
  public static ServiceCost of(
      String service, String region, JsonNode taskDefinition, int minTasks, int maxTasks) {
    return of(service, region, taskDefinition, minTasks, maxTasks, Optional.empty());
  }

  /**
   * The same, with the Spot share of a service's capacity provider strategy (CreateService's input
   * or DescribeServices' answer).
   */
  public static ServiceCost of(
      String service,
      String region,
      JsonNode taskDefinition,
      int minTasks,
      int maxTasks,
      Optional<SpotShare> spot) {
    TaskCost task =
        new TaskCost(
            region,
            TaskCost.architectureOf(
                taskDefinition.path("runtimePlatform").path("cpuArchitecture").asText("")),
            size(taskDefinition.path("cpu").asText(""), EcsDefaults.TASK_CPU_UNITS),
            size(taskDefinition.path("memory").asText(""), EcsDefaults.TASK_MEMORY_MIB),
            taskDefinition.path("ephemeralStorage").path("sizeInGiB").asInt(20));
    return new ServiceCost(service, task, minTasks, maxTasks, spot);
  }

  /** "256" -> 256; "0.25 vCPU" or "1 GB" -> 256 or 1024. */
  private static int size(String text, int otherwise) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.isEmpty()) {
      return otherwise;
    }
    try {
      if (t.endsWith("vcpu") || t.endsWith("gb")) {
        String number = t.replaceAll("[a-z ]", "");
        return new BigDecimal(number).multiply(BigDecimal.valueOf(1024)).intValue();
      }
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }
}
