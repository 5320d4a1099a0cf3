package io.fgd.runtime.build;

import io.fgd.runtime.FgdRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which builder fgd drives: the one {@code --builder} names, else {@code docker buildx} where a
 * Docker daemon answers, else podman, else buildah (both daemonless).
 */
public final class Builders {
  private Builders() {}

  static final String INSTALL =
      "No image builder found: install Docker (with the buildx plugin and a running daemon),"
          + " Podman or Buildah, or name one on the PATH with --builder docker|podman|buildah.";

  /**
   * @param chosen {@code --builder}, if given
   * @param env the environment whose PATH is searched
   */
  public static Builder choose(
      Optional<String> chosen, Map<String, String> env, Processes processes)
      throws FgdRuntimeException, InterruptedException {
    if (chosen.isPresent()) {
      Builder b =
          Builder.named(chosen.get())
              .orElseThrow(
                  () ->
                      new FgdRuntimeException(
                          "--builder "
                              + chosen.get()
                              + " is not a builder fgd knows: use docker, podman or buildah."));
      if (Processes.onPath(b.command(), env).isEmpty()) {
        throw new FgdRuntimeException(
            "--builder "
                + b.command()
                + " was asked for, but there is no "
                + b.command()
                + " on the PATH: install "
                + b.product()
                + ", or choose another builder.");
      }
      return b;
    }
    if (Processes.onPath("docker", env).isPresent() && dockerDaemonAnswers(processes)) {
      return Builder.DOCKER;
    }
    for (Builder b : List.of(Builder.PODMAN, Builder.BUILDAH)) {
      if (Processes.onPath(b.command(), env).isPresent()) {
        return b;
      }
    }
    throw new FgdRuntimeException(INSTALL);
  }

  /** {@code docker info} succeeds only when the CLI reaches a daemon. */
  static boolean dockerDaemonAnswers(Processes processes) throws InterruptedException {
    return processes
        .run(
            List.of("docker", "info", "--format", "{{.ServerVersion}}"), null, null, line -> {}, 10)
        .ok();
  }
}
