package io.fgd.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the pipeline's layering: only the AST builder's package sees the parse tree. */
class ArchitectureTest {
  static final Path ROOT = Path.of(System.getProperty("fgd.specs.dir", "../specs")).getParent();

  @Test
  void onlyTheParsePackageImportsAntlrOrTheGeneratedParser() throws IOException {
    List<String> offenders =
        javaSources()
            .filter(p -> !p.toString().replace('\\', '/').contains("/io/fgd/compiler/parse/"))
            .filter(
                p ->
                    read(p)
                        .lines()
                        .anyMatch(
                            l ->
                                l.startsWith("import org.antlr")
                                    || l.startsWith("import io.fgd.grammar")))
            .map(p -> ROOT.relativize(p).toString())
            .toList();
    assertEquals(List.of(), offenders);
  }

  @Test
  void theCompilerNeverLoadsTheAwsSdk() throws IOException {
    List<String> offenders =
        javaSources()
            .filter(p -> read(p).contains("software.amazon.awssdk"))
            .map(p -> ROOT.relativize(p).toString())
            .toList();
    assertEquals(List.of(), offenders, "compile must not pay for AWS SDK class loading");
  }

  private static Stream<Path> javaSources() throws IOException {
    Path main = ROOT.resolve("compiler/src/main/java");
    assertTrue(Files.isDirectory(main), main.toString());
    return Files.walk(main).filter(p -> p.toString().endsWith(".java")).toList().stream();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
