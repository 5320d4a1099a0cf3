package io.fgd.runtime.kinds.securitygroup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.state.LiveState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code fgd import} of fgd's two security groups of an app ({@code fgd-APP-lb}, {@code
 * fgd-APP-tasks}): read with the plan's own read (the same DescribeSecurityGroups by their names,
 * so the first plan of the written spec finds it answered), kept only when tagged {@code fgd:app} =
 * the app and in the load balancer's VPC. The load balancer's group becomes {@code allow}; the
 * tasks' group says nothing of its own (its rules follow from the routes and Service Connect
 * ports), but its id is left out of the network's {@code security_groups}, since fgd adds it.
 */
public final class SecurityGroupImport {
  private SecurityGroupImport() {}

  /** fgd's groups of the app, as DescribeSecurityGroups answered them; empty when not fgd's. */
  public record Groups(Optional<ObjectNode> loadBalancer, Optional<ObjectNode> tasks) {
    /** The id of the tasks' group, which the services run in besides the network's groups. */
    public Optional<String> tasksId() {
      return tasks.map(g -> g.path("GroupId").asText());
    }
  }

  /** Reads fgd's groups of {@code app} in {@code vpc}. */
  public static Groups read(LiveState live, String app, String vpc) throws FgdRuntimeException {
    List<ObjectNode> all =
        SecurityGroupReads.api(live).groups(SecurityGroupReads.names(app)).stream()
            .filter(g -> vpc.equals(g.path("VpcId").asText()))
            .filter(g -> SecurityGroupKind.owned(g, app))
            .toList();
    return new Groups(
        named(all, RouteEmitter.loadBalancerGroupName(app)),
        named(all, RouteEmitter.tasksGroupName(app)));
  }

  private static Optional<ObjectNode> named(List<ObjectNode> groups, String name) {
    return groups.stream().filter(g -> g.path("GroupName").asText().equals(name)).findFirst();
  }

  /**
   * What the load balancer's group admits, as {@code allow} says it: the IPv4 CIDRs of its rules on
   * 443 and 80; {@code unsaid}, the rules {@code allow} cannot say (another port or protocol, a
   * group, a prefix list or an IPv6 block as source, a CIDR on only one of the two ports).
   */
  public record Allow(List<String> cidrs, List<String> unsaid) {}

  public static Allow allow(ObjectNode loadBalancerGroup) {
    TreeSet<String> on443 = new TreeSet<>();
    TreeSet<String> on80 = new TreeSet<>();
    List<String> unsaid = new ArrayList<>();
    for (String rule : SecurityGroupKind.ingress(loadBalancerGroup)) {
      String[] parts = rule.split(" ");
      String source = parts[3];
      boolean cidr = source.matches("[0-9.]+/[0-9]+");
      if (parts[0].equals("tcp") && parts[1].equals("443") && cidr) {
        on443.add(source);
      } else if (parts[0].equals("tcp") && parts[1].equals("80") && cidr) {
        on80.add(source);
      } else {
        unsaid.add("\"" + rule + "\"");
      }
    }
    TreeSet<String> both = new TreeSet<>(on443);
    both.retainAll(on80);
    TreeSet<String> either = new TreeSet<>(on443);
    either.addAll(on80);
    for (String c : either) {
      if (!both.contains(c)) {
        unsaid.add("\"tcp " + (on443.contains(c) ? "443" : "80") + " from " + c + "\" alone");
      }
    }
    return new Allow(List.copyOf(either), unsaid);
  }
}
