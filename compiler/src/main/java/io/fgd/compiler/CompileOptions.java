package io.fgd.compiler;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Inputs to compilation that do not come from the spec.
 *
 * @param imageTag the tag of images fgd builds from source ({@code --image-tag}), typically the
 *     commit SHA CI is building; required when a service has a {@code build} and no {@code image}
 */
public record CompileOptions(Optional<String> imageTag) {
  public CompileOptions {
    requireNonNull(imageTag, "imageTag is null");
  }

  public static CompileOptions defaults() {
    return new CompileOptions(Optional.empty());
  }
}
