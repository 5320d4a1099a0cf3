package io.fgd.compiler.check;

import static io.fgd.compiler.check.ServiceRulesTest.assertOne;
import static io.fgd.compiler.check.Snippets.inService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Fargate's table at its edges, each pair checked through a whole spec. */
class FargateSizesTest {
  /** cpu, memory, whether Fargate accepts it: lowest, highest, a step outside each, off-step. */
  static Stream<Arguments> edges() {
    List<Arguments> rows = new ArrayList<>();
    int[][] table = {
      // cpu, lowest, highest, step
      {512, 1024, 4096, 1024},
      {1024, 2048, 8192, 1024},
      {2048, 4096, 16384, 1024},
      {4096, 8192, 30720, 1024},
      {8192, 16384, 61440, 4096},
      {16384, 32768, 122880, 8192},
    };
    for (int[] r : table) {
      int cpu = r[0], low = r[1], high = r[2], step = r[3];
      rows.add(Arguments.of(cpu, low, true));
      rows.add(Arguments.of(cpu, high, true));
      rows.add(Arguments.of(cpu, low + step, true));
      rows.add(Arguments.of(cpu, low - step, false));
      rows.add(Arguments.of(cpu, high + step, false));
      rows.add(Arguments.of(cpu, low + step / 2, false));
    }
    rows.add(Arguments.of(256, 512, true));
    rows.add(Arguments.of(256, 1024, true));
    rows.add(Arguments.of(256, 2048, true));
    rows.add(Arguments.of(256, 256, false));
    rows.add(Arguments.of(256, 1536, false));
    rows.add(Arguments.of(256, 3072, false));
    return rows.stream();
  }

  @ParameterizedTest(name = "cpu {0} memory {1}: {2}")
  @MethodSource("edges")
  void fargateAcceptsExactlyItsTable(int cpu, int memory, boolean valid) {
    assertEquals(valid, FargateSizes.isValid(cpu, memory));
    String snippet = "cpu " + cpu + "\nmemory " + memory;
    if (valid) {
      assertOne(inService(snippet), null, null);
    } else {
      assertOne(inService(snippet), "size.pair", String.valueOf(memory));
    }
  }

  @Test
  void unknownCpus() {
    for (int cpu : List.of(128, 255, 257, 768, 3072, 32768)) {
      assertFalse(FargateSizes.isValidCpu(cpu));
      assertOne(inService("cpu " + cpu + "\nmemory 2048"), "size.cpu", String.valueOf(cpu));
    }
  }

  @Test
  void vcpusWrittenAsUnitsGetAHint() {
    var d = Snippets.diagnostics(inService("cpu 2\nmemory 4096"));
    assertEquals(1, d.size());
    assertTrue(d.get(0).detail().contains("\"cpu 2 vcpu\" or \"cpu 2048\""), d.get(0).detail());
  }

  @Test
  void invalidPairNamesTheValidMemories() {
    var d = Snippets.diagnostics(inService("cpu 256\nmemory 4096"));
    assertEquals(
        "Fargate has no task size with 256 CPU units and 4096 MiB. With 256 CPU units (0.25 vCPU), "
            + "memory can be 512, 1024 or 2048 MiB. For 4096 MiB, cpu can be 512, 1024 or 2048.",
        d.get(0).detail());
  }

  @Test
  void defaultsAreAValidSize() {
    assertTrue(FargateSizes.isValid(FargateSizes.DEFAULT_CPU, FargateSizes.DEFAULT_MEMORY));
    assertEquals(List.of(512, 1024, 2048), FargateSizes.memoriesFor(256));
    assertEquals(23, FargateSizes.memoriesFor(4096).size()); // 8 to 30 GiB
  }

  @Test
  void vcpuUnitsAreAccepted() {
    assertOne(inService("cpu 0.25 vcpu\nmemory 0.5 GiB"), null, null);
    assertOne(inService("cpu 16 vcpu\nmemory 120 GiB"), null, null);
  }
}
