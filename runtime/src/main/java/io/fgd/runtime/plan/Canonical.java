package io.fgd.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canonical forms of task definitions, services and scaling, so that a spec and the account compare
 * equal exactly when applying would change nothing. Both sides go through the same function: ECS
 * defaults are filled in (essential true, tcp, hostPort = containerPort, health check timings,
 * percentages), "nothing" is one thing (absent, null, empty list, empty string), numbers are
 * numbers ("256", 256, "0.25 vCPU"), and lists whose order means nothing become maps keyed by
 * identity (containers by name, variables by name, ports by port/protocol, tags by key).
 *
 * <p>Only the attributes fgd manages are kept. Anything else ECS reports (status, revision,
 * registeredAt, ...) is not compared; anything else a desired artifact contains is reported by
 * {@link #unmanaged} so a new emitter field is never silently ignored.
 */
public final class Canonical {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Attribute names whose values are maps keyed by identity; paths show keys as ["key"]. */
  static final Set<String> KEYED =
      Set.of(
          "containers",
          "portMappings",
          "environment",
          "secrets",
          "tags",
          "loadBalancers",
          "policies",
          "options");

  static final Set<String> TASKDEF_FIELDS =
      Set.of(
          "family",
          "taskRoleArn",
          "executionRoleArn",
          "networkMode",
          "requiresCompatibilities",
          "cpu",
          "memory",
          "containerDefinitions",
          "tags");

  /** The container attributes fgd manages: what the emitter writes and the differ compares. */
  public static final Set<String> CONTAINER_FIELDS =
      Set.of(
          "name",
          "image",
          "essential",
          "portMappings",
          "environment",
          "secrets",
          "command",
          "entryPoint",
          "healthCheck",
          "logConfiguration",
          "cpu",
          "memory",
          "memoryReservation");

  static final Set<String> SERVICE_FIELDS =
      Set.of(
          "cluster",
          "serviceName",
          "taskDefinition",
          "desiredCount",
          "launchType",
          "platformVersion",
          "networkConfiguration",
          "deploymentConfiguration",
          "loadBalancers",
          "healthCheckGracePeriodSeconds",
          "enableECSManagedTags",
          "propagateTags",
          "tags");

  private Canonical() {}

  // ---- task definitions ----

  static ObjectNode taskDefinition(JsonNode td) {
    ObjectNode out = NODES.objectNode();
    putText(out, "family", td.get("family"));
    putText(out, "taskRoleArn", td.get("taskRoleArn"));
    putText(out, "executionRoleArn", td.get("executionRoleArn"));
    out.put("networkMode", text(td.get("networkMode"), "bridge"));
    ArrayNode compat = sortedTexts(td.get("requiresCompatibilities"));
    if (!compat.isEmpty()) {
      out.set("requiresCompatibilities", compat);
    }
    putSize(out, "cpu", cpuUnits(td.get("cpu")));
    putSize(out, "memory", mebibytes(td.get("memory")));
    ObjectNode containers =
        keyed(td.get("containerDefinitions"), c -> text(c.get("name"), ""), Canonical::container);
    if (!containers.isEmpty()) {
      out.set("containers", containers);
    }
    putMap(out, "tags", tags(td.get("tags")));
    return out;
  }

  private static ObjectNode container(JsonNode c) {
    ObjectNode out = NODES.objectNode();
    putText(out, "image", c.get("image"));
    out.put("essential", c.path("essential").asBoolean(true));
    putMap(
        out,
        "portMappings",
        keyed(
            c.get("portMappings"),
            p -> p.path("containerPort").asInt() + "/" + protocol(p),
            p -> {
              ObjectNode port = NODES.objectNode();
              port.put("containerPort", p.path("containerPort").asInt());
              // In awsvpc mode hostPort must equal containerPort; ECS fills it in.
              port.put("hostPort", p.path("hostPort").asInt(p.path("containerPort").asInt()));
              port.put("protocol", protocol(p));
              return port;
            }));
    putMap(out, "environment", nameValue(c.get("environment"), "value"));
    putMap(out, "secrets", nameValue(c.get("secrets"), "valueFrom"));
    putList(out, "command", c.get("command"));
    putList(out, "entryPoint", c.get("entryPoint"));
    JsonNode hc = c.get("healthCheck");
    if (present(hc) && present(hc.get("command"))) {
      ObjectNode check = NODES.objectNode();
      check.set("command", hc.get("command").deepCopy());
      // The defaults ECS reports when the input left them out.
      check.put("interval", hc.path("interval").asInt(30));
      check.put("timeout", hc.path("timeout").asInt(5));
      check.put("retries", hc.path("retries").asInt(3));
      check.put("startPeriod", hc.path("startPeriod").asInt(0));
      out.set("healthCheck", check);
    }
    JsonNode log = c.get("logConfiguration");
    if (present(log)) {
      ObjectNode lc = NODES.objectNode();
      putText(lc, "logDriver", log.get("logDriver"));
      ObjectNode options = NODES.objectNode();
      new TreeMap<>(toMap(log.get("options"))).forEach(options::put);
      putMap(lc, "options", options);
      out.set("logConfiguration", lc);
    }
    // A container without its own cpu is reported with cpu 0: both mean "a share of the task's".
    JsonNode cpu = cpuUnits(c.get("cpu"));
    putSize(out, "cpu", cpu != null && cpu.isInt() && cpu.intValue() == 0 ? null : cpu);
    putSize(out, "memory", mebibytes(c.get("memory")));
    putSize(out, "memoryReservation", mebibytes(c.get("memoryReservation")));
    return out;
  }

  private static String protocol(JsonNode port) {
    return text(port.get("protocol"), "tcp").toLowerCase(Locale.ROOT);
  }

  // ---- services ----

  static ObjectNode service(JsonNode s) {
    ObjectNode out = NODES.objectNode();
    // DescribeServices answers with clusterArn; CreateService takes a name or an ARN.
    String cluster = text(s.get("cluster"), text(s.get("clusterArn"), ""));
    out.put("cluster", afterSlash(cluster));
    putText(out, "serviceName", s.get("serviceName"));
    if (present(s.get("taskDefinition"))) {
      out.put("taskDefinition", family(s.get("taskDefinition").asText()));
    }
    if (present(s.get("desiredCount"))) {
      out.put("desiredCount", s.get("desiredCount").asInt());
    }
    putText(out, "launchType", s.get("launchType"));
    if (present(s.get("launchType")) || present(s.get("platformVersion"))) {
      out.put("platformVersion", text(s.get("platformVersion"), "LATEST"));
    }
    JsonNode vpc = s.path("networkConfiguration").path("awsvpcConfiguration");
    if (present(vpc)) {
      ObjectNode v = NODES.objectNode();
      v.set("subnets", sortedTexts(vpc.get("subnets")));
      v.set("securityGroups", sortedTexts(vpc.get("securityGroups")));
      v.put("assignPublicIp", text(vpc.get("assignPublicIp"), "DISABLED"));
      out.set("networkConfiguration", NODES.objectNode().set("awsvpcConfiguration", v));
    }
    JsonNode dc = s.path("deploymentConfiguration");
    ObjectNode d = NODES.objectNode();
    JsonNode cb = dc.path("deploymentCircuitBreaker");
    d.set(
        "deploymentCircuitBreaker",
        NODES
            .objectNode()
            .put("enable", cb.path("enable").asBoolean(false))
            .put("rollback", cb.path("rollback").asBoolean(false)));
    d.put("maximumPercent", dc.path("maximumPercent").asInt(200));
    d.put("minimumHealthyPercent", dc.path("minimumHealthyPercent").asInt(100));
    out.set("deploymentConfiguration", d);
    putMap(
        out,
        "loadBalancers",
        keyed(
            s.get("loadBalancers"),
            lb ->
                text(lb.get("targetGroupArn"), text(lb.get("loadBalancerName"), ""))
                    + " "
                    + text(lb.get("containerName"), "")
                    + ":"
                    + lb.path("containerPort").asInt(),
            lb -> {
              ObjectNode o = NODES.objectNode();
              putText(o, "targetGroupArn", lb.get("targetGroupArn"));
              putText(o, "loadBalancerName", lb.get("loadBalancerName"));
              putText(o, "containerName", lb.get("containerName"));
              o.put("containerPort", lb.path("containerPort").asInt());
              return o;
            }));
    out.put("healthCheckGracePeriodSeconds", s.path("healthCheckGracePeriodSeconds").asInt(0));
    out.put("enableECSManagedTags", s.path("enableECSManagedTags").asBoolean(false));
    out.put("propagateTags", text(s.get("propagateTags"), "NONE"));
    putMap(out, "tags", tags(s.get("tags")));
    return out;
  }

  /** "arn:aws:ecs:r:a:task-definition/app-api:7", "app-api:7" and "app-api" are family app-api. */
  static String family(String taskDefinition) {
    String s = afterSlash(taskDefinition);
    int colon = s.lastIndexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  /** "app-api:7" from an ARN, for showing which revision runs. */
  static String familyRevision(String taskDefinitionArn) {
    return afterSlash(taskDefinitionArn);
  }

  private static String afterSlash(String s) {
    return s.startsWith("arn:") ? s.substring(s.indexOf('/') + 1) : s;
  }

  // ---- scaling ----

  static ObjectNode scalableTarget(JsonNode t) {
    ObjectNode out = NODES.objectNode();
    putText(out, "ResourceId", t.get("ResourceId"));
    putText(out, "ScalableDimension", t.get("ScalableDimension"));
    putNumber(
        out, "MinCapacity", present(t.get("MinCapacity")) ? t.get("MinCapacity").asInt() : null);
    putNumber(
        out, "MaxCapacity", present(t.get("MaxCapacity")) ? t.get("MaxCapacity").asInt() : null);
    return out;
  }

  static ObjectNode policy(JsonNode p) {
    ObjectNode out = NODES.objectNode();
    putText(out, "PolicyType", p.get("PolicyType"));
    JsonNode tt = p.get("TargetTrackingScalingPolicyConfiguration");
    if (present(tt)) {
      ObjectNode c = NODES.objectNode();
      if (present(tt.get("TargetValue"))) {
        c.set("TargetValue", number(tt.get("TargetValue")));
      }
      JsonNode pm = tt.get("PredefinedMetricSpecification");
      if (present(pm)) {
        ObjectNode m = NODES.objectNode();
        putText(m, "PredefinedMetricType", pm.get("PredefinedMetricType"));
        putText(m, "ResourceLabel", pm.get("ResourceLabel"));
        c.set("PredefinedMetricSpecification", m);
      }
      if (present(tt.get("ScaleInCooldown"))) {
        c.put("ScaleInCooldown", tt.get("ScaleInCooldown").asInt());
      }
      if (present(tt.get("ScaleOutCooldown"))) {
        c.put("ScaleOutCooldown", tt.get("ScaleOutCooldown").asInt());
      }
      c.put("DisableScaleIn", tt.path("DisableScaleIn").asBoolean(false));
      out.set("TargetTrackingScalingPolicyConfiguration", c);
    }
    return out;
  }

  // ---- unmanaged attributes of desired artifacts ----

  /** Paths of attributes in a desired task definition that this planner does not compare. */
  static List<String> unmanagedTaskDefinition(JsonNode td) {
    List<String> out = new ArrayList<>();
    td.fieldNames()
        .forEachRemaining(
            f -> {
              if (!TASKDEF_FIELDS.contains(f) && present(td.get(f))) {
                out.add(f);
              }
            });
    for (JsonNode c : td.path("containerDefinitions")) {
      c.fieldNames()
          .forEachRemaining(
              f -> {
                if (!CONTAINER_FIELDS.contains(f) && present(c.get(f))) {
                  out.add("containerDefinitions[\"" + c.path("name").asText() + "\"]." + f);
                }
              });
    }
    return out;
  }

  static List<String> unmanagedService(JsonNode s) {
    List<String> out = new ArrayList<>();
    s.fieldNames()
        .forEachRemaining(
            f -> {
              if (!SERVICE_FIELDS.contains(f) && present(s.get(f))) {
                out.add(f);
              }
            });
    return out;
  }

  // ---- helpers ----

  /** Whether a field carries a value: not absent, null, an empty string or an empty container. */
  public static boolean present(JsonNode n) {
    return n != null
        && !n.isNull()
        && !n.isMissingNode()
        && !(n.isTextual() && n.asText().isEmpty())
        && !(n.isContainerNode() && n.isEmpty());
  }

  private static String text(JsonNode n, String otherwise) {
    return present(n) ? n.asText() : otherwise;
  }

  private static void putText(ObjectNode out, String name, JsonNode n) {
    if (present(n)) {
      out.put(name, n.asText());
    }
  }

  private static void putNumber(ObjectNode out, String name, Integer n) {
    if (n != null) {
      out.put(name, n);
    }
  }

  private static void putSize(ObjectNode out, String name, JsonNode n) {
    if (n != null) {
      out.set(name, n);
    }
  }

  private static void putMap(ObjectNode out, String name, ObjectNode map) {
    if (!map.isEmpty()) {
      out.set(name, map);
    }
  }

  private static void putList(ObjectNode out, String name, JsonNode list) {
    if (present(list) && list.isArray()) {
      out.set(name, list.deepCopy());
    }
  }

  private static ArrayNode sortedTexts(JsonNode list) {
    List<String> values = new ArrayList<>();
    if (list != null) {
      list.forEach(v -> values.add(v.asText()));
    }
    values.sort(null);
    ArrayNode out = NODES.arrayNode();
    values.forEach(out::add);
    return out;
  }

  private static ObjectNode keyed(
      JsonNode list, Function<JsonNode, String> key, Function<JsonNode, ObjectNode> value) {
    TreeMap<String, ObjectNode> sorted = new TreeMap<>();
    if (list != null) {
      for (JsonNode item : list) {
        sorted.put(key.apply(item), value.apply(item));
      }
    }
    ObjectNode out = NODES.objectNode();
    sorted.forEach(out::set);
    return out;
  }

  private static ObjectNode nameValue(JsonNode list, String valueField) {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (list != null) {
      for (JsonNode item : list) {
        sorted.put(item.path("name").asText(), item.path(valueField).asText());
      }
    }
    ObjectNode out = NODES.objectNode();
    sorted.forEach(out::put);
    return out;
  }

  private static ObjectNode tags(JsonNode list) {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (list != null) {
      for (JsonNode t : list) {
        String key = t.path("key").asText();
        // aws: tags belong to AWS (CloudFormation, managed tags); nobody can set or remove them.
        if (!key.startsWith("aws:")) {
          sorted.put(key, t.path("value").asText());
        }
      }
    }
    ObjectNode out = NODES.objectNode();
    sorted.forEach(out::put);
    return out;
  }

  private static Map<String, String> toMap(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    if (object != null && object.isObject()) {
      object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  private static JsonNode number(JsonNode n) {
    BigDecimal d = n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim());
    d = d.stripTrailingZeros();
    if (d.scale() < 0) {
      d = d.setScale(0);
    }
    return NODES.numberNode(d);
  }

  private static final Pattern WITH_UNIT =
      Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(vcpu|gb|gib|mb|mib)?\\s*");

  /** CPU units: 256, "256", "0.25 vCPU" and "0.25vcpu" are all 256. */
  static JsonNode cpuUnits(JsonNode n) {
    return withUnit(n, "vcpu", 1024);
  }

  /** MiB: 512, "512", "0.5 GB" are all 512. */
  static JsonNode mebibytes(JsonNode n) {
    return withUnit(n, "gb", 1024);
  }

  /**
   * An int node, or the text as given when it is not a size fgd understands (so it still shows).
   */
  private static JsonNode withUnit(JsonNode n, String bigUnit, int factor) {
    if (!present(n)) {
      return null;
    }
    if (n.isNumber()) {
      return NODES.numberNode(n.intValue());
    }
    Matcher m = WITH_UNIT.matcher(n.asText());
    if (!m.matches()) {
      return NODES.textNode(n.asText());
    }
    BigDecimal value = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
    boolean big = unit.equals(bigUnit) || (bigUnit.equals("gb") && unit.equals("gib"));
    return NODES.numberNode(
        big ? value.multiply(BigDecimal.valueOf(factor)).intValue() : value.intValue());
  }
}
