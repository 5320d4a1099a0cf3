package io.fgd.compiler.emit.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Runs hadolint over every Dockerfile fgd generates: the expected preset and steps Dockerfiles of
 * the unit tests, and the Dockerfiles of every spec in {@code specs/examples}. Enabled when {@code
 * FGD_HADOLINT} is the path of a hadolint binary (CI installs it from PyPI, see {@code .ci/run}).
 *
 * <p>Preset Dockerfiles are fgd's own, so they must be clean down to hadolint's info level.
 * Dockerfiles from build steps say what the user wrote, so there only warnings and errors count:
 * style notes such as "consolidate consecutive RUNs" are the user's call.
 */
@EnabledIfEnvironmentVariable(named = "FGD_HADOLINT", matches = ".+")
class HadolintTest {
  static final Path EXAMPLES =
      Path.of(System.getProperty("fgd.specs.dir", "../specs")).resolve("examples");

  @TestFactory
  Stream<DynamicTest> expectedDockerfilesAreLintClean() throws IOException {
    return Fixtures.dockerfiles().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      boolean preset = !file.getFileName().toString().startsWith("steps");
                      assertClean(file, preset ? "info" : "warning");
                    }));
  }

  @TestFactory
  Stream<DynamicTest> exampleDockerfilesAreLintClean() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    List<Path> specs;
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      specs = files.filter(p -> p.toString().endsWith(".fgd")).sorted().toList();
    }
    for (Path spec : specs) {
      SourceFile source =
          new SourceFile(
              "specs/examples/" + spec.getFileName(),
              Files.readString(spec, StandardCharsets.UTF_8));
      Compiler.Compilation result =
          Compiler.compile(
              source,
              io.fgd.compiler.OptionsFiles.of(spec),
              new CompileOptions(Optional.of("golden")));
      assertFalse(result.hasErrors(), spec + " does not compile");
      for (Artifact artifact : result.artifacts()) {
        if (!artifact.path().endsWith("/Dockerfile")) {
          continue;
        }
        tests.add(
            DynamicTest.dynamicTest(
                spec.getFileName() + ": " + artifact.path(),
                () -> {
                  Path file = Files.createTempFile("fgd-", ".Dockerfile");
                  try {
                    Files.writeString(file, artifact.text());
                    boolean preset = isPreset(artifact);
                    assertClean(file, preset ? "info" : "warning");
                  } finally {
                    Files.delete(file);
                  }
                }));
      }
    }
    return tests.stream();
  }

  /** Preset Dockerfiles are multi-stage; build steps describe one stage. */
  private static boolean isPreset(Artifact artifact) {
    return artifact.text().lines().filter(l -> l.startsWith("FROM ")).count() > 1;
  }

  private static void assertClean(Path dockerfile, String threshold)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                System.getenv("FGD_HADOLINT"),
                "--no-color",
                "--failure-threshold",
                threshold,
                dockerfile.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    assertEquals(0, exit, () -> "hadolint (failing at " + threshold + "):\n" + output);
  }
}
