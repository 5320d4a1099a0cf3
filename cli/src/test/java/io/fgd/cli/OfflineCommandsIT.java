package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that never call AWS load none of the AWS SDK's classes: each runs in a JVM of its
 * own with class loading logged, as bin/fgd starts it. The SDK is most of fgd's jar and slow to
 * load, and a compile that loaded part of it would pay for nothing.
 */
class OfflineCommandsIT {
  @TempDir Path tmp;

  List<String> classesLoaded(int expectedExit, String... args)
      throws IOException, InterruptedException {
    Path log = tmp.resolve("classes-" + System.nanoTime() + ".log");
    List<String> command =
        ChildJvm.command(
            List.of("-Xlog:class+load=info:file=" + log), "io.fgd.cli.Main", List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("output.txt").toFile())
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), List.of(args) + " did not finish");
    assertEquals(
        expectedExit,
        process.exitValue(),
        Files.readString(tmp.resolve("output.txt"), StandardCharsets.UTF_8));
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  @Test
  void helpValidateCompileAndFmtLoadNoAwsSdkClass() throws Exception {
    Path spec = tmp.resolve("sheets.fgd");
    Files.copy(Path.of(MainTest.EXAMPLE), spec);
    String[][] commands = {
      {"--help"},
      {"compile", "--help"},
      {"validate", spec.toString()},
      {"compile", spec.toString(), "--image-tag", "t", "--out", tmp.resolve("out").toString()},
      {"fmt", spec.toString()},
    };
    for (String[] args : commands) {
      List<String> loaded = classesLoaded(0, args);
      assertTrue(loaded.size() > 400, "class loading was not logged: " + loaded.size());
      List<String> sdk = loaded.stream().filter(l -> l.contains("software.amazon")).toList();
      assertTrue(sdk.isEmpty(), List.of(args) + " loaded " + sdk);
      assertFalse(
          loaded.stream().anyMatch(l -> l.contains("io.fgd.runtime.aws.AwsClients ")),
          List.of(args) + " loaded AwsClients");
    }
  }
}
