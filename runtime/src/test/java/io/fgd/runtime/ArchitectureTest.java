package io.fgd.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the runtime: an engine that knows no kind of AWS object by name, and source files a
 * reader can take in.
 */
class ArchitectureTest {
  static final Path MAIN = Path.of("src/main/java/io/fgd/runtime");

  /** About as long as a file may get before it should be split along what it does. */
  static final int MAX_LINES = 500;

  /**
   * Files over {@link #MAX_LINES} that other work owns, each with the reason it is still allowed:
   * the list can only shrink.
   */
  static final Map<String, String> TOO_LONG_FOR_NOW =
      Map.of(
          "deploy/DeploymentWatcher.java",
          "waiting for rollouts is being reworked separately (issue 12 items 1 and 4)");

  /** The generic parts of the runtime: none of them names a kind (but the registry, Kinds). */
  static final List<String> GENERIC = List.of("engine", "state", "importer", "render");

  private static final Pattern KINDS_IMPORT =
      Pattern.compile("(?m)^import (static )?io\\.fgd\\.runtime\\.kinds\\.");

  private static final Pattern KINDS_NAMED = Pattern.compile("io\\.fgd\\.runtime\\.kinds\\.");

  static List<Path> sources(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void theEngineNamesNoKindButThroughItsRegistry() throws IOException {
    List<String> offenders =
        sources(MAIN.resolve("engine")).stream()
            .filter(p -> !p.getFileName().toString().equals("Kinds.java"))
            .filter(
                p -> {
                  try {
                    return KINDS_NAMED.matcher(Files.readString(p)).find();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .map(p -> MAIN.relativize(p).toString())
            .toList();
    assertEquals(List.of(), offenders, "engine classes that name a kind's package");
  }

  @Test
  void noGenericPartNamesAKindButThroughTheRegistry() throws IOException {
    List<String> offenders = new java.util.ArrayList<>();
    for (String dir : GENERIC) {
      for (Path p : sources(MAIN.resolve(dir))) {
        String name = MAIN.relativize(p).toString();
        if (!name.equals("engine/Kinds.java") && KINDS_NAMED.matcher(Files.readString(p)).find()) {
          offenders.add(name);
        }
      }
    }
    assertEquals(List.of(), offenders, "generic classes that name a kind's package");
  }

  @Test
  void theRegistryIsTheOnlyEngineClassImportingKinds() throws IOException {
    List<String> importing =
        sources(MAIN.resolve("engine")).stream()
            .filter(
                p -> {
                  try {
                    return KINDS_IMPORT.matcher(Files.readString(p)).find();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .map(p -> MAIN.relativize(p).toString())
            .toList();
    assertEquals(List.of("engine/Kinds.java"), importing);
  }

  @Test
  void noSourceFileIsOverFiveHundredLines() throws IOException {
    List<String> tooLong =
        sources(MAIN).stream()
            .filter(p -> !TOO_LONG_FOR_NOW.containsKey(MAIN.relativize(p).toString()))
            .filter(
                p -> {
                  try {
                    return Files.readAllLines(p).size() > MAX_LINES;
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                })
            .map(p -> MAIN.relativize(p).toString())
            .toList();
    assertEquals(List.of(), tooLong, "files over " + MAX_LINES + " lines");
  }
}
