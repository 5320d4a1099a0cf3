package io.fgd.runtime.kinds.schedule;

import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.Tag;

/**
 * The schedule group named after the app, which holds its jobs' schedules. EventBridge Scheduler
 * tags groups and not schedules, so the group's {@code fgd:app = APP} tag is how fgd knows the
 * schedules it owns: fgd creates the group with that tag, never deletes it (an empty group costs
 * nothing), and refuses to touch a group of that name without it.
 */
public final class ScheduleGroupKind implements Kind {
  public static final ScheduleGroupKind INSTANCE = new ScheduleGroupKind();

  private ScheduleGroupKind() {}

  @Override
  public String label() {
    return "schedule group";
  }

  @Override
  public String id() {
    return "schedule_group";
  }

  @Override
  public List<String> dependsOn() {
    return List.of();
  }

  @Override
  public List<KindRead> reads() {
    return ScheduleReads.READS;
  }

  /** Whether the group read is the app's: it exists and carries the app's ownership tag. */
  static boolean owned(ObservedState observed, String app) {
    return ScheduleReads.schedules(observed)
        .tags()
        .map(t -> app.equals(t.get(AwsStateReader.OWNER_TAG)))
        .orElse(false);
  }

  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    if (desired.jobs().isEmpty() || ScheduleReads.schedules(observed).tags().isPresent()) {
      return List.of();
    }
    String group = desired.jobs().values().iterator().next().group();
    return List.of(
        new ResourceChange(
            this,
            group,
            Optional.empty(),
            Action.CREATE,
            List.of(
                FieldChange.added(
                    ".Tags[\"" + AwsStateReader.OWNER_TAG + "\"]",
                    com.fasterxml.jackson.databind.node.TextNode.valueOf(desired.app()))),
            Optional.empty()));
  }

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    ScheduleReads.ObservedSchedules read = ScheduleReads.schedules(observed);
    if (desired.jobs().isEmpty() || read.tags().isEmpty() || owned(observed, desired.app())) {
      return List.of();
    }
    return List.of(
        "Schedule group \""
            + read.group()
            + "\" exists but is not tagged "
            + AwsStateReader.OWNER_TAG
            + " = "
            + desired.app()
            + ", so fgd does not own its schedules and will not change them. Tag the group"
            + " (aws scheduler tag-resource) if it is this app's, or rename the app.");
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    ScheduleReads.ObservedSchedules read = ScheduleReads.schedules(observed);
    if (!read.group().isEmpty()) {
      out.put(
          "scheduleGroup/" + read.group(),
          read.tags().map(t -> "exists, tags " + new java.util.TreeMap<>(t)).orElse("absent"));
    }
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    for (ResourceChange c : changes) {
      if (c.action() != Action.CREATE) {
        continue;
      }
      try {
        run.call(
            "creating schedule group " + c.name(),
            () ->
                run.clients()
                    .scheduler()
                    .createScheduleGroup(
                        r ->
                            r.name(c.name())
                                .tags(
                                    Tag.builder()
                                        .key(AwsStateReader.OWNER_TAG)
                                        .value(run.app())
                                        .build())));
        run.changed(new AppliedChange(this, c.name(), Optional.empty(), "created", ""));
      } catch (FgdRuntimeException e) {
        // A crashed apply may have made it; the next plan checks its tag.
        if (!(e.getCause() instanceof ConflictException)) {
          throw e;
        }
      }
    }
  }
}
