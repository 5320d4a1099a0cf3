package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bin/fgd's class-data-sharing training runs (CdsTraining) complete with every step exiting as
 * expected, in a JVM of their own as bin/fgd starts them: the aws one includes a whole plan of the
 * example against its stand-in account, and two applies (the services created, then a new image),
 * so that the archive holds what a deploy loads. A step that failed would make the training fail,
 * and the archive leave out the classes it was for.
 */
class CdsTrainingIT {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"offline", "aws"})
  void trainingRunCompletesEveryStep(String kind) throws IOException, InterruptedException {
    Path log = tmp.resolve("training.log");
    Process process =
        new ProcessBuilder(
                ChildJvm.command(
                    List.of(),
                    "io.fgd.cli.CdsTraining",
                    List.of(kind, MainTest.EXAMPLE, tmp.resolve("out").toString())))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the training run did not finish");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    assertTrue(Files.exists(tmp.resolve("out/api/taskdef.json")), "compile step wrote nothing");
  }

  /** The aws training loads what a deploy of a new image does: the applier and the update. */
  @Test
  void awsTrainingLoadsWhatADeployLoads() throws IOException, InterruptedException {
    Path log = tmp.resolve("training.log");
    Process process =
        new ProcessBuilder(
                ChildJvm.command(
                    List.of("-Xlog:class+load=info"),
                    "io.fgd.cli.CdsTraining",
                    List.of("aws", MainTest.EXAMPLE, tmp.resolve("out").toString())))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the training run did not finish");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), output);
    for (String loaded :
        List.of(
            "io.fgd.runtime.engine.Applier ",
            "software.amazon.awssdk.services.ecs.model.UpdateServiceRequest ",
            "software.amazon.awssdk.services.ecs.model.Deployment ",
            "software.amazon.awssdk.services.ecs.model.ContainerDefinition ")) {
      assertTrue(output.contains(loaded), () -> loaded + "was not loaded by the training");
    }
  }
}
