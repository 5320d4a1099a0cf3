package io.fgd.cli;

import picocli.CommandLine.Option;

/** How images are built: shared by {@code fgd build} and {@code fgd apply --build}. */
final class BuilderOptions {
  @Option(
      names = "--builder",
      paramLabel = "NAME",
      description =
          "The builder to run: docker (buildx), podman or buildah. Default: docker where a Docker"
              + " daemon answers, else podman, else buildah.")
  String builder;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "2",
      description = "Build at most N images at a time. Default: ${DEFAULT-VALUE}.")
  int parallel;

  @Option(
      names = "--cache",
      description =
          "Read and write a layer cache in the registry, beside each repository"
              + " (REPOSITORY/cache), so a rebuild after a small change reuses the slow steps.")
  boolean cache;
}
