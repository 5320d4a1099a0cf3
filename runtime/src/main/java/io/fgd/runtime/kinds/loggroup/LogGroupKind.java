package io.fgd.runtime.kinds.loggroup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredJob;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.DiffStep;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * The CloudWatch Logs groups a service's containers write to: created with logs.json's tags, their
 * retention set when the spec states one. Never deleted (their events outlive the service).
 */
public final class LogGroupKind implements Kind {
  public static final LogGroupKind INSTANCE = new LogGroupKind();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LogGroupKind() {}

  @Override
  public String label() {
    return "log group";
  }

  @Override
  public String id() {
    return "log_group";
  }

  @Override
  public List<KindRead> reads() {
    return LogGroupReads.READS;
  }

  @Override
  public List<String> dependsOn() {
    return List.of("ecs_cluster");
  }

  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    return diff(Optional.of(want.name()), want.logGroups(), want.retention(), observed);
  }

  /** The log groups of the spec's jobs, which belong to no service: applied before any service. */
  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    List<ResourceChange> changes = new ArrayList<>();
    for (DesiredJob job : desired.jobs().values()) {
      changes.addAll(diff(Optional.empty(), job.logGroups(), job.retention(), observed));
    }
    return changes;
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    for (ResourceChange c : changes) {
      for (DesiredJob job : run.desired().jobs().values()) {
        if (job.logGroups().contains(c.name())) {
          Applying on = new Applying(run, Optional.empty(), job.logGroupTags(), job.retention());
          if (c.action() == Action.CREATE) {
            create(c.name(), on);
          } else if (c.action() == Action.UPDATE) {
            putRetention(c.name(), on);
          }
          break;
        }
      }
    }
  }

  private List<ResourceChange> diff(
      Optional<String> owner,
      List<String> groups,
      Map<String, Integer> retentions,
      ObservedState observed) {
    List<ResourceChange> changes = new ArrayList<>();
    for (String group : groups) {
      Integer retention = retentions.get(group);
      ObservedLogGroup liveGroup = LogGroupReads.logGroups(observed).get(group);
      if (liveGroup == null) {
        List<FieldChange> fields = new ArrayList<>();
        fields.add(FieldChange.added(".logGroupName", NODES.textNode(group)));
        if (retention != null) {
          fields.add(FieldChange.added(".retentionInDays", NODES.numberNode(retention)));
        }
        changes.add(
            new ResourceChange(this, group, owner, Action.CREATE, fields, Optional.empty()));
        continue;
      }
      // Only a retention the spec states is compared: a spec without one leaves whatever the
      // group keeps (someone may have set it on purpose), it never proposes keeping logs forever.
      if (retention == null) {
        continue;
      }
      OptionalInt liveRetention = liveGroup.retentionInDays();
      if (liveRetention.isEmpty() || liveRetention.getAsInt() != retention) {
        FieldChange field =
            liveRetention.isEmpty()
                ? FieldChange.added(".retentionInDays", NODES.numberNode(retention))
                : FieldChange.changed(
                    ".retentionInDays",
                    NODES.numberNode(liveRetention.getAsInt()),
                    NODES.numberNode(retention));
        changes.add(
            new ResourceChange(
                this, group, owner, Action.UPDATE, List.of(field), Optional.empty()));
      }
    }
    return changes;
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    LogGroupReads.logGroups(observed)
        .forEach(
            (name, g) ->
                out.put(
                    "logGroup/" + name,
                    g.retentionInDays().isPresent()
                        ? "exists, retention " + g.retentionInDays().getAsInt() + " days"
                        : "exists"));
  }

  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    DesiredService want = step.want();
    Applying on =
        new Applying(
            step.run(), Optional.of(step.service()), want.logGroupTags(), want.retention());
    for (ResourceChange c : changes) {
      if (c.action() == Action.CREATE) {
        create(c.name(), on);
      } else if (c.action() == Action.UPDATE) {
        putRetention(c.name(), on);
      }
    }
  }

  /** A service's or a job's log groups being applied: their tags and retentions. */
  private record Applying(
      ApplyRun run,
      Optional<String> service,
      Map<String, Map<String, String>> tags,
      Map<String, Integer> retention) {
    void changed(Kind kind, String name, String verb, String detail) {
      run.changed(new AppliedChange(kind, name, service, verb, detail));
    }
  }

  private void create(String group, Applying step) throws FgdRuntimeException {
    // logs.json's tags, with the ownership tag fgd puts on everything it creates.
    Map<String, String> tags = new TreeMap<>(step.tags().getOrDefault(group, Map.of()));
    tags.put(AwsStateReader.OWNER_TAG, step.run().app());
    try {
      step.run()
          .call(
              "creating log group " + group,
              () ->
                  step.run()
                      .clients()
                      .logs()
                      .createLogGroup(
                          CreateLogGroupRequest.builder().logGroupName(group).tags(tags).build()));
      step.changed(this, group, "created", "");
    } catch (FgdRuntimeException e) {
      // Two services may share a group, or a crashed apply may have made it: both are fine.
      if (!(e.getCause() instanceof ResourceAlreadyExistsException)) {
        throw e;
      }
    }
    if (step.retention().containsKey(group)) {
      putRetention(group, step);
    }
  }

  private void putRetention(String group, Applying step) throws FgdRuntimeException {
    Integer days = step.retention().get(group);
    if (days == null) {
      return;
    }
    step.run()
        .call(
            "setting the retention of log group " + group,
            () ->
                step.run()
                    .clients()
                    .logs()
                    .putRetentionPolicy(
                        PutRetentionPolicyRequest.builder()
                            .logGroupName(group)
                            .retentionInDays(days)
                            .build()));
    step.changed(this, group, "set retention of", days + " days");
  }
}
