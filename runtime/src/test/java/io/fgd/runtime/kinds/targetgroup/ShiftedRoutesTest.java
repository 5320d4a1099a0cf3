package io.fgd.runtime.kinds.targetgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.kinds.cluster.ClusterReads;
import io.fgd.runtime.kinds.listenerrule.ListenerRuleKind;
import io.fgd.runtime.kinds.listenerrule.ListenerRuleReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.ObservedService;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Canary and blue/green services behind routes (specs/examples/shifted): planned against an account
 * faked at the level of each kind's reads, its answers shaped like the ELBv2 and ECS API
 * references' (DescribeRules with a weighted forward; DescribeServices with loadBalancers and their
 * advancedConfiguration). What ECS does during and after a deployment (re-weighting the rule,
 * answering the alternate target group as the service's after a blue/green) is played here: no
 * emulator models it (moto's ECS ignores advancedConfiguration).
 */
class ShiftedRoutesTest {
  /** TargetGroupKindTest's account, with the services as DescribeServices answers them. */
  static final class Account
      implements FakeLiveState,
          TargetGroupReads.Api,
          ListenerRuleReads.Api,
          ServiceReads.Api,
          ClusterReads.Api,
          TaskDefinitionReads.Api {
    final TargetGroupKindTest.Account elb;
    final Map<String, ObservedService> services = new TreeMap<>();
    final Map<String, ObjectNode> taskDefinitions = new TreeMap<>();

    Account(DesiredState desired) {
      elb = new TargetGroupKindTest.Account(desired);
      for (DesiredService s : desired.services().values()) {
        String td = "arn:aws:ecs:us-west-1:123456789012:task-definition/shop-" + s.name() + ":1";
        ObjectNode tdJson = s.taskDefinition().deepCopy();
        tdJson.put("taskDefinitionArn", td).put("revision", 1).put("status", "ACTIVE");
        taskDefinitions.put(td, tdJson);
        ObjectNode json = s.service().deepCopy();
        for (JsonNode lb : json.path("loadBalancers")) {
          ObjectNode l = (ObjectNode) lb;
          l.put("targetGroupArn", arn(l.path("targetGroupArn").asText()));
          ObjectNode a = (ObjectNode) l.path("advancedConfiguration");
          a.put("alternateTargetGroupArn", arn(a.path("alternateTargetGroupArn").asText()));
          a.put("productionListenerRule", ruleArn(s.name()));
          if (a.has("testListenerRule")) {
            a.put("testListenerRule", ruleArn(s.name(), true));
          }
        }
        json.put("status", "ACTIVE");
        services.put(
            s.name(),
            new ObservedService(
                s.name(),
                "arn:aws:ecs:us-west-1:123456789012:service/shop-prod/" + s.name(),
                "ACTIVE",
                "arn:aws:ecs:us-west-1:123456789012:task-definition/shop-" + s.name() + ":1",
                Optional.of("ecs-svc/1"),
                json));
      }
    }

    String arn(String ref) {
      return elb.groups.get(ref.substring(ref.indexOf('/') + 1)).path("TargetGroupArn").asText();
    }

    String ruleArn(String service) {
      return ruleArn(service, false);
    }

    /** The ARN of the service's route rule, or of its test rule (tagged fgd:route = test:...). */
    String ruleArn(String service, boolean test) {
      for (var e : elb.tags.entrySet()) {
        if (service.equals(e.getValue().get("fgd:service"))
            && e.getKey().contains(":rule/")
            && e.getValue().getOrDefault("fgd:route", "").startsWith("test:") == test) {
          return e.getKey();
        }
      }
      throw new AssertionError("no rule of " + service);
    }

    ObjectNode rule(String service) {
      return rule(service, false);
    }

    ObjectNode rule(String service, boolean test) {
      String arn = ruleArn(service, test);
      return elb.rules.values().stream()
          .flatMap(List::stream)
          .filter(r -> r.path("RuleArn").asText().equals(arn))
          .findFirst()
          .orElseThrow();
    }

    /** What ECS leaves after a blue/green: the pair swapped on the service and in the rule. */
    void swap(String service) {
      ObjectNode lb = (ObjectNode) services.get(service).json().path("loadBalancers").get(0);
      ObjectNode a = (ObjectNode) lb.path("advancedConfiguration");
      String tg = lb.path("targetGroupArn").asText();
      lb.put("targetGroupArn", a.path("alternateTargetGroupArn").asText());
      a.put("alternateTargetGroupArn", tg);
      List<ObjectNode> moved = new java.util.ArrayList<>(List.of(rule(service)));
      if (a.has("testListenerRule")) {
        moved.add(rule(service, true)); // played: ECS may move the test rule's forward too
      }
      for (ObjectNode r : moved) {
        for (JsonNode g : r.path("Actions").get(0).path("ForwardConfig").path("TargetGroups")) {
          ((ObjectNode) g).put("Weight", 100 - g.path("Weight").asInt());
        }
      }
    }

    @Override
    public boolean readCluster(String cluster) {
      return true;
    }

    @Override
    public ObjectNode readTaskDefinition(String arn) {
      return taskDefinitions.get(arn).deepCopy();
    }

    @Override
    public Optional<String> vpcOf(String subnet) {
      return elb.vpcOf(subnet);
    }

    @Override
    public Map<String, ObjectNode> targetGroups(Set<String> names, String prefix) {
      return elb.targetGroups(names, prefix);
    }

    @Override
    public Map<String, String> attributes(String arn) {
      return elb.attributes(arn);
    }

    @Override
    public Map<String, Map<String, String>> tags(List<String> arns) {
      return elb.tags(arns);
    }

    @Override
    public List<ObjectNode> rules(String listenerArn) {
      return elb.rules(listenerArn);
    }

    @Override
    public Map<String, ObservedService> readServices(String cluster, Collection<String> names) {
      Map<String, ObservedService> out = new TreeMap<>();
      names.forEach(n -> Optional.ofNullable(services.get(n)).ifPresent(s -> out.put(n, s)));
      return out;
    }

    @Override
    public Map<String, ObservedService> listOwnedServices(
        String cluster, String app, Set<String> except) {
      return Map.of();
    }

    @Override
    public List<String> listServiceNames(String cluster) {
      return List.copyOf(services.keySet());
    }
  }

  static DesiredState shifted() throws Exception {
    return TargetGroupKindTest.example("shifted", "shop");
  }

  /** The changes to routes, and the service's changed load balancer fields. */
  static List<String> shiftChanges(Plan plan) {
    return plan.changes().stream()
        .flatMap(
            c ->
                c.type() == TargetGroupKind.INSTANCE || c.type() == ListenerRuleKind.INSTANCE
                    ? java.util.stream.Stream.of(c.type().label() + " " + c.name())
                    : c.fields().stream()
                        .filter(f -> f.path().startsWith(".loadBalancers"))
                        .map(f -> c.name() + f.path()))
        .toList();
  }

  @Test
  void eachRoutedPortHasTwoTargetGroupsAndItsRuleForwardsToBoth() throws Exception {
    Account empty = new Account(shifted());
    empty.elb.groups.clear();
    empty.elb.rules.clear();
    Plan plan = Planner.plan(shifted(), empty).plan();
    List<String> groups =
        plan.changes().stream()
            .filter(c -> c.type() == TargetGroupKind.INSTANCE && c.action() == Action.CREATE)
            .map(ResourceChange::name)
            .sorted()
            .toList();
    assertEquals(4, groups.size(), groups::toString); // two services, one routed port each
    ResourceChange rule =
        plan.changes().stream()
            .filter(c -> c.type() == ListenerRuleKind.INSTANCE && c.name().startsWith("web "))
            .findFirst()
            .orElseThrow();
    String forward =
        rule.fields().stream()
            .filter(f -> f.path().equals(".TargetGroup"))
            .findFirst()
            .orElseThrow()
            .after()
            .orElseThrow()
            .asText();
    assertEquals(2, forward.split(", ").length, forward);
  }

  @Test
  void whatWasAppliedPlansClean() throws Exception {
    assertEquals(List.of(), shiftChanges(Planner.plan(shifted(), new Account(shifted())).plan()));
  }

  @Test
  void afterEcsSwappedTheTargetGroupsThePlanIsClean() throws Exception {
    Account account = new Account(shifted());
    Map<String, String> before = Fingerprints.of(Planner.plan(shifted(), account).observed());
    account.swap("web");
    account.swap("admin");
    var result = Planner.plan(shifted(), account);
    assertEquals(List.of(), shiftChanges(result.plan()));
    // The saved plan's fingerprints see the swap: it is what ECS did since, and a plan saved
    // before it is refused.
    Map<String, String> after = Fingerprints.of(result.observed());
    assertNotEquals(before.get("service/web"), after.get("service/web"));
  }

  @Test
  void aLoadBalancerOnAnotherTargetGroupIsAChange() throws Exception {
    Account account = new Account(shifted());
    ObjectNode lb = (ObjectNode) account.services.get("web").json().path("loadBalancers").get(0);
    lb.put(
        "targetGroupArn",
        "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/other/00000000000000ff");
    List<String> changes = shiftChanges(Planner.plan(shifted(), account).plan());
    assertTrue(
        changes.stream().anyMatch(c -> c.startsWith("web.loadBalancers")), changes::toString);
  }

  @Test
  void aRuleForwardingToOneOfThePairIsAChange() throws Exception {
    Account account = new Account(shifted());
    ObjectNode action = (ObjectNode) account.rule("web").path("Actions").get(0);
    String first =
        action.path("ForwardConfig").path("TargetGroups").get(0).path("TargetGroupArn").asText();
    action.remove("ForwardConfig");
    action.put("TargetGroupArn", first);
    List<String> changes = shiftChanges(Planner.plan(shifted(), account).plan());
    assertEquals(List.of("listener rule web shop.example.com"), changes);
  }

  @Test
  void theRuleFingerprintCoversThePair() throws Exception {
    Account account = new Account(shifted());
    Map<String, String> before = Fingerprints.of(Planner.plan(shifted(), account).observed());
    ObjectNode action = (ObjectNode) account.rule("web").path("Actions").get(0);
    ((com.fasterxml.jackson.databind.node.ArrayNode)
            action.path("ForwardConfig").path("TargetGroups"))
        .remove(1);
    Map<String, String> after = Fingerprints.of(Planner.plan(shifted(), account).observed());
    String key = "listenerRule/" + account.ruleArn("web");
    assertNotEquals(before.get(key), after.get(key));
  }

  // ---- the test listener rule of a route's test_header (admin's, in specs/examples/shifted) ----

  @Test
  void aTestHeaderIsASecondRuleBeforeTheRoutesAndTheServiceNamesIt() throws Exception {
    Account empty = new Account(shifted());
    empty.elb.rules.clear();
    Plan plan = Planner.plan(shifted(), empty).plan();
    Map<String, ResourceChange> rules = new TreeMap<>();
    plan.changes().stream()
        .filter(c -> c.type() == ListenerRuleKind.INSTANCE && c.name().startsWith("admin "))
        .forEach(c -> rules.put(c.name(), c));
    assertEquals(
        Set.of("admin shop.example.com/admin/*", "admin test:shop.example.com/admin/*"),
        rules.keySet());
    Map<String, String> test = leaves(rules.get("admin test:shop.example.com/admin/*"));
    Map<String, String> production = leaves(rules.get("admin shop.example.com/admin/*"));
    assertEquals("X-Fgd-Test: 1", test.get(".http-header"));
    assertEquals(null, production.get(".http-header"));
    assertEquals(production.get(".TargetGroup"), test.get(".TargetGroup"));
    assertEquals(
        Integer.parseInt(production.get(".Priority")) - 1, Integer.parseInt(test.get(".Priority")));
  }

  private static Map<String, String> leaves(ResourceChange c) {
    Map<String, String> out = new TreeMap<>();
    c.fields().forEach(f -> f.after().ifPresent(v -> out.put(f.path(), v.asText())));
    return out;
  }

  @Test
  void aTestRuleWhoseHeaderChangedIsAChangeOfThatRuleAlone() throws Exception {
    Account account = new Account(shifted());
    for (JsonNode c : account.rule("admin", true).path("Conditions")) {
      if (c.path("Field").asText().equals("http-header")) {
        ((ObjectNode) c.path("HttpHeaderConfig")).putArray("Values").add("2");
      }
    }
    assertEquals(
        List.of("listener rule admin test:shop.example.com/admin/*"),
        shiftChanges(Planner.plan(shifted(), account).plan()));
  }

  @Test
  void aServiceWhoseTestListenerRuleIsAnotherRuleIsAChange() throws Exception {
    Account account = new Account(shifted());
    ObjectNode a =
        (ObjectNode)
            account
                .services
                .get("admin")
                .json()
                .path("loadBalancers")
                .get(0)
                .path("advancedConfiguration");
    a.put("testListenerRule", account.ruleArn("web"));
    List<String> changes = shiftChanges(Planner.plan(shifted(), account).plan());
    assertEquals(1, changes.size(), changes::toString);
    assertTrue(
        changes.get(0).startsWith("admin.loadBalancers[")
            && changes.get(0).endsWith("].advancedConfiguration.testListenerRule"),
        changes::toString);
  }

  @Test
  void theTestRuleFingerprintCoversItsHeader() throws Exception {
    Account account = new Account(shifted());
    Map<String, String> before = Fingerprints.of(Planner.plan(shifted(), account).observed());
    for (JsonNode c : account.rule("admin", true).path("Conditions")) {
      if (c.path("Field").asText().equals("http-header")) {
        ((ObjectNode) c.path("HttpHeaderConfig")).put("HttpHeaderName", "X-Other");
      }
    }
    Map<String, String> after = Fingerprints.of(Planner.plan(shifted(), account).observed());
    String key = "listenerRule/" + account.ruleArn("admin", true);
    assertNotEquals(before.get(key), after.get(key));
  }
}
