package io.fgd.runtime.kinds.targetgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.kinds.listenerrule.ListenerRuleKind;
import io.fgd.runtime.kinds.listenerrule.ListenerRuleReads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Target groups and listener rules planned against an account faked at the level of each kind's
 * reads, its answers shaped like the ELBv2 API reference's (DescribeTargetGroups,
 * DescribeTargetGroupAttributes, DescribeRules, DescribeTags), with the defaults ELBv2 fills in
 * that the spec never sets.
 */
class TargetGroupKindTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String VPC = "vpc-0a1b2c3d";

  static DesiredState routed() throws Exception {
    return example("routed", "sheets");
  }

  static DesiredState example(String name, String app) throws Exception {
    String text = Files.readString(Path.of("../specs/examples/" + name + ".fgd"));
    var compiled = Compiler.compile(new SourceFile(name + ".fgd", text), CompileOptions.defaults());
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    return DesiredState.fromArtifacts(app, compiled.artifacts());
  }

  /** The load balancer of the example's listener. */
  static final String LISTENER_LOAD_BALANCER =
      "arn:aws:elasticloadbalancing:us-west-1:123456789012:loadbalancer/app/sheets/50dc6c495c0c9188";

  /** The account as the spec wants it, as ELBv2 answers; {@code edit} changes it first. */
  static final class Account implements FakeLiveState, TargetGroupReads.Api, ListenerRuleReads.Api {
    final Map<String, ObjectNode> groups = new TreeMap<>();
    final Map<String, Map<String, String>> attributes = new TreeMap<>();
    final Map<String, Map<String, String>> tags = new TreeMap<>();
    final Map<String, List<ObjectNode>> rules = new TreeMap<>();
    // Counted from the plan's read threads at once.
    final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentSkipListMap<>();

    Account(DesiredState desired) {
      int id = 0;
      for (var s : desired.services().values()) {
        if (s.routes().isEmpty()) {
          continue;
        }
        for (JsonNode entry : s.routes().get().path("targetGroups")) {
          JsonNode want = entry.path("targetGroup");
          String arn =
              "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/"
                  + want.path("Name").asText()
                  + "/"
                  + String.format("%016x", ++id);
          ObjectNode tg = want.deepCopy();
          tg.remove("Tags");
          tg.put("TargetGroupArn", arn);
          tg.put("TargetGroupName", want.path("Name").asText());
          tg.put("VpcId", VPC);
          // What ELBv2 fills in that fgd does not set.
          tg.put("HealthCheckPort", "traffic-port");
          tg.put("HealthCheckEnabled", true);
          tg.put("HealthCheckTimeoutSeconds", 5);
          tg.put("UnhealthyThresholdCount", 2);
          tg.put("IpAddressType", "ipv4");
          tg.put("ProtocolVersion", "HTTP1");
          // The load balancer of the example's listener, as DescribeTargetGroups names it.
          tg.putArray("LoadBalancerArns").add(LISTENER_LOAD_BALANCER);
          groups.put(want.path("Name").asText(), tg);
          Map<String, String> a = new TreeMap<>();
          a.put("stickiness.enabled", "false");
          a.put("load_balancing.algorithm.type", "round_robin");
          a.put("slow_start.duration_seconds", "0");
          entry
              .path("attributes")
              .forEach(x -> a.put(x.path("Key").asText(), x.path("Value").asText()));
          attributes.put(arn, a);
          tags.put(arn, pairs(want.path("Tags")));
        }
        for (JsonNode r : s.routes().get().path("rules")) {
          JsonNode want = r.path("rule");
          ObjectNode rule = want.deepCopy();
          rule.remove("Tags");
          rule.remove("ListenerArn");
          String ruleArn = "arn:aws:elasticloadbalancing:rule/" + (++id);
          rule.put("RuleArn", ruleArn);
          rule.put("Priority", want.path("Priority").asText()); // DescribeRules: a string
          rule.put("IsDefault", false);
          ObjectNode action = (ObjectNode) rule.path("Actions").get(0);
          if (action.has("ForwardConfig")) {
            // A weighted forward, as DescribeRules answers it: the pair, no TargetGroupArn.
            for (JsonNode g : action.path("ForwardConfig").path("TargetGroups")) {
              String ref = g.path("TargetGroupArn").asText();
              ((ObjectNode) g)
                  .put(
                      "TargetGroupArn",
                      groups
                          .get(ref.substring(ref.indexOf('/') + 1))
                          .path("TargetGroupArn")
                          .asText());
            }
            ((ObjectNode) action.path("ForwardConfig"))
                .putObject("TargetGroupStickinessConfig")
                .put("Enabled", false);
          } else {
            String ref = action.path("TargetGroupArn").asText();
            action.put(
                "TargetGroupArn",
                groups.get(ref.substring(ref.indexOf('/') + 1)).path("TargetGroupArn").asText());
          }
          rules
              .computeIfAbsent(want.path("ListenerArn").asText(), k -> new ArrayList<>())
              .add(rule);
          tags.put(ruleArn, pairs(want.path("Tags")));
        }
      }
      // The listener's default rule.
      rules
          .values()
          .forEach(
              l ->
                  l.add(
                      JSON.createObjectNode()
                          .put("RuleArn", "default")
                          .put("Priority", "default")
                          .put("IsDefault", true)));
    }

    /**
     * A target group {@code name} like the first, with no attributes, of service "api" of app
     * {@code app} by its tags: its JSON, which the test may change further.
     */
    ObjectNode addGroup(String name, String app) {
      String arn =
          "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/"
              + name
              + "/00000000000000ff";
      ObjectNode group = groups.values().iterator().next().deepCopy();
      group.put("TargetGroupArn", arn);
      group.put("TargetGroupName", name);
      groups.put(name, group);
      attributes.put(arn, Map.of());
      tags.put(arn, Map.of("fgd:app", app, "fgd:service", "api"));
      return group;
    }

    static Map<String, String> pairs(JsonNode list) {
      Map<String, String> out = new TreeMap<>();
      list.forEach(t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
      return out;
    }

    void count(String op) {
      calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public Optional<String> vpcOf(String subnet) {
      count("DescribeSubnets");
      return Optional.of(VPC);
    }

    @Override
    public Map<String, ObjectNode> targetGroups(Set<String> names, String prefix) {
      count("DescribeTargetGroups");
      return new TreeMap<>(groups);
    }

    @Override
    public Map<String, String> attributes(String arn) {
      count("DescribeTargetGroupAttributes");
      return attributes.get(arn);
    }

    @Override
    public Map<String, Map<String, String>> tags(List<String> arns) {
      count("DescribeTags");
      assertTrue(arns.size() <= 20, "DescribeTags takes at most 20 ARNs");
      Map<String, Map<String, String>> out = new TreeMap<>();
      arns.forEach(a -> out.put(a, tags.getOrDefault(a, Map.of())));
      return out;
    }

    @Override
    public List<ObjectNode> rules(String listenerArn) {
      count("DescribeRules");
      return rules.getOrDefault(listenerArn, List.of());
    }
  }

  static List<ResourceChange> routeChanges(Plan plan) {
    return plan.changes().stream()
        .filter(c -> c.type() == TargetGroupKind.INSTANCE || c.type() == ListenerRuleKind.INSTANCE)
        .toList();
  }

  @Test
  void whatElbv2FillsInIsNoChange() throws Exception {
    DesiredState desired = routed();
    PlanResult result = Planner.plan(desired, new Account(desired));
    assertEquals(List.of(), routeChanges(result.plan()));
  }

  @Test
  void aNewRouteCreatesItsTargetGroupBeforeItsRuleAndTheServiceWaitsForTheArn() throws Exception {
    DesiredState desired = routed();
    Account empty = new Account(desired);
    empty.groups.clear();
    empty.rules.clear();
    Plan plan = Planner.plan(desired, empty).plan();
    List<ResourceChange> all = plan.changes();
    int group = indexOf(all, TargetGroupKind.INSTANCE.label());
    int rule = indexOf(all, ListenerRuleKind.INSTANCE.label());
    int service = indexOf(all, "service");
    assertTrue(group >= 0 && group < rule && rule < service, all::toString);
    ResourceChange created = all.get(group);
    assertEquals(Action.CREATE, created.action());
    assertTrue(
        created.fields().stream()
            .anyMatch(
                f ->
                    f.path().equals(".DeregistrationDelaySeconds")
                        && f.after().orElseThrow().asText().equals("30")),
        created.fields()::toString);
    // The service registers with the target group apply creates: its ARN is not known yet.
    assertTrue(
        all.get(service).fields().stream()
            .anyMatch(
                f ->
                    f.path().startsWith(".loadBalancers")
                        && f.after().orElseThrow().toString().contains("known after apply")),
        all.get(service).fields()::toString);
  }

  private static int indexOf(List<ResourceChange> changes, String label) {
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i).type().label().equals(label)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aChangedHealthCheckIsAnUpdateOfThatFieldOnly() throws Exception {
    DesiredState desired = routed();
    Account account = new Account(desired);
    account.groups.values().forEach(tg -> tg.put("HealthCheckPath", "/old"));
    List<ResourceChange> changes = routeChanges(Planner.plan(desired, account).plan());
    assertEquals(3, changes.size(), changes::toString);
    for (ResourceChange c : changes) {
      assertEquals(Action.UPDATE, c.action());
      assertEquals(List.of(".HealthCheckPath"), c.fields().stream().map(f -> f.path()).toList());
    }
  }

  @Test
  void aPriorityHeldByAForeignRuleIsAWarningAndARefusal() throws Exception {
    DesiredState desired = routed();
    Account account = new Account(desired);
    List<ObjectNode> rules = account.rules.values().iterator().next();
    ObjectNode ours = rules.get(0);
    String priority = ours.path("Priority").asText();
    account.tags.put(ours.path("RuleArn").asText(), Map.of("team", "other"));
    PlanResult result = Planner.plan(desired, account);
    assertTrue(
        result.plan().warnings().stream()
            .anyMatch(
                w ->
                    w.contains("priority " + priority)
                        && w.contains(ours.path("RuleArn").asText())),
        result.plan().warnings()::toString);
    assertFalse(
        ListenerRuleKind.INSTANCE
            .refusals(desired, result.observed(), result.plan().changes())
            .isEmpty());
  }

  @Test
  void aTargetGroupOfAnotherAppIsNeverTouched() throws Exception {
    DesiredState desired = routed();
    Account account = new Account(desired);
    // Another app, "sheets2", whose names start as this app's do and whose service is also "api".
    String arn =
        account.addGroup("sheets2-api-0badc0de", "sheets2").path("TargetGroupArn").asText();
    assertEquals(List.of(), routeChanges(Planner.plan(desired, account).plan()));
    // Without the other app's tag it would be this app's to delete: the test can fail.
    account.tags.put(arn, Map.of("fgd:app", "sheets", "fgd:service", "api"));
    List<ResourceChange> changes = routeChanges(Planner.plan(desired, account).plan());
    assertEquals(1, changes.size(), changes::toString);
    assertEquals(Action.DESTROY, changes.get(0).action());
  }

  /**
   * A target group of the app's service that no route names any more, attached to a load balancer
   * none of whose listeners the plan read (the spec stopped naming it): its rules were not read, so
   * ELBv2 would refuse DeleteTargetGroup (ResourceInUse); the plan keeps it and says why.
   */
  @Test
  void aTargetGroupStillUsedOnAListenerThePlanDidNotReadIsKeptWithAWarning() throws Exception {
    DesiredState desired = routed();
    Account account = new Account(desired);
    ObjectNode old = account.addGroup("sheets-api-0badc0de", "sheets");
    String other =
        "arn:aws:elasticloadbalancing:us-west-1:123456789012:loadbalancer/app/other/0123456789abcdef";
    old.putArray("LoadBalancerArns").add(other);
    Plan plan = Planner.plan(desired, account).plan();
    assertEquals(List.of(), routeChanges(plan));
    assertTrue(
        plan.warnings().stream()
            .anyMatch(
                w ->
                    w.contains("sheets-api-0badc0de")
                        && w.contains("was kept: load balancer " + other)),
        plan.warnings()::toString);
    // On the listener's load balancer, whose rules the plan read, it is deleted: the test can fail.
    old.putArray("LoadBalancerArns").add(LISTENER_LOAD_BALANCER);
    List<ResourceChange> changes = routeChanges(Planner.plan(desired, account).plan());
    assertEquals(1, changes.size(), changes::toString);
    assertEquals(Action.DESTROY, changes.get(0).action());
  }

  @Test
  void theFingerprintCoversTheHealthCheckAndTheDrainingDelay() throws Exception {
    DesiredState desired = routed();
    Account account = new Account(desired);
    Map<String, String> before = Fingerprints.of(Planner.plan(desired, account).observed());
    account.attributes.values().forEach(a -> a.put("deregistration_delay.timeout_seconds", "300"));
    Map<String, String> drained = Fingerprints.of(Planner.plan(desired, account).observed());
    assertNotEquals(before, drained);
    account.groups.values().forEach(tg -> tg.put("HealthyThresholdCount", 5));
    assertNotEquals(drained, Fingerprints.of(Planner.plan(desired, account).observed()));
  }

  /** The requests of a plan of the example's 2 routed services (3 target groups, 3 rules). */
  @Test
  void requestsPerPlan() throws Exception {
    DesiredState desired = routed();
    Account account = new Account(desired);
    Planner.plan(desired, account);
    Map<String, Integer> counts = new TreeMap<>();
    account.calls.forEach((k, v) -> counts.put(k, v.get()));
    assertEquals(
        Map.of(
            "DescribeRules", 1,
            "DescribeSubnets", 1,
            "DescribeTags", 2,
            "DescribeTargetGroupAttributes", 3,
            "DescribeTargetGroups", 1),
        counts);
  }
}
