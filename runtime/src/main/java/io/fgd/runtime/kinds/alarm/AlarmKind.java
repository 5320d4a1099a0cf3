package io.fgd.runtime.kinds.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.AlarmEmitter;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.Context;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.DiffStep;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerKind;
import io.fgd.runtime.kinds.targetgroup.TargetGroupKind;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * The CloudWatch alarms fgd creates for a service's alarm rollback ({@code alarm 5xx > 5% for 2m}):
 * put before the service that names them in its deploymentConfiguration.alarms (and after the
 * target group whose ARN their dimension holds), compared field by field, and deleted when the spec
 * no longer asks for them, only when they carry the app's {@code fgd:app} tag and the service's
 * {@code fgd:service} tag, after the service stopped naming them.
 */
public final class AlarmKind implements Kind {
  public static final AlarmKind INSTANCE = new AlarmKind();

  private static final Context.Key<List<String>> DOOMED = Context.Key.of("alarms to delete");

  private AlarmKind() {}

  @Override
  public String label() {
    return "alarm";
  }

  @Override
  public String id() {
    return "alarm";
  }

  @Override
  public List<String> dependsOn() {
    return List.of("target_group", "load_balancer");
  }

  @Override
  public List<KindRead> reads() {
    return AlarmReads.READS;
  }

  static ObjectNode live(String name, ObservedState observed) {
    return AlarmForm.form(
        AlarmReads.alarms(observed).get(name),
        AlarmReads.tags(observed).getOrDefault(name, Map.of()),
        Map.of());
  }

  /**
   * The ARNs the references of alarms.json stand for: the target groups' ({@code
   * fgd:targetgroup/NAME}) and, for each {@code fgd:loadbalancer/NAME} it holds, the ARN of fgd's
   * HTTPS listener (whose path holds the load balancer's {@code app/NAME/ID}), when it exists.
   */
  static Map<String, String> refs(
      Map<String, String> targetGroups, Optional<String> listener, JsonNode alarms) {
    Map<String, String> out = new HashMap<>(targetGroups);
    if (alarms == null || listener.isEmpty()) {
      return out;
    }
    for (JsonNode d : alarms.findValues("Value")) {
      if (d.asText().startsWith(AlarmEmitter.LOAD_BALANCER_REF)) {
        out.put(d.asText(), listener.get());
      }
    }
    return out;
  }

  static ObjectNode wanted(JsonNode alarm, Map<String, String> arns) {
    return AlarmForm.form(alarm, AlarmForm.tags(alarm.path("Tags")), arns);
  }

  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    List<ResourceChange> changes = new ArrayList<>();
    Map<String, String> arns =
        refs(
            TargetGroupKind.arns(want, observed),
            LoadBalancerKind.httpsListener(observed),
            want.alarms().orElse(null));
    Map<String, ObjectNode> live = AlarmReads.alarms(observed);
    Set<String> names = new TreeSet<>();
    for (JsonNode alarm : AlarmReads.desired(want)) {
      String name = alarm.path("AlarmName").asText();
      names.add(name);
      ObjectNode form = wanted(alarm, arns);
      if (!live.containsKey(name)) {
        changes.add(
            new ResourceChange(
                this,
                name,
                Optional.of(want.name()),
                Action.CREATE,
                Trees.leaves(form),
                Optional.empty()));
        continue;
      }
      var fields = Trees.compare(live(name, observed), form);
      if (!fields.isEmpty()) {
        changes.add(
            new ResourceChange(
                this, name, Optional.of(want.name()), Action.UPDATE, fields, Optional.empty()));
      }
    }
    String app =
        ApplyRun.tags(want.service().path("tags")).getOrDefault(AwsStateReader.OWNER_TAG, "");
    for (String name : owned(observed, app, want.name())) {
      if (!names.contains(name)) {
        changes.add(
            Differ.destroy(
                this, name, Optional.of(want.name()), "the spec no longer asks for this alarm"));
      }
    }
    return changes;
  }

  @Override
  public List<ResourceChange> diffRemoved(String cluster, String service, ObservedState observed) {
    var orphan = observed.orphans().get(service);
    if (orphan == null) {
      return List.of();
    }
    String app =
        ApplyRun.tags(orphan.json().path("tags")).getOrDefault(AwsStateReader.OWNER_TAG, "");
    List<ResourceChange> out = new ArrayList<>();
    for (String name : owned(observed, app, service)) {
      out.add(Differ.destroy(this, name, Optional.of(service), "its service left the spec"));
    }
    return out;
  }

  /** The alarms that carry this app's ownership tag and the service's. */
  static Set<String> owned(ObservedState observed, String app, String service) {
    Set<String> out = new TreeSet<>();
    AlarmReads.tags(observed)
        .forEach(
            (name, tags) -> {
              if (!app.isEmpty()
                  && app.equals(tags.get(AwsStateReader.OWNER_TAG))
                  && service.equals(tags.get(RouteEmitter.SERVICE_TAG_KEY))) {
                out.add(name);
              }
            });
    return out;
  }

  /** Every field the plan compares, and the tags that decide ownership. */
  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    for (var e : new TreeMap<>(AlarmReads.alarms(observed)).entrySet()) {
      out.put(
          "alarm/" + e.getKey(),
          e.getValue().path("AlarmArn").asText()
              + " "
              + Fingerprints.sha256(
                  live(e.getKey(), observed).toString().getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** An alarm of the spec's name that is not the app's is someone else's: never overwritten. */
  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (ResourceChange c : all) {
      if (c.type() != this || c.action() != Action.UPDATE) {
        continue;
      }
      Map<String, String> tags = AlarmReads.tags(observed).getOrDefault(c.name(), Map.of());
      if (!desired.app().equals(tags.get(AwsStateReader.OWNER_TAG))) {
        out.add(
            "Alarm \""
                + c.name()
                + "\" exists and is not this app's (it has no tag fgd:app = "
                + desired.app()
                + "); fgd does not change an alarm it does not own. Rename or delete it, or name it"
                + " with `alarms \""
                + c.name()
                + "\"` instead of an `alarm` statement.");
      }
    }
    return out;
  }

  // ---- apply ----

  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    ApplyRun run = step.run();
    List<String> doomed = new ArrayList<>();
    Map<String, String> arns =
        refs(
            TargetGroupKind.arns(run),
            LoadBalancerKind.httpsListener(run),
            step.want().alarms().orElse(null));
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY) {
        doomed.add(c.name());
        continue;
      }
      JsonNode alarm = entry(step.want(), c.name());
      ObjectNode json = AlarmForm.resolved(alarm, arns);
      PutMetricAlarmRequest request =
          ApplyRun.fromJson(json, PutMetricAlarmRequest.builder(), "alarms.json");
      run.call(
          "putting alarm " + c.name(), () -> run.clients().cloudWatch().putMetricAlarm(request));
      if (c.action() == Action.UPDATE) {
        // PutMetricAlarm ignores Tags when it updates an alarm (CloudWatch API reference,
        // PutMetricAlarm: Tags): an update tags it on its own.
        String arn = AlarmReads.alarms(run.observed()).get(c.name()).path("AlarmArn").asText();
        List<Tag> tags = new ArrayList<>();
        AlarmForm.tags(alarm.path("Tags"))
            .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        run.call(
            "tagging alarm " + c.name(),
            () -> run.clients().cloudWatch().tagResource(r -> r.resourceARN(arn).tags(tags)));
      }
      step.changed(this, c.name(), c.action() == Action.CREATE ? "created" : "updated", "");
    }
    step.context().put(DOOMED, doomed);
    if (!step.inSpec()) {
      delete(step); // pruned: the service that named them is already deleted
    }
  }

  private static JsonNode entry(DesiredService want, String name) {
    for (JsonNode a : AlarmReads.desired(want)) {
      if (a.path("AlarmName").asText().equals(name)) {
        return a;
      }
    }
    throw new IllegalStateException("alarm " + name + " is in no alarms.json");
  }

  /**
   * Deletes the alarms the spec no longer asks for, once the service's update (which stops naming
   * them in its deploymentConfiguration) is made.
   */
  @Override
  public void afterRollout(ServiceStep step, boolean deployed) throws FgdRuntimeException {
    if (step.inSpec()) {
      delete(step);
    }
  }

  private void delete(ServiceStep step) throws FgdRuntimeException {
    ApplyRun run = step.run();
    List<String> doomed = step.context().getOrDefault(DOOMED, List.of());
    if (doomed.isEmpty()) {
      return;
    }
    run.call(
        "deleting alarms " + String.join(", ", doomed),
        () -> run.clients().cloudWatch().deleteAlarms(r -> r.alarmNames(doomed)));
    for (String name : doomed) {
      step.changed(this, name, "deleted", "");
    }
    step.context().put(DOOMED, List.of());
  }
}
