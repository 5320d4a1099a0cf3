package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * Where and as whom the app's services run.
 *
 * @param name the app's name: the prefix of log groups, ECR repositories and the ownership tag
 * @param region the AWS region, such as {@code us-west-1}
 * @param account the 12-digit AWS account id that owns the cluster and the ECR repositories
 * @param cluster the ECS cluster the services run in
 * @param executionRole the role ECS itself uses to pull images, read secrets and write logs
 * @param taskRole the role the application code runs as, if it calls AWS
 * @param registry the image repository prefix for services built from source; by default the
 *     account's ECR registry in the region, with one repository per service: {@code
 *     <app>/<service>}
 * @param network the awsvpc network every service's tasks are placed in
 * @param tags tags put on everything fgd creates, besides its own ownership tag
 * @param images the settings of the ECR repositories fgd owns ({@code images { keep 30 }})
 * @param schedulerRole the role EventBridge Scheduler assumes to start the jobs' tasks (it must
 *     allow ecs:RunTask on the jobs' task definitions, ecs:TagResource, and iam:PassRole on the
 *     task's roles); required when the spec has a job
 * @param loadBalancer the load balancer the services' routes are served by
 * @param namespace the Cloud Map namespace of the app's Service Connect names: a name (fgd creates
 *     an HTTP namespace of that name when none exists) or the ARN of an existing one, which fgd
 *     never changes; when absent and a service offers a port, the app's name
 */
public record App(
    Located<String> name,
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
    Optional<Located<String>> namespace,
    Span span) {
  /**
   * An app whose spec has no images settings, no scheduler role, no load balancer and no namespace.
   */
  public App(
      Located<String> name,
      Optional<Located<String>> region,
      Optional<Located<String>> account,
      Optional<Located<String>> cluster,
      Optional<Located<String>> executionRole,
      Optional<Located<String>> taskRole,
      Optional<Located<String>> registry,
      Optional<Network> network,
      List<Tag> tags,
      Span span) {
    this(
        name,
        region,
        account,
        cluster,
        executionRole,
        taskRole,
        registry,
        network,
        tags,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        span);
  }

  public App {
    requireNonNull(loadBalancer, "loadBalancer is null");
    requireNonNull(name, "name is null");
    requireNonNull(region, "region is null");
    requireNonNull(account, "account is null");
    requireNonNull(cluster, "cluster is null");
    requireNonNull(executionRole, "executionRole is null");
    requireNonNull(taskRole, "taskRole is null");
    requireNonNull(registry, "registry is null");
    requireNonNull(network, "network is null");
    tags = List.copyOf(tags);
    requireNonNull(images, "images is null");
    requireNonNull(schedulerRole, "schedulerRole is null");
    requireNonNull(namespace, "namespace is null");
    requireNonNull(span, "span is null");
  }

  /** How many images each ECR repository of the app keeps. */
  public int keepImages() {
    return images
        .flatMap(ImageSettings::keep)
        .map(Located::value)
        .orElse(ImageSettings.DEFAULT_KEEP);
  }
}
