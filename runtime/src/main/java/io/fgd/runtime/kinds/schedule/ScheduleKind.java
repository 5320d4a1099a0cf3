package io.fgd.runtime.kinds.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredJob;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.importer.KindImport;
import io.fgd.runtime.importer.SpecText;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionKind;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.UpdateScheduleRequest;

/**
 * A job's schedule: EventBridge Scheduler's ECS RunTask target on the app's cluster, named after
 * the job in the app's schedule group. Compared field by field in {@link ScheduleForm}'s normal
 * form; created with CreateSchedule and changed with UpdateSchedule, which replaces every field, so
 * the whole desired input is always sent. Its task definition is the revision the job task
 * definition kind registered in this apply ({@link JobTaskDefinitionKind#ARNS}), else the one the
 * schedule runs. A schedule of the app's group whose job left the spec is deleted with {@code
 * --prune}; schedules of any other group are never read or touched.
 */
public final class ScheduleKind implements Kind, KindImport {
  public static final ScheduleKind INSTANCE = new ScheduleKind();

  private ScheduleKind() {}

  @Override
  public String label() {
    return "schedule";
  }

  @Override
  public String id() {
    return "schedule";
  }

  @Override
  public List<String> dependsOn() {
    return List.of("schedule_group", "job_task_definition", "ecs_cluster");
  }

  /** The schedule the spec asks for, in normal form, with the task definition it will run. */
  static ObjectNode desiredForm(DesiredJob job, ObservedState observed) {
    ObjectNode want = ScheduleForm.of(job.schedule());
    Optional<String> liveArn = ScheduleReads.taskDefinitionArn(observed, job.name());
    boolean newRevision =
        liveArn.isEmpty()
            || ScheduleReads.taskDefinition(observed, job.name()).isEmpty()
            || !JobTaskDefinitionKind.differences(job, observed).isEmpty();
    ((ObjectNode) want.path("Target").path("EcsParameters"))
        .put(
            "TaskDefinitionArn",
            newRevision
                ? job.family() + ":" + TaskDefinitionKind.NEW_REVISION_TEXT
                : liveArn.get());
    return want;
  }

  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    List<ResourceChange> out = new ArrayList<>();
    boolean owned = ScheduleGroupKind.owned(observed, desired.app());
    for (DesiredJob job : desired.jobs().values()) {
      ObjectNode want = desiredForm(job, observed);
      Optional<ObjectNode> live =
          owned ? ScheduleReads.schedule(observed, job.name()) : Optional.empty();
      if (live.isEmpty()) {
        out.add(
            new ResourceChange(
                this,
                job.name(),
                Optional.empty(),
                Action.CREATE,
                Trees.leaves(want),
                Optional.empty()));
        continue;
      }
      List<FieldChange> fields = Trees.compare(ScheduleForm.of(live.get()), want);
      if (!fields.isEmpty()) {
        out.add(
            new ResourceChange(
                this, job.name(), Optional.empty(), Action.UPDATE, fields, Optional.empty()));
      }
    }
    if (owned) {
      for (String name : ScheduleReads.schedules(observed).schedules().keySet()) {
        if (!desired.jobs().containsKey(name)) {
          out.add(
              Differ.destroy(
                  this,
                  name,
                  Optional.empty(),
                  "job \"" + name + "\" is not in the spec any more"));
        }
      }
    }
    return out;
  }

  @Override
  public void write(ImportRun run, LiveState live, List<SpecText.Item> spec)
      throws FgdRuntimeException {
    ScheduleImport.write(run, live, spec);
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    ScheduleReads.schedules(observed)
        .schedules()
        .forEach((name, s) -> out.put("schedule/" + name, DesiredState.toJson(ScheduleForm.of(s))));
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    Map<String, String> registered = run.context().get(JobTaskDefinitionKind.ARNS).orElse(Map.of());
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY) {
        remove(c.name(), run);
        continue;
      }
      DesiredJob job = run.desired().jobs().get(c.name());
      String arn =
          Optional.ofNullable(registered.get(job.name()))
              .or(() -> ScheduleReads.taskDefinitionArn(run.observed(), job.name()))
              .orElseThrow(
                  () ->
                      new FgdRuntimeException(
                          "Job \""
                              + job.name()
                              + "\" has no task definition revision to schedule; run fgd apply"
                              + " again."));
      ObjectNode input = job.schedule().deepCopy();
      ((ObjectNode) input.path("Target").path("EcsParameters")).put("TaskDefinitionArn", arn);
      String where = job.name() + "/schedule.json";
      if (c.action() == Action.CREATE) {
        CreateScheduleRequest request =
            ApplyRun.fromJson(input, CreateScheduleRequest.builder(), where);
        run.call(
            "creating schedule " + job.group() + "/" + job.name(),
            () -> run.clients().scheduler().createSchedule(request));
        run.changed(new AppliedChange(this, job.name(), Optional.empty(), "created", ""));
      } else {
        UpdateScheduleRequest request =
            ApplyRun.fromJson(input, UpdateScheduleRequest.builder(), where);
        run.call(
            "updating schedule " + job.group() + "/" + job.name(),
            () -> run.clients().scheduler().updateSchedule(request));
        run.changed(new AppliedChange(this, job.name(), Optional.empty(), "updated", ""));
      }
    }
  }

  /** Deletes a removed job's schedule, then deregisters the revision it ran (only with --prune). */
  private void remove(String name, ApplyRun run) throws FgdRuntimeException {
    String group = ScheduleReads.schedules(run.observed()).group();
    if (!run.options().prune()) {
      run.note(
          "Job \""
              + name
              + "\" has a schedule in the app's schedule group but is not in the spec;"
              + " it was left scheduled. Pass --prune to delete it.");
      return;
    }
    Optional<String> arn = ScheduleReads.taskDefinitionArn(run.observed(), name);
    run.call(
        "deleting schedule " + group + "/" + name,
        () -> run.clients().scheduler().deleteSchedule(r -> r.groupName(group).name(name)));
    run.changed(new AppliedChange(this, name, Optional.empty(), "deleted", ""));
    if (arn.isPresent()) {
      JobTaskDefinitionKind.INSTANCE.deregisterRemoved(arn.get(), run);
    }
  }
}
