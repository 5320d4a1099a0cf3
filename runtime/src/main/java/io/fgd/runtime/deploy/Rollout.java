package io.fgd.runtime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a live service's rollout stands, read from one DescribeServices answer: for {@code fgd
 * plan}, which shows an unfinished or failed rollout as the state of the service (not as a change),
 * and for {@code fgd apply}, which waits for a rollout in flight and leaves the dependants of a
 * failed one alone.
 *
 * <p>Judged on the PRIMARY deployment, the one ECS is moving the service to, the same way {@link
 * DeploymentWatcher} judges success:
 *
 * <ul>
 *   <li>{@link Failed}: the PRIMARY's rollout state is FAILED (the circuit breaker or an alarm
 *       stopped it and ECS did not roll back, so the service stays on it), or a deployment still
 *       listed beside an unfinished PRIMARY is FAILED (ECS is rolling back to the PRIMARY's
 *       revision).
 *   <li>{@link Steady}: the PRIMARY's rollout is COMPLETED and it runs as many tasks as desired
 *       (also when a rollback has finished and the FAILED deployment is still listed); for services
 *       without rollout states (CODE_DEPLOY and EXTERNAL controllers, Classic Load Balancers), the
 *       PRIMARY is the only deployment and runs as many tasks as desired.
 *   <li>{@link InProgress}: anything else, including a COMPLETED rollout running fewer tasks than
 *       desired (tasks replaced after a crash, a scale-out under way).
 * </ul>
 */
public sealed interface Rollout {

  /** The service name. */
  String service();

  /** Whether the service is settled: nothing to wait for. */
  default boolean isSteady() {
    return this instanceof Steady;
  }

  /** Whether the service's newest deployment failed: its dependants must not be touched. */
  default boolean isFailed() {
    return this instanceof Failed;
  }

  /**
   * One line for the plan, for example {@code service "api": rollout in progress, 1 of 3 tasks
   * running, started 4m ago}; empty when the service is steady.
   *
   * @param now the time the age of an unfinished rollout is measured to
   */
  Optional<String> describe(Instant now);

  /**
   * The service has settled on {@code taskDefinitionArn}.
   *
   * @param taskDefinitionArn the revision the PRIMARY deployment runs
   */
  record Steady(String service, String taskDefinitionArn, int running, int desired)
      implements Rollout {
    public Steady {
      Objects.requireNonNull(service, "service is null");
    }

    @Override
    public Optional<String> describe(Instant now) {
      return Optional.empty();
    }
  }

  /**
   * ECS is still moving the service to {@code taskDefinitionArn}.
   *
   * @param deploymentId the PRIMARY deployment's id
   * @param taskDefinitionArn the revision the PRIMARY deployment runs
   * @param running the PRIMARY's running tasks
   * @param desired the tasks the PRIMARY should run
   * @param pending the PRIMARY's pending tasks
   * @param failedTasks tasks of the PRIMARY that failed to start, as ECS counts them for the
   *     circuit breaker
   * @param startedAt when ECS created the deployment; empty if ECS did not say
   */
  record InProgress(
      String service,
      String deploymentId,
      String taskDefinitionArn,
      int running,
      int desired,
      int pending,
      int failedTasks,
      Optional<Instant> startedAt)
      implements Rollout {
    public InProgress {
      Objects.requireNonNull(service, "service is null");
      Objects.requireNonNull(startedAt, "startedAt is null");
    }

    /** How long ago the deployment was created, if ECS said when. */
    public Optional<Duration> age(Instant now) {
      return startedAt.map(t -> t.isAfter(now) ? Duration.ZERO : Duration.between(t, now));
    }

    @Override
    public Optional<String> describe(Instant now) {
      StringBuilder s = new StringBuilder();
      s.append("service \"").append(service).append("\": rollout in progress, ");
      s.append(running).append(" of ").append(desired).append(desired == 1 ? " task" : " tasks");
      s.append(" running");
      if (failedTasks > 0) {
        s.append(", ").append(failedTasks).append(" failed to start");
      }
      age(now).ifPresent(a -> s.append(", started ").append(ago(a)));
      return Optional.of(s.toString());
    }
  }

  /**
   * The service's newest deployment failed.
   *
   * @param deploymentId the failed deployment's id
   * @param taskDefinitionArn the revision the failed deployment was rolling out
   * @param rolledBackTo the revision ECS rolled back to (the PRIMARY's), empty when ECS did not
   *     roll back and the service stays on the failed deployment
   * @param running tasks the failed deployment runs
   * @param desired tasks it should run
   * @param reason ECS's {@code rolloutStateReason}, or failing that the newest event saying the
   *     deployment failed; empty if ECS gave neither
   * @param events the service events about the failure (failed, rolling back), oldest first
   */
  record Failed(
      String service,
      String deploymentId,
      String taskDefinitionArn,
      Optional<String> rolledBackTo,
      int running,
      int desired,
      Optional<String> reason,
      List<String> events)
      implements Rollout {
    public Failed {
      Objects.requireNonNull(service, "service is null");
      Objects.requireNonNull(rolledBackTo, "rolledBackTo is null");
      Objects.requireNonNull(reason, "reason is null");
      events = List.copyOf(events);
    }

    @Override
    public Optional<String> describe(Instant now) {
      StringBuilder s = new StringBuilder();
      s.append("service \"").append(service).append("\": rollout of ");
      s.append(Arns.shortName(taskDefinitionArn)).append(" failed, ");
      if (rolledBackTo.isPresent()) {
        s.append("ECS rolled back to ").append(Arns.shortName(rolledBackTo.get()));
      } else {
        s.append("not rolled back, ").append(running).append(" of ").append(desired);
        s.append(desired == 1 ? " task" : " tasks").append(" running");
      }
      reason.ifPresent(r -> s.append(": ").append(r));
      return Optional.of(s.toString());
    }
  }

  /**
   * The rollout state of one service, from its DescribeServices JSON in ECS wire shape (as {@code
   * ObservedService.json()} holds it; timestamps as ISO-8601 text or as epoch seconds, as ECS sends
   * them).
   *
   * @throws IllegalArgumentException if {@code service} is not an object with a {@code serviceName}
   */
  static Rollout of(JsonNode service) {
    Objects.requireNonNull(service, "service is null");
    String name = text(service, "serviceName");
    if (!service.isObject() || name == null) {
      throw new IllegalArgumentException("not a DescribeServices service: no serviceName");
    }
    List<JsonNode> deployments = new ArrayList<>();
    service.path("deployments").forEach(deployments::add);
    JsonNode primary =
        deployments.stream()
            .filter(d -> "PRIMARY".equals(text(d, "status")))
            .findFirst()
            .orElse(null);
    if (primary == null) {
      // A service ECS has not started deploying (or an emulator that keeps no deployments).
      return new Steady(
          name,
          text(service, "taskDefinition"),
          service.path("runningCount").asInt(),
          service.path("desiredCount").asInt());
    }
    if ("FAILED".equals(text(primary, "rolloutState"))) {
      return failed(name, service, primary, Optional.empty());
    }
    int running = primary.path("runningCount").asInt();
    int desired = primary.path("desiredCount").asInt();
    String state = text(primary, "rolloutState");
    if (running == desired && "COMPLETED".equals(state)) {
      // Settled, even if a FAILED deployment is still listed while it drains: a rollback that
      // has finished leaves the service steady on the revision it went back to.
      return new Steady(name, text(primary, "taskDefinition"), running, desired);
    }
    JsonNode failedBeside =
        deployments.stream()
            .filter(d -> d != primary && "FAILED".equals(text(d, "rolloutState")))
            .max(
                (a, b) ->
                    instant(a, "createdAt")
                        .orElse(Instant.MIN)
                        .compareTo(instant(b, "createdAt").orElse(Instant.MIN)))
            .orElse(null);
    if (failedBeside != null) {
      return failed(
          name, service, failedBeside, Optional.ofNullable(text(primary, "taskDefinition")));
    }
    if (running == desired && state == null && deployments.size() == 1) {
      return new Steady(name, text(primary, "taskDefinition"), running, desired);
    }
    return new InProgress(
        name,
        text(primary, "id"),
        text(primary, "taskDefinition"),
        running,
        desired,
        primary.path("pendingCount").asInt(),
        primary.path("failedTasks").asInt(),
        instant(primary, "createdAt"));
  }

  private static Failed failed(
      String name, JsonNode service, JsonNode deployment, Optional<String> rolledBackTo) {
    String id = text(deployment, "id");
    Optional<Instant> since = instant(deployment, "createdAt");
    // ECS lists the newest event first; keep those about this failure, oldest first.
    List<String> events = new ArrayList<>();
    String failedEvent = null;
    for (JsonNode event : service.path("events")) {
      String message = text(event, "message");
      if (message == null) {
        continue;
      }
      Optional<Instant> at = instant(event, "createdAt");
      if (since.isPresent() && at.isPresent() && at.get().isBefore(since.get())) {
        continue;
      }
      boolean aboutIt =
          (id != null && message.contains(id))
              || message.contains("deployment failed")
              || message.contains("rolling back");
      if (aboutIt) {
        events.add(0, message);
        if (failedEvent == null && message.contains("deployment failed")) {
          failedEvent = message;
        }
      }
    }
    String reason = text(deployment, "rolloutStateReason");
    if (reason == null || reason.isBlank()) {
      reason = failedEvent;
    }
    return new Failed(
        name,
        id,
        text(deployment, "taskDefinition"),
        rolledBackTo,
        deployment.path("runningCount").asInt(),
        deployment.path("desiredCount").asInt(),
        Optional.ofNullable(reason).map(String::strip).filter(r -> !r.isEmpty()),
        events);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** An ECS timestamp: epoch seconds (with a fraction) on the wire, ISO-8601 text in fgd's JSON. */
  private static Optional<Instant> instant(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return Optional.of(Instant.ofEpochMilli(Math.round(value.asDouble() * 1000)));
    }
    try {
      return Optional.of(Instant.parse(value.asText()));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** 45s ago, 4m ago, 1h5m ago; "just now" under a second. */
  private static String ago(Duration age) {
    long seconds = age.toSeconds();
    if (seconds < 1) {
      return "just now";
    }
    if (seconds < 60) {
      return seconds + "s ago";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + "m ago";
    }
    long hours = minutes / 60;
    long rest = minutes % 60;
    return hours + "h" + (rest == 0 ? "" : rest + "m") + " ago";
  }
}
