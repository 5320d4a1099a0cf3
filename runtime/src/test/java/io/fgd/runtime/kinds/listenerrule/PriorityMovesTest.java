package io.fgd.runtime.kinds.listenerrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.FgdRuntimeException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriorityMovesTest {
  /** Applies the moves one by one, failing on a move to a priority held at that moment. */
  static Map<String, Integer> replay(
      Map<String, Integer> held, List<Map.Entry<String, Integer>> moves) {
    Map<String, Integer> now = new HashMap<>(held);
    for (var m : moves) {
      assertFalse(now.containsValue(m.getValue()), () -> "priority " + m.getValue() + " is held");
      now.put(m.getKey(), m.getValue());
    }
    return now;
  }

  @Test
  void aShiftDownMovesTheFrontRuleFirst() throws Exception {
    // A route removed at 101: the rules at 102 and 103 move down by one.
    Map<String, Integer> held = Map.of("api", 102, "server", 103, "other", 200);
    Map<String, Integer> wanted = new LinkedHashMap<>();
    wanted.put("server", 102);
    wanted.put("api", 101);
    var moves = PriorityMoves.order(held, wanted);
    assertEquals(List.of(Map.entry("api", 101), Map.entry("server", 102)), moves);
    assertEquals(Map.of("api", 101, "server", 102, "other", 200), replay(held, moves));
  }

  @Test
  void aSwapGoesThroughAFreePriority() throws Exception {
    Map<String, Integer> held = Map.of("a", 1, "b", 2, "top", 50_000);
    Map<String, Integer> wanted = new LinkedHashMap<>();
    wanted.put("a", 2);
    wanted.put("b", 1);
    var moves = PriorityMoves.order(held, wanted);
    assertEquals(3, moves.size(), moves::toString);
    assertEquals(Map.entry("a", 49_999), moves.get(0));
    assertEquals(Map.of("a", 2, "b", 1, "top", 50_000), replay(held, moves));
  }

  @Test
  void aPriorityHeldByARuleThatStaysIsAnErrorNamingIt() {
    // A service that left the spec without --prune keeps its rule at 101, which api should take:
    // no order works (parking api elsewhere frees nothing), and the apply says so.
    Map<String, Integer> held = Map.of("api", 102, "gone", 101);
    FgdRuntimeException e =
        assertThrows(
            FgdRuntimeException.class, () -> PriorityMoves.order(held, Map.of("api", 101)));
    assertTrue(e.getMessage().contains("rule gone holds"), e::getMessage);
  }
}
