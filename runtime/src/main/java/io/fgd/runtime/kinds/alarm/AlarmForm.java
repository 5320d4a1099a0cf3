package io.fgd.runtime.kinds.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.AlarmEmitter;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The normal form of a metric alarm, the same from alarms.json's PutMetricAlarm input and from
 * DescribeAlarms' MetricAlarm: the fields fgd manages, with the defaults CloudWatch fills written
 * out on both sides (ActionsEnabled true, TreatMissingData {@code missing}, DatapointsToAlarm equal
 * to EvaluationPeriods, a metric query's ReturnData true, a percentile's
 * EvaluateLowSampleCountPercentile {@code evaluate}; CloudWatch API reference, PutMetricAlarm),
 * dimensions as a map by name, tags as a map without AWS's own.
 */
final class AlarmForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Where a target group's or load balancer's dimension stands in a plan for one apply creates. */
  static final String KNOWN_AFTER_APPLY = "(known after apply)";

  private AlarmForm() {}

  /**
   * The form of {@code alarm} (either shape), its {@code fgd:targetgroup/NAME} and {@code
   * fgd:loadbalancer/NAME} dimensions replaced by the dimension of the ARN {@code arns} holds for
   * them.
   */
  static ObjectNode form(JsonNode alarm, Map<String, String> tags, Map<String, String> arns) {
    ObjectNode out = NODES.objectNode();
    out.put("AlarmDescription", alarm.path("AlarmDescription").asText(""));
    out.put("ActionsEnabled", alarm.path("ActionsEnabled").asBoolean(true));
    if (alarm.hasNonNull("MetricName")) {
      out.put("Namespace", alarm.path("Namespace").asText());
      out.put("MetricName", alarm.path("MetricName").asText());
      out.set("Dimensions", dimensions(alarm.path("Dimensions"), arns));
      if (alarm.hasNonNull("ExtendedStatistic")) {
        out.put("ExtendedStatistic", alarm.path("ExtendedStatistic").asText());
        String low = alarm.path("EvaluateLowSampleCountPercentile").asText("");
        out.put("EvaluateLowSampleCountPercentile", low.isEmpty() ? "evaluate" : low);
      } else {
        out.put("Statistic", alarm.path("Statistic").asText());
      }
      out.put("Period", alarm.path("Period").asInt());
    }
    if (alarm.path("Metrics").size() > 0) {
      ArrayNode metrics = out.putArray("Metrics");
      for (JsonNode m : alarm.path("Metrics")) {
        ObjectNode q = metrics.addObject();
        q.put("Id", m.path("Id").asText());
        if (m.hasNonNull("Expression")) {
          q.put("Expression", m.path("Expression").asText());
        }
        if (m.hasNonNull("Label")) {
          q.put("Label", m.path("Label").asText());
        }
        q.put("ReturnData", m.path("ReturnData").asBoolean(true));
        JsonNode stat = m.path("MetricStat");
        if (!stat.isMissingNode() && !stat.isNull()) {
          ObjectNode s = q.putObject("MetricStat");
          s.put("Namespace", stat.path("Metric").path("Namespace").asText());
          s.put("MetricName", stat.path("Metric").path("MetricName").asText());
          s.set("Dimensions", dimensions(stat.path("Metric").path("Dimensions"), arns));
          s.put("Period", stat.path("Period").asInt());
          s.put("Stat", stat.path("Stat").asText());
        }
      }
    }
    int periods = alarm.path("EvaluationPeriods").asInt();
    out.put("EvaluationPeriods", periods);
    out.put("DatapointsToAlarm", alarm.path("DatapointsToAlarm").asInt(periods));
    out.put("Threshold", alarm.path("Threshold").asDouble());
    out.put("ComparisonOperator", alarm.path("ComparisonOperator").asText());
    out.put("TreatMissingData", alarm.path("TreatMissingData").asText("missing"));
    ObjectNode t = out.putObject("Tags");
    new TreeMap<>(tags).forEach((k, v) -> t.put(k, v));
    return out;
  }

  /** alarms.json's Tags list as a map. */
  static Map<String, String> tags(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode t : list) {
      out.put(t.path("Key").asText(), t.path("Value").asText());
    }
    return out;
  }

  private static ObjectNode dimensions(JsonNode list, Map<String, String> arns) {
    Map<String, String> sorted = new TreeMap<>();
    for (JsonNode d : list) {
      sorted.put(d.path("Name").asText(), resolve(d.path("Value").asText(), arns));
    }
    ObjectNode out = NODES.objectNode();
    sorted.forEach(out::put);
    return out;
  }

  /**
   * A dimension value with a reference resolved: a target group's {@code targetgroup/NAME/ID}, the
   * end of its ARN; fgd's load balancer's {@code app/NAME/ID}, from the ARN of one of its listeners
   * ({@code …:listener/app/NAME/ID/LISTENER}); or {@link #KNOWN_AFTER_APPLY}.
   */
  static String resolve(String value, Map<String, String> arns) {
    boolean group = value.startsWith(RouteEmitter.TARGET_GROUP_REF);
    if (!group && !value.startsWith(AlarmEmitter.LOAD_BALANCER_REF)) {
      return value;
    }
    String arn = arns.get(value);
    if (arn == null || !arn.startsWith("arn:")) {
      return KNOWN_AFTER_APPLY;
    }
    String[] parts = arn.split(":", 6);
    if (parts.length != 6) {
      return KNOWN_AFTER_APPLY;
    }
    if (group) {
      return parts[5];
    }
    String[] path = parts[5].split("/");
    return path.length >= 4 && path[0].equals("listener")
        ? path[1] + "/" + path[2] + "/" + path[3]
        : KNOWN_AFTER_APPLY;
  }

  /** alarms.json's input with its references resolved, for PutMetricAlarm. */
  static ObjectNode resolved(JsonNode alarm, Map<String, String> arns) {
    ObjectNode copy = alarm.deepCopy();
    resolveAll(copy.path("Dimensions"), arns);
    for (JsonNode m : copy.path("Metrics")) {
      resolveAll(m.path("MetricStat").path("Metric").path("Dimensions"), arns);
    }
    return copy;
  }

  private static void resolveAll(JsonNode dimensions, Map<String, String> arns) {
    for (JsonNode d : dimensions) {
      ((ObjectNode) d).put("Value", resolve(d.path("Value").asText(), arns));
    }
  }
}
