package io.fgd.runtime.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a generated Dockerfile copies from the build context, checked before any builder runs: each
 * source must exist, and must stay inside the spec's folder once links are followed. The builder
 * would find a missing file only after the steps before it ran, and would follow a link out of the
 * folder without a word; fgd says which path, at once, and builds nothing.
 */
public final class DockerfileInputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerfileInputs() {}

  /** The context paths a Dockerfile's COPY and ADD lines name (not those copied from a stage). */
  static List<String> sources(String dockerfile) {
    List<String> out = new ArrayList<>();
    for (String raw : dockerfile.split("\n")) {
      String line = raw.strip();
      String upper = line.toUpperCase(java.util.Locale.ROOT);
      if (!(upper.startsWith("COPY ") || upper.startsWith("ADD "))) {
        continue;
      }
      String rest = line.substring(line.indexOf(' ') + 1).strip();
      boolean fromStage = false;
      while (rest.startsWith("--")) {
        int space = rest.indexOf(' ');
        String flag = space < 0 ? rest : rest.substring(0, space);
        fromStage |= flag.startsWith("--from=");
        rest = space < 0 ? "" : rest.substring(space + 1).strip();
      }
      if (fromStage) {
        continue;
      }
      List<String> words = words(rest);
      if (words.size() >= 2) {
        out.addAll(words.subList(0, words.size() - 1));
      }
    }
    return out;
  }

  private static List<String> words(String arguments) {
    if (arguments.startsWith("[")) {
      try {
        List<String> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(arguments)) {
          out.add(n.asText());
        }
        return out;
      } catch (IOException e) {
        return List.of();
      }
    }
    return Arrays.stream(arguments.split("\\s+")).filter(w -> !w.isEmpty()).toList();
  }

  /**
   * The first problem with the inputs of {@code service}'s Dockerfile, as a sentence; empty when
   * every source is there.
   */
  public static Optional<String> problem(String service, String dockerfile, Path context) {
    Path root;
    try {
      root = context.toRealPath();
    } catch (IOException e) {
      return Optional.of("the build context " + context + " (the spec's folder) cannot be read.");
    }
    for (String source : sources(dockerfile)) {
      if (source.contains("://")) {
        continue; // ADD of a URL: not in the context
      }
      Path path = root.resolve(source).normalize();
      if (!path.startsWith(root)) {
        return Optional.of(outside(service, source, root));
      }
      if (source.contains("*") || source.contains("?") || source.contains("[")) {
        Optional<String> glob = glob(service, source, root);
        if (glob.isPresent()) {
          return glob;
        }
        continue;
      }
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(
            "service \""
                + service
                + "\": its build copies \""
                + source
                + "\", which does not exist in the build context "
                + root
                + " (the spec's folder).");
      }
      try {
        if (!path.toRealPath().startsWith(root)) {
          return Optional.of(outside(service, source, root));
        }
      } catch (IOException e) {
        return Optional.of(
            "service \""
                + service
                + "\": its build copies \""
                + source
                + "\", a link to something that does not exist.");
      }
    }
    return Optional.empty();
  }

  private static String outside(String service, String source, Path root) {
    return "service \""
        + service
        + "\": its build copies \""
        + source
        + "\", which is outside the build context "
        + root
        + " (the spec's folder); a build can only copy what is inside it.";
  }

  private static Optional<String> glob(String service, String source, Path root) {
    String pattern = source.startsWith("./") ? source.substring(2) : source;
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    try (Stream<Path> all = Files.walk(root, pattern.split("/").length)) {
      if (all.map(root::relativize).anyMatch(matcher::matches)) {
        return Optional.empty();
      }
    } catch (IOException e) {
      // fall through: nothing matched that could be read
    }
    return Optional.of(
        "service \""
            + service
            + "\": its build copies \""
            + source
            + "\", which matches nothing in the build context "
            + root
            + " (the spec's folder).");
  }
}
