package io.fgd.runtime.build;

import static java.util.Objects.requireNonNull;

/**
 * One image to build: a service of the spec with a {@code build}, its generated Dockerfile and
 * ignore file, and the reference the spec deploys, {@code REGISTRY/APP/SERVICE:TAG}.
 */
public record ImageBuild(String service, ImageRef image, String dockerfile, String dockerignore) {
  public ImageBuild {
    requireNonNull(service, "service is null");
    requireNonNull(image, "image is null");
    requireNonNull(dockerfile, "dockerfile is null");
    requireNonNull(dockerignore, "dockerignore is null");
  }
}
