package io.fgd.runtime.kinds.targetgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.runtime.kinds.MotoApp;
import io.fgd.runtime.kinds.RoutedApp;
import io.fgd.runtime.kinds.RoutedAppTestBase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Routes against moto's ELBv2 and ECS over HTTP: target groups, listener rules and the services'
 * loadBalancers entries on a listener the test makes (the app's own, as a spec's {@code listener}
 * names it). Apply, plan again (no changes); change a path, a health check and a port; remove a
 * route; prune a service; each followed by a plan with no changes.
 *
 * <p>What moto 5.2.5 does not model, read in its source (moto/elbv2, moto/ecs): UpdateService
 * ignores {@code loadBalancers} (its update_service never reads them), so a service whose routed
 * port changes keeps its old entry in moto; the port change is checked on the target group and the
 * rule, and the service's entry is asserted as the one difference moto leaves. Moto registers no
 * targets for ECS tasks and runs no health checks, so draining and health are not exercised here
 * (bench/RESULTS.md has the timing from the AWS documentation). Moto does implement DescribeTags,
 * ModifyTargetGroup, ModifyTargetGroupAttributes, ModifyRule and SetRulePriorities, used below.
 */
class RoutesIT extends RoutedAppTestBase {
  RoutesIT() {
    super("sheets");
  }

  private String spec(String serverRoutes, String apiRoutes) {
    return app.header(listener) + RoutedApp.serverAndApi(serverRoutes, "  port 80\n" + apiRoutes);
  }

  private static final String SERVER =
      """
          route "sheets.example.com/ws/*" port 7000 health "/health" {
            deregistration_delay 120s
          }
          route "sheets.example.com/*" port 8000 health "/health"
        """;
  private static final String API = "  route \"api.sheets.example.com\" health \"/health\"";

  /** The listener's rules other than its default, by the path or host they match. */
  private Map<String, Rule> rules() {
    Map<String, Rule> out = new TreeMap<>();
    for (Rule r : app.rules(listener)) {
      out.put(
          String.join(
              "",
              r.conditions().stream()
                  .flatMap(
                      c ->
                          c.hostHeaderConfig() != null
                              ? c.hostHeaderConfig().values().stream()
                              : c.pathPatternConfig().values().stream())
                  .toList()),
          r);
    }
    return out;
  }

  private String deregistrationDelay(TargetGroup tg) {
    return account
        .clients
        .elb()
        .describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()))
        .attributes()
        .stream()
        .filter(a -> a.key().equals("deregistration_delay.timeout_seconds"))
        .findFirst()
        .orElseThrow()
        .value();
  }

  @Test
  void routesApplyPlanCleanChangeAndGo() throws Exception {
    List<Artifact> first = app.compile(spec(SERVER, API));
    app.apply(first, false);

    Map<String, TargetGroup> groups = app.targetGroups();
    assertEquals(3, groups.size(), groups::toString);
    TargetGroup ws =
        groups.values().stream().filter(t -> t.port() == 7000).findFirst().orElseThrow();
    assertEquals("/health", ws.healthCheckPath());
    assertEquals(10, ws.healthCheckIntervalSeconds());
    assertEquals(2, ws.healthyThresholdCount());
    assertEquals("ip", ws.targetTypeAsString());
    assertEquals("120", deregistrationDelay(ws));
    Map<String, Rule> rules = rules();
    assertEquals(3, rules.size(), rules::toString);
    assertEquals(
        ws.targetGroupArn(),
        rules.get("sheets.example.com/ws/*").actions().get(0).targetGroupArn());
    var server =
        account
            .clients
            .ecs()
            .describeServices(r -> r.cluster("sheets-prod").services("server"))
            .services()
            .get(0);
    assertTrue(
        server.loadBalancers().stream()
            .anyMatch(
                l -> l.targetGroupArn().equals(ws.targetGroupArn()) && l.containerPort() == 7000),
        server.loadBalancers()::toString);
    app.assertNoChanges(first);

    // A changed path: the old route's rule goes, the new one comes.
    List<Artifact> path = app.compile(spec(SERVER.replace("/ws/*", "/socket/*"), API));
    app.apply(path, false);
    assertTrue(rules().containsKey("sheets.example.com/socket/*"), rules()::toString);
    assertEquals(3, rules().size());
    app.assertNoChanges(path);

    // A changed health check: ModifyTargetGroup in place.
    String health = API.replace("health \"/health\"", "health \"/ready\" { interval 15s }");
    List<Artifact> checked = app.compile(spec(SERVER.replace("/ws/*", "/socket/*"), health));
    app.apply(checked, false);
    TargetGroup api =
        app.targetGroups().values().stream().filter(t -> t.port() == 80).findFirst().orElseThrow();
    assertEquals("/ready", api.healthCheckPath());
    assertEquals(15, api.healthCheckIntervalSeconds());
    app.assertNoChanges(checked);

    // Removing a route: its rule goes, and its target group once nothing uses it.
    List<Artifact> removed =
        app.compile(spec("  route \"sheets.example.com/*\" port 8000 health \"/health\"", health));
    app.apply(removed, false);
    assertEquals(2, rules().size(), rules()::toString);
    assertEquals(2, app.targetGroups().size(), app.targetGroups()::toString);
    // moto leaves the server's old loadBalancers entry (UpdateService ignores them): that, and
    // nothing else, differs.
    MotoApp.assertOnlyServiceFields(app.plan(removed).plan(), "server", ".loadBalancers");

    // Pruning a service: its rules and target groups go with it.
    List<Artifact> apiOnly =
        app.compile(spec("", health)).stream()
            .filter(a -> !a.path().startsWith("server/"))
            .toList();
    app.apply(apiOnly, true);
    assertEquals(1, rules().size(), rules()::toString);
    assertEquals(1, app.targetGroups().size(), app.targetGroups()::toString);
    app.assertNoChanges(apiOnly);
  }
}
