package io.fgd.runtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** How wide the live progress view draws, and whether in colour. */
class TerminalWidthTest {
  @Test
  void theTerminalsOwnWidthComesFirstThenColumnsThenEighty() {
    assertEquals(57, LiveProgress.columns(OptionalInt.of(57), Map.of("COLUMNS", "132")));
    assertEquals(132, LiveProgress.columns(OptionalInt.empty(), Map.of("COLUMNS", "132")));
    assertEquals(80, LiveProgress.columns(OptionalInt.empty(), Map.of("COLUMNS", "wide")));
    assertEquals(80, LiveProgress.columns(OptionalInt.empty(), Map.of()));
    assertEquals(20, LiveProgress.columns(OptionalInt.of(8), Map.of()));
  }

  /**
   * On a real pseudo terminal 57 columns wide (util-linux {@code script}), with no {@code COLUMNS}
   * in the environment (shells do not export it): the view asks the terminal, and draws without
   * colour when the command says so (--no-color).
   */
  @Test
  void onATerminalTheViewTakesItsWidthFromTheTerminal() throws Exception {
    assumeTrue(
        new File("/usr/bin/script").canExecute() || new File("/bin/script").canExecute(),
        "needs util-linux script for a pseudo terminal");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String probe =
        "stty cols 57 rows 20 && exec '"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "' "
            + TerminalProbe.class.getName();
    ProcessBuilder builder =
        new ProcessBuilder(List.of("script", "-qec", probe, "/dev/null")).redirectErrorStream(true);
    builder.environment().remove("COLUMNS");
    builder.environment().remove("CI");
    builder.environment().put("TERM", "xterm");
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), out);
    assertTrue(out.contains("live width=57 colour=false"), out);
  }
}
