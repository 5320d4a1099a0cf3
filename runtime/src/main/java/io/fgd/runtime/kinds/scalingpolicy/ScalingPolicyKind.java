package io.fgd.runtime.kinds.scalingpolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DiffStep;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetKind;
import io.fgd.runtime.kinds.scalabletarget.ScalableTargetReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * A target-tracking scaling policy of a service's autoscaling target. Its fingerprint is part of
 * its target's (they are read together).
 */
public final class ScalingPolicyKind implements Kind {
  public static final ScalingPolicyKind INSTANCE = new ScalingPolicyKind();

  private ScalingPolicyKind() {}

  @Override
  public String label() {
    return "scaling policy";
  }

  @Override
  public String id() {
    return "scaling_policy";
  }

  @Override
  public List<String> dependsOn() {
    return List.of("scalable_target");
  }

  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    if (want.scaling().isEmpty()) {
      return List.of(); // the target goes, and its policies with it
    }
    List<ResourceChange> changes = new ArrayList<>();
    Optional<String> owner = Optional.of(want.name());
    ObservedScaling live = ScalableTargetReads.scaling(observed).get(want.name());
    Map<String, ObjectNode> livePolicies = live == null ? Map.of() : live.policies();
    TreeMap<String, JsonNode> wantPolicies = wanted(want);
    for (var e : wantPolicies.entrySet()) {
      ObjectNode wantPolicy = ScalingPolicyForm.policy(e.getValue());
      ObjectNode livePolicy = livePolicies.get(e.getKey());
      if (livePolicy == null) {
        changes.add(
            new ResourceChange(
                this,
                e.getKey(),
                owner,
                Action.CREATE,
                Trees.leaves(wantPolicy),
                Optional.empty()));
        continue;
      }
      ObjectNode liveCanonical = ScalingPolicyForm.policy(livePolicy);
      // Cooldowns the spec leaves out are the service's to choose: not drift.
      JsonNode wantTt = wantPolicy.path("TargetTrackingScalingPolicyConfiguration");
      JsonNode liveTt = liveCanonical.path("TargetTrackingScalingPolicyConfiguration");
      if (liveTt instanceof ObjectNode lt) {
        for (String f : List.of("ScaleInCooldown", "ScaleOutCooldown")) {
          if (!wantTt.has(f)) {
            lt.remove(f);
          }
        }
      }
      List<FieldChange> fields = Trees.compare(liveCanonical, wantPolicy);
      if (!fields.isEmpty()) {
        changes.add(
            new ResourceChange(this, e.getKey(), owner, Action.UPDATE, fields, Optional.empty()));
      }
    }
    for (String name : new TreeSet<>(livePolicies.keySet())) {
      if (!wantPolicies.containsKey(name)) {
        changes.add(Differ.destroy(this, name, owner, "not in the spec any more"));
      }
    }
    return changes;
  }

  private static TreeMap<String, JsonNode> wanted(DesiredService want) {
    TreeMap<String, JsonNode> out = new TreeMap<>();
    want.scaling()
        .ifPresent(s -> s.path("policies").forEach(p -> out.put(p.path("PolicyName").asText(), p)));
    return out;
  }

  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    ApplyRun run = step.run();
    boolean targetGone = step.context().getOrDefault(ScalableTargetKind.DEREGISTERED, false);
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY) {
        if (targetGone) {
          continue;
        }
        String resourceId = AwsStateReader.resourceId(run.cluster(), step.service());
        run.call(
            "deleting scaling policy " + c.name(),
            () ->
                run.clients()
                    .autoScaling()
                    .deleteScalingPolicy(
                        r ->
                            r.policyName(c.name())
                                .serviceNamespace(ServiceNamespace.ECS)
                                .resourceId(resourceId)
                                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
        step.changed(this, c.name(), "deleted", "");
        continue;
      }
      DesiredService want = step.want();
      PutScalingPolicyRequest request =
          ApplyRun.fromJson(
              wanted(want).get(c.name()),
              PutScalingPolicyRequest.builder(),
              want.name() + "/scaling.json");
      run.call(
          "putting scaling policy " + c.name(),
          () -> run.clients().autoScaling().putScalingPolicy(request));
      step.changed(this, c.name(), c.action() == Action.CREATE ? "created" : "updated", "");
    }
  }
}
