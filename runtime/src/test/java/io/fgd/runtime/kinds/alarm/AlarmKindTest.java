package io.fgd.runtime.kinds.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.kinds.cluster.ClusterReads;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.targetgroup.TargetGroupReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.ObservedService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The alarms fgd creates, planned against an account faked at the level of the kind's reads, its
 * answers shaped like the CloudWatch API reference's (DescribeAlarms' MetricAlarm, with what
 * CloudWatch fills in: the ARN, ActionsEnabled, empty action lists, the state; tags only through
 * ListTagsForResource) and the target group of the api's route as ELBv2 lists it.
 */
class AlarmKindTest {
  static final String TG_ARN =
      "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/sheets-api-440f7346/"
          + "0123456789abcdef";

  /** specs/examples/alarmed.fgd with {@code edit} replaced, which must be in it. */
  static DesiredState alarmed(String edit, String replacement) throws Exception {
    String example = Files.readString(Path.of("../specs/examples/alarmed.fgd"));
    assertTrue(example.contains(edit), () -> "the example has no \"" + edit + "\"");
    String text = example.replace(edit, replacement);
    var compiled = Compiler.compile(new SourceFile("alarmed.fgd", text), CompileOptions.defaults());
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    return DesiredState.fromArtifacts("sheets", compiled.artifacts());
  }

  static DesiredState alarmed() throws Exception {
    return alarmed("", "");
  }

  /** The account as {@code desired} wants it, as CloudWatch answers. */
  static class Account
      implements FakeLiveState, AlarmReads.Api, TargetGroupReads.Api, ClusterReads.Api {
    final Map<String, ObjectNode> alarms = new TreeMap<>();
    final Map<String, Map<String, String>> tags = new TreeMap<>();
    final AtomicInteger describeAlarms = new AtomicInteger();

    Account(DesiredState desired) {
      for (var s : desired.services().values()) {
        for (JsonNode want : AlarmReads.desired(s)) {
          ObjectNode a =
              AlarmForm.resolved(want, Map.of("fgd:targetgroup/sheets-api-440f7346", TG_ARN));
          a.remove("Tags");
          String name = want.path("AlarmName").asText();
          a.put("AlarmArn", "arn:aws:cloudwatch:us-west-1:123456789012:alarm:" + name);
          a.put("ActionsEnabled", true);
          a.putArray("OKActions");
          a.putArray("AlarmActions");
          a.putArray("InsufficientDataActions");
          a.put("StateValue", "INSUFFICIENT_DATA");
          a.put("AlarmConfigurationUpdatedTimestamp", "2026-11-29T07:00:00Z");
          alarms.put(name, a);
          tags.put(a.path("AlarmArn").asText(), AlarmForm.tags(want.path("Tags")));
        }
      }
    }

    @Override
    public Map<String, ObjectNode> alarms(String prefix) {
      describeAlarms.incrementAndGet();
      Map<String, ObjectNode> out = new TreeMap<>();
      alarms.forEach(
          (name, a) -> {
            if (name.startsWith(prefix)) {
              out.put(name, a);
            }
          });
      return out;
    }

    @Override
    public Map<String, String> tags(String arn) {
      return tags.getOrDefault(arn, Map.of());
    }

    @Override
    public Optional<String> vpcOf(String subnet) {
      return Optional.of("vpc-0a1b2c3d");
    }

    @Override
    public Map<String, ObjectNode> targetGroups(Set<String> names, String prefix) {
      ObjectNode tg = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      tg.put("TargetGroupArn", TG_ARN).put("TargetGroupName", "sheets-api-440f7346");
      return Map.of("sheets-api-440f7346", tg);
    }

    @Override
    public boolean readCluster(String cluster) {
      return true;
    }

    @Override
    public Map<String, String> attributes(String arn) {
      return Map.of();
    }

    @Override
    public Map<String, Map<String, String>> tags(List<String> arns) {
      return Map.of();
    }
  }

  static List<ResourceChange> alarmChanges(Plan plan) {
    return plan.changes().stream().filter(c -> c.type() == AlarmKind.INSTANCE).toList();
  }

  @Test
  void whatCloudWatchFillsInIsNoChange() throws Exception {
    DesiredState desired = alarmed();
    Account account = new Account(desired);
    PlanResult result = Planner.plan(desired, account);
    assertEquals(List.of(), alarmChanges(result.plan()));
    assertEquals(1, account.describeAlarms.get(), "one DescribeAlarms for every service");
  }

  @Test
  void newAlarmsAreCreatedBeforeTheServicesThatNameThem() throws Exception {
    DesiredState desired = alarmed();
    Account empty = new Account(desired);
    empty.alarms.clear();
    List<ResourceChange> all = Planner.plan(desired, empty).plan().changes();
    List<ResourceChange> created = alarmChanges(Planner.plan(desired, empty).plan());
    assertEquals(
        List.of(
            "sheets-api-5xx",
            "sheets-api-latency-p99",
            "sheets-worker-5xx",
            "sheets-worker-latency"),
        created.stream().map(ResourceChange::name).sorted().toList());
    assertTrue(created.stream().allMatch(c -> c.action() == Action.CREATE));
    for (ResourceChange c : created) {
      int alarm = all.indexOf(c);
      int service = -1;
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).type().id().equals("ecs_service")
            && all.get(i).name().equals(c.service().orElseThrow())) {
          service = i;
        }
      }
      assertTrue(service < 0 || alarm < service, all::toString);
    }
    // The worker's target group is named by ARN: its dimension is known at plan.
    ResourceChange worker =
        created.stream().filter(c -> c.name().equals("sheets-worker-5xx")).findFirst().get();
    assertTrue(
        worker.fields().stream()
            .anyMatch(
                f ->
                    f.path().equals(".Dimensions.TargetGroup")
                        && f.after()
                            .orElseThrow()
                            .asText()
                            .equals("targetgroup/sheets-worker/73e2d6bc24d8a067")),
        worker.fields()::toString);
  }

  @Test
  // The description says the threshold, so it changes with it.
  void aNewThresholdIsOneFieldUpdated() throws Exception {
    DesiredState before = alarmed();
    Account account = new Account(before);
    DesiredState after = alarmed("alarm  5xx > 5% for 2m", "alarm  5xx > 7.5% for 2m");
    List<ResourceChange> changes = alarmChanges(Planner.plan(after, account).plan());
    assertEquals(1, changes.size(), changes::toString);
    assertEquals(Action.UPDATE, changes.get(0).action());
    assertEquals("sheets-api-5xx", changes.get(0).name());
    assertEquals(
        List.of(".AlarmDescription", ".Threshold"),
        changes.get(0).fields().stream().map(FieldChange::path).toList());
  }

  @Test
  void anAlarmTheSpecNoLongerAsksForIsDeletedOnlyWhenItIsTheServicesOwn() throws Exception {
    Account account = new Account(alarmed());
    // Someone else's alarm with a name like fgd's, without the tags.
    ObjectNode foreign = account.alarms.get("sheets-api-5xx").deepCopy();
    foreign.put("AlarmArn", "arn:aws:cloudwatch:us-west-1:123456789012:alarm:sheets-api-p99");
    account.alarms.put("sheets-api-p99", foreign);
    DesiredState without = alarmed("    alarm  5xx > 5% for 2m\n", "");
    List<ResourceChange> changes = alarmChanges(Planner.plan(without, account).plan());
    assertEquals(1, changes.size(), changes::toString);
    assertEquals(Action.DESTROY, changes.get(0).action());
    assertEquals("sheets-api-5xx", changes.get(0).name());
  }

  @Test
  void anAlarmOfTheSameNameThatIsNotTheAppsIsARefusal() throws Exception {
    DesiredState desired = alarmed("alarm  5xx > 5% for 2m", "alarm  5xx > 6% for 2m");
    Account account = new Account(alarmed());
    account.tags.put(
        account.alarms.get("sheets-api-5xx").path("AlarmArn").asText(), Map.of("team", "x"));
    PlanResult result = Planner.plan(desired, account);
    List<String> refusals =
        AlarmKind.INSTANCE.refusals(desired, result.observed(), result.plan().changes());
    assertEquals(1, refusals.size(), refusals::toString);
    assertTrue(refusals.get(0).contains("sheets-api-5xx"), refusals.get(0));
  }

  @Test
  void theFingerprintCoversTheThreshold() throws Exception {
    DesiredState desired = alarmed();
    Account account = new Account(desired);
    Map<String, String> before = Fingerprints.of(Planner.plan(desired, account).observed());
    assertTrue(before.containsKey("alarm/sheets-api-5xx"), before::toString);
    account.alarms.get("sheets-api-5xx").put("Threshold", 50.0);
    assertNotEquals(before, Fingerprints.of(Planner.plan(desired, account).observed()));
  }

  @Test
  void aSpecWithoutAlarmsReadsNoAlarms() throws Exception {
    DesiredState desired = alarmed("alarm", "# alarm");
    Account account = new Account(alarmed());
    Planner.plan(desired, account);
    assertEquals(0, account.describeAlarms.get());
  }

  /** Every member of alarms.json is a member of the SDK's PutMetricAlarm, kept as written. */
  @Test
  void alarmsJsonIsAPutMetricAlarmInputMemberForMember() throws Exception {
    DesiredState desired = alarmed();
    int checked = 0;
    for (var s : desired.services().values()) {
      for (JsonNode want : AlarmReads.desired(s)) {
        ObjectNode json = AlarmForm.resolved(want, Map.of());
        var request =
            io.fgd.runtime.engine.ApplyRun.fromJson(
                json,
                software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest.builder(),
                "alarms.json");
        // Parsed again, so that a number is compared by value, not by the node type holding it.
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(
            mapper.readTree(json.toString()),
            mapper.readTree(io.fgd.runtime.aws.SdkJson.toJson(request).toString()));
        checked++;
      }
    }
    assertEquals(4, checked);
  }

  @Test
  // The description says the threshold, so it changes with it; TargetResponseTime is in seconds.
  void aNewLatencyThresholdIsOneFieldUpdatedInSeconds() throws Exception {
    Account account = new Account(alarmed());
    DesiredState after =
        alarmed("alarm  latency p99 > 800ms for 3m", "alarm  latency p99 > 1.2s for 3m");
    List<ResourceChange> changes = alarmChanges(Planner.plan(after, account).plan());
    assertEquals(1, changes.size(), changes::toString);
    assertEquals("sheets-api-latency-p99", changes.get(0).name());
    assertEquals(
        List.of(".AlarmDescription", ".Threshold"),
        changes.get(0).fields().stream().map(FieldChange::path).toList());
    assertEquals(1.2, changes.get(0).fields().get(1).after().orElseThrow().asDouble());
  }

  @Test
  // CloudWatch leaves EvaluateLowSampleCountPercentile out of an alarm put without it; the form
  // fills in its default, evaluate, on both sides.
  void aPercentileAlarmWithoutTheLowSampleSettingIsNoChange() throws Exception {
    DesiredState desired = alarmed();
    Account account = new Account(desired);
    account.alarms.get("sheets-api-latency-p99").remove("EvaluateLowSampleCountPercentile");
    assertEquals(List.of(), alarmChanges(Planner.plan(desired, account).plan()));
    account.alarms.get("sheets-api-latency-p99").put("EvaluateLowSampleCountPercentile", "ignore");
    List<ResourceChange> changes = alarmChanges(Planner.plan(desired, account).plan());
    assertEquals(
        List.of(".EvaluateLowSampleCountPercentile"),
        changes.get(0).fields().stream().map(FieldChange::path).toList());
  }

  /**
   * The account of {@link Account}, and live services (as DescribeServices returns them, trimmed to
   * what the alarm reads look at) whose deploymentConfiguration names the alarms in {@code names}.
   */
  static final class AccountWithServices extends Account
      implements ServiceReads.Api, TaskDefinitionReads.Api {
    final Map<String, List<String>> names;

    AccountWithServices(DesiredState alarms, Map<String, List<String>> names) {
      super(alarms);
      this.names = names;
    }

    @Override
    public Map<String, ObservedService> readServices(String cluster, Collection<String> wanted) {
      Map<String, ObservedService> out = new TreeMap<>();
      names.forEach(
          (name, alarms) -> {
            ObjectNode json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            json.put("serviceName", name).put("status", "ACTIVE");
            ObjectNode a = json.putObject("deploymentConfiguration").putObject("alarms");
            alarms.forEach(a.putArray("alarmNames")::add);
            a.put("enable", true).put("rollback", true);
            String arn = "arn:aws:ecs:us-west-1:123456789012:service/sheets-prod/" + name;
            String td = "arn:aws:ecs:us-west-1:123456789012:task-definition/sheets-" + name + ":1";
            json.put("taskDefinition", td);
            out.put(name, new ObservedService(name, arn, "ACTIVE", td, Optional.empty(), json));
          });
      return out;
    }

    @Override
    public Map<String, ObservedService> listOwnedServices(
        String cluster, String app, Set<String> except) {
      return Map.of();
    }

    @Override
    public List<String> listServiceNames(String cluster) {
      return List.copyOf(names.keySet());
    }

    @Override
    public ObjectNode readTaskDefinition(String arn) {
      ObjectNode td = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      return td.put("taskDefinitionArn", arn);
    }
  }

  @Test
  void whenTheLastAlarmStatementGoesItsAlarmsAreReadAndDeleted() throws Exception {
    DesiredState without = alarmed("alarm", "# alarm");
    // The services still name the alarms an apply made: one DescribeAlarms, then the tags.
    var named =
        new AccountWithServices(
            alarmed(),
            Map.of(
                "api",
                List.of("sheets-api-errors", "sheets-api-5xx", "sheets-api-latency-p99"),
                "worker",
                List.of("sheets-worker-5xx", "sheets-worker-latency")));
    List<ResourceChange> changes = alarmChanges(Planner.plan(without, named).plan());
    assertEquals(1, named.describeAlarms.get());
    assertEquals(
        List.of(
            "sheets-api-5xx:DESTROY",
            "sheets-api-latency-p99:DESTROY",
            "sheets-worker-5xx:DESTROY",
            "sheets-worker-latency:DESTROY"),
        changes.stream().map(c -> c.name() + ":" + c.action()).sorted().toList());
    // Services that name only the team's own alarms: no CloudWatch request.
    var own = new AccountWithServices(alarmed(), Map.of("api", List.of("sheets-api-errors")));
    assertEquals(List.of(), alarmChanges(Planner.plan(without, own).plan()));
    assertEquals(0, own.describeAlarms.get());
  }
}
