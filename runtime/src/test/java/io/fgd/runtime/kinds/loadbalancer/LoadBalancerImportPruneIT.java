package io.fgd.runtime.kinds.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.importer.ImportResult;
import io.fgd.runtime.importer.Importer;
import io.fgd.runtime.kinds.RoutedApp;
import io.fgd.runtime.kinds.RoutedAppTestBase;
import io.fgd.runtime.moto.MotoGaps;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * fgd's own load balancer through import and through the app's last route going, against moto's
 * ELBv2, EC2 and ECS over HTTP (issue 14's leftovers): apply an app with fgd's load balancer and
 * three routes on two services; {@code fgd import} writes its {@code load_balancer} block back
 * (certificate, allowed CIDRs, no listener) and leaves fgd's tasks' group out of the network's, and
 * the written spec plans no changes; then every route and the {@code load_balancer} leave the spec:
 * the plan shows the rules, target groups, load balancer and groups going; an apply without {@code
 * --prune} deletes the routes' rules and target groups (as for any route that goes) and keeps the
 * load balancer and groups, which the plan still shows; {@code apply --prune} deletes them, and the
 * plan after it has no changes.
 *
 * <p>What moto 5.2.5 does not model here (read in moto/elbv2/models.py and moto/ec2/models): it
 * keeps no network interfaces for the load balancer or the tasks, so AWS's DependencyViolation for
 * a security group an interface still uses (the deleted load balancer's, for minutes) never comes,
 * nor the wait for it; no task runs, so no rollout is waited for (apply runs with --no-wait, which
 * deletes a target group once its rule is gone and the service no longer names it).
 */
class LoadBalancerImportPruneIT extends RoutedAppTestBase {
  LoadBalancerImportPruneIT() {
    super("sheets", false);
  }

  private String spec(String loadBalancer, String serverRoutes, String apiRoutes) {
    return app.headerInNetwork(loadBalancer)
        + RoutedApp.serverAndApi(serverRoutes, "  port   80\n" + apiRoutes);
  }

  private static final String SERVER_ROUTES =
      """
        route "sheets.example.com/ws/*" port 7000 health "/health"
        route "sheets.example.com/*" port 8000 health "/health"
      """;
  private static final String API_ROUTES =
      """
        route "api.sheets.example.com" health "/health"
      """;

  private List<Artifact> compile(String text) {
    return app.compileNamingNetwork(text);
  }

  @Test
  void importWritesFgdsLoadBalancerAndPruneDeletesItWithTheLastRoute() throws Exception {
    String cert = moto.certificate("sheets.example.com");
    String lbBlock =
        """
          load_balancer {
            internet_facing
            certificate "%s"
            allow       "10.0.0.0/8", "192.168.0.0/16"
          }
        """
            .formatted(cert);
    List<Artifact> routed = compile(spec(lbBlock, SERVER_ROUTES, API_ROUTES));
    app.apply(routed, false);
    app.assertNoChanges(routed);
    String tasksGroup =
        app.fgdSecurityGroups().get(RouteEmitter.tasksGroupName("sheets")).groupId();

    // Import: the load balancer block comes back, and the written spec plans no changes.
    int mark = account.clients.calls().size();
    ImportResult imported =
        Importer.run(
            new Importer.Request("sheets-prod", List.of(), Optional.of("sheets"), "us-west-1"),
            new AwsStateReader(account.clients, account.settings));
    System.out.println(imported.spec());
    Map<String, Integer> importCalls = callsSince(mark);
    List<String> lines =
        imported.spec().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
    assertTrue(lines.contains("load_balancer {"), imported.spec());
    assertTrue(lines.contains("internet_facing"), imported.spec());
    assertTrue(lines.contains("certificate \"" + cert + "\""), imported.spec());
    assertTrue(lines.contains("allow \"10.0.0.0/8\", \"192.168.0.0/16\""), imported.spec());
    assertFalse(imported.spec().contains("listener"), imported.spec());
    assertFalse(imported.spec().contains(tasksGroup), imported.spec());
    assertTrue(
        lines.contains("security_groups " + account.network.securityGroups().get(0)),
        imported.spec());
    assertEquals(List.of(), imported.warnings(), imported.spec());
    assertEquals(List.of(), MotoGaps.firstPlan(imported));
    // The import's reads of the load balancer and its groups are the first plan's: one each.
    assertEquals(
        1, importCalls.get("ElasticLoadBalancingV2.DescribeLoadBalancers"), importCalls::toString);
    assertEquals(1, importCalls.get("Ec2.DescribeSecurityGroups"), importCalls::toString);
    app.assertNoChanges(compile(imported.spec()));

    // Every route and the load balancer leave the spec. A plan without --prune does not look
    // for what only --prune deletes: it reads no load balancer, group or target group.
    List<Artifact> unrouted = compile(spec("", "", ""));
    mark = account.clients.calls().size();
    Plan plain = app.plan(unrouted).plan();
    Map<String, Integer> plainCalls = callsSince(mark);
    assertEquals(new TreeSet<>(), notServices(plain), () -> TextRenderer.render(plain, false));
    for (String read :
        List.of(
            "ElasticLoadBalancingV2.DescribeLoadBalancers",
            "Ec2.DescribeSecurityGroups",
            "ElasticLoadBalancingV2.DescribeTargetGroups",
            "Ec2.DescribeSubnets",
            "Ec2.DescribeTags",
            "ElasticLoadBalancingV2.DescribeTags")) {
      assertFalse(plainCalls.containsKey(read), plainCalls::toString);
    }
    // Planned for --prune, it finds them, and shows them going in dependency order.
    Plan plan = app.plan(unrouted, true).plan();
    System.out.println(TextRenderer.render(plan, false));
    String lbName = RouteEmitter.loadBalancerName("sheets");
    TreeSet<String> everything =
        new TreeSet<>(
            List.of(
                "destroy listener rule \"api api.sheets.example.com\"",
                "destroy listener rule \"server sheets.example.com/*\"",
                "destroy listener rule \"server sheets.example.com/ws/*\"",
                "destroy load balancer \"" + lbName + "\"",
                "destroy security group \"fgd-sheets-lb\"",
                "destroy security group \"fgd-sheets-tasks\"",
                "destroy target group \""
                    + RouteEmitter.targetGroupName("sheets", "api", 80)
                    + "\"",
                "destroy target group \""
                    + RouteEmitter.targetGroupName("sheets", "server", 7000)
                    + "\"",
                "destroy target group \""
                    + RouteEmitter.targetGroupName("sheets", "server", 8000)
                    + "\""));
    assertEquals(everything, notServices(plan));

    // Without --prune nothing of them is deleted: the services leave their target groups, and
    // the next plan for --prune still shows every one going.
    app.apply(unrouted, false);
    assertEquals(3, rulesOf(lbName).size());
    assertEquals(3, app.targetGroups().size());
    assertEquals(List.of(lbName), loadBalancerNames());
    assertEquals(2, app.fgdSecurityGroups().size());
    assertEquals(everything, notServices(app.plan(unrouted, true).plan()));

    // With --prune: the rules, the target groups, the load balancer (with its listeners), then
    // the tasks' group, then the load balancer's.
    app.apply(unrouted, true);
    assertEquals(List.of(), loadBalancerNames());
    assertEquals(Map.of(), app.fgdSecurityGroups());
    assertEquals(Map.of(), app.targetGroups());
    mark = account.clients.calls().size();
    app.assertNoChanges(app.plan(unrouted, true).plan());
    // What a plan for --prune of a spec without routes reads for them: one request each.
    Map<String, Integer> planCalls = callsSince(mark);
    assertEquals(
        1, planCalls.get("ElasticLoadBalancingV2.DescribeLoadBalancers"), planCalls::toString);
    assertEquals(1, planCalls.get("Ec2.DescribeSecurityGroups"), planCalls::toString);
    assertEquals(
        1, planCalls.get("ElasticLoadBalancingV2.DescribeTargetGroups"), planCalls::toString);
    assertFalse(planCalls.containsKey("Ec2.DescribeSubnets"), planCalls::toString);
    assertFalse(planCalls.containsKey("Ec2.DescribeTags"), planCalls::toString);
    assertFalse(planCalls.containsKey("ElasticLoadBalancingV2.DescribeTags"), planCalls::toString);
    app.assertNoChanges(unrouted);
  }

  /**
   * An internal load balancer in subnets other than the network's, with a TLS policy of its own:
   * the block says all three, and the written spec plans no changes.
   */
  @Test
  void anInternalLoadBalancerInItsOwnSubnetsImportsToItsSettings() throws Exception {
    String cert = moto.certificate("sheets.example.com");
    var ec2 = account.clients.ec2();
    String vpc =
        ec2.describeSubnets(r -> r.subnetIds(account.network.subnets().get(0)))
            .subnets()
            .get(0)
            .vpcId();
    String third = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.3.0/24")).subnet().subnetId();
    String subnets = account.network.subnets().get(0) + ", " + third;
    String policy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    List<Artifact> routed =
        compile(
            spec(
                """
                  load_balancer {
                    internal
                    subnets     %s
                    certificate "%s"
                    tls_policy  "%s"
                  }
                """
                    .formatted(subnets, cert, policy),
                SERVER_ROUTES,
                ""));
    app.apply(routed, false);
    app.assertNoChanges(routed);

    ImportResult imported =
        Importer.run(
            new Importer.Request("sheets-prod", List.of(), Optional.of("sheets"), "us-west-1"),
            new AwsStateReader(account.clients, account.settings));
    System.out.println(imported.spec());
    List<String> lines =
        imported.spec().lines().map(l -> l.strip().replaceAll("\\s+", " ")).toList();
    assertTrue(lines.contains("internal"), imported.spec());
    assertTrue(lines.contains("subnets " + subnets), imported.spec());
    assertTrue(lines.contains("tls_policy \"" + policy + "\""), imported.spec());
    assertFalse(imported.spec().contains("allow"), imported.spec());
    assertEquals(List.of(), imported.warnings(), imported.spec());
    app.assertNoChanges(compile(imported.spec()));
  }

  /**
   * What fgd's load balancer cannot be is a warning: a listener on another port (kept as it is), an
   * ingress rule {@code allow} cannot say (revoked by the first plan, which the import announces).
   */
  @Test
  void whatTheBlockCannotSayIsAWarning() throws Exception {
    String cert = moto.certificate("sheets.example.com");
    List<Artifact> routed =
        compile(spec("  load_balancer {\n    certificate \"" + cert + "\"\n  }\n", "", API_ROUTES));
    app.apply(routed, false);
    var elb = account.clients.elb();
    String lb =
        elb.describeLoadBalancers(r -> r.names(RouteEmitter.loadBalancerName("sheets")))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    elb.createListener(
        r ->
            r.loadBalancerArn(lb)
                .protocol("HTTP")
                .port(8080)
                .defaultActions(
                    a -> a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("503"))));
    String lbGroup = app.fgdSecurityGroups().get("fgd-sheets-lb").groupId();
    account
        .clients
        .ec2()
        .authorizeSecurityGroupIngress(
            r ->
                r.groupId(lbGroup)
                    .ipPermissions(
                        p ->
                            p.ipProtocol("tcp")
                                .fromPort(22)
                                .toPort(22)
                                .ipRanges(c -> c.cidrIp("10.0.0.0/8"))));

    ImportResult imported =
        Importer.run(
            new Importer.Request("sheets-prod", List.of(), Optional.of("sheets"), "us-west-1"),
            new AwsStateReader(account.clients, account.settings));
    System.out.println(imported.spec());
    assertTrue(imported.spec().contains("certificate \"" + cert + "\""), imported.spec());
    List<String> warnings = imported.warnings().stream().map(w -> w.warning().message()).toList();
    assertTrue(
        warnings.stream().anyMatch(w -> w.startsWith("its listener on port 8080 was not imported")),
        warnings::toString);
    assertTrue(
        warnings.stream().anyMatch(w -> w.contains("\"tcp 22 from 10.0.0.0/8\"")),
        warnings::toString);
    assertEquals(2, warnings.size(), warnings::toString);
    // The first plan revokes the rule allow cannot say, and leaves the other listener alone.
    assertEquals(
        List.of("security group \"fgd-sheets-lb\""),
        MotoGaps.firstPlan(imported).stream().map(a -> a.subject()).distinct().toList());
  }

  private List<String> loadBalancerNames() {
    return account.clients.elb().describeLoadBalancers().loadBalancers().stream()
        .map(LoadBalancer::loadBalancerName)
        .toList();
  }

  /** The rules (not the default) of the HTTPS listener of the load balancer {@code name}. */
  private List<String> rulesOf(String name) {
    var elb = account.clients.elb();
    String lb =
        elb.describeLoadBalancers(r -> r.names(name)).loadBalancers().get(0).loadBalancerArn();
    String https =
        elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
            .filter(l -> l.port() == 443)
            .findFirst()
            .orElseThrow()
            .listenerArn();
    return app.rules(https).stream().map(r -> r.ruleArn()).toList();
  }
}
