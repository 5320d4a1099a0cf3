package io.fgd.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines that start one of fgd's main classes in a JVM of its own, on the test classpath.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * The JVM options bin/fgd starts a command with, less its class-data archive (which needs a jar;
   * the test classpath has folders).
   */
  static final List<String> BIN_FGD_OPTIONS =
      List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

  /** {@code java [bin/fgd's options] [extra options] -cp <test classpath> mainClass args...}. */
  static List<String> command(List<String> extraOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(BIN_FGD_OPTIONS);
    command.addAll(extraOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }
}
