package io.fgd.runtime.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The order apply takes the spec's services in. */
final class ServiceOrder {
  private ServiceOrder() {}

  /** Services in an order where each comes after the services it depends on; by name otherwise. */
  static List<String> of(DesiredState desired, Map<String, List<String>> dependsOn) {
    List<String> order = new ArrayList<>();
    Set<String> visiting = new HashSet<>();
    for (String name : desired.services().keySet()) {
      visit(name, desired, dependsOn, order, visiting);
    }
    return order;
  }

  private static void visit(
      String name,
      DesiredState desired,
      Map<String, List<String>> dependsOn,
      List<String> order,
      Set<String> visiting) {
    if (order.contains(name) || !desired.services().containsKey(name) || !visiting.add(name)) {
      return; // done, not in the spec, or a cycle (the checker rejects cycles)
    }
    for (String dependency : new TreeSet<>(dependsOn.getOrDefault(name, List.of()))) {
      visit(dependency, desired, dependsOn, order, visiting);
    }
    order.add(name);
  }
}
