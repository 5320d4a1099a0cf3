package io.fgd.runtime.kinds.scalabletarget;

import static io.fgd.runtime.engine.Canonical.present;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.importer.SpecText.Block;
import io.fgd.runtime.state.ObservedScaling;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code fgd import} of a service's autoscaling: its target and target-tracking policies become one
 * {@code scale} statement.
 */
public final class ScalableTargetImport {
  private ScalableTargetImport() {}

  /** {@code scale MIN..MAX on cpu N%[, memory N%] [cooldown]}; false when nothing could be said. */
  public static boolean scale(
      ImportRun run, Block block, String subject, String service, ObservedScaling live) {
    JsonNode target = live.target();
    JsonNode suspended = target.path("SuspendedState");
    if (suspended.path("DynamicScalingInSuspended").asBoolean(false)
        || suspended.path("DynamicScalingOutSuspended").asBoolean(false)
        || suspended.path("ScheduledScalingSuspended").asBoolean(false)) {
      run.warn(
          block,
          subject,
          "the suspended state of autoscaling was not imported: fgd has no "
              + "statement for it; it stays as it is.");
    }
    TreeMap<String, String> targets = new TreeMap<>();
    List<Integer> cooldowns = new ArrayList<>();
    boolean uneven = false;
    for (var e : new TreeMap<>(live.policies()).entrySet()) {
      String policyName = e.getKey();
      JsonNode p = e.getValue();
      JsonNode tt = p.path("TargetTrackingScalingPolicyConfiguration");
      String type =
          tt.path("PredefinedMetricSpecification").path("PredefinedMetricType").asText("");
      String metric =
          type.equals("ECSServiceAverageCPUUtilization")
              ? "cpu"
              : type.equals("ECSServiceAverageMemoryUtilization") ? "memory" : null;
      if (!"TargetTrackingScaling".equals(p.path("PolicyType").asText())
          || metric == null
          || present(tt.path("PredefinedMetricSpecification").path("ResourceLabel"))) {
        run.warn(
            block,
            subject,
            "scaling policy \""
                + policyName
                + "\" was not imported: fgd scales "
                + "by target tracking on average cpu or memory only; the first plan deletes it.");
        continue;
      }
      if (targets.containsKey(metric)) {
        run.warn(
            block,
            subject,
            "scaling policy \""
                + policyName
                + "\" was not imported: another "
                + "policy already tracks "
                + metric
                + "; the first plan deletes it.");
        continue;
      }
      if (tt.path("DisableScaleIn").asBoolean(false)) {
        run.warn(
            block,
            subject,
            "DisableScaleIn of scaling policy \""
                + policyName
                + "\" was not "
                + "imported: fgd's policies scale in; the first plan turns scale-in on.");
      }
      String wantName = EcsNames.scalingPolicyName(run.app(), service, metric);
      if (!policyName.equals(wantName)) {
        run.warn(
            block,
            subject,
            "the name of scaling policy \""
                + policyName
                + "\" was not imported: "
                + "fgd names it \""
                + wantName
                + "\"; the first plan replaces the policy with one of "
                + "that name.");
      }
      targets.put(metric, SpecText.number(tt.path("TargetValue").decimalValue()) + "%");
      JsonNode in = tt.path("ScaleInCooldown");
      JsonNode out = tt.path("ScaleOutCooldown");
      if (present(in) && present(out) && in.asInt() == out.asInt()) {
        cooldowns.add(in.asInt());
      } else if (present(in) || present(out)) {
        uneven = true;
      } else {
        cooldowns.add(null);
      }
    }
    if (targets.isEmpty()) {
      run.warn(
          block,
          subject,
          "autoscaling between "
              + target.path("MinCapacity").asInt()
              + " and "
              + target.path("MaxCapacity").asInt()
              + " tasks was not imported: fgd scales by target "
              + "tracking, and the service has no such policy; the first plan removes the scalable "
              + "target.");
      return false;
    }
    StringBuilder value =
        new StringBuilder()
            .append(target.path("MinCapacity").asInt())
            .append("..")
            .append(target.path("MaxCapacity").asInt())
            .append(" on ");
    List<String> parts = new ArrayList<>();
    targets.forEach((metric, percent) -> parts.add(metric + " " + percent));
    value.append(String.join(", ", parts));
    Set<Integer> distinct = new LinkedHashSet<>(cooldowns);
    if (!uneven && distinct.size() == 1 && distinct.iterator().next() != null) {
      value.append(" cooldown ").append(SpecText.duration(distinct.iterator().next()));
    } else if (uneven || distinct.size() > 1) {
      run.warn(
          block,
          subject,
          "the scaling cooldowns were not imported: fgd sets one cooldown for "
              + "scaling in and out of every policy, and these differ; they stay as they are.");
    }
    block.add("scale", value.toString());
    return true;
  }
}
