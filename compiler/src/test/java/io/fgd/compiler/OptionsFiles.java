package io.fgd.compiler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The command-line options a spec under {@code specs/} is compiled with in tests: {@code
 * NAME.options} beside {@code NAME.fgd} holds {@code --stage NAME} and {@code --var NAME=VALUE},
 * separated by whitespace. Without the file: no stage, no variables.
 */
public final class OptionsFiles {
  private OptionsFiles() {}

  public static SpecOptions of(Path spec) {
    String name = spec.getFileName().toString();
    Path file = spec.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".options");
    if (!Files.exists(file)) {
      return SpecOptions.none();
    }
    String[] words;
    try {
      words = Files.readString(file).trim().split("\\s+");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<String> stage = Optional.empty();
    Map<String, String> variables = new TreeMap<>();
    for (int i = 0; i < words.length; i++) {
      switch (words[i]) {
        case "--stage" -> stage = Optional.of(words[++i]);
        case "--var" -> {
          String[] pair = words[++i].split("=", 2);
          variables.put(pair[0], pair[1]);
        }
        default -> throw new IllegalArgumentException(file + ": unknown option " + words[i]);
      }
    }
    return new SpecOptions(stage, variables, Map.of());
  }
}
