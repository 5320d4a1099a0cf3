package io.fgd.runtime.kinds.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a schedule fgd manages, in one normal form for both sides: the spec's {@code
 * schedule.json} and GetSchedule's answer. Scheduler fills what a request leaves out (the time zone
 * UTC, State ENABLED, the retry policy's 185 attempts in 24 hours, one task, no public IP), so
 * those defaults are filled on both sides; lists whose order means nothing (subnets, security
 * groups) are sorted. What fgd does not manage (description, start and end dates, a dead-letter
 * queue, the KMS key, placement) is not in the form, so it is never shown as a change; import warns
 * about it.
 */
public final class ScheduleForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ScheduleForm() {}

  /** The normal form of a CreateSchedule input or a GetSchedule answer (PascalCase). */
  public static ObjectNode of(JsonNode s) {
    ObjectNode out = NODES.objectNode();
    out.put("ScheduleExpression", s.path("ScheduleExpression").asText(""));
    out.put("ScheduleExpressionTimezone", text(s.path("ScheduleExpressionTimezone"), "UTC"));
    out.put("State", text(s.path("State"), "ENABLED"));
    JsonNode window = s.path("FlexibleTimeWindow");
    ObjectNode w = out.putObject("FlexibleTimeWindow");
    w.put("Mode", text(window.path("Mode"), "OFF"));
    if (window.path("MaximumWindowInMinutes").isNumber()) {
      w.put("MaximumWindowInMinutes", window.path("MaximumWindowInMinutes").asInt());
    }
    JsonNode target = s.path("Target");
    ObjectNode t = out.putObject("Target");
    t.put("Arn", target.path("Arn").asText(""));
    t.put("RoleArn", target.path("RoleArn").asText(""));
    JsonNode retry = target.path("RetryPolicy");
    ObjectNode r = t.putObject("RetryPolicy");
    r.put("MaximumEventAgeInSeconds", number(retry.path("MaximumEventAgeInSeconds"), 86400));
    r.put("MaximumRetryAttempts", number(retry.path("MaximumRetryAttempts"), 185));
    JsonNode ecs = target.path("EcsParameters");
    ObjectNode e = t.putObject("EcsParameters");
    e.put("EnableECSManagedTags", ecs.path("EnableECSManagedTags").asBoolean(false));
    e.put("EnableExecuteCommand", ecs.path("EnableExecuteCommand").asBoolean(false));
    e.put("LaunchType", text(ecs.path("LaunchType"), ""));
    JsonNode vpc = ecs.path("NetworkConfiguration").path("awsvpcConfiguration");
    ObjectNode v = e.putObject("NetworkConfiguration").putObject("awsvpcConfiguration");
    v.put("AssignPublicIp", text(vpc.path("AssignPublicIp"), "DISABLED"));
    v.set("SecurityGroups", sorted(vpc.path("SecurityGroups")));
    v.set("Subnets", sorted(vpc.path("Subnets")));
    e.put("PlatformVersion", text(ecs.path("PlatformVersion"), "LATEST"));
    e.put("PropagateTags", text(ecs.path("PropagateTags"), ""));
    e.put("TaskCount", number(ecs.path("TaskCount"), 1));
    e.put("TaskDefinitionArn", ecs.path("TaskDefinitionArn").asText(""));
    return out;
  }

  /**
   * What a live schedule has that fgd does not manage, in the words of import's warnings: each is
   * something {@link #of} leaves out, so the plan neither shows nor keeps it.
   */
  public static List<String> unmanaged(JsonNode live) {
    List<String> out = new ArrayList<>();
    for (String field : List.of("Description", "StartDate", "EndDate", "KmsKeyArn")) {
      if (live.hasNonNull(field) && !live.path(field).asText("").isEmpty()) {
        out.add(field);
      }
    }
    if (!live.path("ActionAfterCompletion").asText("NONE").equals("NONE")) {
      out.add("ActionAfterCompletion");
    }
    JsonNode target = live.path("Target");
    for (String field : List.of("DeadLetterConfig", "Input")) {
      if (target.hasNonNull(field) && !target.path(field).isEmpty()) {
        out.add("Target." + field);
      }
    }
    JsonNode ecs = target.path("EcsParameters");
    for (String field :
        List.of(
            "CapacityProviderStrategy",
            "PlacementConstraints",
            "PlacementStrategy",
            "Group",
            "ReferenceId",
            "Tags")) {
      if (ecs.hasNonNull(field) && !ecs.path(field).isEmpty()) {
        out.add("Target.EcsParameters." + field);
      }
    }
    return out;
  }

  private static String text(JsonNode node, String otherwise) {
    String t = node.asText("");
    return t.isEmpty() ? otherwise : t;
  }

  private static int number(JsonNode node, int otherwise) {
    return node.isNumber() ? node.asInt() : otherwise;
  }

  private static ArrayNode sorted(JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    values.sort(null);
    ArrayNode out = NODES.arrayNode();
    values.forEach(out::add);
    return out;
  }
}
