package io.fgd.runtime.kinds.securitygroup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * How the plan reads the security groups of fgd's load balancer and of the app's tasks: one
 * DescribeSecurityGroups filtered by their two names (fgd's or not: a group of that name fgd did
 * not create is refused, never changed), in the first wave. Their ingress rules come with them
 * (IpPermissions), so no DescribeSecurityGroupRules is needed. Only for a spec with routes, or one
 * planned for {@code --prune}: groups fgd made for an earlier spec's load balancer are found so,
 * and deleted.
 */
public final class SecurityGroupReads {
  public static final String KEY = "security_group";

  private SecurityGroupReads() {}

  /** The requests; a test's FakeLiveState may implement it. */
  public interface Api {
    /** The groups of these names, in any VPC, each as DescribeSecurityGroups answers it. */
    List<ObjectNode> groups(List<String> names) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(
        Api.class,
        reader ->
            names -> {
              List<ObjectNode> out = new ArrayList<>();
              reader
                  .call(
                      "reading security groups " + String.join(", ", names),
                      () ->
                          reader
                              .clients()
                              .ec2()
                              .describeSecurityGroups(
                                  r ->
                                      r.filters(
                                          Filter.builder()
                                              .name("group-name")
                                              .values(names)
                                              .build())))
                  .securityGroups()
                  .forEach(g -> out.add(json(g)));
              return out;
            });
  }

  private static final com.fasterxml.jackson.databind.node.JsonNodeFactory NODES =
      com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;

  /**
   * A group as the kind reads it: the members it compares, PascalCase as in the EC2 API reference
   * (written out here: EC2's query protocol names its members differently on the wire).
   */
  static ObjectNode json(SecurityGroup g) {
    ObjectNode out = NODES.objectNode();
    out.put("GroupId", g.groupId());
    out.put("GroupName", g.groupName());
    out.put("VpcId", g.vpcId());
    var tags = out.putArray("Tags");
    g.tags().forEach(t -> tags.addObject().put("Key", t.key()).put("Value", t.value()));
    var perms = out.putArray("IpPermissions");
    for (IpPermission p : g.ipPermissions()) {
      ObjectNode perm = perms.addObject();
      perm.put("IpProtocol", p.ipProtocol());
      if (p.fromPort() != null) {
        perm.put("FromPort", p.fromPort());
      }
      if (p.toPort() != null) {
        perm.put("ToPort", p.toPort());
      }
      var v4 = perm.putArray("IpRanges");
      p.ipRanges().forEach(r -> v4.addObject().put("CidrIp", r.cidrIp()));
      var v6 = perm.putArray("Ipv6Ranges");
      p.ipv6Ranges().forEach(r -> v6.addObject().put("CidrIpv6", r.cidrIpv6()));
      var pairs = perm.putArray("UserIdGroupPairs");
      p.userIdGroupPairs().forEach(r -> pairs.addObject().put("GroupId", r.groupId()));
      var lists = perm.putArray("PrefixListIds");
      p.prefixListIds().forEach(r -> lists.addObject().put("PrefixListId", r.prefixListId()));
    }
    return out;
  }

  /** The names of the two groups fgd makes for the app. */
  public static List<String> names(String app) {
    return List.of(RouteEmitter.loadBalancerGroupName(app), RouteEmitter.tasksGroupName(app));
  }

  /** The groups read, by name (those of several VPCs all kept, in a list). */
  static Map<String, List<ObjectNode>> groups(ObservedState observed) {
    return observed.get(KEY, Map.of());
  }

  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              DesiredState desired = scope.desired();
              boolean routed =
                  desired.services().values().stream().anyMatch(s -> s.routes().isPresent());
              if (!routed && !desired.prune()) {
                return ReadScope.done(Map.<String, List<ObjectNode>>of());
              }
              Api api = api(scope.live());
              ReadScope.Pending<List<ObjectNode>> read =
                  scope.fork(() -> api.groups(names(desired.app())));
              return () -> {
                Map<String, List<ObjectNode>> out = new TreeMap<>();
                for (ObjectNode g : read.join()) {
                  out.computeIfAbsent(g.path("GroupName").asText(), k -> new ArrayList<>()).add(g);
                }
                return out;
              };
            }
          });
}
