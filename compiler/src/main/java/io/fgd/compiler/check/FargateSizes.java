package io.fgd.compiler.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The task sizes Fargate accepts, as data: each CPU size with the memory sizes allowed with it. Any
 * other pair is rejected by RegisterTaskDefinition. The 8 and 16 vCPU sizes need platform version
 * 1.4.0 or later, which is what LATEST resolves to, and what fgd uses.
 */
public final class FargateSizes {
  /**
   * CPU units of a task that does not say: 0.25 vCPU, the smallest Fargate size. The ECS emitter
   * writes the same default, so a spec without {@code cpu} compiles to what the checker checked.
   */
  public static final int DEFAULT_CPU = 256;

  /** MiB of a task that does not say: the smallest memory allowed with {@link #DEFAULT_CPU}. */
  public static final int DEFAULT_MEMORY = 512;

  /** One CPU size and its allowed memory sizes: an explicit list, or a stepped range. */
  record Row(int cpu, int lowest, int highest, int step, List<Integer> listed) {
    static Row listed(int cpu, Integer... memories) {
      return new Row(cpu, memories[0], memories[memories.length - 1], 0, List.of(memories));
    }

    static Row range(int cpu, int lowest, int highest, int step) {
      return new Row(cpu, lowest, highest, step, List.of());
    }

    boolean allows(int memory) {
      if (step == 0) {
        return listed.contains(memory);
      }
      return memory >= lowest && memory <= highest && (memory - lowest) % step == 0;
    }

    List<Integer> memories() {
      if (step == 0) {
        return listed;
      }
      List<Integer> all = new ArrayList<>();
      for (int m = lowest; m <= highest; m += step) {
        all.add(m);
      }
      return all;
    }

    /** "512, 1024 or 2048 MiB", or "1024 to 4096 MiB in steps of 1024" for a range. */
    String describeMemories() {
      if (step == 0) {
        return FargateSizes.orList(listed.stream().map(String::valueOf).toList()) + " MiB";
      }
      return lowest + " to " + highest + " MiB in steps of " + step;
    }
  }

  static final List<Row> TABLE =
      List.of(
          Row.listed(256, 512, 1024, 2048),
          Row.range(512, 1024, 4096, 1024),
          Row.range(1024, 2048, 8192, 1024),
          Row.range(2048, 4096, 16384, 1024),
          Row.range(4096, 8192, 30720, 1024),
          Row.range(8192, 16384, 61440, 4096),
          Row.range(16384, 32768, 122880, 8192));

  private FargateSizes() {}

  public static List<Integer> cpus() {
    return TABLE.stream().map(Row::cpu).toList();
  }

  public static boolean isValidCpu(int cpu) {
    return row(cpu).isPresent();
  }

  public static boolean isValid(int cpu, int memory) {
    return row(cpu).map(r -> r.allows(memory)).orElse(false);
  }

  /** Every memory size allowed with {@code cpu}, smallest first; empty for an unknown cpu. */
  public static List<Integer> memoriesFor(int cpu) {
    return row(cpu).map(Row::memories).orElse(List.of());
  }

  static Optional<Row> row(int cpu) {
    return TABLE.stream().filter(r -> r.cpu() == cpu).findFirst();
  }

  /**
   * The CPU sizes that allow {@code memory}, for a hint when the memory is right but cpu is not.
   */
  static List<Integer> cpusAllowing(int memory) {
    return TABLE.stream().filter(r -> r.allows(memory)).map(Row::cpu).toList();
  }

  /** "256 (0.25 vCPU)" */
  static String describeCpu(int cpu) {
    return cpu + " CPU units (" + vcpus(cpu) + " vCPU)";
  }

  static String vcpus(int cpu) {
    return new java.math.BigDecimal(cpu)
        .divide(java.math.BigDecimal.valueOf(1024))
        .stripTrailingZeros()
        .toPlainString();
  }

  static String cpuList() {
    return orList(cpus().stream().map(String::valueOf).toList());
  }

  static String orList(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return items.subList(0, items.size() - 1).stream().collect(Collectors.joining(", "))
        + " or "
        + items.get(items.size() - 1);
  }
}
