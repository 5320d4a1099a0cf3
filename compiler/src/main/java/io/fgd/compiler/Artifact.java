package io.fgd.compiler;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

/**
 * One file compilation produces, such as {@code api/taskdef.json}.
 *
 * @param path relative to the output folder, with '/' separators; never absolute, never "..".
 */
public record Artifact(String path, byte[] content) {
  public Artifact {
    requireNonNull(path, "path is null");
    requireNonNull(content, "content is null");
    if (path.startsWith("/") || path.contains("\\") || ("/" + path + "/").contains("/../")) {
      throw new IllegalArgumentException(
          "artifact path must stay inside the output folder: " + path);
    }
    content = content.clone();
  }

  public static Artifact text(String path, String text) {
    return new Artifact(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }
}
