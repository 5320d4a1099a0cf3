package io.fgd.runtime.kinds.scalabletarget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.Context;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.DiffStep;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.scalingpolicy.ScalingPolicyForm;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/**
 * A service's Application Auto Scaling target (its task count's bounds): registered, updated, and
 * deregistered, with its policies, when the spec stops scaling the service or the service goes.
 */
public final class ScalableTargetKind implements Kind {
  public static final ScalableTargetKind INSTANCE = new ScalableTargetKind();

  /** Set when apply deregistered the target: its policies went with it. */
  public static final Context.Key<Boolean> DEREGISTERED = Context.Key.of("target deregistered");

  private ScalableTargetKind() {}

  @Override
  public String label() {
    return "autoscaling target";
  }

  @Override
  public String id() {
    return "scalable_target";
  }

  @Override
  public List<KindRead> reads() {
    return ScalableTargetReads.READS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of("ecs_service");
  }

  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    Optional<String> owner = Optional.of(want.name());
    String cluster = want.service().path("cluster").asText();
    String name = AwsStateReader.resourceId(cluster, want.name());
    ObservedScaling live = ScalableTargetReads.scaling(observed).get(want.name());
    if (want.scaling().isEmpty()) {
      return live == null
          ? List.of()
          : List.of(Differ.destroy(this, name, owner, "the spec no longer scales this service"));
    }
    ObjectNode wantTarget =
        ScalableTargetForm.scalableTarget(want.scaling().get().path("scalableTarget"));
    if (live == null) {
      return List.of(
          new ResourceChange(
              this, name, owner, Action.CREATE, Trees.leaves(wantTarget), Optional.empty()));
    }
    List<FieldChange> fields =
        Trees.compare(ScalableTargetForm.scalableTarget(live.target()), wantTarget);
    return fields.isEmpty()
        ? List.of()
        : List.of(new ResourceChange(this, name, owner, Action.UPDATE, fields, Optional.empty()));
  }

  @Override
  public List<ResourceChange> diffRemoved(String cluster, String service, ObservedState observed) {
    if (ScalableTargetReads.scaling(observed).get(service) == null) {
      return List.of();
    }
    return List.of(
        Differ.destroy(
            this,
            AwsStateReader.resourceId(cluster, service),
            Optional.of(service),
            "its service is not in the spec any more"));
  }

  /** The target with its policies, whose normal forms are hashed together. */
  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    ScalableTargetReads.scaling(observed)
        .forEach((name, s) -> out.put("scaling/" + name, fingerprint(s)));
  }

  private static String fingerprint(ObservedScaling s) {
    StringBuilder canonical =
        new StringBuilder(DesiredState.toJson(ScalableTargetForm.scalableTarget(s.target())));
    new TreeMap<>(s.policies())
        .forEach(
            (name, p) ->
                canonical
                    .append('\n')
                    .append(name)
                    .append('=')
                    .append(DesiredState.toJson(ScalingPolicyForm.policy(p))));
    return Fingerprints.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    ApplyRun run = step.run();
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY) {
        run.call(
            "removing the autoscaling of " + step.service(),
            () ->
                run.clients()
                    .autoScaling()
                    .deregisterScalableTarget(
                        r ->
                            r.serviceNamespace(ServiceNamespace.ECS)
                                .resourceId(c.name())
                                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)));
        step.changed(this, c.name(), "deleted", "with its scaling policies");
        step.context().put(DEREGISTERED, true);
        continue;
      }
      DesiredService want = step.want();
      ObjectNode target =
          ((ObjectNode) want.scaling().orElseThrow().path("scalableTarget")).deepCopy();
      if (c.action() == Action.CREATE) {
        target.putObject("Tags").put(AwsStateReader.OWNER_TAG, run.app());
      }
      RegisterScalableTargetRequest request =
          ApplyRun.fromJson(
              target, RegisterScalableTargetRequest.builder(), want.name() + "/scaling.json");
      run.call(
          "registering the autoscaling target of " + want.name(),
          () -> run.clients().autoScaling().registerScalableTarget(request));
      step.changed(
          this,
          c.name(),
          c.action() == Action.CREATE ? "created" : "updated",
          "min "
              + target.path("MinCapacity").asText()
              + ", max "
              + target.path("MaxCapacity").asText());
    }
  }
}
