package io.fgd.runtime.engine;

import java.util.List;

/**
 * The difference between the spec and the account, as actions. Pure data; renderers turn it into
 * text, JSON or Markdown.
 *
 * @param changes in the order apply would run them: cluster, then per service (sorted by name) log
 *     groups, task definition, service, autoscaling; removed services last
 * @param warnings things the user should know that are not changes (for example a build service
 *     that has never been deployed and has no --image-tag)
 */
public record Plan(
    String app, String cluster, List<ResourceChange> changes, List<String> warnings) {
  public Plan {
    changes = List.copyOf(changes);
    warnings = List.copyOf(warnings);
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
