package io.fgd.runtime.kinds.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.kinds.RoutedApp;
import io.fgd.runtime.kinds.RoutedAppTestBase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * fgd's own load balancer against moto's ELBv2 over HTTP: apply an app with a load balancer and two
 * routed services (the ALB, its HTTPS listener with a fixed 404, its HTTP listener redirecting to
 * HTTPS, the routes' rules on the HTTPS listener), plan again (no changes), change the certificate
 * and the TLS policy (ModifyListener in place), then remove the load balancer (the routes move to a
 * listener the app names, and --prune deletes fgd's), each followed by a plan with no changes.
 *
 * <p>What moto 5.2.5 does not model, read in its source (moto/elbv2/models.py): a load balancer is
 * {@code provisioning} until the first DescribeLoadBalancers, which makes it {@code active} (so the
 * wait is exercised, but for one poll); listeners do not check that the certificate's domain
 * matches anything; no traffic flows. An HTTPS listener's certificate must exist in moto's ACM, so
 * the test requests one over ACM's JSON protocol (the runtime has no ACM client). The security
 * groups (the load balancer's and the tasks') are checked after the first apply and after the
 * allowed CIDRs change; moto keeps no network interfaces for the load balancer or the tasks, so the
 * DependencyViolation AWS answers while an ENI still uses a group being deleted is not exercised.
 */
class LoadBalancerIT extends RoutedAppTestBase {
  LoadBalancerIT() {
    super("sheets", false);
  }

  private String spec(String loadBalancer) {
    return app.headerInNetwork("  load_balancer {\n" + loadBalancer + "\n  }\n")
        + RoutedApp.serverAndApi(
            "  route \"sheets.example.com/ws/*\" port 7000 health \"/health\"\n"
                + "  route \"sheets.example.com/*\" port 8000 health \"/health\"",
            "  port   80\n  route \"api.sheets.example.com\" health \"/health\"");
  }

  private List<Artifact> compile(String text) {
    return app.compileNamingNetwork(text);
  }

  private List<LoadBalancer> loadBalancers() {
    return account.clients.elb().describeLoadBalancers().loadBalancers();
  }

  private Map<Integer, Listener> listeners(String lb) {
    Map<Integer, Listener> out = new TreeMap<>();
    account
        .clients
        .elb()
        .describeListeners(r -> r.loadBalancerArn(lb))
        .listeners()
        .forEach(l -> out.put(l.port(), l));
    return out;
  }

  private List<Rule> rules(String listener) {
    return app.rules(listener);
  }

  @Test
  void loadBalancerApplyPlanCleanChangeAndPrune() throws Exception {
    String cert = moto.certificate("sheets.example.com");
    List<Artifact> first = compile(spec("    internet_facing\n    certificate \"" + cert + "\""));
    app.apply(first, false);

    List<LoadBalancer> lbs = loadBalancers();
    assertEquals(1, lbs.size(), lbs::toString);
    LoadBalancer lb = lbs.get(0);
    assertEquals(RouteEmitter.loadBalancerName("sheets"), lb.loadBalancerName());
    assertEquals("internet-facing", lb.schemeAsString());
    assertEquals("active", lb.state().codeAsString());
    Map<Integer, Listener> listeners = listeners(lb.loadBalancerArn());
    assertEquals(List.of(80, 443), List.copyOf(listeners.keySet()));
    Listener https = listeners.get(443);
    assertEquals(cert, https.certificates().get(0).certificateArn());
    assertEquals("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", https.sslPolicy());
    assertEquals("fixed-response", https.defaultActions().get(0).typeAsString());
    assertEquals("404", https.defaultActions().get(0).fixedResponseConfig().statusCode());
    Listener http = listeners.get(80);
    assertEquals("redirect", http.defaultActions().get(0).typeAsString());
    assertEquals("HTTPS", http.defaultActions().get(0).redirectConfig().protocol());
    assertEquals("HTTP_301", http.defaultActions().get(0).redirectConfig().statusCodeAsString());
    assertEquals(3, rules(https.listenerArn()).size());
    // The security groups: the load balancer's admits 443 and 80 from anywhere, the tasks' admits
    // the load balancer's group on the routed ports; the services run in the tasks' group.
    Map<String, SecurityGroup> groups = app.fgdSecurityGroups();
    SecurityGroup lbGroup = groups.get("fgd-sheets-lb");
    SecurityGroup tasks = groups.get("fgd-sheets-tasks");
    assertEquals(List.of(lbGroup.groupId()), lb.securityGroups());
    assertEquals(List.of("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0"), ingress(lbGroup));
    assertEquals(
        List.of(
            "tcp 7000 from " + lbGroup.groupId(),
            "tcp 80 from " + lbGroup.groupId(),
            "tcp 8000 from " + lbGroup.groupId()),
        ingress(tasks));
    assertTrue(
        account
            .clients
            .ecs()
            .describeServices(r -> r.cluster("sheets-prod").services("api"))
            .services()
            .get(0)
            .networkConfiguration()
            .awsvpcConfiguration()
            .securityGroups()
            .contains(tasks.groupId()));
    app.assertNoChanges(first);

    // Allowed CIDRs: the load balancer's group's rules are revoked and authorized in place.
    List<Artifact> allowed =
        compile(
            spec("    certificate \"" + cert + "\"\n    allow \"10.0.0.0/8\", \"192.168.0.0/16\""));
    app.apply(allowed, false);
    assertEquals(
        List.of(
            "tcp 443 from 10.0.0.0/8",
            "tcp 443 from 192.168.0.0/16",
            "tcp 80 from 10.0.0.0/8",
            "tcp 80 from 192.168.0.0/16"),
        ingress(app.fgdSecurityGroups().get("fgd-sheets-lb")));
    assertEquals(lbGroup.groupId(), app.fgdSecurityGroups().get("fgd-sheets-lb").groupId());
    app.assertNoChanges(allowed);

    // A new certificate and TLS policy: ModifyListener, the same listener.
    String cert2 = moto.certificate("www.sheets.example.com");
    List<Artifact> changed =
        compile(
            spec(
                "    certificate \""
                    + cert2
                    + "\"\n    tls_policy \"ELBSecurityPolicy-TLS13-1-2-2021-06\""));
    app.apply(changed, false);
    Listener https2 = listeners(lb.loadBalancerArn()).get(443);
    assertEquals(https.listenerArn(), https2.listenerArn());
    assertEquals(cert2, https2.certificates().get(0).certificateArn());
    assertEquals("ELBSecurityPolicy-TLS13-1-2-2021-06", https2.sslPolicy());
    app.assertNoChanges(changed);

    // The app moves to a listener of its own: the rules go there, and --prune deletes fgd's load
    // balancer with its listeners.
    var elb = account.clients.elb();
    String own =
        elb.createLoadBalancer(
                r ->
                    r.name("sheets-own")
                        .subnets(account.network.subnets())
                        .scheme("internet-facing")
                        .type("application"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    String ownListener =
        elb.createListener(
                r ->
                    r.loadBalancerArn(own)
                        .protocol("HTTP")
                        .port(8080)
                        .defaultActions(
                            a ->
                                a.type("fixed-response")
                                    .fixedResponseConfig(f -> f.statusCode("404"))))
            .listeners()
            .get(0)
            .listenerArn();
    List<Artifact> moved = compile(spec("    listener \"" + ownListener + "\""));
    app.apply(moved, true);
    assertEquals(
        List.of("sheets-own"),
        loadBalancers().stream().map(LoadBalancer::loadBalancerName).toList());
    assertEquals(3, rules(ownListener).size());
    app.assertNoChanges(moved);
    assertEquals(
        Map.of(),
        app.fgdSecurityGroups(),
        "fgd's security groups are pruned with its load balancer");
  }

  /** A group's ingress rules as "tcp PORT from SOURCE", sorted. */
  private static List<String> ingress(SecurityGroup g) {
    List<String> out = new java.util.ArrayList<>();
    for (IpPermission p : g.ipPermissions()) {
      p.ipRanges()
          .forEach(r -> out.add(p.ipProtocol() + " " + p.fromPort() + " from " + r.cidrIp()));
      p.userIdGroupPairs()
          .forEach(u -> out.add(p.ipProtocol() + " " + p.fromPort() + " from " + u.groupId()));
    }
    return out.stream().sorted().toList();
  }
}
