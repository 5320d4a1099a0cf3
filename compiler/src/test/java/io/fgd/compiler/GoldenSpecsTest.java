package io.fgd.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.diag.DiagnosticRenderer;
import io.fgd.compiler.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Pkl-style snippet tests over {@code specs/}:
 *
 * <ul>
 *   <li>{@code specs/examples/NAME.fgd} compiles (with {@code --image-tag golden}) to exactly the
 *       files under {@code specs/examples/NAME/}; its warnings, if any, are in {@code
 *       NAME/WARNINGS.txt};
 *   <li>{@code specs/invalid/NAME.fgd} fails with exactly the diagnostics in {@code NAME.err}.
 * </ul>
 *
 * A spec may have a {@code NAME.options} file beside it giving the command-line options it is
 * compiled with: {@code --stage NAME} and {@code --var NAME=VALUE}, separated by whitespace.
 *
 * <p>Run with {@code FGD_UPDATE_GOLDEN=1} to rewrite the expected files, then review the diff.
 */
class GoldenSpecsTest {
  static final Path SPECS =
      Path.of(System.getProperty("fgd.specs.dir", "../specs")).toAbsolutePath().normalize();
  static final boolean UPDATE = System.getenv("FGD_UPDATE_GOLDEN") != null;
  static final String WARNINGS = "WARNINGS.txt";
  static final CompileOptions OPTIONS = new CompileOptions(Optional.of("golden"));

  @TestFactory
  Stream<DynamicTest> examplesCompileToTheirExpectedFiles() throws IOException {
    return specs("examples")
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.getFileName().toString(),
                    () -> {
                      SourceFile source = source(spec);
                      Compiler.Compilation result =
                          Compiler.compile(source, OptionsFiles.of(spec), OPTIONS);
                      String rendered =
                          new DiagnosticRenderer(false).render(result.diagnostics(), source);
                      assertFalse(
                          result.hasErrors(), () -> "example does not compile:\n" + rendered);
                      Map<String, String> actual = new TreeMap<>();
                      for (Artifact artifact : result.artifacts()) {
                        actual.put(artifact.path(), artifact.text());
                      }
                      if (!rendered.isEmpty()) {
                        actual.put(WARNINGS, rendered);
                      }
                      Path expectedDir = spec.resolveSibling(baseName(spec));
                      if (UPDATE) {
                        rewrite(expectedDir, actual);
                      }
                      assertEquals(
                          read(expectedDir), actual, "compiled output of " + spec.getFileName());
                    }));
  }

  @TestFactory
  Stream<DynamicTest> invalidSpecsFailWithTheirExpectedDiagnostics() throws IOException {
    return specs("invalid")
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    spec.getFileName().toString(),
                    () -> {
                      SourceFile source = source(spec);
                      Compiler.Compilation result =
                          Compiler.compile(source, OptionsFiles.of(spec), OPTIONS);
                      String rendered =
                          new DiagnosticRenderer(false).render(result.diagnostics(), source);
                      assertTrue(
                          result.hasErrors(),
                          () -> "invalid spec compiled without errors:\n" + rendered);
                      assertTrue(
                          result.artifacts().isEmpty(), "a spec with errors must produce no files");
                      Path expected = spec.resolveSibling(baseName(spec) + ".err");
                      if (UPDATE) {
                        Files.writeString(expected, rendered);
                      }
                      assertTrue(
                          Files.exists(expected),
                          () ->
                              "missing "
                                  + SPECS.relativize(expected)
                                  + "; run with FGD_UPDATE_GOLDEN=1");
                      assertEquals(Files.readString(expected), rendered);
                    }));
  }

  /** An expected file whose spec was renamed or deleted would silently test nothing. */
  @Test
  void everyExpectedFileHasASpec() throws IOException {
    List<String> orphans = new ArrayList<>();
    try (Stream<Path> files = Files.list(SPECS.resolve("invalid"))) {
      files
          .filter(p -> p.toString().endsWith(".err"))
          .filter(p -> !Files.exists(p.resolveSibling(baseName(p) + ".fgd")))
          .forEach(p -> orphans.add(SPECS.relativize(p).toString()));
    }
    try (Stream<Path> files = Files.list(SPECS.resolve("examples"))) {
      files
          .filter(Files::isDirectory)
          .filter(p -> !Files.exists(p.resolveSibling(p.getFileName() + ".fgd")))
          .forEach(p -> orphans.add(SPECS.relativize(p).toString()));
    }
    for (String folder : List.of("invalid", "examples")) {
      try (Stream<Path> files = Files.list(SPECS.resolve(folder))) {
        files
            .filter(p -> p.toString().endsWith(".options"))
            .filter(p -> !Files.exists(p.resolveSibling(baseName(p) + ".fgd")))
            .forEach(p -> orphans.add(SPECS.relativize(p).toString()));
      }
    }
    assertEquals(List.of(), orphans, "expected files without a spec");
  }

  static Stream<Path> specs(String folder) throws IOException {
    try (Stream<Path> files = Files.list(SPECS.resolve(folder))) {
      return files.filter(p -> p.toString().endsWith(".fgd")).sorted().toList().stream();
    }
  }

  /** Named relative to the repository, so expected output does not depend on the checkout. */
  static SourceFile source(Path spec) throws IOException {
    String name = "specs/" + SPECS.relativize(spec).toString().replace('\\', '/');
    return new SourceFile(name, Files.readString(spec, StandardCharsets.UTF_8));
  }

  static String baseName(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    return files;
  }

  private static void rewrite(Path dir, Map<String, String> files) throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted((a, b) -> b.compareTo(a))
            .forEach(
                p -> {
                  try {
                    Files.delete(p);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      }
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
  }
}
