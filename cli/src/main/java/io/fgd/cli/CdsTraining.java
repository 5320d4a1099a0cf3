package io.fgd.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * Not a command: the training run after which bin/fgd has the JVM write a class-data-sharing
 * archive ({@code -XX:ArchiveClassesAtExit}), so later runs map fgd's classes ready-parsed and
 * verified instead of loading them from the jar. It runs the offline commands in one JVM so that
 * every class they need is archived; the plan command's AWS SDK classes are left out on purpose
 * (reading them costs nothing on the commands that never touch AWS).
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=fgd.jsa -cp fgd.jar io.fgd.cli.CdsTraining SPEC
 * OUT_DIR}
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: CdsTraining SPEC OUT_DIR");
    }
    PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream(), true);
    Terminal terminal = new Terminal(nowhere, nowhere, Map.of(), false);
    Main.run(terminal, "--help");
    Main.run(terminal, "validate", args[0]);
    Main.run(terminal, "compile", args[0], "--image-tag", "cds-training", "--out", args[1]);
    Main.run(terminal, "plan", "--help");
    Main.run(terminal, "--version");
  }
}
