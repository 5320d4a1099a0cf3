package io.fgd.runtime.kinds.loadbalancer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.kinds.securitygroup.SecurityGroupKind;
import io.fgd.runtime.kinds.securitygroup.SecurityGroupReads;
import io.fgd.runtime.kinds.targetgroup.TargetGroupReads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * fgd's load balancer, its listeners and its security groups planned against an account faked at
 * the level of each kind's reads, its answers shaped like the ELBv2 and EC2 API references'
 * (DescribeLoadBalancers, DescribeListeners, DescribeSecurityGroups) with the values AWS fills in
 * that the spec never sets: a redirect's "#{host}", "/#{path}" and "#{query}", an action's Order,
 * the DNS name and zones, a group's default egress rule.
 */
class LoadBalancerKindTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String VPC = "vpc-0a1b2c3d";
  static final String LB_ARN =
      "arn:aws:elasticloadbalancing:us-west-1:123456789012:loadbalancer/app/sheets-f0ca720b/50dc6c495c0c9188";

  static DesiredState served() throws Exception {
    String text = Files.readString(Path.of("../specs/examples/served.fgd"));
    var compiled = Compiler.compile(new SourceFile("served.fgd", text), CompileOptions.defaults());
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    return DesiredState.fromArtifacts("sheets", compiled.artifacts());
  }

  /** An account with fgd's load balancer and groups as the spec wants them, or none. */
  static final class Account
      implements FakeLiveState,
          LoadBalancerReads.Api,
          SecurityGroupReads.Api,
          TargetGroupReads.Api,
          io.fgd.runtime.kinds.cluster.ClusterReads.Api {
    @Override
    public boolean readCluster(String cluster) {
      return true;
    }

    Optional<LoadBalancerReads.Observed> lb = Optional.empty();
    List<ObjectNode> groups = new ArrayList<>();

    @Override
    public Optional<LoadBalancerReads.Observed> loadBalancer(String name, boolean rules) {
      return lb.filter(o -> o.loadBalancer().path("LoadBalancerName").asText().equals(name));
    }

    @Override
    public List<ObjectNode> groups(List<String> names) {
      return groups.stream().filter(g -> names.contains(g.path("GroupName").asText())).toList();
    }

    @Override
    public Optional<String> vpcOf(String subnet) {
      return Optional.of(VPC);
    }

    @Override
    public Map<String, ObjectNode> targetGroups(Set<String> names, String prefix) {
      return Map.of();
    }

    @Override
    public Map<String, String> attributes(String arn) {
      return Map.of();
    }

    @Override
    public Map<String, Map<String, String>> tags(List<String> arns) {
      return Map.of();
    }

    /** fgd's objects as AWS answers for the served example; {@code app} is their fgd:app tag. */
    void asWanted(String app, String certificate) throws Exception {
      groups.add(
          (ObjectNode)
              JSON.readTree(
                  """
                  {"GroupId":"sg-0aaaaaaaaaaaaaaaa","GroupName":"fgd-sheets-lb","VpcId":"%s",
                   "Tags":[{"Key":"fgd:app","Value":"%s"}],
                   "IpPermissions":[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,
                      "IpRanges":[{"CidrIp":"0.0.0.0/0"}]},
                     {"IpProtocol":"tcp","FromPort":80,"ToPort":80,
                      "IpRanges":[{"CidrIp":"0.0.0.0/0"}]}]}
                  """
                      .formatted(VPC, app)));
      groups.add(
          (ObjectNode)
              JSON.readTree(
                  """
                  {"GroupId":"sg-0bbbbbbbbbbbbbbbb","GroupName":"fgd-sheets-tasks","VpcId":"%s",
                   "Tags":[{"Key":"fgd:app","Value":"%s"}],
                   "IpPermissions":[{"IpProtocol":"tcp","FromPort":80,"ToPort":80,
                      "UserIdGroupPairs":[{"GroupId":"sg-0aaaaaaaaaaaaaaaa"}]},
                     {"IpProtocol":"tcp","FromPort":7000,"ToPort":7000,
                      "UserIdGroupPairs":[{"GroupId":"sg-0aaaaaaaaaaaaaaaa"}]},
                     {"IpProtocol":"tcp","FromPort":8000,"ToPort":8000,
                      "UserIdGroupPairs":[{"GroupId":"sg-0aaaaaaaaaaaaaaaa"}]}]}
                  """
                      .formatted(VPC, app)));
      ObjectNode balancer =
          (ObjectNode)
              JSON.readTree(
                  """
                  {"LoadBalancerArn":"%s","LoadBalancerName":"sheets-f0ca720b",
                   "DNSName":"sheets-f0ca720b-1.us-west-1.elb.amazonaws.com",
                   "Scheme":"internet-facing","VpcId":"%s","State":{"Code":"active"},
                   "Type":"application","IpAddressType":"ipv4",
                   "AvailabilityZones":[{"ZoneName":"us-west-1b","SubnetId":"subnet-4e5f6a7b"},
                                        {"ZoneName":"us-west-1a","SubnetId":"subnet-0a1b2c3d"}],
                   "SecurityGroups":["sg-0aaaaaaaaaaaaaaaa"]}
                  """
                      .formatted(LB_ARN, VPC));
      ObjectNode https =
          (ObjectNode)
              JSON.readTree(
                  """
                  {"ListenerArn":"%s/https","LoadBalancerArn":"%s","Port":443,"Protocol":"HTTPS",
                   "Certificates":[{"CertificateArn":"%s"}],
                   "SslPolicy":"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
                   "DefaultActions":[{"Type":"fixed-response","Order":1,
                     "FixedResponseConfig":{"MessageBody":"Not Found","StatusCode":"404",
                       "ContentType":"text/plain"}}]}
                  """
                      .formatted(LB_ARN, LB_ARN, certificate));
      ObjectNode http =
          (ObjectNode)
              JSON.readTree(
                  """
                  {"ListenerArn":"%s/http","LoadBalancerArn":"%s","Port":80,"Protocol":"HTTP",
                   "DefaultActions":[{"Type":"redirect","Order":1,
                     "RedirectConfig":{"Protocol":"HTTPS","Port":"443","Host":"#{host}",
                       "Path":"/#{path}","Query":"#{query}","StatusCode":"HTTP_301"}}]}
                  """
                      .formatted(LB_ARN, LB_ARN));
      lb =
          Optional.of(
              new LoadBalancerReads.Observed(
                  balancer, Map.of("fgd:app", app), List.of(https, http), List.of()));
    }
  }

  static final String CERT =
      "arn:aws:acm:us-west-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

  private static List<ResourceChange> mine(PlanResult r) {
    return r.plan().changes().stream()
        .filter(
            c -> c.type() == LoadBalancerKind.INSTANCE || c.type() == SecurityGroupKind.INSTANCE)
        .toList();
  }

  @Test
  void anEmptyAccountGetsTheLoadBalancerItsListenersAndTwoGroups() throws Exception {
    PlanResult r = Planner.plan(served(), new Account());
    List<String> names =
        mine(r).stream().map(c -> c.action() + " " + c.type().id() + " " + c.name()).toList();
    assertEquals(
        List.of(
            "CREATE security_group fgd-sheets-lb",
            "CREATE security_group fgd-sheets-tasks",
            "CREATE load_balancer sheets-f0ca720b",
            "CREATE load_balancer sheets-f0ca720b HTTPS:443",
            "CREATE load_balancer sheets-f0ca720b HTTP:80"),
        names);
    // The tasks' rules name the load balancer's group, whose id only apply learns.
    assertTrue(
        mine(r).get(1).fields().stream()
            .anyMatch(f -> f.path().equals(".Ingress.tcp 7000 from (known after apply)")),
        () -> mine(r).get(1).fields().toString());
  }

  @Test
  void anAccountAsWantedIsNoChangeDespiteTheDefaultsAwsFillsIn() throws Exception {
    Account account = new Account();
    account.asWanted("sheets", CERT);
    PlanResult r = Planner.plan(served(), account);
    assertEquals(List.of(), mine(r));
  }

  @Test
  void aNewCertificateIsAListenerUpdate() throws Exception {
    Account account = new Account();
    account.asWanted("sheets", CERT.replace("0a1b2c3d-", "ffffffff-"));
    List<ResourceChange> changes = mine(Planner.plan(served(), account));
    assertEquals(1, changes.size(), changes::toString);
    assertEquals(Action.UPDATE, changes.get(0).action());
    assertEquals("sheets-f0ca720b HTTPS:443", changes.get(0).name());
    assertEquals(".Certificate", changes.get(0).fields().get(0).path());
  }

  @Test
  void objectsOfFgdsNamesWithoutTheAppsTagAreRefusedAndNeverChanged() throws Exception {
    Account account = new Account();
    account.asWanted("someone-else", CERT.replace("0a1b2c3d-", "ffffffff-"));
    PlanResult r = Planner.plan(served(), account);
    assertEquals(List.of(), mine(r), "nothing is planned on objects fgd does not own");
    List<String> refusals = new ArrayList<>();
    refusals.addAll(
        LoadBalancerKind.INSTANCE.refusals(r.desired(), r.observed(), r.plan().changes()));
    refusals.addAll(
        SecurityGroupKind.INSTANCE.refusals(r.desired(), r.observed(), r.plan().changes()));
    assertEquals(3, refusals.size(), refusals::toString);
    assertTrue(refusals.get(0).contains("does not carry the tag fgd:app = sheets"));
  }

  @Test
  void theFingerprintCoversTheListenersAndTheGroupsRules() throws Exception {
    Account account = new Account();
    account.asWanted("sheets", CERT);
    Map<String, String> before =
        io.fgd.runtime.engine.Fingerprints.of(Planner.plan(served(), account).observed());
    Account other = new Account();
    other.asWanted("sheets", CERT.replace("0a1b2c3d-", "ffffffff-"));
    Map<String, String> certificate =
        io.fgd.runtime.engine.Fingerprints.of(Planner.plan(served(), other).observed());
    assertFalse(before.equals(certificate), "a new certificate changes the fingerprint");
    Account opened = new Account();
    opened.asWanted("sheets", CERT);
    ((com.fasterxml.jackson.databind.node.ArrayNode) opened.groups.get(0).path("IpPermissions"))
        .addObject()
        .put("IpProtocol", "tcp")
        .put("FromPort", 22)
        .put("ToPort", 22)
        .putArray("IpRanges")
        .addObject()
        .put("CidrIp", "0.0.0.0/0");
    Map<String, String> rule =
        io.fgd.runtime.engine.Fingerprints.of(Planner.plan(served(), opened).observed());
    assertFalse(before.equals(rule), "a new ingress rule changes the fingerprint");
    // and the plan revokes it
    List<ResourceChange> changes = mine(Planner.plan(served(), opened));
    assertEquals(1, changes.size(), changes::toString);
    assertEquals(".Ingress.tcp 22 from 0.0.0.0/0", changes.get(0).fields().get(0).path());
  }
}
