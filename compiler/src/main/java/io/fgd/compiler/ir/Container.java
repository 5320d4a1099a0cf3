package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * What a service's main container and its sidecars have in common.
 *
 * @param image the image reference; for a service with a {@code build} and no image, fgd uses the
 *     app's registry and the tag given at compile time
 * @param ports container ports; on awsvpc the host port always equals the container port
 * @param env plain environment variables, for values that are not secret
 * @param secrets environment variables whose values ECS injects from Secrets Manager or SSM; fgd
 *     only ever handles their references
 * @param cpu CPU units (1024 = 1 vCPU). For a service: the task size; for a sidecar: its share
 * @param memory MiB. For a service: the task size; for a sidecar: its hard limit
 * @param health the container health check, or an explicit {@code health none}
 * @param command overrides the image's CMD
 * @param entrypoint overrides the image's ENTRYPOINT
 * @param settings how the container starts and stops: stop timeout, read-only root, init, ulimits,
 *     start order
 */
public record Container(
    Optional<Located<String>> image,
    List<Port> ports,
    List<EnvVar> env,
    List<SecretRef> secrets,
    Optional<Located<Integer>> cpu,
    Optional<Located<Integer>> memory,
    Optional<Health> health,
    Optional<Located<List<String>>> command,
    Optional<Located<List<String>>> entrypoint,
    ContainerSettings settings,
    Span span) {
  /** A container with no start or stop settings. */
  public Container(
      Optional<Located<String>> image,
      List<Port> ports,
      List<EnvVar> env,
      List<SecretRef> secrets,
      Optional<Located<Integer>> cpu,
      Optional<Located<Integer>> memory,
      Optional<Health> health,
      Optional<Located<List<String>>> command,
      Optional<Located<List<String>>> entrypoint,
      Span span) {
    this(
        image,
        ports,
        env,
        secrets,
        cpu,
        memory,
        health,
        command,
        entrypoint,
        ContainerSettings.NONE,
        span);
  }

  public Container {
    requireNonNull(image, "image is null");
    ports = List.copyOf(ports);
    env = List.copyOf(env);
    secrets = List.copyOf(secrets);
    requireNonNull(cpu, "cpu is null");
    requireNonNull(memory, "memory is null");
    requireNonNull(health, "health is null");
    requireNonNull(command, "command is null");
    requireNonNull(entrypoint, "entrypoint is null");
    requireNonNull(settings, "settings is null");
    requireNonNull(span, "span is null");
  }
}
