package io.fgd.runtime.kinds.targetgroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.EcsNames;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.kinds.targetgroup.RouteImportReads.Observed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code fgd import} of routes: which of the services' target groups become {@code route}
 * statements, and the statements. A pure function of what {@link RouteImportReads} read.
 *
 * <p>A target group becomes a route only when it and every rule forwarding to it are fgd's routes
 * of this app already: the target group is tagged {@code fgd:app} = the app and {@code fgd:service}
 * = the service and has the name fgd derives ({@code app-service-hash8}), and its rules are tagged
 * {@code fgd:app} = the app. Any other target group stays {@code port N target_group "ARN"}: a
 * route would make fgd want a target group and a rule of its own, so the first plan would create
 * new ones beside these (which it does not own, and so never changes or deletes). The warning says
 * how to move to routes. A rule fgd's routes cannot say (conditions on headers, query strings,
 * methods or source IPs, several hosts or paths, an action other than one forward) keeps its target
 * group as it is, and the warning names what.
 */
public final class RouteImport {
  private RouteImport() {}

  /** One loadBalancers entry of a service: the target group, container and port. */
  public record Entry(String service, String targetGroupArn, String container, int port) {}

  /** A route statement: its target, port, health path, and the settings its block says. */
  public record Route(
      String target,
      int port,
      int priority,
      String health,
      Map<String, String> settings,
      String targetGroupArn) {
    /** The statement after {@code route}, leaving out the port when it is the only TCP one. */
    public String statement(boolean writePort) {
      return SpecText.quote(target)
          + (writePort ? " port " + port : "")
          + (health.equals(RouteEmitter.DEFAULT_HEALTH_PATH)
              ? ""
              : " health " + SpecText.quote(health));
    }
  }

  /**
   * What the import does with the services' target groups.
   *
   * @param listener the listener the app's {@code load_balancer} names, when a route is imported
   * @param routes the routes of each service, by service name
   * @param kept the target groups that stay {@code target_group}, by service, with the warning
   *     (empty when there is nothing to say)
   */
  public record Decided(
      Optional<String> listener,
      Map<String, List<Route>> routes,
      Map<String, Map<String, Optional<String>>> kept) {
    public static final Decided NONE = new Decided(Optional.empty(), Map.of(), Map.of());

    /** Whether the target group {@code arn} of {@code service} became routes. */
    public boolean isRoute(String service, String arn) {
      return routes.getOrDefault(service, List.of()).stream()
          .anyMatch(r -> r.targetGroupArn().equals(arn));
    }

    /** The warning about a target group that stays {@code target_group}, if there is one. */
    public Optional<String> warning(String service, String arn) {
      return kept.getOrDefault(service, Map.of()).getOrDefault(arn, Optional.empty());
    }
  }

  /**
   * Writes a service's routes into its block: the first route of each port carries the settings of
   * the port's target group that differ from fgd's defaults, in a block; every route its health
   * path (one target group, one health check); the port when the service has several TCP ports.
   */
  public static void write(SpecText.Block block, List<Route> routes, boolean writePort) {
    Set<Integer> seen = new java.util.HashSet<>();
    for (Route r : routes) {
      if (seen.add(r.port()) && !r.settings().isEmpty()) {
        SpecText.Block settings =
            new SpecText.Block("route " + r.statement(writePort), Integer.MAX_VALUE);
        r.settings().forEach(settings::add);
        block.add(settings);
      } else {
        block.add("route", r.statement(writePort));
      }
    }
  }

  /** The target group ARNs a rule forwards to (one forward, or a forward to several). */
  public static List<String> forwardsTo(JsonNode rule) {
    List<String> out = new ArrayList<>();
    for (JsonNode a : rule.path("Actions")) {
      if (a.path("Type").asText().equals("forward")) {
        String direct = a.path("TargetGroupArn").asText("");
        if (!direct.isEmpty()) {
          out.add(direct);
        }
        for (JsonNode t : a.path("ForwardConfig").path("TargetGroups")) {
          String arn = t.path("TargetGroupArn").asText("");
          if (!arn.isEmpty() && !out.contains(arn)) {
            out.add(arn);
          }
        }
      }
    }
    return out;
  }

  /** Decides, for every entry, route or {@code target_group}. */
  public static Decided decide(String app, List<Entry> entries, Observed observed) {
    Map<String, Map<String, Optional<String>>> kept = new TreeMap<>();
    // Candidates: target group ARN -> (listener, routes).
    Map<Entry, String> listenerOf = new LinkedHashMap<>();
    Map<Entry, List<Route>> candidates = new LinkedHashMap<>();
    for (Entry e : entries) {
      ObjectNode tg = observed.targetGroups().get(e.targetGroupArn());
      Map<String, Optional<String>> keep = kept.computeIfAbsent(e.service(), k -> new TreeMap<>());
      if (tg == null) {
        keep.put(e.targetGroupArn(), Optional.empty());
        continue;
      }
      List<ObjectNode> rules = new ArrayList<>();
      Map<String, String> listenerOfRule = new LinkedHashMap<>();
      observed
          .rules()
          .forEach(
              (listener, list) ->
                  list.stream()
                      .filter(r -> !r.path("IsDefault").asBoolean(false))
                      .filter(r -> forwardsTo(r).contains(e.targetGroupArn()))
                      .forEach(
                          r -> {
                            rules.add(r);
                            listenerOfRule.put(r.path("RuleArn").asText(), listener);
                          }));
      String name = tg.path("TargetGroupName").asText();
      if (rules.isEmpty()) {
        keep.put(e.targetGroupArn(), Optional.empty());
        continue;
      }
      rules.sort(Comparator.comparingInt(RouteImport::priority));
      List<String> unsaid = new ArrayList<>();
      for (ObjectNode r : rules) {
        unsaid.addAll(unsaid(r, e.targetGroupArn()));
      }
      if (!tg.path("Protocol").asText("HTTP").equals("HTTP")) {
        unsaid.add("its protocol " + tg.path("Protocol").asText() + " (routes are HTTP)");
      }
      if (!tg.path("TargetType").asText("ip").equals("ip")) {
        unsaid.add("its target type " + tg.path("TargetType").asText() + " (routes use ip)");
      }
      Set<String> listeners = new LinkedHashSet<>(listenerOfRule.values());
      if (listeners.size() > 1) {
        unsaid.add("rules on " + listeners.size() + " listeners (an app's routes use one)");
      }
      String what = "target group " + name + " (" + e.targetGroupArn() + ") of port " + e.port();
      if (!unsaid.isEmpty()) {
        keep.put(
            e.targetGroupArn(),
            Optional.of(
                what
                    + " was not imported as a route: fgd's routes cannot say "
                    + String.join(", ", unsaid)
                    + "; it stays port "
                    + e.port()
                    + " target_group, and its rules stay as they are."));
        continue;
      }
      List<Route> routes = new ArrayList<>();
      for (ObjectNode r : rules) {
        routes.add(
            route(
                r,
                e.port(),
                tg,
                observed.attributes().get(e.targetGroupArn()),
                e.targetGroupArn()));
      }
      String listener = listeners.iterator().next();
      Map<String, String> tgTags = observed.tags().getOrDefault(e.targetGroupArn(), Map.of());
      boolean owned =
          app.equals(tgTags.get(EcsNames.OWNERSHIP_TAG_KEY))
              && e.service().equals(tgTags.get(RouteEmitter.SERVICE_TAG_KEY))
              && e.container().equals(e.service())
              && name.equals(RouteEmitter.targetGroupName(app, e.service(), e.port()))
              && rules.stream()
                  .allMatch(
                      r ->
                          app.equals(
                              observed
                                  .tags()
                                  .getOrDefault(r.path("RuleArn").asText(), Map.of())
                                  .get(EcsNames.OWNERSHIP_TAG_KEY)));
      if (!owned) {
        keep.put(e.targetGroupArn(), Optional.of(notOwned(app, what, e, routes, listener)));
        continue;
      }
      listenerOf.put(e, listener);
      candidates.put(e, routes);
    }

    // One listener for the app: the one most of the routed target groups are on.
    Map<String, Integer> votes = new TreeMap<>();
    listenerOf.values().forEach(l -> votes.merge(l, 1, Integer::sum));
    Optional<String> chosen =
        votes.entrySet().stream()
            .max(Comparator.comparingInt(Map.Entry::getValue))
            .map(Map.Entry::getKey);
    Map<String, List<Route>> routes = new TreeMap<>();
    for (var c : candidates.entrySet()) {
      Entry e = c.getKey();
      String listener = listenerOf.get(e);
      if (!listener.equals(chosen.get())) {
        kept.get(e.service())
            .put(
                e.targetGroupArn(),
                Optional.of(
                    "the routes of port "
                        + e.port()
                        + " ("
                        + c.getValue().stream().map(Route::target).toList()
                        + ") were not imported: they are on listener "
                        + listener
                        + ", and an app's routes are on one listener, the app's load_balancer ("
                        + chosen.get()
                        + "); port "
                        + e.port()
                        + " stays target_group "
                        + e.targetGroupArn()
                        + "."));
        continue;
      }
      kept.get(e.service()).remove(e.targetGroupArn());
      routes.computeIfAbsent(e.service(), k -> new ArrayList<>()).addAll(c.getValue());
    }
    routes.values().forEach(list -> list.sort(Comparator.comparingInt(Route::priority)));
    kept.values().removeIf(Map::isEmpty);
    return new Decided(chosen, routes, kept);
  }

  private static String notOwned(
      String app, String what, Entry e, List<Route> routes, String listener) {
    Route first = routes.get(0);
    return what
        + " stays port "
        + e.port()
        + " target_group: it and its listener rules were not made by fgd for this app (not"
        + " tagged "
        + EcsNames.OWNERSHIP_TAG_KEY
        + " = "
        + app
        + " and "
        + RouteEmitter.SERVICE_TAG_KEY
        + " = "
        + e.service()
        + "), and a route would not take them over. To move to fgd's routes, write route "
        + first.statement(true)
        + (routes.size() > 1 ? " (and the other " + (routes.size() - 1) + " rules' routes)" : "")
        + " instead, with load_balancer { listener \""
        + listener
        + "\" } in the app: the first plan then creates target group "
        + RouteEmitter.targetGroupName(app, e.service(), e.port())
        + " and its rules at priorities derived from the app, moves the service to it, and leaves"
        + " this target group and its rules as they are (delete them once traffic has moved).";
  }

  /** What a rule says that a route cannot, as words for the warning. */
  static List<String> unsaid(JsonNode rule, String targetGroupArn) {
    List<String> out = new ArrayList<>();
    int hosts = 0;
    int paths = 0;
    for (JsonNode c : rule.path("Conditions")) {
      String field = c.path("Field").asText();
      switch (field) {
        case "host-header" -> {
          hosts++;
          if (values(c, "HostHeaderConfig").size() != 1) {
            out.add(
                "a host-header condition with " + values(c, "HostHeaderConfig").size() + " hosts");
          }
        }
        case "path-pattern" -> {
          paths++;
          if (values(c, "PathPatternConfig").size() != 1) {
            out.add(
                "a path-pattern condition with "
                    + values(c, "PathPatternConfig").size()
                    + " paths");
          }
        }
        default -> out.add("a " + field + " condition");
      }
    }
    if (hosts > 1 || paths > 1) {
      out.add("several host-header or path-pattern conditions");
    }
    if (hosts + paths == 0) {
      out.add("a rule with no host or path");
    }
    JsonNode actions = rule.path("Actions");
    for (JsonNode a : actions) {
      String type = a.path("Type").asText();
      if (!type.equals("forward")) {
        out.add("a " + type + " action");
      }
    }
    List<String> forwards = forwardsTo(rule);
    if (forwards.size() > 1) {
      out.add("a forward to " + forwards.size() + " target groups");
    } else if (forwards.size() == 1
        && rule.path("Actions").size() == 1
        && rule.path("Actions")
            .get(0)
            .path("ForwardConfig")
            .path("TargetGroupStickinessConfig")
            .path("Enabled")
            .asBoolean(false)) {
      out.add("target group stickiness");
    }
    return out;
  }

  private static List<String> values(JsonNode condition, String config) {
    List<String> out = new ArrayList<>();
    JsonNode v = condition.path(config).path("Values");
    (v.isArray() && v.size() > 0 ? v : condition.path("Values")).forEach(x -> out.add(x.asText()));
    return out;
  }

  private static Route route(
      JsonNode rule, int port, JsonNode tg, Map<String, String> attributes, String arn) {
    String host = "";
    String path = "";
    for (JsonNode c : rule.path("Conditions")) {
      if (c.path("Field").asText().equals("host-header")) {
        host = values(c, "HostHeaderConfig").get(0);
      } else if (c.path("Field").asText().equals("path-pattern")) {
        path = values(c, "PathPatternConfig").get(0);
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    String matcher = tg.path("Matcher").path("HttpCode").asText(RouteEmitter.DEFAULT_MATCHER);
    if (!matcher.equals(RouteEmitter.DEFAULT_MATCHER)) {
      settings.put("matcher", SpecText.quote(matcher));
    }
    int interval =
        tg.path("HealthCheckIntervalSeconds").asInt(RouteEmitter.DEFAULT_INTERVAL_SECONDS);
    if (interval != RouteEmitter.DEFAULT_INTERVAL_SECONDS) {
      settings.put("interval", interval + "s");
    }
    int healthy = tg.path("HealthyThresholdCount").asInt(RouteEmitter.DEFAULT_HEALTHY_THRESHOLD);
    if (healthy != RouteEmitter.DEFAULT_HEALTHY_THRESHOLD) {
      settings.put("healthy_threshold", Integer.toString(healthy));
    }
    String delay =
        attributes == null ? null : attributes.get("deregistration_delay.timeout_seconds");
    if (delay != null
        && !delay.equals(Integer.toString(RouteEmitter.DEFAULT_DEREGISTRATION_DELAY_SECONDS))) {
      settings.put("deregistration_delay", delay + "s");
    }
    return new Route(
        host + path,
        port,
        priority(rule),
        tg.path("HealthCheckPath").asText(RouteEmitter.DEFAULT_HEALTH_PATH),
        settings,
        arn);
  }

  private static int priority(JsonNode rule) {
    try {
      return Integer.parseInt(rule.path("Priority").asText());
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
