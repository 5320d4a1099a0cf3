package io.fgd.compiler.check;

import static io.fgd.compiler.check.Snippets.inService;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollout checks of issue 15, one per row: a snippet added to a valid service, the one
 * diagnostic it must produce (or none), and the source text it underlines. The errors that end a
 * compile also have a spec under specs/invalid/deploy-*.
 */
class RolloutRulesTest {
  static final String TG =
      "\"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web-blue/0123456789abcdef\"";
  static final String ALT =
      "\"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/web-green/fedcba9876543210\"";
  static final String RULE =
      "\"arn:aws:elasticloadbalancing:us-west-1:123456789012:listener-rule/app/shop/0123456789abcdef/0123456789abcdef/0123456789abcdef\"";
  static final String ROLE = "\"arn:aws:iam::123456789012:role/ecsInfrastructureRole\"";
  static final String SHIFT = "alternate " + ALT + " rule " + RULE + " role " + ROLE;
  static final String PORT = "port 80 target_group " + TG + " " + SHIFT + "\n";

  static Stream<Arguments> snippets() {
    return Stream.of(
        // what is fine
        row(PORT + "deploy {\n  strategy canary 10% bake 5m\n  bake 10m\n}", null, null),
        row(PORT + "deploy {\n  strategy linear 33.3% every 1m\n}", null, null),
        row(PORT + "deploy {\n  strategy blue_green\n  circuit_breaker off\n}", null, null),
        row("deploy {\n  alarms \"web-5xx\", \"web-p99\"\n}", null, null),
        row("deploy {\n  strategy rolling\n}", null, null),
        // alarms that only mark a deployment failed
        row("deploy {\n  alarms \"web-5xx\" rollback off\n}", "deploy.alarmsNoRollback", "off"),
        row(
            "deploy {\n  alarms \"" + "a".repeat(256) + "\"\n}",
            "deploy.alarmName",
            "\"" + "a".repeat(256) + "\""),
        // traffic-shift settings
        row(PORT, "deploy.trafficShiftUnused", SHIFT),
        row(
            "port 80 target_group "
                + TG
                + " alternate "
                + TG
                + " rule "
                + RULE
                + " role "
                + ROLE
                + "\ndeploy {\n  strategy blue_green\n}",
            "deploy.alternateSame",
            TG),
        row(
            PORT.replace("\n", " test_rule " + RULE + "\n") + "deploy {\n  strategy blue_green\n}",
            "deploy.testRuleSame",
            RULE),
        row(
            "port 80 target_group "
                + TG
                + " alternate "
                + ALT
                + " rule "
                + TG
                + " role "
                + ROLE
                + "\ndeploy {\n  strategy blue_green\n}",
            "arn.resource",
            TG),
        // percentages and bakes
        row(
            PORT + "deploy {\n  strategy linear 33.33% every 1m\n}",
            "deploy.strategyPercent",
            "33.33%"),
        row(PORT + "deploy {\n  strategy canary 100.5%\n}", "deploy.strategyPercent", "100.5%"),
        row(PORT + "deploy {\n  strategy blue_green 10%\n}", "deploy.strategyPercentUnused", "10%"),
        row(PORT + "deploy {\n  strategy blue_green\n  bake 1441m\n}", "deploy.bakeRange", "1441m"),
        row(PORT + "deploy {\n  strategy canary 10% bake 30s\n}", "deploy.bakeWholeMinutes", "30s"),
        // the breaker is for rolling deployments
        row(
            PORT + "deploy {\n  strategy linear 10% every 1m\n  rollback on\n}",
            "deploy.strategyBreaker",
            "on"));
  }

  static final String INFRA =
      "\"arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers\"";
  static final String ROUTE = "port 80\nroute \"shop.example.com\"\n";

  /** A traffic-shifting strategy on a service with a route: fgd's second target group. */
  static Stream<Arguments> routedSnippets() {
    return Stream.of(
        row(ROUTE + "deploy {\n  strategy canary 10% bake 5m\n  role " + INFRA + "\n}", null, null),
        row(
            ROUTE + "deploy {\n  strategy linear 20% every 1m\n  role " + INFRA + "\n}",
            null,
            null),
        row(
            ROUTE + "deploy {\n  strategy canary 10% bake 5m\n}",
            "deploy.strategyNeedsRole",
            "canary"),
        row(
            ROUTE
                + "route \"www.shop.example.com\"\n"
                + "deploy {\n  strategy blue_green\n  role "
                + INFRA
                + "\n}",
            "deploy.strategyOneRoutePerPort",
            "route \"www.shop.example.com\""),
        row(
            ROUTE + "deploy {\n  strategy rolling\n  role " + INFRA + "\n}",
            "deploy.roleUnused",
            INFRA),
        row("deploy {\n  role " + INFRA + "\n}", "deploy.roleUnused", INFRA),
        row(
            ROUTE + "deploy {\n  strategy blue_green\n  role \"ecsInfrastructureRole\"\n}",
            "arn.notArn",
            "\"ecsInfrastructureRole\""));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("routedSnippets")
  void routedSnippetGivesExactlyItsDiagnostic(String snippet, String code, String expected) {
    String text =
        "app shop {\n"
            + Snippets.APP_SETTINGS
            + "  load_balancer {\n    listener \"arn:aws:elasticloadbalancing:us-west-1:123456789012:listener/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2\"\n  }\n"
            + "}\n\nservice web {\n  image \"nginx:1.27\"\n"
            + "  health \"curl -f http://localhost/ || exit 1\"\n"
            + Snippets.indent(snippet)
            + "}\n";
    ServiceRulesTest.assertOne(text, code, expected);
  }

  private static Arguments row(String snippet, String code, String underlined) {
    return Arguments.of(snippet, code, underlined);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("snippets")
  void snippetGivesExactlyItsDiagnostic(String snippet, String code, String expected) {
    ServiceRulesTest.assertOne(inService(snippet), code, expected);
  }
}
