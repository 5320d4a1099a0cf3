package io.fgd.runtime.kinds.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The schedule kinds' plan without network: an account (FakeLiveState) that answers the schedule
 * group, its schedules as GetSchedule shapes them (with the defaults Scheduler fills), and the task
 * definition a schedule runs.
 */
class ScheduleKindTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ARN = "arn:aws:ecs:us-west-1:123456789012:task-definition/nightly-report:3";

  /** An account holding the group and the schedules given, and task definitions by ARN. */
  static final class Account implements FakeLiveState, ScheduleReads.Api, TaskDefinitionReads.Api {
    Map<String, String> groupTags = Map.of("fgd:app", "nightly");
    final Map<String, ObjectNode> schedules = new TreeMap<>();
    final Map<String, ObjectNode> taskDefinitions = new HashMap<>();

    @Override
    public Optional<Map<String, String>> readGroup(String group) {
      return Optional.ofNullable(groupTags);
    }

    @Override
    public Map<String, ObjectNode> readSchedules(String group) {
      return schedules;
    }

    @Override
    public ObjectNode readTaskDefinition(String arn) {
      return taskDefinitions.get(arn);
    }
  }

  static List<Artifact> spec() {
    return ScheduleKindIT.compile(ScheduleKindIT.spec("\"rate(1 day)\"", "[\"report\"]", false));
  }

  static ObjectNode json(List<Artifact> artifacts, String path) throws IOException {
    return (ObjectNode)
        JSON.readTree(
            artifacts.stream().filter(a -> a.path().equals(path)).findFirst().get().content());
  }

  /** The account after an apply of {@link #spec}: the schedule as Scheduler answers GetSchedule. */
  static Account applied() throws IOException {
    List<Artifact> artifacts = spec();
    Account account = new Account();
    ObjectNode live = json(artifacts, "report/schedule.json");
    live.put("Arn", "arn:aws:scheduler:us-west-1:123456789012:schedule/nightly/report");
    live.put("ActionAfterCompletion", "NONE");
    live.put("CreationDate", "2026-11-29T06:00:00Z");
    ObjectNode ecs = (ObjectNode) live.path("Target").path("EcsParameters");
    ecs.put("TaskDefinitionArn", ARN);
    account.schedules.put("report", live);
    ObjectNode td = json(artifacts, "report/taskdef.json");
    td.put("taskDefinitionArn", ARN);
    td.put("revision", 3);
    td.put("status", "ACTIVE");
    account.taskDefinitions.put(ARN, td);
    return account;
  }

  static PlanResult plan(Account account) throws Exception {
    return Planner.plan(DesiredState.fromArtifacts("nightly", spec()), account);
  }

  /**
   * The plan's changes of the job kinds (the fake has no cluster or log group, whose kinds have
   * their own tests).
   */
  static List<ResourceChange> jobChanges(Account account) throws Exception {
    return plan(account).plan().changes().stream()
        .filter(
            c ->
                List.of("schedule_group", "job_task_definition", "schedule")
                    .contains(c.type().id()))
        .toList();
  }

  @Test
  void aScheduleAsSchedulerAnswersItPlansNoChange() throws Exception {
    Account account = applied();
    ObjectNode live = account.schedules.get("report");
    // What Scheduler fills or leaves out by itself is no change.
    ((ObjectNode) live.path("Target")).remove("RetryPolicy");
    ((ObjectNode) live.path("Target").path("EcsParameters")).remove("TaskCount");
    assertEquals(List.of(), jobChanges(account));
  }

  @Test
  void aChangedFieldIsOneFieldOfAnUpdate() throws Exception {
    Account account = applied();
    account.schedules.get("report").put("ScheduleExpressionTimezone", "Europe/Paris");
    List<ResourceChange> changes = jobChanges(account);
    assertEquals(1, changes.size(), changes::toString);
    assertEquals("schedule", changes.get(0).type().id());
    assertEquals(
        List.of(".ScheduleExpressionTimezone"),
        changes.get(0).fields().stream().map(FieldChange::path).toList());
  }

  @Test
  void aNewTaskDefinitionRevisionMovesTheSchedule() throws Exception {
    Account account = applied();
    account.taskDefinitions.get(ARN).put("memory", "2048");
    List<String> changes =
        jobChanges(account).stream().map(c -> c.type().id() + " " + c.action()).toList();
    assertEquals(List.of("job_task_definition REPLACE", "schedule UPDATE"), changes);
  }

  @Test
  void aGroupOfAnotherAppIsNeverPlannedForDeletion() throws Exception {
    Account account = applied();
    account.schedules.put("someone-elses", account.schedules.get("report").deepCopy());
    assertTrue(
        jobChanges(account).stream()
            .anyMatch(
                c -> c.name().equals("someone-elses") && c.action().name().equals("DESTROY")));
    account.groupTags = Map.of("fgd:app", "another");
    assertTrue(
        plan(account).plan().changes().stream()
            .noneMatch(c -> c.action().name().equals("DESTROY")));
  }

  @Test
  void theFingerprintCoversEveryComparedField() throws Exception {
    Account account = applied();
    Map<String, String> before = new TreeMap<>();
    ScheduleKind.INSTANCE.fingerprint(plan(account).observed(), before);
    for (String field : List.of("PlatformVersion", "LaunchType", "PropagateTags")) {
      Account changed = applied();
      ((ObjectNode) changed.schedules.get("report").path("Target").path("EcsParameters"))
          .put(field, "OTHER");
      Map<String, String> after = new TreeMap<>();
      ScheduleKind.INSTANCE.fingerprint(plan(changed).observed(), after);
      assertNotEquals(before, after, field);
    }
  }
}
