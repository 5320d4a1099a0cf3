package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * One ECS service: a task definition family, the service that keeps its tasks running, and
 * optionally the autoscaling that sizes it.
 *
 * @param name the service's name; also its task definition family ({@code <app>-<name>}), its main
 *     container's name and its log stream prefix
 * @param container the main container: image, ports, env, secrets, task size, health
 * @param build how to build the image from source when there is no {@code image}
 * @param replicas how many tasks run (ECS desiredCount); 1 unless said. With {@code scale}, the
 *     starting count only: autoscaling owns it afterwards
 * @param scaling target-tracking autoscaling between two bounds
 * @param deployment rolling-deployment settings; the defaults are ECS's plus the circuit breaker
 * @param logs where container output goes; awslogs to {@code /ecs/<app>/<service>} unless said
 * @param tags tags on the service and its task definition, on top of the app's
 * @param sidecars more containers in the same task, such as a log router or a proxy
 * @param dependsOn services that must be applied (and healthy) before this one
 * @param settings architecture, ephemeral storage and ECS Exec
 * @param beforeDeploy a command {@code fgd apply} runs to completion in one task of the service's
 *     new task definition (its main container's command replaced by this one) before the service is
 *     created or updated, such as a database migration; a non-zero exit stops the apply
 * @param routes the HTTP traffic the app's load balancer sends to the service
 */
public record Service(
    Located<String> name,
    Container container,
    Optional<Build> build,
    Optional<Located<Integer>> replicas,
    Optional<Scaling> scaling,
    Optional<Deployment> deployment,
    Optional<Logs> logs,
    List<Tag> tags,
    List<Sidecar> sidecars,
    List<Located<String>> dependsOn,
    TaskSettings settings,
    Optional<Located<List<String>>> beforeDeploy,
    List<Route> routes,
    Span span) {
  /** A service with no task to run before it is deployed and no routes. */
  public Service(
      Located<String> name,
      Container container,
      Optional<Build> build,
      Optional<Located<Integer>> replicas,
      Optional<Scaling> scaling,
      Optional<Deployment> deployment,
      Optional<Logs> logs,
      List<Tag> tags,
      List<Sidecar> sidecars,
      List<Located<String>> dependsOn,
      TaskSettings settings,
      Span span) {
    this(
        name,
        container,
        build,
        replicas,
        scaling,
        deployment,
        logs,
        tags,
        sidecars,
        dependsOn,
        settings,
        Optional.empty(),
        List.of(),
        span);
  }

  /** A service with Fargate's default platform settings. */
  public Service(
      Located<String> name,
      Container container,
      Optional<Build> build,
      Optional<Located<Integer>> replicas,
      Optional<Scaling> scaling,
      Optional<Deployment> deployment,
      Optional<Logs> logs,
      List<Tag> tags,
      List<Sidecar> sidecars,
      List<Located<String>> dependsOn,
      Span span) {
    this(
        name,
        container,
        build,
        replicas,
        scaling,
        deployment,
        logs,
        tags,
        sidecars,
        dependsOn,
        TaskSettings.NONE,
        span);
  }

  public Service {
    requireNonNull(name, "name is null");
    requireNonNull(container, "container is null");
    requireNonNull(build, "build is null");
    requireNonNull(replicas, "replicas is null");
    requireNonNull(scaling, "scaling is null");
    requireNonNull(deployment, "deployment is null");
    requireNonNull(logs, "logs is null");
    tags = List.copyOf(tags);
    sidecars = List.copyOf(sidecars);
    dependsOn = List.copyOf(dependsOn);
    requireNonNull(settings, "settings is null");
    requireNonNull(beforeDeploy, "beforeDeploy is null");
    routes = List.copyOf(routes);
    requireNonNull(span, "span is null");
  }

  /**
   * The container ports this service offers to the app's other services through ECS Service Connect
   * ({@code port N offer}), in the order written: the ports a security group of the app's tasks
   * must admit from the app's tasks.
   */
  public List<Integer> serviceConnectPorts() {
    return ServiceConnect.ports(this);
  }
}
