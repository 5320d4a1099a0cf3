package io.fgd.runtime.kinds.listenerrule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.ecs.RouteTags;
import io.fgd.runtime.kinds.MotoApp;
import io.fgd.runtime.kinds.RoutedApp;
import io.fgd.runtime.kinds.RoutedAppTestBase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * A blue/green service whose route has a {@code test_header}, against moto's ELBv2 and ECS over
 * HTTP: apply creates the route's rule and its test rule (the same host, the header, the priority
 * just before, a forward to the same pair), CreateService gets the test rule's ARN as {@code
 * testListenerRule}, and a second plan has no changes but the one moto leaves; changing the header
 * changes the test rule in place; removing it deletes the test rule and the route's rule takes its
 * priority back; pruning the service deletes both.
 *
 * <p>What moto 5.2.5 does not model (read in moto/ecs and moto/elbv2): no deployment strategy (its
 * ECS sends no test traffic and moves no weights: the weights ECS moves are played on a faked
 * account in ShiftedRoutesTest); DescribeServices answers the advancedConfiguration CreateService
 * was given (testListenerRule included) but not the deployment configuration's strategy and bake
 * time; UpdateService ignores {@code loadBalancers}, so after the test header goes the service
 * still names the deleted rule in moto. The plans below allow those differences on the service, and
 * no other change.
 */
class TestRulesIT extends RoutedAppTestBase {
  TestRulesIT() {
    super("shop");
  }

  private String spec(String routeBody) {
    return app.header(listener)
        + RoutedApp.routedService(
            "web",
            "\"shop.example.com/app/*\" health \"/healthz\" " + routeBody,
            "    strategy blue_green\n    role     \"" + ROLE + "\"");
  }

  private static String header(String header) {
    return "{\n    test_header \"" + header + "\"\n  }";
  }

  /**
   * The listener's rules by the route their fgd:route tag names. moto stores any tag value; ELBv2
   * takes only its pattern (API reference, Tag), which the stored value is checked against.
   */
  private Map<String, Rule> rulesByRoute() {
    Map<String, Rule> out = new TreeMap<>();
    for (Rule r : app.rules(listener)) {
      var tags =
          account.clients.elb().describeTags(t -> t.resourceArns(r.ruleArn())).tagDescriptions();
      String value =
          tags.get(0).tags().stream()
              .filter(t -> t.key().equals("fgd:route"))
              .findFirst()
              .orElseThrow()
              .value();
      assertTrue(ELBV2_TAG_VALUE.matcher(value).matches(), value + " is no ELBv2 tag value");
      out.put(RouteTags.route(value), r);
    }
    return out;
  }

  private static final Pattern ELBV2_TAG_VALUE =
      Pattern.compile("^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

  private static String headerOf(Rule rule) {
    for (RuleCondition c : rule.conditions()) {
      if (c.field().equals("http-header")) {
        return c.httpHeaderConfig().httpHeaderName() + ": " + c.httpHeaderConfig().values();
      }
    }
    return null;
  }

  private static Map<String, Integer> forward(Rule rule) {
    Map<String, Integer> out = new TreeMap<>();
    for (TargetGroupTuple t : rule.actions().get(0).forwardConfig().targetGroups()) {
      out.put(t.targetGroupArn(), t.weight());
    }
    return out;
  }

  private String testListenerRule() {
    return account
        .clients
        .ecs()
        .describeServices(r -> r.cluster("shop-prod").services("web"))
        .services()
        .get(0)
        .loadBalancers()
        .get(0)
        .advancedConfiguration()
        .testListenerRule();
  }

  @Test
  void aTestHeaderIsARuleOfItsOwnFromApplyToPrune() throws Exception {
    List<Artifact> tested = app.compile(spec(header("X-Fgd-Test: 1")));
    app.apply(tested, false);

    Map<String, Rule> rules = rulesByRoute();
    assertEquals(List.of("shop.example.com/app/*", "test:shop.example.com/app/*"), keys(rules));
    Rule production = rules.get("shop.example.com/app/*");
    Rule test = rules.get("test:shop.example.com/app/*");
    assertEquals("X-Fgd-Test: [1]", headerOf(test));
    assertEquals(null, headerOf(production));
    assertEquals(Integer.parseInt(production.priority()) - 1, Integer.parseInt(test.priority()));
    assertEquals(forward(production), forward(test));
    assertEquals(List.of(0, 100), forward(test).values().stream().sorted().toList());
    // CreateService got the test rule's ARN in place of fgd:listenerrule/web/test:... .
    assertEquals(test.ruleArn(), testListenerRule());
    // moto's ECS drops the strategy and bake of deploymentConfiguration, the one difference.
    MotoApp.assertOnlyServiceFields(app.plan(tested).plan(), "web", ".deploymentConfiguration");

    // Another header: the same test rule, changed in place (ModifyRule); the service unchanged.
    List<Artifact> changed = app.compile(spec(header("X-Canary: yes")));
    app.apply(changed, false);
    Map<String, Rule> after = rulesByRoute();
    assertEquals(test.ruleArn(), after.get("test:shop.example.com/app/*").ruleArn());
    assertEquals("X-Canary: [yes]", headerOf(after.get("test:shop.example.com/app/*")));
    assertEquals(production.priority(), after.get("shop.example.com/app/*").priority());
    MotoApp.assertOnlyServiceFields(app.plan(changed).plan(), "web", ".deploymentConfiguration");

    // No test header: the test rule goes and the route's rule takes its priority back.
    List<Artifact> untested = app.compile(spec(""));
    app.apply(untested, false);
    Map<String, Rule> left = rulesByRoute();
    assertEquals(List.of("shop.example.com/app/*"), keys(left));
    assertEquals(test.priority(), left.get("shop.example.com/app/*").priority());
    assertEquals(production.ruleArn(), left.get("shop.example.com/app/*").ruleArn());
    // moto's UpdateService ignores loadBalancers: the service still names the deleted rule there.
    MotoApp.assertOnlyServiceFields(
        app.plan(untested).plan(), "web", ".loadBalancers", ".deploymentConfiguration");
  }

  @Test
  void aPrunedServiceTakesItsTestRuleWithIt() throws Exception {
    String other =
        """

        service api {
          image  "nginx:1.27"
          port   80
          health none
          logs   off
          route  "api.shop.example.com"
        }
        """;
    app.apply(app.compile(spec(header("X-Fgd-Test: 1")) + other), false);
    assertEquals(
        List.of("api.shop.example.com", "shop.example.com/app/*", "test:shop.example.com/app/*"),
        keys(rulesByRoute()));

    List<Artifact> apiOnly = app.compile(app.header(listener) + other);
    app.apply(apiOnly, true);
    assertEquals(List.of("api.shop.example.com"), keys(rulesByRoute()));
    app.assertNoChanges(apiOnly);
  }

  private static List<String> keys(Map<String, Rule> rules) {
    return List.copyOf(rules.keySet());
  }
}
