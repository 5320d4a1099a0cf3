package io.fgd.runtime.kinds.taskdefinition;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * A service's task definition: a new revision is registered whenever anything differs (revisions
 * are immutable), unless an ACTIVE revision equal to the spec can be reused; old revisions are
 * deregistered after a successful rollout (see {@link Revisions}).
 */
public final class TaskDefinitionKind implements Kind {
  public static final TaskDefinitionKind INSTANCE = new TaskDefinitionKind();

  /** Whether the plan registers a new revision for the service (set while planning). */
  public static final Context.Key<Boolean> NEW_REVISION = Context.Key.of("new revision");

  /** The ARN of the revision the service is to run (set while applying). */
  public static final Context.Key<String> ARN = Context.Key.of("task definition ARN");

  /** Whether apply registered {@link #ARN} itself. */
  public static final Context.Key<Boolean> REGISTERED = Context.Key.of("registered");

  /** Shown for the revision a task definition will get. */
  public static final String NEW_REVISION_TEXT = "(new revision)";

  private TaskDefinitionKind() {}

  @Override
  public String label() {
    return "task definition";
  }

  @Override
  public String id() {
    return "task_definition";
  }

  @Override
  public List<KindRead> reads() {
    return TaskDefinitionReads.READS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of("log_group");
  }

  @Override
  public boolean replaceDestroys() {
    return false;
  }

  @Override
  public List<String> unmanaged(DesiredService want) {
    return TaskDefinitionForm.unmanaged(want.taskDefinition()).stream()
        .map(p -> want.name() + "/taskdef.json: " + p)
        .toList();
  }

  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    Optional<String> owner = Optional.of(want.name());
    Optional<ObservedService> live = live(want.name(), observed);
    Optional<ObjectNode> liveTaskDef =
        live.flatMap(s -> TaskDefinitionReads.taskDefinitionOf(observed, s));
    ObjectNode wantTd = TaskDefinitionForm.taskDefinition(want.taskDefinition());
    keepLiveImages(want.name(), wantTd, liveTaskDef.map(TaskDefinitionForm::taskDefinition), step);
    if (liveTaskDef.isEmpty()) {
      step.context().put(NEW_REVISION, true);
      return List.of(
          new ResourceChange(
              this, want.family(), owner, Action.CREATE, Trees.leaves(wantTd), Optional.empty()));
    }
    List<FieldChange> fields =
        Trees.compare(
            Differ.adopted(TaskDefinitionForm.taskDefinition(liveTaskDef.get()), wantTd), wantTd);
    step.context().put(NEW_REVISION, !fields.isEmpty());
    if (fields.isEmpty()) {
      return List.of();
    }
    return List.of(
        new ResourceChange(
            this,
            want.family(),
            owner,
            Action.REPLACE,
            fields,
            Optional.of(
                "a new revision replaces "
                    + TaskDefinitionForm.familyRevision(live.get().taskDefinitionArn())
                    + " (revisions are immutable)")));
  }

  /**
   * A build service planned without --image-tag carries a placeholder image: keep what runs rather
   * than propose rolling back to an older tag.
   */
  private static void keepLiveImages(
      String service, ObjectNode wantTd, Optional<ObjectNode> liveTd, DiffStep step) {
    JsonNode containers = wantTd.path("containers");
    Iterator<Map.Entry<String, JsonNode>> it = containers.fields();
    while (it.hasNext()) {
      var c = it.next();
      String image = c.getValue().path("image").asText();
      if (!DesiredState.isPlaceholderImage(image)) {
        continue;
      }
      Optional<String> liveImage =
          liveTd
              .map(td -> td.path("containers").path(c.getKey()).path("image").asText(""))
              .filter(s -> !s.isEmpty());
      if (liveImage.isPresent()) {
        ((ObjectNode) c.getValue()).put("image", liveImage.get());
      } else {
        step.warn(
            "Service \""
                + service
                + "\" has never been deployed, so container \""
                + c.getKey()
                + "\" has no image to keep; pass --image-tag to plan the image to deploy.");
      }
    }
  }

  // ---- apply ----

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (DesiredService want : desired.services().values()) {
      Optional<ObjectNode> liveTd =
          live(want.name(), observed)
              .flatMap(s -> TaskDefinitionReads.taskDefinitionOf(observed, s));
      for (JsonNode c : want.taskDefinition().path("containerDefinitions")) {
        String image = c.path("image").asText();
        if (DesiredState.isPlaceholderImage(image)
            && liveImage(liveTd, c.path("name").asText()).isEmpty()) {
          out.add(
              "Service \""
                  + want.name()
                  + "\" is built from source and has never been deployed,"
                  + " so container \""
                  + c.path("name").asText()
                  + "\" has no image to keep."
                  + " Pass --image-tag with the tag of the image to deploy.");
        }
      }
    }
    return out;
  }

  /**
   * Chooses the revision the service is to run: the one it runs when the plan changes nothing here;
   * otherwise an ACTIVE revision equal to the spec, or a new one.
   */
  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    DesiredService want = step.want();
    Optional<ObservedService> live = ServiceReads.live(step);
    if (changes.isEmpty() && live.isPresent()) {
      step.context().put(ARN, live.get().taskDefinitionArn());
      return;
    }
    ApplyRun run = step.run();
    ObjectNode td =
        withLiveImages(
            want.taskDefinition(),
            live.flatMap(s -> TaskDefinitionReads.taskDefinitionOf(run.observed(), s)));
    Optional<String> reusable = Optional.empty();
    if (live.isPresent()) {
      reusable = new Revisions(step).previousIfEqual(live.get().taskDefinitionArn(), td);
    }
    if (reusable.isPresent()) {
      step.context().put(ARN, reusable.get());
      run.note(
          "Task definition \""
              + want.family()
              + "\": reusing "
              + Revisions.shortName(reusable.get())
              + ", which equals the spec.");
      return;
    }
    RegisterTaskDefinitionRequest request =
        ApplyRun.fromJson(
            td, RegisterTaskDefinitionRequest.builder(), want.name() + "/taskdef.json");
    String arn =
        run.call(
                "registering task definition " + want.family(),
                () -> run.clients().ecs().registerTaskDefinition(request))
            .taskDefinition()
            .taskDefinitionArn();
    step.changed(this, want.family(), "registered", Revisions.shortName(arn));
    step.context().put(ARN, arn);
    step.context().put(REGISTERED, true);
  }

  /**
   * Old revisions are deregistered only once the deployment of the new one has succeeded: until
   * then they are what ECS rolls back to. With --no-wait apply never knows, so it keeps them.
   */
  @Override
  public void afterRollout(ServiceStep step, boolean deployed) throws FgdRuntimeException {
    if (!step.context().getOrDefault(REGISTERED, false)
        || step.run().options().keepRevisions() == 0) {
      return;
    }
    String arn = step.context().get(ARN).orElseThrow();
    if (deployed) {
      new Revisions(step).deregisterOld(arn);
    } else if (!step.run().options().waitForSteadyState() && ServiceReads.live(step).isPresent()) {
      step.run()
          .note(
              "Task definition \""
                  + step.want().family()
                  + "\": old revisions were not deregistered: with --no-wait, fgd does not see "
                  + Revisions.shortName(arn)
                  + " deploy, and an old revision is what ECS rolls back to until it has.");
    }
  }

  /** The spec's task definition, with the keep-live placeholder replaced by the running image. */
  private static ObjectNode withLiveImages(ObjectNode td, Optional<ObjectNode> liveTd) {
    ObjectNode copy = td.deepCopy();
    for (JsonNode c : copy.path("containerDefinitions")) {
      if (DesiredState.isPlaceholderImage(c.path("image").asText())) {
        ((ObjectNode) c).put("image", liveImage(liveTd, c.path("name").asText()).orElseThrow());
      }
    }
    return copy;
  }

  private static Optional<ObservedService> live(String name, ObservedState observed) {
    ObservedService s = ServiceReads.services(observed).get(name);
    return s == null || s.isGone() ? Optional.empty() : Optional.of(s);
  }

  private static Optional<String> liveImage(Optional<ObjectNode> liveTd, String container) {
    if (liveTd.isEmpty()) {
      return Optional.empty();
    }
    for (JsonNode c : liveTd.get().path("containerDefinitions")) {
      if (c.path("name").asText().equals(container) && !c.path("image").asText().isEmpty()) {
        return Optional.of(c.path("image").asText());
      }
    }
    return Optional.empty();
  }
}
