package io.fgd.runtime.kinds.service;

import static io.fgd.runtime.engine.Canonical.present;
import static io.fgd.runtime.engine.Canonical.putText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.Rollouts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The normal form of a service's rollout settings: strategy, bake times, canary and linear steps,
 * deployment alarms, and each load balancer's advancedConfiguration. Both sides are filled with the
 * values ECS (and fgd's compiler) use when one is not given, so a service created by fgd and read
 * back compares equal.
 */
final class RolloutForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RolloutForm() {}

  static void strategy(ObjectNode d, JsonNode dc, String strategy) {
    // Rolling is written as nothing, so the normal form (and fingerprint) of a rolling service is
    // what it was before fgd knew other strategies.
    if (!strategy.equals("ROLLING")) {
      d.put("strategy", strategy);
      d.put("bakeTimeInMinutes", dc.path("bakeTimeInMinutes").asInt(Rollouts.BAKE_MINUTES));
    }
    if (strategy.equals("CANARY")) {
      JsonNode c = dc.path("canaryConfiguration");
      d.putObject("canaryConfiguration")
          .put("canaryPercent", c.path("canaryPercent").asDouble(Rollouts.CANARY_PERCENT))
          .put(
              "canaryBakeTimeInMinutes",
              c.path("canaryBakeTimeInMinutes").asInt(Rollouts.CANARY_BAKE_MINUTES));
    } else if (strategy.equals("LINEAR")) {
      JsonNode l = dc.path("linearConfiguration");
      d.putObject("linearConfiguration")
          .put("stepPercent", l.path("stepPercent").asDouble(Rollouts.LINEAR_PERCENT))
          .put(
              "stepBakeTimeInMinutes",
              l.path("stepBakeTimeInMinutes").asInt(Rollouts.LINEAR_BAKE_MINUTES));
    }
    // Alarms that are not enabled do nothing: the same as none.
    JsonNode a = dc.path("alarms");
    if (a.path("enable").asBoolean(false) && !a.path("alarmNames").isEmpty()) {
      List<String> names = new ArrayList<>();
      a.path("alarmNames").forEach(n -> names.add(n.asText()));
      names.sort(null);
      ObjectNode alarms = d.putObject("alarms");
      ArrayNode list = alarms.putArray("alarmNames");
      names.forEach(list::add);
      alarms.put("rollback", a.path("rollback").asBoolean(false));
    }
    hooks(d, dc.path("lifecycleHooks"));
    // Criteria that are not enabled change nothing: the same as none ("When set to false, the
    // deployment uses the default behavior", API_DeploymentEarlySuccessCriteria).
    JsonNode e = dc.path("earlySuccessCriteria");
    if (e.path("enable").asBoolean(false)) {
      d.putObject("earlySuccessCriteria")
          .put("healthyPercent", e.path("healthyPercent").asInt(100))
          .put(
              "sourceServiceRevisionCleanup",
              e.path("sourceServiceRevisionCleanup").asText("BLOCKING"));
    }
  }

  /**
   * The lifecycle hooks, each with ECS's defaults filled in (a Lambda target, a timeout of 1440
   * minutes that rolls back: API_DeploymentLifecycleHook, API_DeploymentLifecycleHookTimeout
   * Configuration) and its stages sorted, the hooks sorted by function, stages and role: the order
   * of hooks and of a hook's stages is the spec's writing, not a change. Written only when there
   * are some, so services without hooks keep the normal form (and fingerprint) they had.
   */
  private static void hooks(ObjectNode d, JsonNode hooks) {
    if (!hooks.isArray() || hooks.isEmpty()) {
      return;
    }
    List<ObjectNode> list = new ArrayList<>();
    for (JsonNode h : hooks) {
      ObjectNode o = NODES.objectNode();
      o.put("targetType", h.path("targetType").asText("AWS_LAMBDA"));
      putText(o, "hookTargetArn", h.get("hookTargetArn"));
      putText(o, "roleArn", h.get("roleArn"));
      List<String> stages = new ArrayList<>();
      h.path("lifecycleStages").forEach(st -> stages.add(st.asText()));
      stages.sort(null);
      ArrayNode st = o.putArray("lifecycleStages");
      stages.forEach(st::add);
      JsonNode t = h.path("timeoutConfiguration");
      o.putObject("timeoutConfiguration")
          .put("timeoutInMinutes", t.path("timeoutInMinutes").asInt(Rollouts.HOOK_TIMEOUT_MINUTES))
          .put("action", t.path("action").asText(Rollouts.HOOK_TIMEOUT_ACTION));
      if (present(h.get("hookDetails"))) {
        o.set("hookDetails", h.get("hookDetails"));
      }
      list.add(o);
    }
    list.sort(java.util.Comparator.comparing(JsonNode::toString));
    ArrayNode out = d.putArray("lifecycleHooks");
    list.forEach(out::add);
  }

  /**
   * What UpdateService sends for a member of deploymentConfiguration that the live service has and
   * the spec no longer does: ECS keeps a member a request leaves out. Alarms are sent turned off
   * with no names (ECS API reference, DeploymentAlarms: all three members are required; AWS Copilot
   * sends them so for the same reason), so the service stops naming them before fgd deletes its
   * own; hooks as an empty list; early success criteria not enabled ("When set to false, the
   * deployment uses the default behavior", API_DeploymentEarlySuccessCriteria). That an empty
   * {@code lifecycleHooks} removes the hooks is fgd's reading of a list member, which an emulator
   * cannot confirm.
   */
  private static final List<Map.Entry<String, JsonNode>> CLEARED =
      List.of(
          Map.entry(
              "alarms",
              NODES
                  .objectNode()
                  .put("enable", false)
                  .put("rollback", false)
                  .set("alarmNames", NODES.arrayNode())),
          Map.entry("lifecycleHooks", NODES.arrayNode()),
          Map.entry("earlySuccessCriteria", NODES.objectNode().put("enable", false)));

  /** Writes {@link #CLEARED}'s value into {@code update} for each such member that changed. */
  static void clearRemoved(ObjectNode update, List<String> changedPaths) {
    JsonNode dc = update.get("deploymentConfiguration");
    ObjectNode copy = dc instanceof ObjectNode o ? o.deepCopy() : NODES.objectNode();
    boolean touched = false;
    for (var cleared : CLEARED) {
      String path = ".deploymentConfiguration." + cleared.getKey();
      if (!copy.has(cleared.getKey()) && changedPaths.stream().anyMatch(p -> p.startsWith(path))) {
        copy.set(cleared.getKey(), cleared.getValue().deepCopy());
        touched = true;
      }
    }
    if (touched) {
      update.set("deploymentConfiguration", copy);
    }
  }

  /**
   * The live service with each load balancer's two target groups in the spec's order when ECS has
   * swapped them: after a blue/green (or a canary or linear) deployment the new revision serves
   * from the target group that was the alternate, and ECS answers it as the service's target group
   * and the old one as the alternate. Either of the pair may be the current one; the spec's order
   * is fgd's, not a change to make.
   */
  static JsonNode swappedBack(JsonNode live, JsonNode want) {
    if (!live.path("loadBalancers").isArray() || !want.path("loadBalancers").isArray()) {
      return live;
    }
    ObjectNode copy = live.deepCopy();
    for (JsonNode l : copy.path("loadBalancers")) {
      String tg = l.path("targetGroupArn").asText();
      String alt = l.path("advancedConfiguration").path("alternateTargetGroupArn").asText();
      for (JsonNode w : want.path("loadBalancers")) {
        if (!alt.isEmpty()
            && w.path("containerName").asText().equals(l.path("containerName").asText())
            && w.path("containerPort").asInt() == l.path("containerPort").asInt()
            && w.path("targetGroupArn").asText().equals(alt)
            && w.path("advancedConfiguration")
                .path("alternateTargetGroupArn")
                .asText()
                .equals(tg)) {
          ((ObjectNode) l).put("targetGroupArn", alt);
          ((ObjectNode) l.get("advancedConfiguration")).put("alternateTargetGroupArn", tg);
        }
      }
    }
    return copy;
  }

  static void advancedConfiguration(ObjectNode lb, JsonNode a) {
    if (!present(a)) {
      return;
    }
    ObjectNode o = NODES.objectNode();
    putText(o, "alternateTargetGroupArn", a.get("alternateTargetGroupArn"));
    putText(o, "productionListenerRule", a.get("productionListenerRule"));
    putText(o, "testListenerRule", a.get("testListenerRule"));
    putText(o, "roleArn", a.get("roleArn"));
    if (!o.isEmpty()) {
      lb.set("advancedConfiguration", o);
    }
  }
}
