package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * {@code stage NAME { ... }}: how one environment (staging, prod) differs from the settings written
 * outside any stage. Only what a stage says is here; everything else comes from the base.
 *
 * @param app the app settings the stage replaces
 * @param services per-service overrides, each naming a service the base declares
 */
public record Stage(
    Located<String> name, AppOverrides app, List<ServiceOverrides> services, Span span) {
  public Stage {
    requireNonNull(name, "name is null");
    requireNonNull(app, "app is null");
    services = List.copyOf(services);
    requireNonNull(span, "span is null");
  }

  /**
   * App statements in a stage. Each replaces the base's value; {@code network} replaces the whole
   * network block; tags are merged by key.
   */
  public record AppOverrides(
      Optional<Located<String>> region,
      Optional<Located<String>> account,
      Optional<Located<String>> cluster,
      Optional<Located<String>> executionRole,
      Optional<Located<String>> taskRole,
      Optional<Located<String>> registry,
      Optional<Network> network,
      List<Tag> tags,
      Optional<ImageSettings> images,
      Optional<Located<String>> schedulerRole,
      Optional<LoadBalancer> loadBalancer,
      Optional<Located<String>> namespace) {
    public AppOverrides {
      requireNonNull(schedulerRole, "schedulerRole is null");
      requireNonNull(loadBalancer, "loadBalancer is null");
      requireNonNull(region, "region is null");
      requireNonNull(account, "account is null");
      requireNonNull(cluster, "cluster is null");
      requireNonNull(executionRole, "executionRole is null");
      requireNonNull(taskRole, "taskRole is null");
      requireNonNull(registry, "registry is null");
      requireNonNull(network, "network is null");
      tags = List.copyOf(tags);
      requireNonNull(images, "images is null");
      requireNonNull(namespace, "namespace is null");
    }
  }

  /**
   * {@code service NAME { ... }} in a stage. Each setting replaces the base's; env and secrets are
   * merged by variable name (a stage overrides a value or adds a variable).
   */
  public record ServiceOverrides(
      Located<String> name,
      Optional<Located<String>> image,
      Optional<Located<Integer>> replicas,
      Optional<Located<Integer>> cpu,
      Optional<Located<Integer>> memory,
      Optional<Scaling> scaling,
      List<EnvVar> env,
      List<SecretRef> secrets,
      Span span) {
    public ServiceOverrides {
      requireNonNull(name, "name is null");
      requireNonNull(image, "image is null");
      requireNonNull(replicas, "replicas is null");
      requireNonNull(cpu, "cpu is null");
      requireNonNull(memory, "memory is null");
      requireNonNull(scaling, "scaling is null");
      env = List.copyOf(env);
      secrets = List.copyOf(secrets);
      requireNonNull(span, "span is null");
    }
  }
}
