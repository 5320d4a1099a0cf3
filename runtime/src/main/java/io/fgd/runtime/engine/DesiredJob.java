package io.fgd.runtime.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * What one job of the spec should look like, from its emitted artifacts: a task definition as a
 * service's, and a schedule that runs it.
 *
 * @param taskDefinition RegisterTaskDefinition input ({@code JOB/taskdef.json}), camelCase
 * @param schedule CreateSchedule input ({@code JOB/schedule.json}), PascalCase; its {@code
 *     Target.EcsParameters.TaskDefinitionArn} is the family, for which apply puts the revision
 * @param logGroups the awslogs groups the job's containers write to
 * @param retention days CloudWatch keeps each log group's events, where {@code logs.json} says
 * @param logGroupTags the tags {@code logs.json} puts on each log group when it is created
 */
public record DesiredJob(
    String name,
    ObjectNode taskDefinition,
    ObjectNode schedule,
    List<String> logGroups,
    Map<String, Integer> retention,
    Map<String, Map<String, String>> logGroupTags) {
  public DesiredJob {
    requireNonNull(name, "name is null");
    requireNonNull(taskDefinition, "taskDefinition is null");
    requireNonNull(schedule, "schedule is null");
    logGroups = List.copyOf(logGroups);
    retention = Map.copyOf(retention);
    logGroupTags = Map.copyOf(logGroupTags);
  }

  public String family() {
    return taskDefinition.path("family").asText();
  }

  /** The schedule group the job's schedule is in. */
  public String group() {
    return schedule.path("GroupName").asText();
  }
}
