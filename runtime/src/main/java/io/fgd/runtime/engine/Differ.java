package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares the spec with the account. Pure: no I/O, same inputs, same plan. The changes come from
 * the kinds, in the order apply makes them: what belongs to no service (the cluster), then each
 * service (by name) kind by kind in creation order, then the services that left the spec, kind by
 * kind in deletion order.
 */
public final class Differ {
  private Differ() {}

  public static Plan diff(DesiredState desired, ObservedState observed) {
    List<ResourceChange> changes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Kind kind : Kinds.ALL) {
      changes.addAll(kind.diffApp(desired, observed));
    }
    TreeSet<String> unmanaged = new TreeSet<>();
    for (DesiredService want : desired.services().values()) {
      DiffStep step = new DiffStep(new Context(), warnings);
      for (Kind kind : Kinds.ALL) {
        unmanaged.addAll(kind.unmanaged(want));
        changes.addAll(kind.diff(want, observed, step));
      }
    }
    if (!unmanaged.isEmpty()) {
      warnings.add(
          "fgd plan does not compare these attributes yet: " + String.join(", ", unmanaged) + ".");
    }
    for (String removed : new TreeSet<>(observed.orphans().keySet())) {
      for (Kind kind : Kinds.deletionOrder()) {
        changes.addAll(kind.diffRemoved(desired.cluster(), removed, observed));
      }
    }
    List<RolloutWait> waits = new ArrayList<>();
    for (Kind kind : Kinds.ALL) {
      waits.addAll(kind.rolloutWaits(desired, changes));
    }
    return new Plan(
        desired.app(), desired.cluster(), changes, warnings, rollouts(desired, observed), waits);
  }

  /**
   * Where the rollouts of the spec's live services stand (the unfinished and failed ones): read
   * from the same DescribeServices answers the diff used, so they cost no request.
   */
  static List<Rollout> rollouts(DesiredState desired, ObservedState observed) {
    List<Rollout> out = new ArrayList<>();
    for (String name : new TreeSet<>(desired.services().keySet())) {
      for (Kind kind : Kinds.ALL) {
        kind.rollout(desired.services().get(name), observed)
            .filter(r -> !r.isSteady())
            .ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * Adoption: a live object without fgd's ownership tag (one created outside fgd, or imported) is
   * compared as if it carried the desired one, so importing a service plans no changes. The tag is
   * added with the first change fgd makes to the object; until then {@code --prune} does not
   * consider it fgd's. A live tag naming another app is not adopted: it stays a difference, so two
   * specs claiming one service show up in the plan.
   */
  public static ObjectNode adopted(ObjectNode live, ObjectNode want) {
    String key = io.fgd.compiler.emit.ecs.EcsNames.OWNERSHIP_TAG_KEY;
    JsonNode wantTag = want.path("tags").get(key);
    if (wantTag == null || live.path("tags").has(key)) {
      return live;
    }
    ObjectNode copy = live.deepCopy();
    JsonNode tags = copy.get("tags");
    ObjectNode liveTags = tags instanceof ObjectNode o ? o : copy.putObject("tags");
    liveTags.set(key, wantTag);
    return copy;
  }

  /** A change that removes an object. */
  public static ResourceChange destroy(
      Kind type, String name, Optional<String> owner, String reason) {
    return new ResourceChange(type, name, owner, Action.DESTROY, List.of(), Optional.of(reason));
  }
}
