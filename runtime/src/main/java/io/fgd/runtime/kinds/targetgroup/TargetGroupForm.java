package io.fgd.runtime.kinds.targetgroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * The normal form of a target group: routes.json's CreateTargetGroup request (with the VPC apply
 * uses and its attributes) and DescribeTargetGroups' answer (with DescribeTargetGroupAttributes and
 * DescribeTags) compare equal exactly when ModifyTargetGroup, ModifyTargetGroupAttributes and
 * AddTags would change nothing. Only what fgd sets is compared: ELBv2 answers with defaults fgd
 * does not set (timeout, unhealthy threshold, health check port, stickiness, algorithm...), which
 * are left out of both sides, so they never show as changes.
 */
public final class TargetGroupForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The attribute fgd sets: how long a stopping task keeps its open connections. */
  public static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";

  /** Fields a target group cannot change in place. */
  static final java.util.List<String> REPLACE_FIELDS =
      java.util.List.of(".Protocol", ".Port", ".VpcId", ".TargetType");

  private TargetGroupForm() {}

  public static ObjectNode form(
      JsonNode tg, String vpcId, Map<String, String> attributes, Map<String, String> tags) {
    ObjectNode out = NODES.objectNode();
    out.put("Protocol", tg.path("Protocol").asText());
    out.put("Port", tg.path("Port").asInt());
    out.put("VpcId", vpcId);
    out.put("TargetType", tg.path("TargetType").asText("instance"));
    out.put("HealthCheckProtocol", tg.path("HealthCheckProtocol").asText("HTTP"));
    out.put("HealthCheckPath", tg.path("HealthCheckPath").asText("/"));
    out.put("HealthCheckIntervalSeconds", tg.path("HealthCheckIntervalSeconds").asInt(30));
    out.put("HealthyThresholdCount", tg.path("HealthyThresholdCount").asInt(5));
    out.put("Matcher", tg.path("Matcher").path("HttpCode").asText("200"));
    out.put("DeregistrationDelaySeconds", attributes.getOrDefault(DEREGISTRATION_DELAY, "300"));
    ObjectNode t = out.putObject("Tags");
    new TreeMap<>(tags).forEach(t::put);
    return out;
  }

  /** routes.json's tags ({@code [{"Key":..,"Value":..}]}) as a map. */
  static Map<String, String> tags(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    list.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
    return out;
  }

  /** routes.json's attributes as a map. */
  static Map<String, String> attributes(JsonNode list) {
    return tags(list);
  }
}
