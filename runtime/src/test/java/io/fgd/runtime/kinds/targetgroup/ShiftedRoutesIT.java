package io.fgd.runtime.kinds.targetgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.runtime.kinds.MotoApp;
import io.fgd.runtime.kinds.RoutedApp;
import io.fgd.runtime.kinds.RoutedAppTestBase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * A routed canary service against moto's ELBv2 and ECS over HTTP: apply creates the route's two
 * target groups and a rule forwarding to both (weights 100 and 0), a second plan has no changes;
 * switching the strategy back to rolling deletes the alternate target group (as a removed route's
 * is) and the rule forwards to one target group again, then a plan has no changes but the one moto
 * leaves.
 *
 * <p>What moto 5.2.5 does not model: no deployment strategy at all (its ECS neither moves traffic
 * nor changes the rule's weights, nor swaps the target groups after a blue/green: that is played on
 * a faked account in ShiftedRoutesTest); DescribeServices answers the advancedConfiguration
 * CreateService was given but not the deployment configuration's strategy, canary and bake times
 * (it answers its own rolling settings); UpdateService ignores {@code loadBalancers}, so after the
 * switch to rolling the service keeps its advancedConfiguration in moto. The plans below allow
 * those differences on the service, and no other change.
 */
class ShiftedRoutesIT extends RoutedAppTestBase {
  ShiftedRoutesIT() {
    super("shop");
  }

  private String spec(String deploy) {
    return app.header(listener)
        + RoutedApp.routedService("web", "\"shop.example.com\" health \"/healthz\"", deploy);
  }

  private static final String CANARY =
      "    strategy canary 10% bake 5m\n    role     \"" + ROLE + "\"";
  private static final String ROLLING = "    strategy rolling";

  private Rule rule() {
    List<Rule> rules = app.rules(listener);
    assertEquals(1, rules.size(), rules::toString);
    return rules.get(0);
  }

  /** The ARNs a rule's forward sends to, with their weights (null for a plain forward). */
  private static Map<String, Integer> forward(Rule rule) {
    Map<String, Integer> out = new TreeMap<>();
    var action = rule.actions().get(0);
    if (action.forwardConfig() != null && action.forwardConfig().hasTargetGroups()) {
      for (TargetGroupTuple t : action.forwardConfig().targetGroups()) {
        out.put(t.targetGroupArn(), t.weight());
      }
    } else {
      out.put(action.targetGroupArn(), null);
    }
    return out;
  }

  @Test
  void aCanaryRouteHasTwoTargetGroupsUntilItRollsAgain() throws Exception {
    List<Artifact> canary = app.compile(spec(CANARY));
    app.apply(canary, false);

    Map<String, TargetGroup> groups = app.targetGroups();
    assertEquals(2, groups.size(), groups::toString);
    Set<Integer> ports = new TreeSet<>();
    groups.values().forEach(t -> ports.add(t.port()));
    assertEquals(Set.of(80), ports);
    groups.values().forEach(t -> assertEquals("/healthz", t.healthCheckPath()));
    String primary =
        groups
            .get(io.fgd.compiler.emit.ecs.RouteEmitter.targetGroupName("shop", "web", 80))
            .targetGroupArn();
    String alternate =
        groups
            .get(io.fgd.compiler.emit.ecs.RouteEmitter.alternateTargetGroupName("shop", "web", 80))
            .targetGroupArn();
    Rule rule = rule();
    assertEquals(Map.of(primary, 100, alternate, 0), forward(rule));
    var service =
        account
            .clients
            .ecs()
            .describeServices(r -> r.cluster("shop-prod").services("web"))
            .services()
            .get(0);
    var lb = service.loadBalancers().get(0);
    assertEquals(primary, lb.targetGroupArn());
    assertEquals(alternate, lb.advancedConfiguration().alternateTargetGroupArn());
    assertEquals(rule.ruleArn(), lb.advancedConfiguration().productionListenerRule());
    assertEquals(ROLE, lb.advancedConfiguration().roleArn());
    // No change to the target groups, the rule or the service's loadBalancers: moto's ECS drops
    // the strategy, canary and bake of deploymentConfiguration (it keeps only its own rolling
    // settings), the one difference it leaves.
    MotoApp.assertOnlyServiceFields(app.plan(canary).plan(), "web", ".deploymentConfiguration");

    // Back to rolling: the rule forwards to the first target group alone, the alternate goes.
    List<Artifact> rolling = app.compile(spec(ROLLING));
    app.apply(rolling, false);
    assertEquals(
        Set.of(io.fgd.compiler.emit.ecs.RouteEmitter.targetGroupName("shop", "web", 80)),
        app.targetGroups().keySet());
    Map<String, Integer> single = forward(rule());
    assertEquals(Set.of(primary), single.keySet(), single::toString);
    // moto keeps the service's old loadBalancers entry (UpdateService ignores them) and its own
    // deploymentConfiguration: those, and nothing else, differ.
    MotoApp.assertOnlyServiceFields(
        app.plan(rolling).plan(), "web", ".loadBalancers", ".deploymentConfiguration");
  }

  @Test
  void aRollingRouteTurnedCanaryGetsItsSecondTargetGroupAndTheRuleForwardsToBoth()
      throws Exception {
    List<Artifact> rolling = app.compile(spec(ROLLING));
    app.apply(rolling, false);
    assertEquals(1, app.targetGroups().size(), app.targetGroups()::toString);
    String ruleArn = rule().ruleArn();

    List<Artifact> canary = app.compile(spec(CANARY));
    app.apply(canary, false);
    Map<String, TargetGroup> groups = app.targetGroups();
    assertEquals(2, groups.size(), groups::toString);
    String primary =
        groups
            .get(io.fgd.compiler.emit.ecs.RouteEmitter.targetGroupName("shop", "web", 80))
            .targetGroupArn();
    String alternate =
        groups
            .get(io.fgd.compiler.emit.ecs.RouteEmitter.alternateTargetGroupName("shop", "web", 80))
            .targetGroupArn();
    // The same rule, changed in place (ModifyRule) to forward to the pair.
    assertEquals(ruleArn, rule().ruleArn());
    assertEquals(Map.of(primary, 100, alternate, 0), forward(rule()));
    // moto's UpdateService ignores loadBalancers (so the service has no advancedConfiguration
    // there) and the strategy: those, and nothing else, differ.
    MotoApp.assertOnlyServiceFields(
        app.plan(canary).plan(), "web", ".loadBalancers", ".deploymentConfiguration");
  }

  @Test
  void aRuleChangedForItsTagsKeepsTheWeightsEcsGaveIt() throws Exception {
    List<Artifact> canary = app.compile(spec(CANARY));
    app.apply(canary, false);
    Rule rule = rule();
    Map<String, Integer> before = forward(rule);
    // What ECS leaves after a blue/green: all traffic on the alternate target group.
    List<TargetGroupTuple> swapped =
        rule.actions().get(0).forwardConfig().targetGroups().stream()
            .map(t -> t.toBuilder().weight(100 - t.weight()).build())
            .toList();
    account
        .clients
        .elb()
        .modifyRule(
            r ->
                r.ruleArn(rule.ruleArn())
                    .actions(a -> a.type("forward").forwardConfig(f -> f.targetGroups(swapped))));
    Map<String, Integer> ecs = forward(rule());
    assertTrue(!ecs.equals(before), ecs::toString);

    // A tag of the app's changes the rule's tags: ModifyRule, which must not move the traffic.
    List<Artifact> tagged =
        app.compile(
            spec(CANARY)
                .replace("  load_balancer {", "  tags { team = \"shop\" }\n  load_balancer {"));
    app.apply(tagged, false);
    assertEquals(ecs, forward(rule()));
  }
}
