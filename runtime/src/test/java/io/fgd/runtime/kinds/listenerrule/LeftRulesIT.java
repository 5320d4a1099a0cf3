package io.fgd.runtime.kinds.listenerrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.kinds.RoutedApp;
import io.fgd.runtime.kinds.RoutedAppTestBase;
import io.fgd.runtime.render.TextRenderer;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * The app's last routes leave a listener the spec named ({@code listener "ARN"}, a load balancer
 * the user made, here with the plain SDK): {@code --prune} finds the rules fgd made there from the
 * target groups it owns, and deletes them, then the target groups, never the listener or the load
 * balancer. Against moto's ELBv2 and ECS over HTTP.
 *
 * <p>The app has three routes on that listener, two of service "server" and one of "api"; then the
 * spec drops every route and the {@code load_balancer} block, and "api" names its target group with
 * {@code port 80 target_group "ARN"} (as an import writes it): its rule and target group are kept.
 *
 * <p>What moto 5.2.5 does not model here (moto/elbv2/models.py, moto/ecs/models.py): it registers
 * no targets for ECS tasks and runs no task, so no rollout or draining is waited for (apply runs
 * with --no-wait, which deletes a target group once its rules are gone); UpdateService ignores
 * {@code loadBalancers}, so the service keeps its entries in moto whatever the spec says. Moto's
 * DeleteTargetGroup does refuse a target group a rule still forwards to (ResourceInUse, "currently
 * in use by a listener or a rule", as AWS does), so the order (rules first) is checked by moto too.
 */
class LeftRulesIT extends RoutedAppTestBase {
  LeftRulesIT() {
    super("sheets");
  }

  private String spec(boolean withListener, String serverRoutes, String apiPort) {
    return (withListener ? app.header(listener) : app.headerWithoutLoadBalancer())
        + RoutedApp.serverAndApi(serverRoutes, "  " + apiPort);
  }

  private static final String SERVER_ROUTES =
      """
          route "sheets.example.com/ws/*" port 7000 health "/health"
          route "sheets.example.com/*" port 8000 health "/health"
        """;
  private static final String API_ROUTED =
      "port 80\n  route \"api.sheets.example.com\" health \"/health\"";

  @Test
  void pruneDeletesTheRulesAndTargetGroupsTheLastRoutesLeftOnANamedListener() throws Exception {
    app.apply(app.compile(spec(true, SERVER_ROUTES, API_ROUTED)), false);
    assertEquals(3, app.rules(listener).size());
    assertEquals(3, app.targetGroups().size());
    String apiGroup = RouteEmitter.targetGroupName("sheets", "api", 80);
    String apiArn = app.targetGroups().get(apiGroup).targetGroupArn();
    String apiRule = ruleTo(apiArn);

    // Every route and the load_balancer block go; "api" keeps its target group by ARN.
    List<Artifact> unrouted =
        app.compile(spec(false, "", "port 80 target_group \"" + apiArn + "\""));

    // Without --prune: nothing of them is deleted or read (as before: no ELBv2 request).
    int mark = account.clients.calls().size();
    Plan plain = app.plan(unrouted).plan();
    Map<String, Integer> plainCalls = callsSince(mark);
    assertEquals(new TreeSet<>(), notServices(plain), () -> TextRenderer.render(plain, false));
    assertTrue(
        plainCalls.keySet().stream().noneMatch(c -> c.startsWith("Elastic")), plainCalls::toString);

    // With --prune: the server's two rules and two target groups go; api's stay.
    mark = account.clients.calls().size();
    Plan plan = app.plan(unrouted, true).plan();
    Map<String, Integer> pruneCalls = callsSince(mark);
    System.out.println(TextRenderer.render(plan, false));
    TreeSet<String> gone = serverRoutesGone(7000, 8000);
    assertEquals(gone, notServices(plan), () -> TextRenderer.render(plan, false));
    assertEquals(
        List.of(),
        plan.warnings().stream().filter(w -> w.contains("was kept")).toList(),
        plan.warnings()::toString);
    // The reads of the user's load balancer: its listeners, the listener's rules, the tags of
    // the two rules that forward to the server's target groups (the third wave, one chain).
    assertEquals(
        1, pruneCalls.get("ElasticLoadBalancingV2.DescribeListeners"), pruneCalls::toString);
    assertEquals(1, pruneCalls.get("ElasticLoadBalancingV2.DescribeRules"), pruneCalls::toString);
    // the target groups' tags (one request) and the rules' (one)
    assertEquals(2, pruneCalls.get("ElasticLoadBalancingV2.DescribeTags"), pruneCalls::toString);

    // A plan saved with --out is checked against the account before apply: the rules it read
    // on the user's listener are in its fingerprint.
    Map<String, String> fingerprint = Fingerprints.of(app.plan(unrouted, true).observed());
    for (Rule r : app.rules(listener)) {
      assertTrue(fingerprint.containsKey("listenerRule/" + r.ruleArn()), fingerprint::toString);
    }

    var result = app.apply(unrouted, true);
    List<String> order = notServices(result);
    assertEquals(RULES_THEN_GROUPS_DELETED, order, order::toString);

    // The user's listener and load balancer are there; of fgd's, only api's rule and group.
    var elb = account.clients.elb();
    assertEquals(
        List.of(listener),
        elb.describeListeners(r -> r.listenerArns(listener)).listeners().stream()
            .map(l -> l.listenerArn())
            .toList());
    assertEquals(
        List.of("sheets"),
        elb.describeLoadBalancers().loadBalancers().stream()
            .map(l -> l.loadBalancerName())
            .toList());
    assertEquals(List.of(apiRule), app.rules(listener).stream().map(Rule::ruleArn).toList());
    assertEquals(List.of(apiGroup), List.copyOf(app.targetGroups().keySet()));

    // Planned again for --prune: no changes, and nothing more of the user's load balancer read.
    mark = account.clients.calls().size();
    app.assertNoChanges(app.plan(unrouted, true).plan());
    Map<String, Integer> after = callsSince(mark);
    assertFalse(after.containsKey("ElasticLoadBalancingV2.DescribeListeners"), after::toString);
    assertFalse(after.containsKey("ElasticLoadBalancingV2.DescribeRules"), after::toString);
    app.assertNoChanges(unrouted);
  }

  /**
   * Service "server" leaves the spec with the routes: pruned, its rules on the listener the spec no
   * longer names go before it, and its target groups after (before, the plan did not read those
   * rules, and AWS would have refused DeleteTargetGroup with ResourceInUse).
   */
  @Test
  void aServiceThatLeftTheSpecTakesItsRulesOnTheListenerWithIt() throws Exception {
    app.apply(app.compile(spec(true, SERVER_ROUTES, API_ROUTED)), false);
    String apiGroup = RouteEmitter.targetGroupName("sheets", "api", 80);
    String apiArn = app.targetGroups().get(apiGroup).targetGroupArn();
    String apiRule = ruleTo(apiArn);
    String routed = spec(false, "", "port 80 target_group \"" + apiArn + "\"");
    String apiOnly = withoutServer(routed);
    assertFalse(apiOnly.contains("server"), apiOnly);
    List<Artifact> unrouted = app.compile(apiOnly);

    Plan plan = app.plan(unrouted, true).plan();
    System.out.println(TextRenderer.render(plan, false));
    assertEquals(
        serverRoutesGone(7000, 8000), notServices(plan), () -> TextRenderer.render(plan, false));

    var result = app.apply(unrouted, true);
    // The rules before the target groups they forward to (the service itself is deleted first:
    // ECS deletes a service whose target groups rules still use).
    List<String> order = notServices(result);
    assertEquals(RULES_THEN_GROUPS_DELETED, order, order::toString);
    assertTrue(
        result.changes().stream()
            .anyMatch(c -> c.type().id().equals("ecs_service") && c.verb().equals("deleted")),
        result.changes()::toString);
    assertEquals(List.of(apiRule), app.rules(listener).stream().map(Rule::ruleArn).toList());
    assertEquals(List.of(apiGroup), List.copyOf(app.targetGroups().keySet()));
    assertEquals(1, account.clients.elb().describeLoadBalancers().loadBalancers().size());
    app.assertNoChanges(app.plan(unrouted, true).plan());
  }

  /**
   * A rule of the user's on the listener forwards to one of fgd's target groups: the group is kept
   * with a warning naming the rule (ELBv2, and moto, refuse DeleteTargetGroup: ResourceInUse), the
   * rest goes.
   */
  @Test
  void aTargetGroupAForeignRuleForwardsToIsKeptWithAWarning() throws Exception {
    app.apply(app.compile(spec(true, SERVER_ROUTES, API_ROUTED)), false);
    String apiArn =
        app.targetGroups().get(RouteEmitter.targetGroupName("sheets", "api", 80)).targetGroupArn();
    String kept = RouteEmitter.targetGroupName("sheets", "server", 8000);
    String keptArn = app.targetGroups().get(kept).targetGroupArn();
    String theirs = theirRuleTo(keptArn);
    List<Artifact> unrouted =
        app.compile(spec(false, "", "port 80 target_group \"" + apiArn + "\""));

    Plan plan = app.plan(unrouted, true).plan();
    System.out.println(TextRenderer.render(plan, false));
    assertEquals(serverRoutesGone(7000), notServices(plan), () -> TextRenderer.render(plan, false));
    assertTrue(
        plan.warnings().stream()
            .anyMatch(w -> w.contains(kept + " of service") && w.contains("rule " + theirs)),
        plan.warnings()::toString);

    app.apply(unrouted, true);
    assertTrue(app.targetGroups().containsKey(kept), app.targetGroups()::toString);
    assertTrue(
        app.rules(listener).stream().anyMatch(r -> r.ruleArn().equals(theirs)),
        app.rules(listener)::toString);
    assertEquals(2, app.rules(listener).size(), app.rules(listener)::toString); // theirs, api's
  }

  /**
   * Service "server" leaves the spec while a rule of the user's forwards to one of its target
   * groups: apply --prune refuses before changing anything, naming the rule (deleting the service
   * first and then failing DeleteTargetGroup with ResourceInUse would leave it half done).
   */
  @Test
  void aServiceThatLeftTheSpecIsNotPrunedWhileAForeignRuleUsesItsTargetGroup() throws Exception {
    app.apply(app.compile(spec(true, SERVER_ROUTES, API_ROUTED)), false);
    String apiArn =
        app.targetGroups().get(RouteEmitter.targetGroupName("sheets", "api", 80)).targetGroupArn();
    String keptArn =
        app.targetGroups()
            .get(RouteEmitter.targetGroupName("sheets", "server", 8000))
            .targetGroupArn();
    String theirs = theirRuleTo(keptArn);
    String written = spec(false, "", "port 80 target_group \"" + apiArn + "\"");
    List<Artifact> apiOnly = app.compile(withoutServer(written));

    var refused = app.tryApply(apiOnly, true);
    assertEquals(ApplyResult.Status.REFUSED, refused.status(), refused.errors()::toString);
    assertTrue(
        refused.errors().stream().anyMatch(e -> e.contains("rule " + theirs)),
        refused.errors()::toString);
    assertEquals(4, app.rules(listener).size(), app.rules(listener)::toString);
    assertEquals(3, app.targetGroups().size(), app.targetGroups()::toString);
    assertEquals(
        List.of("ACTIVE"),
        account
            .clients
            .ecs()
            .describeServices(r -> r.cluster("sheets-prod").services("server"))
            .services()
            .stream()
            .map(x -> x.status())
            .toList());
  }

  /** What apply did to other kinds than services and task definitions, as "kind verb", in order. */
  private static List<String> notServices(ApplyResult result) {
    return result.changes().stream()
        .filter(c -> !c.type().id().equals("ecs_service"))
        .filter(c -> !c.type().id().equals("task_definition"))
        .map(c -> c.type().id() + " " + c.verb())
        .toList();
  }

  private static final List<String> RULES_THEN_GROUPS_DELETED =
      List.of(
          "listener_rule deleted",
          "listener_rule deleted",
          "target_group deleted",
          "target_group deleted");

  /** The server's two rules and its target groups on these ports, as destroyed in a plan. */
  private static TreeSet<String> serverRoutesGone(int... groupPorts) {
    TreeSet<String> out =
        new TreeSet<>(
            List.of(
                "destroy listener rule \"server sheets.example.com/*\"",
                "destroy listener rule \"server sheets.example.com/ws/*\""));
    for (int port : groupPorts) {
      out.add(
          "destroy target group \""
              + RouteEmitter.targetGroupName("sheets", "server", port)
              + "\"");
    }
    return out;
  }

  /** A rule of the user's on the listener (/theirs/*) forwarding to this target group: its ARN. */
  private String theirRuleTo(String targetGroupArn) {
    return account
        .clients
        .elb()
        .createRule(
            r ->
                r.listenerArn(listener)
                    .priority(40000)
                    .conditions(c -> c.field("path-pattern").values("/theirs/*"))
                    .actions(a -> a.type("forward").targetGroupArn(targetGroupArn)))
        .rules()
        .get(0)
        .ruleArn();
  }

  /** The spec without its service "server". */
  private static String withoutServer(String spec) {
    return spec.substring(0, spec.indexOf("service server {"))
        + spec.substring(spec.indexOf("service api {"));
  }

  /** The ARN of the one rule on the listener that forwards to {@code targetGroup}. */
  private String ruleTo(String targetGroup) {
    List<String> out =
        app.rules(listener).stream()
            .filter(r -> r.actions().stream().anyMatch(a -> targetGroup.equals(a.targetGroupArn())))
            .map(Rule::ruleArn)
            .toList();
    assertEquals(1, out.size(), out::toString);
    return out.get(0);
  }
}
