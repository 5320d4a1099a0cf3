package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Sidecar;
import io.fgd.compiler.source.Span;
import java.util.Optional;

/** A task's size against Fargate's table, and the sidecars' shares of it. */
final class Sizes {
  private Sizes() {}

  static void check(Service service, Diagnostics diagnostics) {
    Optional<Located<Integer>> cpu = service.container().cpu();
    Optional<Located<Integer>> memory = service.container().memory();
    int taskCpu = cpu.map(Located::value).orElse(FargateSizes.DEFAULT_CPU);
    int taskMemory = memory.map(Located::value).orElse(FargateSizes.DEFAULT_MEMORY);
    boolean sizeOk = true;
    if (!FargateSizes.isValidCpu(taskCpu)) {
      diagnostics.error(
          "size.cpu", cpu.orElseThrow().span(), taskCpu, FargateSizes.cpuList(), cpuHint(taskCpu));
      sizeOk = false;
    } else if (!FargateSizes.isValid(taskCpu, taskMemory)) {
      sizeOk = false;
      String defaulted =
          cpu.isEmpty()
              ? " A task without cpu has " + FargateSizes.DEFAULT_CPU + " CPU units."
              : memory.isEmpty()
                  ? " A task without memory has " + FargateSizes.DEFAULT_MEMORY + " MiB."
                  : "";
      String with =
          "With "
              + FargateSizes.describeCpu(taskCpu)
              + ", memory can be "
              + FargateSizes.row(taskCpu).orElseThrow().describeMemories()
              + ".";
      String cpusForMemory =
          FargateSizes.cpusAllowing(taskMemory).stream().map(String::valueOf).toList().isEmpty()
              ? ""
              : " For "
                  + taskMemory
                  + " MiB, cpu can be "
                  + FargateSizes.orList(
                      FargateSizes.cpusAllowing(taskMemory).stream().map(String::valueOf).toList())
                  + ".";
      Span at = memory.map(Located::span).orElseGet(() -> cpu.orElseThrow().span());
      String detailArgs = defaulted + " " + with + cpusForMemory;
      if (memory.isPresent() && cpu.isPresent()) {
        diagnostics.errorWithContext(
            "size.pair", at, cpu.get().span(), taskCpu, taskMemory, detailArgs);
      } else {
        diagnostics.error("size.pair", at, taskCpu, taskMemory, detailArgs);
      }
    }
    int sidecarCpu = 0;
    int sidecarMemory = 0;
    Span lastCpu = null;
    Span lastMemory = null;
    for (Sidecar sidecar : service.sidecars()) {
      Optional<Located<Integer>> c = sidecar.container().cpu();
      Optional<Located<Integer>> m = sidecar.container().memory();
      if (c.isPresent()) {
        sidecarCpu += c.get().value();
        lastCpu = c.get().span();
      }
      if (m.isPresent()) {
        sidecarMemory += m.get().value();
        lastMemory = m.get().span();
        if (m.get().value() < SchemaLimits.CONTAINER_MEMORY_MIN) {
          diagnostics.error(
              "size.containerMemoryMin",
              m.get().span(),
              sidecar.name().value(),
              m.get().value(),
              SchemaLimits.CONTAINER_MEMORY_MIN);
        }
      }
    }
    if (!sizeOk) {
      return;
    }
    if (lastCpu != null && sidecarCpu > taskCpu) {
      diagnostics.error("size.sidecarCpu", lastCpu, sidecarCpu, taskCpu);
    }
    if (lastMemory != null && sidecarMemory >= taskMemory) {
      diagnostics.error("size.sidecarMemory", lastMemory, sidecarMemory, taskMemory);
    }
  }

  /** For "cpu 1": the user probably meant vCPUs, so say how to write them. */
  static String cpuHint(int cpu) {
    if (cpu > 0 && cpu <= 16 && FargateSizes.isValidCpu(cpu * 1024)) {
      return " For " + cpu + " vCPU write \"cpu " + cpu + " vcpu\" or \"cpu " + cpu * 1024 + "\".";
    }
    Integer nearest = null;
    for (int valid : FargateSizes.cpus()) {
      if (nearest == null || Math.abs(valid - cpu) < Math.abs(nearest - cpu)) {
        nearest = valid;
      }
    }
    return " The nearest is " + nearest + ".";
  }
}
