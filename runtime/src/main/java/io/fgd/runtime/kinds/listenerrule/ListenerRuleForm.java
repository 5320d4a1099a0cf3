package io.fgd.runtime.kinds.listenerrule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.compiler.emit.ecs.RouteTags;
import io.fgd.compiler.emit.ecs.TestRuleEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.kinds.targetgroup.TargetGroupKind;
import io.fgd.runtime.kinds.targetgroup.TargetGroupReads;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The normal form of a route's listener rule: priority, conditions (a test rule's header too), the
 * target group(s) it forwards to, tags. A rule of a canary, linear or blue/green service forwards
 * to its port's two target groups; ECS changes their weights while it deploys (and leaves them
 * swapped after a blue/green), so the form holds the pair by name, sorted, without weights: a rule
 * ECS re-weighted is the rule fgd made, and the plan shows no change.
 */
final class ListenerRuleForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ListenerRuleForm() {}

  static ObjectNode form(JsonNode rule, Map<String, String> tags) {
    ObjectNode out = NODES.objectNode();
    out.put("Priority", rule.path("Priority").asInt());
    for (JsonNode c : rule.path("Conditions")) {
      String field = c.path("Field").asText();
      if (field.equals("http-header")) {
        out.put(field, header(c));
        continue;
      }
      JsonNode values =
          field.equals("host-header")
              ? c.path("HostHeaderConfig").path("Values")
              : c.path("PathPatternConfig").path("Values");
      if (values.isEmpty()) {
        values = c.path("Values");
      }
      out.set(field, values);
    }
    out.put("TargetGroup", String.join(", ", targetGroups(rule.path("Actions").path(0))));
    ObjectNode t = out.putObject("Tags");
    new TreeMap<>(tags).forEach(t::put);
    return out;
  }

  /**
   * A test rule's header condition as a request carries it, {@code X-Fgd-Test: 1} (several values,
   * which fgd never writes, joined by commas): the name as written, since ELBv2 keeps it so.
   */
  private static String header(JsonNode condition) {
    JsonNode config = condition.path("HttpHeaderConfig");
    java.util.List<String> values = new java.util.ArrayList<>();
    config.path("Values").forEach(v -> values.add(v.asText()));
    return config.path("HttpHeaderName").asText() + ": " + String.join(", ", values);
  }

  /**
   * The names of the target groups a forward action sends to, sorted: its ForwardConfig's when it
   * has one (DescribeRules answers a plain forward with both TargetGroupArn and a ForwardConfig of
   * that one group), else its TargetGroupArn.
   */
  static TreeSet<String> targetGroups(JsonNode action) {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode g : action.path("ForwardConfig").path("TargetGroups")) {
      out.add(name(g.path("TargetGroupArn").asText()));
    }
    if (out.isEmpty() && action.has("TargetGroupArn")) {
      out.add(name(action.path("TargetGroupArn").asText()));
    }
    return out;
  }

  private static String name(String tg) {
    if (tg.startsWith(RouteEmitter.TARGET_GROUP_REF)) {
      return tg.substring(RouteEmitter.TARGET_GROUP_REF.length());
    }
    String[] parts = tg.split("/");
    return parts.length >= 2 ? parts[parts.length - 2] : tg;
  }

  /** Why a rule of the app whose route is no longer in the spec goes. */
  static String gone(String route) {
    return route.startsWith(TestRuleEmitter.TEST_ROUTE_PREFIX)
        ? "its route's test_header left the spec"
        : "the route left the spec";
  }

  /**
   * The route a rule's tags name (its {@code fgd:route} tag, read back from the form ELBv2's tag
   * values allow, {@link RouteTags}), or null.
   */
  static String route(Map<String, String> tags) {
    return RouteTags.route(tags.get(RouteEmitter.ROUTE_TAG_KEY));
  }

  static Map<String, String> tags(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    list.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
    return out;
  }

  /**
   * A rule fgd changes for another reason (its tags) keeps the weights ECS gave the pair: after a
   * blue/green the production traffic is on the alternate target group, and the spec's 100/0 would
   * move it back. Only when the live rule forwards to the same pair.
   */
  static void keepWeights(ObjectNode resolved, JsonNode liveRule) {
    JsonNode want = resolved.path("Actions").path(0).path("ForwardConfig").path("TargetGroups");
    JsonNode live = liveRule.path("Actions").path(0).path("ForwardConfig").path("TargetGroups");
    if (want.size() != 2 || live.size() != 2) {
      return;
    }
    Map<String, Integer> weights = new TreeMap<>();
    live.forEach(g -> weights.put(g.path("TargetGroupArn").asText(), g.path("Weight").asInt()));
    for (JsonNode g : want) {
      if (!weights.containsKey(g.path("TargetGroupArn").asText())) {
        return;
      }
    }
    for (JsonNode g : want) {
      ((ObjectNode) g).put("Weight", weights.get(g.path("TargetGroupArn").asText()));
    }
  }

  /** The rule with its target groups' ARNs in place of fgd's references. */
  static ObjectNode resolved(JsonNode rule, Map<String, String> arns) throws FgdRuntimeException {
    ObjectNode json = rule.deepCopy();
    for (JsonNode action : json.path("Actions")) {
      resolve((ObjectNode) action, arns);
      for (JsonNode g : action.path("ForwardConfig").path("TargetGroups")) {
        resolve((ObjectNode) g, arns);
      }
    }
    return json;
  }

  private static void resolve(ObjectNode holder, Map<String, String> arns)
      throws FgdRuntimeException {
    String ref = holder.path("TargetGroupArn").asText();
    if (ref.startsWith(RouteEmitter.TARGET_GROUP_REF)) {
      String arn = arns.get(ref);
      if (arn == null || arn.equals(TargetGroupKind.KNOWN_AFTER_APPLY)) {
        throw new FgdRuntimeException("Target group " + ref + " was not created before its rule.");
      }
      holder.put("TargetGroupArn", arn);
    }
  }

  /**
   * Whether a live rule forwards to a target group the service still names with {@code port N
   * target_group "ARN"} (an import keeps an fgd rule so when a route cannot say it): in use, not
   * left over when its route is no longer in the spec.
   */
  static boolean inUse(JsonNode rule, io.fgd.runtime.engine.DesiredService want) {
    java.util.Set<String> registered = TargetGroupReads.registered(want);
    return io.fgd.runtime.kinds.targetgroup.RouteImport.forwardsTo(rule).stream()
        .anyMatch(registered::contains);
  }
}
