package io.fgd.runtime.kinds.listenerrule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.Context;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of services that left the spec, deleted early when the app's rules move into their
 * priorities or new rules take them. A route removed with its service frees its priority (and its
 * test rule's), so the routes after it move up, and a service renamed in the spec makes its route's
 * rule again at the same priority; the removed service's rules are deleted with the service when it
 * is pruned, which is after the app's rules have moved and been made. With {@code --prune} those
 * that hold a priority a move or a new rule needs go first, here (they go in this apply anyway);
 * without it they stay, a move is refused by {@link PriorityMoves}, naming the rule, and ELBv2
 * refuses the new rule (CreateRule: PriorityInUse).
 */
final class PrunedRules {
  /** The ARNs deleted here, so that the service's prune step does not delete them again. */
  static final Context.Key<Set<String>> DELETED = Context.Key.of("listener rules deleted early");

  private PrunedRules() {}

  /**
   * @param held the priority of every rule of the listener, by ARN; the deleted ones are removed
   * @param wanted the priorities the app's rules move to or are made at
   * @param live the app's rules by address ("SERVICE ROUTE")
   * @param services the services of the spec (their rules are not pruned)
   */
  static void clear(
      Map<String, Integer> held,
      Collection<Integer> wanted,
      Map<String, ObjectNode> live,
      Set<String> services,
      ApplyRun run)
      throws FgdRuntimeException {
    if (!run.options().prune()) {
      return;
    }
    for (var e : live.entrySet()) {
      String arn = e.getValue().path("RuleArn").asText();
      if (services.contains(e.getKey().substring(0, e.getKey().indexOf(' ')))
          || !held.containsKey(arn)
          || !wanted.contains(held.get(arn))) {
        continue;
      }
      run.call(
          "deleting listener rule " + e.getKey(),
          () -> run.clients().elb().deleteRule(r -> r.ruleArn(arn)));
      run.changed(
          new AppliedChange(
              ListenerRuleKind.INSTANCE,
              e.getKey(),
              Optional.empty(),
              "deleted",
              "its service left the spec"));
      held.remove(arn);
      deleted(run).add(arn);
    }
  }

  static Set<String> deleted(ApplyRun run) {
    Optional<Set<String>> set = run.context().get(DELETED);
    if (set.isPresent()) {
      return set.get();
    }
    Set<String> out = new TreeSet<>();
    run.context().put(DELETED, out);
    return out;
  }
}
