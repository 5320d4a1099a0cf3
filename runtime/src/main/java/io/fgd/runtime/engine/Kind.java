package io.fgd.runtime.engine;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.deploy.Rollout;
import io.fgd.runtime.state.ObservedState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of AWS object fgd manages (a log group, a task definition, a service, ...): everything
 * the engine needs to plan, apply and fingerprint its objects. The planner, the applier and the
 * fingerprints know no kind by name; they walk {@link Kinds#ALL} in the order of {@link
 * #dependsOn}.
 *
 * <p>A kind that needs another kind's result (the service needs the task definition ARN apply
 * chose) gets it from the {@link Context} of the service, under a key the other kind publishes.
 */
public interface Kind {
  /** For people: "task definition". */
  String label();

  /** For machines (the JSON rendering): "task_definition". */
  String id();

  /**
   * The ids of the kinds whose objects must exist before this kind's are created or changed; they
   * are deleted after this kind's.
   */
  List<String> dependsOn();

  /**
   * Whether replacing an object of this kind destroys the old one (a task definition's new revision
   * leaves the old one registered, for rollback).
   */
  default boolean replaceDestroys() {
    return true;
  }

  // ---- plan ----

  /**
   * How this kind's live objects are read for a plan (none when it reads nothing); the {@link
   * Observer} runs every kind's reads in waves.
   */
  default List<KindRead> reads() {
    return List.of();
  }

  /**
   * Whether this kind's changes must all be made, for every service, before any service's other
   * changes (a task run before the deploy, such as a migration). The engine then applies, service
   * after service in dependency order, this kind and the kinds it depends on first; if one throws
   * {@link StepFailedException}, nothing else is applied.
   */
  default boolean beforeServices() {
    return false;
  }

  /** The changes that belong to no service (the cluster); in the plan before any service's. */
  default List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    return List.of();
  }

  /** This kind's changes for one service of the spec. */
  default List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    return List.of();
  }

  /**
   * Where the rollout of the spec's service stands, for the kind whose objects roll out (the
   * service); empty for the others, and when the object does not exist. The plan shows one that is
   * not steady as the state of the service, and apply waits for it.
   */
  default Optional<Rollout> rollout(DesiredService want, ObservedState observed) {
    return Optional.empty();
  }

  /** What goes when a service left the spec (only destroys). */
  default List<ResourceChange> diffRemoved(String cluster, String service, ObservedState observed) {
    return List.of();
  }

  /**
   * The attributes of a desired artifact this kind does not compare, as {@code "api/taskdef.json:
   * x"}: the plan warns about them, so a new emitter field is never silently ignored.
   */
  default List<String> unmanaged(DesiredService want) {
    return List.of();
  }

  /**
   * A short identity of each observed object of this kind, by a key such as {@code service/api}:
   * apply refuses a saved plan when one differs.
   */
  default void fingerprint(ObservedState observed, Map<String, String> out) {}

  // ---- apply ----

  /** Why apply must not start at all (checked for every kind before the first change). */
  default List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    return List.of();
  }

  /**
   * The least time each rollout that {@code all} starts with this kind takes (bake times and
   * steps), for the plan's summary and for {@link #tooLongFor}.
   */
  default List<RolloutWait> rolloutWaits(DesiredState desired, List<ResourceChange> all) {
    return List.of();
  }

  /**
   * Why an apply that waits at most {@code timeout} for rollouts must not start: a change of this
   * kind starts a rollout that waits longer than that before it can succeed (its bake times and
   * steps). Checked with {@link #refusals} when apply waits for steady state.
   */
  default List<String> tooLongFor(
      DesiredState desired, List<ResourceChange> all, java.time.Duration timeout) {
    List<String> out = new java.util.ArrayList<>();
    for (RolloutWait w : rolloutWaits(desired, all)) {
      if (w.least().compareTo(timeout) >= 0) {
        out.add(
            "Service \""
                + w.service()
                + "\" rolls out in at least "
                + RolloutWait.human(w.least())
                + " ("
                + w.how()
                + "), and --timeout is "
                + RolloutWait.human(timeout)
                + ": apply could not see it succeed. Give --timeout more than "
                + RolloutWait.human(w.least())
                + " (the tasks must also start), or use --no-wait.");
      }
    }
    return out;
  }

  /**
   * Applies this kind's destroys that belong to no service, with {@code --prune} only: after every
   * service is applied and the removed ones are pruned, kind by kind in deletion order, so an
   * object goes only once nothing of the app uses it. When one kind's fails, the kinds it depends
   * on are not pruned in that apply ({@link Kinds#pruneApp}).
   */
  default void pruneApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {}

  /**
   * Applies this kind's changes that belong to no service, destroys included; a kind whose objects
   * may go only after every service is applied skips its destroys here and deletes them in {@link
   * #pruneApp}.
   */
  default void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {}

  /**
   * Applies this kind's changes of one service (also when there are none: a kind may still have to
   * publish a result the next kinds need, such as the task definition ARN).
   */
  default void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {}

  /**
   * After the service's kinds are applied: {@code deployed} only when apply waited for the
   * service's rollout and saw it succeed; false when it failed, timed out or was not waited for
   * (--no-wait), so nothing the rollout replaces may be removed yet.
   */
  default void afterRollout(ServiceStep step, boolean deployed) throws FgdRuntimeException {}
}
