package io.fgd.runtime.kinds.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredJob;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.scheduler.model.GetScheduleGroupResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * How the plan reads the jobs' schedules: the app's schedule group with its tags (Scheduler tags
 * groups, not schedules, so the group's {@code fgd:app} tag is what makes its schedules fgd's),
 * every schedule in it (ListSchedules by group, then GetSchedule each), and then the task
 * definition each schedule of the spec's jobs runs.
 *
 * <p>Only a spec with jobs reads them: a plan of a spec without jobs makes no Scheduler call.
 */
public final class ScheduleReads {
  /** The key of the schedule group and its schedules. */
  public static final String KEY = "schedule";

  /** The key of the task definitions the spec's jobs' schedules run, by ARN. */
  public static final String TASK_DEFINITIONS_KEY = "job_task_definition";

  private ScheduleReads() {}

  /**
   * What was read of one schedule group.
   *
   * @param group the group's name
   * @param tags the group's tags; empty when the group does not exist
   * @param schedules every schedule in the group, by name, as GetSchedule answers (PascalCase)
   */
  public record ObservedSchedules(
      String group, Optional<Map<String, String>> tags, Map<String, ObjectNode> schedules) {
    public ObservedSchedules {
      schedules = Map.copyOf(schedules);
    }

    static ObservedSchedules none(String group) {
      return new ObservedSchedules(group, Optional.empty(), Map.of());
    }
  }

  /** How fgd reads schedules; tests fake it. */
  public interface Api {
    /** The group's tags, or empty when there is no such group. */
    Optional<Map<String, String>> readGroup(String group) throws FgdRuntimeException;

    /** Every schedule of the group, by name, as GetSchedule answers it. */
    Map<String, ObjectNode> readSchedules(String group) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(
        Api.class,
        reader ->
            new Api() {
              @Override
              public Optional<Map<String, String>> readGroup(String group)
                  throws FgdRuntimeException {
                return ScheduleReads.readGroup(reader, group);
              }

              @Override
              public Map<String, ObjectNode> readSchedules(String group)
                  throws FgdRuntimeException {
                return ScheduleReads.readSchedules(reader, group);
              }
            });
  }

  /** The schedule group of the spec's jobs as read; none when the spec has no jobs. */
  public static ObservedSchedules schedules(ObservedState observed) {
    return observed.get(KEY, ObservedSchedules.none(""));
  }

  /** The task definitions the spec's jobs' schedules run, by ARN. */
  public static Map<String, ObjectNode> taskDefinitions(ObservedState observed) {
    return observed.get(TASK_DEFINITIONS_KEY, Map.of());
  }

  /** The live schedule of a job, if it exists in the group. */
  public static Optional<ObjectNode> schedule(ObservedState observed, String job) {
    return Optional.ofNullable(schedules(observed).schedules().get(job));
  }

  /** The ARN of the task definition a job's live schedule runs. */
  public static Optional<String> taskDefinitionArn(ObservedState observed, String job) {
    return schedule(observed, job)
        .map(s -> s.path("Target").path("EcsParameters").path("TaskDefinitionArn").asText(""))
        .filter(a -> !a.isEmpty());
  }

  /** The task definition a job's live schedule runs, if fgd could read it. */
  public static Optional<ObjectNode> taskDefinition(ObservedState observed, String job) {
    return taskDefinitionArn(observed, job).map(a -> taskDefinitions(observed).get(a));
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
              if (scope.desired().jobs().isEmpty()) {
                return ReadScope.done(ObservedSchedules.none(""));
              }
              DesiredJob first = scope.desired().jobs().values().iterator().next();
              String group = first.group();
              Api api = api(scope.live());
              return scope.fork(
                  () -> {
                    Optional<Map<String, String>> tags = api.readGroup(group);
                    return tags.isEmpty()
                        ? ObservedSchedules.none(group)
                        : new ObservedSchedules(group, tags, api.readSchedules(group));
                  });
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return TASK_DEFINITIONS_KEY;
            }

            @Override
            public List<String> after() {
              return List.of(KEY);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              TaskDefinitionReads.Api api = TaskDefinitionReads.api(scope.live());
              Map<String, ReadScope.Pending<ObjectNode>> reads = new LinkedHashMap<>();
              for (String job : scope.desired().jobs().keySet()) {
                taskDefinitionArn(scope.observed(), job)
                    .ifPresent(
                        arn ->
                            reads.computeIfAbsent(
                                arn, a -> scope.fork(() -> api.readTaskDefinition(a))));
              }
              return () -> {
                Map<String, ObjectNode> out = new LinkedHashMap<>();
                for (var e : reads.entrySet()) {
                  out.put(e.getKey(), e.getValue().join());
                }
                return out;
              };
            }
          });

  static Optional<Map<String, String>> readGroup(AwsStateReader reader, String group)
      throws FgdRuntimeException {
    GetScheduleGroupResponse response;
    try {
      response =
          reader.call(
              "reading schedule group " + group,
              () -> reader.clients().scheduler().getScheduleGroup(r -> r.name(group)));
    } catch (FgdRuntimeException e) {
      if (e.getCause() instanceof ResourceNotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
    Map<String, String> tags = new TreeMap<>();
    reader
        .call(
            "reading the tags of schedule group " + group,
            () ->
                reader
                    .clients()
                    .scheduler()
                    .listTagsForResource(r -> r.resourceArn(response.arn())))
        .tags()
        .forEach(t -> tags.put(t.key(), t.value()));
    return Optional.of(tags);
  }

  static Map<String, ObjectNode> readSchedules(AwsStateReader reader, String group)
      throws FgdRuntimeException {
    List<String> names = new ArrayList<>();
    reader.eachPage(
        "listing the schedules of group " + group,
        reader.clients().scheduler().listSchedulesPaginator(r -> r.groupName(group)),
        page -> {
          for (ScheduleSummary s : page.schedules()) {
            names.add(s.name());
          }
          return true;
        });
    Map<String, ObjectNode> out = new TreeMap<>();
    for (String name : names) {
      out.put(
          name,
          SdkJson.toJson(
              reader.call(
                  "reading schedule " + group + "/" + name,
                  () ->
                      reader
                          .clients()
                          .scheduler()
                          .getSchedule(r -> r.groupName(group).name(name)))));
    }
    return out;
  }
}
