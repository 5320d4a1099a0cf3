package io.fgd.runtime.kinds.targetgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.kinds.targetgroup.RouteImport.Decided;
import io.fgd.runtime.kinds.targetgroup.RouteImport.Entry;
import io.fgd.runtime.kinds.targetgroup.RouteImport.Route;
import io.fgd.runtime.kinds.targetgroup.RouteImportReads.Observed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The route statements import writes, from ELBv2-shaped JSON (as DescribeRules answers it). */
class RouteImportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String L1 = "arn:aws:elasticloadbalancing:us-west-1:1:listener/app/a/1/1";
  private static final String L2 = "arn:aws:elasticloadbalancing:us-west-1:1:listener/app/b/2/2";
  private static final String OTHER = "arn:aws:elasticloadbalancing:us-west-1:1:targetgroup/x/9";

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String arn(String name) {
    return "arn:aws:elasticloadbalancing:us-west-1:1:targetgroup/" + name + "/0";
  }

  private static ObjectNode targetGroup(String name, String extra) {
    return json(
        "{'TargetGroupName': '"
            + name
            + "', 'TargetGroupArn': '"
            + arn(name)
            + "', 'Protocol': 'HTTP', 'Port': 8080, 'TargetType': 'ip',"
            + " 'HealthCheckPath': '/health', 'HealthCheckIntervalSeconds': 10,"
            + " 'HealthyThresholdCount': 2, 'Matcher': {'HttpCode': '200'}"
            + extra
            + "}");
  }

  private static ObjectNode rule(int priority, String conditions, String actions) {
    return json(
        "{'RuleArn': 'rule/"
            + priority
            + "', 'Priority': '"
            + priority
            + "', 'IsDefault': false, 'Conditions': ["
            + conditions
            + "], 'Actions': ["
            + actions
            + "]}");
  }

  private static String host(String h) {
    return "{'Field': 'host-header', 'HostHeaderConfig': {'Values': ['" + h + "']}}";
  }

  private static String path(String p) {
    return "{'Field': 'path-pattern', 'PathPatternConfig': {'Values': ['" + p + "']}}";
  }

  private static String forward(String tg) {
    return "{'Type': 'forward', 'TargetGroupArn': '"
        + tg
        + "', 'ForwardConfig': {'TargetGroups': [{'TargetGroupArn': '"
        + tg
        + "', 'Weight': 1}]}}";
  }

  /** Observed: the target groups, fgd-tagged for (app, service) unless foreign, and rules. */
  private static Observed observed(
      Map<String, ObjectNode> groups,
      Map<String, String> serviceOf,
      Map<String, List<ObjectNode>> rules,
      String delay) {
    Map<String, ObjectNode> byArn = new LinkedHashMap<>();
    Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    groups.forEach(
        (name, tg) -> {
          byArn.put(arn(name), tg);
          attributes.put(arn(name), Map.of("deregistration_delay.timeout_seconds", delay));
          if (serviceOf.containsKey(name)) {
            tags.put(arn(name), Map.of("fgd:app", "shop", "fgd:service", serviceOf.get(name)));
          }
        });
    rules.values().stream()
        .flatMap(List::stream)
        .forEach(r -> tags.put(r.path("RuleArn").asText(), Map.of("fgd:app", "shop")));
    return new Observed(byArn, tags, attributes, rules);
  }

  private static final String WEB = RouteEmitter.targetGroupName("shop", "web", 8080);

  @Test
  void fgdsOwnTargetGroupBecomesRoutesWithTheSettingsThatDifferFromFgdsDefaults() {
    ObjectNode tg =
        targetGroup(WEB, ", 'Matcher': {'HttpCode': '200-299'}, 'HealthCheckIntervalSeconds': 15");
    Observed observed =
        observed(
            Map.of(WEB, tg),
            Map.of(WEB, "web"),
            Map.of(
                L1,
                List.of(
                    rule(20, path("/*"), forward(arn(WEB))),
                    rule(10, host("shop.example.com") + "," + path("/v1/*"), forward(arn(WEB))))),
            "120");
    Decided d =
        RouteImport.decide("shop", List.of(new Entry("web", arn(WEB), "web", 8080)), observed);
    assertEquals(Optional.of(L1), d.listener());
    assertTrue(d.isRoute("web", arn(WEB)));
    List<Route> routes = d.routes().get("web");
    assertEquals(
        List.of(
            "\"shop.example.com/v1/*\" port 8080 health \"/health\"",
            "\"/*\" port 8080 health \"/health\""),
        routes.stream().map(r -> r.statement(true)).toList());
    assertEquals("\"/*\" health \"/health\"", routes.get(1).statement(false));
    assertEquals(
        Map.of("matcher", "\"200-299\"", "interval", "15s", "deregistration_delay", "120s"),
        routes.get(0).settings());
    assertEquals(Optional.empty(), d.warning("web", arn(WEB)));
  }

  @Test
  void fgdsDefaultsAndTheRootHealthPathAreLeftOut() {
    ObjectNode tg = targetGroup(WEB, ", 'HealthCheckPath': '/'");
    Observed observed =
        observed(
            Map.of(WEB, tg),
            Map.of(WEB, "web"),
            Map.of(L1, List.of(rule(3, host("shop.example.com"), forward(arn(WEB))))),
            "30");
    Route r =
        RouteImport.decide("shop", List.of(new Entry("web", arn(WEB), "web", 8080)), observed)
            .routes()
            .get("web")
            .get(0);
    assertEquals("\"shop.example.com\"", r.statement(false));
    assertEquals(Map.of(), r.settings());
  }

  @Test
  void aTargetGroupFgdDidNotMakeStaysWithAWarningThatSaysHowToMove() {
    ObjectNode tg = targetGroup("web-by-hand", "");
    Observed observed =
        observed(
            Map.of("web-by-hand", tg),
            Map.of(),
            Map.of(L1, List.of(rule(7, host("shop.example.com"), forward(arn("web-by-hand"))))),
            "300");
    Decided d =
        RouteImport.decide(
            "shop", List.of(new Entry("web", arn("web-by-hand"), "web", 8080)), observed);
    assertFalse(d.isRoute("web", arn("web-by-hand")));
    assertEquals(Optional.empty(), d.listener());
    String w = d.warning("web", arn("web-by-hand")).orElseThrow();
    assertTrue(w.contains("not made by fgd for this app"), w);
    assertTrue(w.contains("route \"shop.example.com\" port 8080 health \"/health\""), w);
    assertTrue(w.contains("creates target group " + WEB), w);
    assertTrue(w.contains("leaves this target group and its rules as they are"), w);
  }

  @Test
  void whatARouteCannotSayIsNamed() {
    String conditions =
        host("a.example.com")
            + ",{'Field': 'http-header', 'HttpHeaderConfig': {'HttpHeaderName': 'X', 'Values':"
            + " ['1']}},{'Field': 'query-string', 'QueryStringConfig': {'Values': [{'Key': 'a',"
            + " 'Value': 'b'}]}}";
    String actions =
        "{'Type': 'authenticate-oidc', 'Order': 1},{'Type': 'forward', 'Order': 2,"
            + " 'ForwardConfig': {'TargetGroups': [{'TargetGroupArn': '"
            + arn(WEB)
            + "', 'Weight': 90}, {'TargetGroupArn': '"
            + OTHER
            + "', 'Weight': 10}]}}";
    Observed observed =
        observed(
            Map.of(WEB, targetGroup(WEB, "")),
            Map.of(WEB, "web"),
            Map.of(L1, List.of(rule(4, conditions, actions))),
            "30");
    Decided d =
        RouteImport.decide("shop", List.of(new Entry("web", arn(WEB), "web", 8080)), observed);
    assertFalse(d.isRoute("web", arn(WEB)));
    String w = d.warning("web", arn(WEB)).orElseThrow();
    for (String said :
        List.of(
            "a http-header condition",
            "a query-string condition",
            "a authenticate-oidc action",
            "a forward to 2 target groups",
            "stays port 8080 target_group")) {
      assertTrue(w.contains(said), said + " in " + w);
    }
  }

  @Test
  void severalHostsInOneConditionAreNotARoute() {
    String two = "{'Field': 'host-header', 'Values': ['a.example.com', 'b.example.com']}";
    Observed observed =
        observed(
            Map.of(WEB, targetGroup(WEB, "")),
            Map.of(WEB, "web"),
            Map.of(L1, List.of(rule(4, two, forward(arn(WEB))))),
            "30");
    String w =
        RouteImport.decide("shop", List.of(new Entry("web", arn(WEB), "web", 8080)), observed)
            .warning("web", arn(WEB))
            .orElseThrow();
    assertTrue(w.contains("a host-header condition with 2 hosts"), w);
  }

  @Test
  void theAppGetsTheListenerMostRoutesAreOnAndTheOthersStay() {
    String api = RouteEmitter.targetGroupName("shop", "api", 8080);
    String admin = RouteEmitter.targetGroupName("shop", "admin", 8080);
    Observed observed =
        observed(
            Map.of(
                WEB, targetGroup(WEB, ""),
                api, targetGroup(api, ""),
                admin, targetGroup(admin, "")),
            Map.of(WEB, "web", api, "api", admin, "admin"),
            Map.of(
                L1,
                List.of(
                    rule(1, host("shop.example.com"), forward(arn(WEB))),
                    rule(2, host("api.example.com"), forward(arn(api)))),
                L2,
                List.of(rule(1, host("admin.example.com"), forward(arn(admin))))),
            "30");
    Decided d =
        RouteImport.decide(
            "shop",
            List.of(
                new Entry("web", arn(WEB), "web", 8080),
                new Entry("api", arn(api), "api", 8080),
                new Entry("admin", arn(admin), "admin", 8080)),
            observed);
    assertEquals(Optional.of(L1), d.listener());
    assertTrue(d.isRoute("web", arn(WEB)));
    assertTrue(d.isRoute("api", arn(api)));
    assertFalse(d.isRoute("admin", arn(admin)));
    String w = d.warning("admin", arn(admin)).orElseThrow();
    assertTrue(w.contains("on listener " + L2), w);
    assertTrue(w.contains("the app's load_balancer (" + L1 + ")"), w);
  }

  @Test
  void aTargetGroupNotReadOrWithoutRulesStaysSilently() {
    Observed observed =
        observed(
            Map.of(WEB, targetGroup(WEB, "")), Map.of(WEB, "web"), Map.of(L1, List.of()), "30");
    Decided d =
        RouteImport.decide(
            "shop",
            List.of(new Entry("web", arn(WEB), "web", 8080), new Entry("web", OTHER, "web", 9090)),
            observed);
    assertEquals(Optional.empty(), d.listener());
    assertFalse(d.isRoute("web", arn(WEB)));
    assertFalse(d.isRoute("web", OTHER));
    assertEquals(Optional.empty(), d.warning("web", arn(WEB)));
    assertEquals(Optional.empty(), d.warning("web", OTHER));
  }
}
