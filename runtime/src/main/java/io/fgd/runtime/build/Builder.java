package io.fgd.runtime.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One image builder fgd can drive, as the argument lists of its commands. fgd never goes through a
 * shell, and a registry password only ever reaches {@link #login} on standard input.
 *
 * <p>Where a build must authenticate (pushing to ECR, pulling an ECR base), every command gets the
 * same temporary credentials: buildah and podman an auth file ({@code --authfile}), docker a
 * configuration folder ({@code --config}). Without one they use the builder's own login.
 */
public enum Builder {
  DOCKER("docker", "Docker with buildx"),
  PODMAN("podman", "Podman"),
  BUILDAH("buildah", "Buildah");

  private final String command;
  private final String product;

  Builder(String command, String product) {
    this.command = command;
    this.product = product;
  }

  /** The program: docker, podman, buildah. */
  public String command() {
    return command;
  }

  /** For people: "Docker with buildx". */
  public String product() {
    return product;
  }

  public static Optional<Builder> named(String name) {
    for (Builder b : values()) {
      if (b.command.equalsIgnoreCase(name)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  /**
   * What one build needs.
   *
   * @param image the reference to tag the image with, {@code HOST/APP/SERVICE:TAG}
   * @param dockerfile the generated Dockerfile, outside the context
   * @param ignoreFile the generated ignore file for that Dockerfile
   * @param context the spec's folder
   * @param plainHttp whether the registry is on loopback: no TLS (docker's own rule for
   *     127.0.0.0/8)
   * @param credentials the auth file (buildah, podman) or config folder (docker), if logged in
   * @param cacheRepository where to read and write the layer cache, with {@code --cache}
   * @param metadata a file the builder writes the pushed image's digest into
   */
  public record Job(
      String image,
      Path dockerfile,
      Path ignoreFile,
      Path context,
      boolean plainHttp,
      Optional<Path> credentials,
      Optional<String> cacheRepository,
      Path metadata) {}

  /** {@code login --username USER --password-stdin HOST}, into the temporary credentials. */
  public List<String> login(String host, String user, Path credentials, boolean plainHttp) {
    List<String> argv = new ArrayList<>();
    argv.add(command);
    if (this == DOCKER) {
      argv.addAll(List.of("--config", credentials.toString(), "login"));
    } else {
      argv.addAll(List.of("login", "--authfile", credentials.toString()));
      if (plainHttp) {
        argv.add("--tls-verify=false");
      }
    }
    argv.addAll(List.of("--username", user, "--password-stdin", host));
    return argv;
  }

  /**
   * The build. With docker (buildx), {@code push} builds and pushes in one step and the digest
   * lands in the metadata file; buildah and podman push in {@link #push}.
   */
  public List<String> build(Job job, boolean push) {
    List<String> argv = new ArrayList<>();
    argv.add(command);
    if (this == DOCKER) {
      job.credentials().ifPresent(c -> argv.addAll(List.of("--config", c.toString())));
      argv.addAll(List.of("buildx", "build", "--file", job.dockerfile().toString()));
      argv.addAll(List.of("--tag", job.image(), "--progress", "plain"));
      argv.add(push ? "--push" : "--load");
      if (push) {
        argv.addAll(List.of("--metadata-file", job.metadata().toString()));
      }
      job.cacheRepository()
          .ifPresent(
              cache -> {
                argv.addAll(List.of("--cache-from", "type=registry,ref=" + cache));
                if (push) {
                  argv.addAll(List.of("--cache-to", "type=registry,ref=" + cache + ",mode=max"));
                }
              });
      argv.add(job.context().toString());
      return argv;
    }
    argv.add("build");
    job.credentials().ifPresent(c -> argv.addAll(List.of("--authfile", c.toString())));
    argv.addAll(List.of("--file", job.dockerfile().toString()));
    argv.addAll(List.of("--ignorefile", job.ignoreFile().toString()));
    argv.addAll(List.of("--tag", job.image()));
    if (job.plainHttp()) {
      argv.add("--tls-verify=false");
    }
    argv.add("--layers");
    job.cacheRepository()
        .ifPresent(
            cache -> {
              argv.addAll(List.of("--cache-from", cache));
              if (push) {
                argv.addAll(List.of("--cache-to", cache));
              }
            });
    argv.add(job.context().toString());
    return argv;
  }

  /** The push of buildah and podman, writing the pushed manifest's digest to the metadata file. */
  public Optional<List<String>> push(Job job) {
    if (this == DOCKER) {
      return Optional.empty();
    }
    List<String> argv = new ArrayList<>();
    argv.addAll(List.of(command, "push"));
    job.credentials().ifPresent(c -> argv.addAll(List.of("--authfile", c.toString())));
    if (job.plainHttp()) {
      argv.add("--tls-verify=false");
    }
    argv.addAll(List.of("--digestfile", job.metadata().toString(), job.image()));
    return Optional.of(argv);
  }
}
