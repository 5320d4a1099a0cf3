package io.fgd.runtime.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the spec asks for, built only from the compiler's artifacts ({@code <service>/taskdef.json},
 * {@code <service>/service.json}, optional {@code <service>/scaling.json} and {@code
 * <service>/logs.json}, optional {@code <service>/ecr.json} and {@code
 * <service>/before_deploy.json}), so the planner depends on the emitted contract and not on the
 * emitter's code. Other artifacts (Dockerfiles) are ignored.
 *
 * @param services by name, sorted
 * @param jobs the scheduled jobs ({@code <job>/schedule.json} beside its taskdef.json), by name
 * @param prune whether the plan is for {@code --prune}, which deletes what the app no longer uses:
 *     the plan then also looks for objects only {@code --prune} deletes and that the spec's reads
 *     would not find (fgd's load balancer and groups once the app's last route has gone)
 */
public record DesiredState(
    String app,
    String cluster,
    Map<String, DesiredService> services,
    Map<String, DesiredJob> jobs,
    boolean prune) {
  /** A spec without jobs. */
  public DesiredState(String app, String cluster, Map<String, DesiredService> services) {
    this(app, cluster, services, Map.of());
  }

  /** A plan without {@code --prune}. */
  public DesiredState(
      String app,
      String cluster,
      Map<String, DesiredService> services,
      Map<String, DesiredJob> jobs) {
    this(app, cluster, services, jobs, false);
  }

  /** The same spec, planned for {@code --prune} or not. */
  public DesiredState withPrune(boolean value) {
    return new DesiredState(app, cluster, services, jobs, value);
  }

  /**
   * The image tag the CLI compiles build services with when there is no {@code --image-tag}: the
   * plan then keeps whatever image is live instead of proposing a placeholder.
   */
  public static final String KEEP_LIVE_IMAGE_TAG = "fgd-keep-live-image";

  private static final ObjectMapper JSON = new ObjectMapper();

  public DesiredState {
    requireNonNull(app, "app is null");
    requireNonNull(cluster, "cluster is null");
    services = new TreeMap<>(services);
    services = java.util.Collections.unmodifiableMap(services);
    jobs = java.util.Collections.unmodifiableMap(new TreeMap<>(jobs));
  }

  /** Whether an image reference is the keep-live placeholder. */
  public static boolean isPlaceholderImage(String image) {
    return image.endsWith(":" + KEEP_LIVE_IMAGE_TAG);
  }

  public static DesiredState fromArtifacts(String app, List<Artifact> artifacts)
      throws PlanInputException {
    Map<String, Map<String, ObjectNode>> byService = new TreeMap<>();
    for (Artifact a : artifacts) {
      String[] parts = a.path().split("/");
      if (parts.length != 2 || !parts[1].endsWith(".json")) {
        continue;
      }
      String kind = parts[1];
      if (!List.of(
              "taskdef.json",
              "service.json",
              "scaling.json",
              "logs.json",
              "ecr.json",
              "schedule.json",
              "before_deploy.json",
              "routes.json",
              "alarms.json")
          .contains(kind)) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(a.content());
      } catch (java.io.IOException e) {
        throw new PlanInputException(a.path() + " is not valid JSON: " + e.getMessage());
      }
      if (!(node instanceof ObjectNode object)) {
        throw new PlanInputException(a.path() + " must hold a JSON object");
      }
      byService.computeIfAbsent(parts[0], k -> new TreeMap<>()).put(kind, object);
    }
    Map<String, DesiredService> services = new TreeMap<>();
    Map<String, DesiredJob> jobs = new TreeMap<>();
    String cluster = null;
    for (var entry : byService.entrySet()) {
      String name = entry.getKey();
      ObjectNode taskdef = entry.getValue().get("taskdef.json");
      ObjectNode service = entry.getValue().get("service.json");
      ObjectNode schedule = entry.getValue().get("schedule.json");
      if (schedule != null && service == null) {
        if (taskdef == null) {
          throw new PlanInputException("job \"" + name + "\" needs taskdef.json to be planned");
        }
        requireText(taskdef, "family", name + "/taskdef.json");
        jobs.put(
            name,
            new DesiredJob(
                name,
                taskdef,
                schedule,
                logGroupsOf(taskdef),
                retentionOf(entry.getValue().get("logs.json")),
                logGroupTagsOf(entry.getValue().get("logs.json"))));
        continue;
      }
      if (taskdef == null || service == null) {
        throw new PlanInputException(
            "service \"" + name + "\" needs both taskdef.json and service.json to be planned");
      }
      String serviceCluster = requireText(service, "cluster", name + "/service.json");
      requireText(taskdef, "family", name + "/taskdef.json");
      String serviceName = requireText(service, "serviceName", name + "/service.json");
      if (!serviceName.equals(name)) {
        throw new PlanInputException(
            name
                + "/service.json names service \""
                + serviceName
                + "\" instead of \""
                + name
                + "\"");
      }
      if (cluster != null && !cluster.equals(serviceCluster)) {
        throw new PlanInputException(
            "services run in different clusters (\""
                + cluster
                + "\" and \""
                + serviceCluster
                + "\"); one plan covers one cluster");
      }
      cluster = serviceCluster;
      services.put(
          name,
          new DesiredService(
              name,
              taskdef,
              service,
              Optional.ofNullable(entry.getValue().get("scaling.json")),
              logGroupsOf(taskdef),
              retentionOf(entry.getValue().get("logs.json")),
              logGroupTagsOf(entry.getValue().get("logs.json")),
              Optional.ofNullable(entry.getValue().get("ecr.json")),
              Optional.ofNullable(entry.getValue().get("before_deploy.json")),
              Optional.ofNullable(entry.getValue().get("routes.json")),
              Optional.ofNullable(entry.getValue().get("alarms.json"))));
    }
    if (cluster == null && !jobs.isEmpty()) {
      cluster = clusterOf(jobs.values().iterator().next().schedule());
    }
    if (cluster == null) {
      throw new PlanInputException("the spec has no services to plan");
    }
    return new DesiredState(app, cluster, services, jobs);
  }

  /** The cluster name of a schedule's target, {@code arn:...:cluster/NAME}. */
  private static String clusterOf(ObjectNode schedule) throws PlanInputException {
    String arn = schedule.path("Target").path("Arn").asText("");
    int slash = arn.lastIndexOf(":cluster/");
    if (slash < 0) {
      throw new PlanInputException("a schedule.json has no cluster ARN as its target");
    }
    return arn.substring(slash + ":cluster/".length());
  }

  /** The retention logs.json sets, by log group; none without the file or its "retention". */
  private static Map<String, Integer> retentionOf(ObjectNode logs) {
    Map<String, Integer> out = new TreeMap<>();
    JsonNode retention = logs == null ? null : logs.get("retention");
    if (retention != null && retention.path("retentionInDays").isInt()) {
      out.put(retention.path("logGroupName").asText(), retention.path("retentionInDays").asInt());
    }
    return out;
  }

  /** The tags logs.json gives its log group, by log group; none without the file. */
  private static Map<String, Map<String, String>> logGroupTagsOf(ObjectNode logs) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    JsonNode group = logs == null ? null : logs.get("logGroup");
    if (group != null && group.path("logGroupName").isTextual()) {
      Map<String, String> tags = new TreeMap<>();
      group
          .path("tags")
          .fields()
          .forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
      out.put(group.path("logGroupName").asText(), tags);
    }
    return out;
  }

  private static List<String> logGroupsOf(ObjectNode taskdef) {
    List<String> groups = new ArrayList<>();
    for (JsonNode c : taskdef.path("containerDefinitions")) {
      JsonNode log = c.path("logConfiguration");
      String group = log.path("options").path("awslogs-group").asText("");
      if ("awslogs".equals(log.path("logDriver").asText())
          && !group.isEmpty()
          && !groups.contains(group)) {
        groups.add(group);
      }
    }
    return groups;
  }

  private static String requireText(ObjectNode node, String field, String where)
      throws PlanInputException {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new PlanInputException(where + " has no \"" + field + "\"");
    }
    return value.asText();
  }

  public static String toJson(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
