package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code depends_on}: every name is a service of the app, not the service itself, and the services
 * can be put in an order (no cycles), since apply creates them in that order.
 */
final class Dependencies {
  private Dependencies() {}

  static void check(Spec spec, Diagnostics diagnostics) {
    Map<String, Service> services = new LinkedHashMap<>();
    spec.services().forEach(s -> services.putIfAbsent(s.name().value(), s));
    for (Service service : services.values()) {
      Set<String> seen = new HashSet<>();
      for (Located<String> dependency : service.dependsOn()) {
        String name = dependency.value();
        if (name.equals(service.name().value())) {
          diagnostics.error("dependsOn.self", dependency.span(), name);
        } else if (!services.containsKey(name)) {
          diagnostics.error(
              "dependsOn.unknown",
              dependency.span(),
              name,
              Suggestions.didYouMean(name, services.keySet()));
        } else if (!seen.add(name)) {
          diagnostics.error("dependsOn.duplicate", dependency.span(), name);
        }
      }
    }
    // Depth-first search; a dependency on a service still on the path closes a cycle.
    Set<String> done = new HashSet<>();
    Set<Set<String>> reported = new HashSet<>();
    for (String start : services.keySet()) {
      visit(start, new ArrayList<>(), services, done, reported, diagnostics);
    }
  }

  private static void visit(
      String name,
      List<String> path,
      Map<String, Service> services,
      Set<String> done,
      Set<Set<String>> reported,
      Diagnostics diagnostics) {
    if (done.contains(name)) {
      return;
    }
    path.add(name);
    for (Located<String> dependency : services.get(name).dependsOn()) {
      String next = dependency.value();
      if (next.equals(name) || !services.containsKey(next)) {
        continue;
      }
      int at = path.indexOf(next);
      if (at >= 0) {
        List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
        if (reported.add(new HashSet<>(cycle))) {
          cycle.add(next);
          diagnostics.error("dependsOn.cycle", dependency.span(), String.join(" -> ", cycle));
        }
        continue;
      }
      visit(next, path, services, done, reported, diagnostics);
    }
    path.remove(path.size() - 1);
    done.add(name);
  }
}
