package io.fgd.runtime.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.kinds.RoutedApp;
import io.fgd.runtime.kinds.RoutedAppTestBase;
import io.fgd.runtime.kinds.targetgroup.RouteImportReads;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * Import of routes (issue 14) against moto's ELBv2 and ECS over HTTP: an app fgd applied with
 * routes imports back to the same route statements and plans no changes; a service behind a target
 * group and rule made by hand stays {@code port N target_group} with a warning that says how to
 * move, and the first plan's announcements are exactly what plan shows; a rule with a header
 * condition is warned about. The import's route reads are counted by operation.
 *
 * <p>What moto 5.2.5 does not model here: it registers no targets and runs no health checks (not
 * needed: import reads settings, not health); the rest (DescribeTargetGroups by ARN,
 * DescribeListeners, DescribeRules, DescribeTags, DescribeTargetGroupAttributes, ModifyRule with an
 * http-header condition) it implements.
 */
class RouteImportIT extends RoutedAppTestBase {
  RouteImportIT() {
    super("sheets");
  }

  /** RoutesIT's app: two services, three routes, one with a longer deregistration delay. */
  private String spec(String serverBody, String apiBody) {
    return app.header(listener) + RoutedApp.serverAndApi(serverBody, apiBody);
  }

  private static final String WS = "route \"sheets.example.com/ws/*\" port 7000 health \"/health\"";
  private static final String SERVER =
      "  "
          + WS
          + " {\n    deregistration_delay 120s\n  }\n"
          + "  route \"sheets.example.com/*\" port 8000 health \"/health\"";
  private static final String API_ROUTE = "route \"api.sheets.example.com\" health \"/health\"";
  private static final String API = "  port 80\n  " + API_ROUTE;

  private void apply(String text) throws Exception {
    app.apply(app.compile(text), false);
  }

  private ImportResult importSheets() throws Exception {
    ImportResult imported =
        Importer.run(
            new Importer.Request("sheets-prod", List.of(), Optional.of("sheets"), "us-west-1"),
            new AwsStateReader(account.clients, account.settings));
    System.out.println(imported.spec());
    return imported;
  }

  /** The plan of the written spec: the import announced exactly it; then without moto's gaps. */
  private Plan plan(ImportResult imported) throws Exception {
    SourceFile source = new SourceFile("imported.fgd", imported.spec());
    var compiled = Compiler.compile(source, CompileOptions.defaults());
    assertEquals(
        List.of(),
        compiled.diagnostics().stream().filter(Diagnostic::isError).toList(),
        imported.spec());
    Plan written =
        Planner.plan(
                DesiredState.fromArtifacts(imported.app(), compiled.artifacts()),
                new AwsStateReader(account.clients, account.settings))
            .plan();
    Announced.assertSame(imported, written);
    Plan plan =
        Planner.plan(
                DesiredState.fromArtifacts(
                    imported.app(), MotoGaps.withoutUnmodelled(compiled.artifacts())),
                new AwsStateReader(account.clients, account.settings))
            .plan();
    System.out.println(TextRenderer.render(plan, false));
    return plan;
  }

  private static List<String> lines(String spec) {
    return spec.lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
  }

  @Test
  void anAppWithRoutesImportsToItsRoutesAndPlansNoChanges() throws Exception {
    apply(spec(SERVER, API));

    ImportResult imported = importSheets();
    System.out.println(
        "requests: " + imported.apiCalls() + ", of the first plan: " + imported.firstPlanCalls());
    List<String> lines = lines(imported.spec());
    assertTrue(lines.contains("listener \"" + listener + "\""), imported.spec());
    assertTrue(lines.contains(WS + " {"), imported.spec());
    assertTrue(lines.contains("deregistration_delay 120s"), imported.spec());
    assertTrue(
        lines.contains("route \"sheets.example.com/*\" port 8000 health \"/health\""),
        imported.spec());
    assertTrue(lines.contains(API_ROUTE), imported.spec());
    assertFalse(imported.spec().contains("target_group"), imported.spec());
    assertEquals(
        List.of(),
        imported.warnings().stream()
            .filter(w -> w.warning().message().contains("target group"))
            .toList());
    Plan plan = plan(imported);
    assertEquals(List.of(), plan.changes(), () -> TextRenderer.render(plan, false));
  }

  @Test
  void theRouteReadsAreFewAndBatched() throws Exception {
    apply(spec(SERVER, API));
    List<String> arns =
        account.clients.elb().describeTargetGroups().targetGroups().stream()
            .map(t -> t.targetGroupArn())
            .toList();
    assertEquals(3, arns.size());
    int mark = account.clients.calls().size();
    RouteImportReads.Observed observed =
        RouteImportReads.read(new AwsStateReader(account.clients, account.settings), arns);
    // One DescribeTargetGroups for the three, one DescribeTags for them and one for the three
    // rules, an attributes read each, the one load balancer's listeners, the one listener's rules.
    assertEquals(
        Map.of(
            "ElasticLoadBalancingV2.DescribeTargetGroups", 1,
            "ElasticLoadBalancingV2.DescribeTags", 2,
            "ElasticLoadBalancingV2.DescribeTargetGroupAttributes", 3,
            "ElasticLoadBalancingV2.DescribeListeners", 1,
            "ElasticLoadBalancingV2.DescribeRules", 1),
        callsSince(mark));
    assertEquals(3, observed.targetGroups().size());
    assertEquals(List.of(listener), List.copyOf(observed.rules().keySet()));
  }

  @Test
  void aHandMadeTargetGroupStaysATargetGroupWithAWarning() throws Exception {
    var elb = account.clients.elb();
    String vpc =
        account
            .clients
            .ec2()
            .describeSubnets(r -> r.subnetIds(account.network.subnets().get(0)))
            .subnets()
            .get(0)
            .vpcId();
    String tg =
        elb.createTargetGroup(
                r ->
                    r.name("sheets-web-by-hand")
                        .protocol("HTTP")
                        .port(80)
                        .vpcId(vpc)
                        .targetType("ip")
                        .healthCheckPath("/up"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.createRule(
        r ->
            r.listenerArn(listener)
                .priority(7)
                .conditions(
                    c -> c.field("host-header").hostHeaderConfig(h -> h.values("web.example.com")))
                .actions(a -> a.type("forward").targetGroupArn(tg)));
    apply(
        spec("", "  port 80 target_group \"" + tg + "\"")
            .replace("  load_balancer {\n    listener \"" + listener + "\"\n  }\n", ""));

    ImportResult imported = importSheets();
    List<String> lines = lines(imported.spec());
    assertTrue(lines.contains("port 80 target_group \"" + tg + "\""), imported.spec());
    assertFalse(lines.contains("load_balancer {"), imported.spec());
    List<String> warnings = imported.warnings().stream().map(w -> w.warning().message()).toList();
    String warning =
        warnings.stream()
            .filter(w -> w.contains(tg))
            .findFirst()
            .orElseThrow(() -> new AssertionError(warnings.toString()));
    assertTrue(warning.contains("not made by fgd for this app"), warning);
    assertTrue(warning.contains("route \"web.example.com\" port 80 health \"/up\""), warning);
    assertTrue(warning.contains("load_balancer { listener \"" + listener + "\" }"), warning);
    assertEquals(List.of(), MotoGaps.firstPlan(imported));
    Plan plan = plan(imported);
    assertEquals(List.of(), plan.changes(), () -> TextRenderer.render(plan, false));
  }

  @Test
  void aRuleWithAHeaderConditionIsWarnedAbout() throws Exception {
    apply(spec(SERVER, API));
    var elb = account.clients.elb();
    Rule api =
        elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
            .filter(
                r ->
                    r.conditions().stream()
                        .anyMatch(
                            c ->
                                c.hostHeaderConfig() != null
                                    && c.hostHeaderConfig()
                                        .values()
                                        .contains("api.sheets.example.com")))
            .findFirst()
            .orElseThrow();
    elb.modifyRule(
        r ->
            r.ruleArn(api.ruleArn())
                .conditions(
                    RuleCondition.builder()
                        .field("host-header")
                        .hostHeaderConfig(h -> h.values("api.sheets.example.com"))
                        .build(),
                    RuleCondition.builder()
                        .field("http-header")
                        .httpHeaderConfig(h -> h.httpHeaderName("X-Canary").values("1"))
                        .build()));

    ImportResult imported = importSheets();
    List<String> lines = lines(imported.spec());
    assertFalse(lines.contains(API_ROUTE), imported.spec());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("port") && l.contains("target_group")),
        imported.spec());
    assertTrue(lines.contains(WS + " {"), imported.spec());
    String warning =
        imported.warnings().stream()
            .map(w -> w.warning().message())
            .filter(w -> w.contains("http-header"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(imported.warnings().toString()));
    assertTrue(warning.contains("was not imported as a route"), warning);
    assertTrue(warning.contains("stays port 80 target_group"), warning);
    // The first plan keeps the fgd target group the service still names (it is in use), and
    // moves the server's rule to the priority the app's remaining routes derive.
    Plan plan = plan(imported);
    assertEquals(
        List.of("listener rule \"server sheets.example.com/*\""),
        plan.changes().stream()
            .filter(c -> !c.address().startsWith("service"))
            .map(c -> c.address())
            .toList(),
        () -> TextRenderer.render(plan, false));
  }
}
