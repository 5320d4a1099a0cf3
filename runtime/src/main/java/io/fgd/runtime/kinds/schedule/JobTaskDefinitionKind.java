package io.fgd.runtime.kinds.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.Context;
import io.fgd.runtime.engine.DesiredJob;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionForm;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

/**
 * A job's task definition (family {@code APP-JOB}): compared, in the task definition kind's normal
 * form ({@link TaskDefinitionForm}), with the revision the job's schedule runs; a new revision is
 * registered when anything differs. The ARN apply registered is published under {@link #ARNS} for
 * the schedule. A job that left the spec has the revision its schedule ran deregistered (with
 * {@code --prune}, after the schedule is deleted).
 */
public final class JobTaskDefinitionKind implements Kind {
  public static final JobTaskDefinitionKind INSTANCE = new JobTaskDefinitionKind();

  /** The task definition ARN apply registered for each job, by job name. */
  public static final Context.Key<Map<String, String>> ARNS =
      Context.Key.of("job task definitions");

  private JobTaskDefinitionKind() {}

  @Override
  public String label() {
    return "job task definition";
  }

  @Override
  public String id() {
    return "job_task_definition";
  }

  @Override
  public List<String> dependsOn() {
    return List.of("log_group");
  }

  @Override
  public boolean replaceDestroys() {
    return false;
  }

  /** What differs between a job's task definition and the revision its schedule runs. */
  static List<FieldChange> differences(DesiredJob job, ObservedState observed) {
    ObjectNode want = TaskDefinitionForm.taskDefinition(job.taskDefinition());
    Optional<ObjectNode> live = ScheduleReads.taskDefinition(observed, job.name());
    if (live.isEmpty()) {
      return Trees.leaves(want);
    }
    return Trees.compare(Differ.adopted(TaskDefinitionForm.taskDefinition(live.get()), want), want);
  }

  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    List<ResourceChange> out = new ArrayList<>();
    for (DesiredJob job : desired.jobs().values()) {
      Optional<String> liveArn = ScheduleReads.taskDefinitionArn(observed, job.name());
      List<FieldChange> fields = differences(job, observed);
      if (ScheduleReads.taskDefinition(observed, job.name()).isEmpty()) {
        out.add(
            new ResourceChange(
                this, job.family(), Optional.empty(), Action.CREATE, fields, Optional.empty()));
      } else if (!fields.isEmpty()) {
        out.add(
            new ResourceChange(
                this,
                job.family(),
                Optional.empty(),
                Action.REPLACE,
                fields,
                Optional.of(
                    "a new revision replaces "
                        + TaskDefinitionForm.familyRevision(liveArn.orElseThrow())
                        + " (revisions are immutable)")));
      }
    }
    if (ScheduleGroupKind.owned(observed, desired.app())) {
      for (var e : ScheduleReads.schedules(observed).schedules().entrySet()) {
        if (desired.jobs().containsKey(e.getKey())) {
          continue;
        }
        String arn =
            e.getValue().path("Target").path("EcsParameters").path("TaskDefinitionArn").asText("");
        if (!arn.isEmpty()) {
          out.add(
              Differ.destroy(
                  this,
                  arn,
                  Optional.empty(),
                  "job \"" + e.getKey() + "\" is not in the spec any more"));
        }
      }
    }
    return out;
  }

  @Override
  public List<String> unmanaged(io.fgd.runtime.engine.DesiredService want) {
    return List.of();
  }

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (DesiredJob job : desired.jobs().values()) {
      for (JsonNode c : job.taskDefinition().path("containerDefinitions")) {
        if (DesiredState.isPlaceholderImage(c.path("image").asText())) {
          out.add(
              "Job \""
                  + job.name()
                  + "\" is built from source; pass --image-tag with the tag of the image to run.");
        }
      }
    }
    return out;
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    ScheduleReads.taskDefinitions(observed)
        .forEach(
            (arn, td) ->
                out.put(
                    "jobTaskDefinition/" + arn,
                    io.fgd.runtime.engine.DesiredState.toJson(
                        TaskDefinitionForm.taskDefinition(td))));
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    Map<String, String> arns = run.context().get(ARNS).orElse(null);
    if (arns == null) {
      arns = new ConcurrentHashMap<>();
      run.context().put(ARNS, arns);
    }
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY) {
        continue; // after the schedule is deleted: see deregisterRemoved
      }
      DesiredJob job =
          run.desired().jobs().values().stream()
              .filter(j -> j.family().equals(c.name()))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no job of family " + c.name()));
      RegisterTaskDefinitionRequest request =
          ApplyRun.fromJson(
              job.taskDefinition(),
              RegisterTaskDefinitionRequest.builder(),
              job.name() + "/taskdef.json");
      String arn =
          run.call(
                  "registering task definition " + job.family(),
                  () -> run.clients().ecs().registerTaskDefinition(request))
              .taskDefinition()
              .taskDefinitionArn();
      run.changed(
          new AppliedChange(
              this,
              job.family(),
              Optional.empty(),
              "registered",
              TaskDefinitionForm.familyRevision(arn)));
      arns.put(job.name(), arn);
    }
  }

  /** Deregisters the revision a removed job's schedule ran; the schedule kind calls it after. */
  void deregisterRemoved(String arn, ApplyRun run) throws FgdRuntimeException {
    run.call(
        "deregistering task definition " + arn,
        () -> run.clients().ecs().deregisterTaskDefinition(r -> r.taskDefinition(arn)));
    run.changed(
        new AppliedChange(
            this, TaskDefinitionForm.familyRevision(arn), Optional.empty(), "deregistered", ""));
  }
}
