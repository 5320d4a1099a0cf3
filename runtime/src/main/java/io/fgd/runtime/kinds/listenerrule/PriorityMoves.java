package io.fgd.runtime.kinds.listenerrule;

import io.fgd.runtime.FgdRuntimeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which to move listener rules to new priorities so that no move targets a priority
 * another rule holds at that moment. SetRulePriorities accepts a whole reordering in one call on
 * AWS ("as long as there are no priority conflicts in the new order", ELBv2 API reference), but
 * moto 5.2.5 refuses any target that a rule of the listener holds before the call; moving one rule
 * at a time in this order is valid on both. A cycle (two rules swapping) goes through a free
 * priority first. A priority held by a rule that does not move (a rule of a service that left the
 * spec, without {@code --prune}) is an error naming it.
 */
final class PriorityMoves {
  private PriorityMoves() {}

  /**
   * @param held the priority of every rule of the listener now (without the rules being deleted)
   * @param wanted the new priority of each rule that moves, by rule ARN
   * @return the moves in order, a rule possibly twice (through a free priority)
   */
  static List<Map.Entry<String, Integer>> order(
      Map<String, Integer> held, Map<String, Integer> wanted) throws FgdRuntimeException {
    Map<String, Integer> now = new LinkedHashMap<>(held);
    Map<String, Integer> left = new LinkedHashMap<>(wanted);
    List<Map.Entry<String, Integer>> out = new ArrayList<>();
    while (!left.isEmpty()) {
      Set<Integer> taken = new HashSet<>(now.values());
      String next = null;
      for (var e : left.entrySet()) {
        if (!taken.contains(e.getValue())) {
          next = e.getKey();
          break;
        }
      }
      if (next != null) {
        int to = left.remove(next);
        now.put(next, to);
        out.add(Map.entry(next, to));
        continue;
      }
      blocked(now, left);
      // A cycle: park its first rule on the highest free priority.
      String parked = left.keySet().iterator().next();
      int free = 50_000;
      while (taken.contains(free) || left.containsValue(free)) {
        free--;
      }
      now.put(parked, free);
      out.add(Map.entry(parked, free));
    }
    return out;
  }

  /**
   * When no move can be made and a wanted priority is held by a rule that does not move (a rule of
   * a service that left the spec and is not pruned), no order works: said, rather than parking
   * rules forever.
   */
  private static void blocked(Map<String, Integer> now, Map<String, Integer> left)
      throws FgdRuntimeException {
    for (var want : left.entrySet()) {
      for (var h : now.entrySet()) {
        if (h.getValue().equals(want.getValue()) && !left.containsKey(h.getKey())) {
          throw new FgdRuntimeException(
              "Listener rule "
                  + want.getKey()
                  + " should move to priority "
                  + want.getValue()
                  + ", which rule "
                  + h.getKey()
                  + " holds and keeps: a rule of a service that left the spec. Apply with"
                  + " --prune to delete that service and its rules, or delete the rule.");
        }
      }
    }
  }
}
