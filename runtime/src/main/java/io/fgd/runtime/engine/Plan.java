package io.fgd.runtime.engine;

import io.fgd.runtime.deploy.Rollout;
import java.util.List;

/**
 * The difference between the spec and the account, as actions. Pure data; renderers turn it into
 * text, JSON or Markdown.
 *
 * @param changes in the order apply would run them: cluster, then per service (sorted by name) log
 *     groups, task definition, service, autoscaling; removed services last
 * @param warnings things the user should know that are not changes (for example a build service
 *     that has never been deployed and has no --image-tag)
 * @param rollouts the spec's live services whose rollout is unfinished or failed, by name: the
 *     state of the service, not a change (a plan with only these has no changes); steady services
 *     are not listed
 * @param waits the least time each rollout the plan starts takes (canary, linear and blue/green
 *     bake times and steps); rolling rollouts are not listed
 */
public record Plan(
    String app,
    String cluster,
    List<ResourceChange> changes,
    List<String> warnings,
    List<Rollout> rollouts,
    List<RolloutWait> waits) {
  public Plan {
    changes = List.copyOf(changes);
    waits = List.copyOf(waits);
    warnings = List.copyOf(warnings);
    rollouts = rollouts.stream().filter(r -> !r.isSteady()).toList();
  }

  /** A plan that starts no rollout with bake times. */
  public Plan(
      String app,
      String cluster,
      List<ResourceChange> changes,
      List<String> warnings,
      List<Rollout> rollouts) {
    this(app, cluster, changes, warnings, rollouts, List.of());
  }

  /** A plan of services that are all steady. */
  public Plan(String app, String cluster, List<ResourceChange> changes, List<String> warnings) {
    this(app, cluster, changes, warnings, List.of());
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  /** Resources to add: creations and replacements. */
  public long toAdd() {
    return count(Action.CREATE) + count(Action.REPLACE);
  }

  public long toChange() {
    return count(Action.UPDATE);
  }

  /**
   * Resources to destroy, replacements included, except task definitions: a new revision leaves the
   * old one registered, for rollback.
   */
  public long toDestroy() {
    return count(Action.DESTROY)
        + changes.stream()
            .filter(c -> c.action() == Action.REPLACE && c.type().replaceDestroys())
            .count();
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }
}
