package io.fgd.runtime.kinds.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.emit.ecs.Rollouts;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.kinds.alarm.AlarmImport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The deploy block's rollout statements from a service's deploymentConfiguration: strategy, bake
 * and alarms, written so that the compiled spec plans no change ({@link ServiceForm} compares the
 * same fields).
 */
final class RolloutImport {
  private RolloutImport() {}

  static void strategy(Block b, JsonNode dc) {
    String strategy = dc.path("strategy").asText("ROLLING");
    switch (strategy) {
      case "CANARY" -> {
        JsonNode c = dc.path("canaryConfiguration");
        b.add(
            "strategy",
            "canary "
                + percent(c.path("canaryPercent").asDouble(Rollouts.CANARY_PERCENT))
                + " bake "
                + SpecText.duration(
                    60 * c.path("canaryBakeTimeInMinutes").asInt(Rollouts.CANARY_BAKE_MINUTES)));
      }
      case "LINEAR" -> {
        JsonNode l = dc.path("linearConfiguration");
        b.add(
            "strategy",
            "linear "
                + percent(l.path("stepPercent").asDouble(Rollouts.LINEAR_PERCENT))
                + " every "
                + SpecText.duration(
                    60 * l.path("stepBakeTimeInMinutes").asInt(Rollouts.LINEAR_BAKE_MINUTES)));
      }
      case "BLUE_GREEN" -> b.add("strategy", "blue_green");
      default -> {
        // Rolling is the default: nothing to write.
      }
    }
    int bake = dc.path("bakeTimeInMinutes").asInt(Rollouts.BAKE_MINUTES);
    if (!strategy.equals("ROLLING") && bake != Rollouts.BAKE_MINUTES) {
      b.add("bake", SpecText.duration(60 * bake));
    }
  }

  /**
   * The alarms of the deployment: those fgd created as {@code alarm} statements (only with rollback
   * on, which a spec of fgd alarms alone always has), the others by name.
   */
  static void alarms(ImportRun run, Block b, JsonNode dc, String service) {
    JsonNode a = dc.path("alarms");
    if (!a.path("enable").asBoolean(false) || a.path("alarmNames").isEmpty()) {
      return;
    }
    boolean rollback = a.path("rollback").asBoolean(false);
    List<String> names = new ArrayList<>();
    List<String> own = new ArrayList<>();
    for (JsonNode n : a.path("alarmNames")) {
      Optional<String> statement =
          rollback ? AlarmImport.statement(run, service, n.asText()) : Optional.empty();
      if (statement.isPresent()) {
        own.add(statement.get());
      } else {
        names.add(SpecText.quote(n.asText()));
      }
    }
    if (!names.isEmpty()) {
      b.add("alarms", String.join(", ", names) + (rollback ? "" : " rollback off"));
    }
    own.forEach(o -> b.add("alarm", o));
  }

  /**
   * The deploy block's {@code hook} statements, one per Lambda hook, in ECS's order, and its {@code
   * early_success}. A hook fgd cannot write (a pause hook, one without a role, a timeout that
   * continues, details passed to the function) gets a warning and no statement: the plan after
   * shows it as a change.
   */
  static void hooks(ImportRun run, Block b, JsonNode dc, String service) {
    for (JsonNode h : dc.path("lifecycleHooks")) {
      String type = h.path("targetType").asText("AWS_LAMBDA");
      JsonNode t = h.path("timeoutConfiguration");
      String action = t.path("action").asText(Rollouts.HOOK_TIMEOUT_ACTION);
      if (!type.equals("AWS_LAMBDA")
          || !action.equals(Rollouts.HOOK_TIMEOUT_ACTION)
          || io.fgd.runtime.engine.Canonical.present(h.get("hookDetails"))
          || h.path("hookTargetArn").asText("").isEmpty()
          || h.path("roleArn").asText("").isEmpty()) {
        run.warn(
            b,
            "service " + service,
            "lifecycle hook "
                + h.path("hookTargetArn").asText(type)
                + " was not imported: fgd writes Lambda hooks with a role that roll back on"
                + " timeout, without hookDetails; the next apply removes it unless the spec gets it"
                + " back.");
        continue;
      }
      List<String> stages = new ArrayList<>();
      h.path("lifecycleStages").forEach(st -> stages.add(st.asText().toLowerCase(Locale.ROOT)));
      StringBuilder text =
          new StringBuilder(String.join(", ", stages))
              .append(" lambda ")
              .append(SpecText.quote(h.path("hookTargetArn").asText()));
      text.append(" role ").append(SpecText.quote(h.path("roleArn").asText()));
      int minutes = t.path("timeoutInMinutes").asInt(Rollouts.HOOK_TIMEOUT_MINUTES);
      if (minutes != Rollouts.HOOK_TIMEOUT_MINUTES) {
        text.append(" timeout ").append(SpecText.duration(60 * minutes));
      }
      b.add("hook", text.toString());
    }
    JsonNode e = dc.path("earlySuccessCriteria");
    if (e.path("enable").asBoolean(false)) {
      String cleanup = e.path("sourceServiceRevisionCleanup").asText("BLOCKING");
      b.add(
          "early_success",
          e.path("healthyPercent").asInt(100)
              + "%"
              + (cleanup.equals("BLOCKING") ? "" : " cleanup " + cleanup.toLowerCase(Locale.ROOT)));
    }
  }

  private static String percent(double p) {
    return (p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.1f", p))
        + "%";
  }
}
