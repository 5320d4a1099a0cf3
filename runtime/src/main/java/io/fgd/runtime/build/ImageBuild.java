package io.fgd.runtime.build;

import static java.util.Objects.requireNonNull;

/**
 * One image to build: a service of the spec with a {@code build}, its generated Dockerfile and
 * ignore file, and the reference the spec deploys, {@code REGISTRY/APP/SERVICE:TAG}.
 *
 * @param repository the service's {@code ecr.json}, when fgd owns its ECR repository: the
 *     repository is made before the first push
 */
public record ImageBuild(
    String service,
    ImageRef image,
    String dockerfile,
    String dockerignore,
    java.util.Optional<String> repository) {
  public ImageBuild {
    requireNonNull(service, "service is null");
    requireNonNull(image, "image is null");
    requireNonNull(dockerfile, "dockerfile is null");
    requireNonNull(dockerignore, "dockerignore is null");
    requireNonNull(repository, "repository is null");
  }

  public ImageBuild(String service, ImageRef image, String dockerfile, String dockerignore) {
    this(service, image, dockerfile, dockerignore, java.util.Optional.empty());
  }
}
