package io.fgd.compiler.emit.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expected Dockerfiles kept as files under {@code src/test/resources/.../emit/docker/}, so they
 * read as Dockerfiles and hadolint can lint them. {@code FGD_UPDATE_GOLDEN=1} rewrites them; then
 * read the diff.
 */
final class Fixtures {
  private Fixtures() {}

  static final Path DIR = Path.of("src/test/resources/io/fgd/compiler/emit/docker");

  static void assertMatches(String fixture, String actual) throws IOException {
    Path file = DIR.resolve(fixture);
    if (System.getenv("FGD_UPDATE_GOLDEN") != null) {
      Files.createDirectories(DIR);
      Files.writeString(file, actual);
    }
    assertEquals(Files.readString(file), actual, fixture);
  }

  /** Every expected Dockerfile, for the linter. */
  static List<Path> dockerfiles() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".Dockerfile")).sorted().toList();
    }
  }
}
