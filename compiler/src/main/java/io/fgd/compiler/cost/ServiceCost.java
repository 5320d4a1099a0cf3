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
 */
public record ServiceCost(String service, TaskCost task, int minTasks, int maxTasks) {

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
      out.add(new ServiceCost(s.name().value(), task, min, max));
    }
    return out;
  }

  /**
   * The cost of a task definition (RegisterTaskDefinition's input or DescribeTaskDefinition's
   * answer) run by between {@code minTasks} and {@code maxTasks} tasks.
   */
  public static ServiceCost of(
      String service, String region, JsonNode taskDefinition, int minTasks, int maxTasks) {
    TaskCost task =
        new TaskCost(
            region,
            TaskCost.architectureOf(
                taskDefinition.path("runtimePlatform").path("cpuArchitecture").asText("")),
            size(taskDefinition.path("cpu").asText(""), EcsDefaults.TASK_CPU_UNITS),
            size(taskDefinition.path("memory").asText(""), EcsDefaults.TASK_MEMORY_MIB),
            taskDefinition.path("ephemeralStorage").path("sizeInGiB").asInt(20));
    return new ServiceCost(service, task, minTasks, maxTasks);
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
