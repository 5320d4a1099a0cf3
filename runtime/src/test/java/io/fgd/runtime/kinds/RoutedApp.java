package io.fgd.runtime.kinds;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.moto.MotoNetwork;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A routed app against moto (ELBv2 and ECS over HTTP), for the route, load balancer and alarm
 * tests: the load balancer and HTTP listener a spec's {@code listener} names, the app block that
 * names it, the target groups and rules apply made; compile, plan and apply are {@link MotoApp}'s.
 */
public final class RoutedApp extends MotoApp {
  /**
   * The fixtures' network, which the app block names ({@link #compile} puts moto's in its place).
   */
  private static final String SUBNETS = "subnet-0a1b2c3d, subnet-4e5f6a7b";

  private static final String SECURITY_GROUP = "sg-0123456789abcdef0";

  public RoutedApp(String name, AwsClients clients, AwsSettings settings, MotoNetwork network) {
    super(name, clients, settings, network);
  }

  public RoutedApp(String name, Account account) {
    this(name, account.clients, account.settings, account.network);
  }

  /**
   * An internet-facing ALB named after the app in moto's network, with an HTTP listener on 80
   * answering a fixed 404: the listener's ARN.
   */
  public String createListener() {
    var elb = clients.elb();
    String lb =
        elb.createLoadBalancer(
                r ->
                    r.name(name)
                        .subnets(network.subnets())
                        .securityGroups(network.securityGroups())
                        .scheme("internet-facing")
                        .type("application"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    return elb.createListener(
            r ->
                r.loadBalancerArn(lb)
                    .protocol("HTTP")
                    .port(80)
                    .defaultActions(
                        a ->
                            a.type("fixed-response").fixedResponseConfig(f -> f.statusCode("404"))))
        .listeners()
        .get(0)
        .listenerArn();
  }

  /** The app block (cluster {@code <name>-prod}, the fixtures' network) naming the listener. */
  public String header(String listener) {
    return appBlock(
        SUBNETS, SECURITY_GROUP, "  load_balancer {\n    listener \"" + listener + "\"\n  }\n");
  }

  /** The app block of {@link #header} without a {@code load_balancer}. */
  public String headerWithoutLoadBalancer() {
    return appBlock(SUBNETS, SECURITY_GROUP, "");
  }

  /**
   * What RoutesIT's app has after its header: service "server" on ports 7000 and 8000 with {@code
   * serverLines}, and service "api" with {@code apiLines} (whole lines, its port among them);
   * neither has health checks or logs.
   */
  public static String serverAndApi(String serverLines, String apiLines) {
    return """

        service server {
          image  "nginx:1.27"
          port   7000
          port   8000
          health none
          logs   off
        %s
        }

        service api {
          image  "nginx:1.27"
          health none
          logs   off
        %s
        }
        """
        .formatted(serverLines, apiLines);
  }

  /**
   * A service on port 80 without health checks or logs, routed by {@code routeLine} (what follows
   * {@code route}), with {@code deployLines} (whole lines) in its deploy block.
   */
  public static String routedService(String name, String routeLine, String deployLines) {
    return """

        service %s {
          image  "nginx:1.27"
          port   80
          health none
          logs   off
          route  %s
          deploy {
        %s
          }
        }
        """
        .formatted(name, routeLine, deployLines);
  }

  /** The security groups fgd made for the app (named fgd-<name>-*), by name. */
  public Map<String, SecurityGroup> fgdSecurityGroups() {
    Map<String, SecurityGroup> out = new TreeMap<>();
    clients.ec2().describeSecurityGroups().securityGroups().stream()
        .filter(g -> g.groupName().startsWith("fgd-" + name + "-"))
        .forEach(g -> out.put(g.groupName(), g));
    return out;
  }

  /** The account's target groups by name. */
  public Map<String, TargetGroup> targetGroups() {
    Map<String, TargetGroup> out = new TreeMap<>();
    clients
        .elb()
        .describeTargetGroups()
        .targetGroups()
        .forEach(t -> out.put(t.targetGroupName(), t));
    return out;
  }

  /** The listener's rules other than its default. */
  public List<Rule> rules(String listener) {
    return clients.elb().describeRules(r -> r.listenerArn(listener)).rules().stream()
        .filter(r -> !r.isDefault())
        .toList();
  }
}
