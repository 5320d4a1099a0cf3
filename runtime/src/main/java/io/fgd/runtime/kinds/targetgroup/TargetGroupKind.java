package io.fgd.runtime.kinds.targetgroup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.AppliedChange;
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
import io.fgd.runtime.kinds.listenerrule.ListenerRuleReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/**
 * The target group of a routed port: created in the VPC of the app's subnets, its health check,
 * matcher and deregistration delay kept as the spec says, and deleted when no route of the service
 * uses it any more, after the service's rollout (so ECS has drained its tasks) and after its rules.
 */
public final class TargetGroupKind implements Kind {
  public static final TargetGroupKind INSTANCE = new TargetGroupKind();

  /**
   * The ARN of each target group a service's routes use, by its {@code fgd:targetgroup/NAME}
   * reference; {@link #KNOWN_AFTER_APPLY} in a plan for one apply creates.
   */
  public static final Context.Key<Map<String, String>> ARNS = Context.Key.of("target group ARNs");

  public static final String KNOWN_AFTER_APPLY = "(known after apply)";

  private static final Context.Key<List<String>> DOOMED = Context.Key.of("target groups to delete");

  private TargetGroupKind() {}

  @Override
  public String label() {
    return "target group";
  }

  @Override
  public String id() {
    return "target_group";
  }

  @Override
  public List<String> dependsOn() {
    return List.of("ecs_cluster");
  }

  @Override
  public List<KindRead> reads() {
    return TargetGroupReads.READS;
  }

  private static String vpc(ObservedState observed) {
    return TargetGroupReads.listing(observed).vpcId().orElse(KNOWN_AFTER_APPLY);
  }

  static ObjectNode live(ObjectNode tg, ObservedState observed) {
    TargetGroupReads.Details d =
        TargetGroupReads.details(observed)
            .getOrDefault(
                tg.path("TargetGroupArn").asText(),
                new TargetGroupReads.Details(Map.of(), Map.of()));
    return TargetGroupForm.form(tg, tg.path("VpcId").asText(), d.attributes(), d.tags());
  }

  static ObjectNode wanted(JsonNode entry, ObservedState observed) {
    JsonNode tg = entry.path("targetGroup");
    return TargetGroupForm.form(
        tg,
        vpc(observed),
        TargetGroupForm.attributes(entry.path("attributes")),
        TargetGroupForm.tags(tg.path("Tags")));
  }

  /**
   * The ARN of every target group the spec's routes use, by its {@code fgd:targetgroup/NAME}
   * reference, as the plan saw them: {@link #KNOWN_AFTER_APPLY} for one apply creates.
   */
  public static Map<String, String> arns(DesiredService want, ObservedState observed) {
    Map<String, ObjectNode> byName = TargetGroupReads.listing(observed).byName();
    Map<String, String> arns = new HashMap<>();
    {
      for (JsonNode entry : TargetGroupReads.desired(want)) {
        String name = entry.path("targetGroup").path("Name").asText();
        ObjectNode live = byName.get(name);
        arns.put(
            RouteEmitter.TARGET_GROUP_REF + name,
            live == null ? KNOWN_AFTER_APPLY : live.path("TargetGroupArn").asText());
      }
    }
    return arns;
  }

  /**
   * Creates and updates, for every service at once: they come before any service is applied, so
   * that the listener rules (also the app's) and the services find their target groups.
   */
  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    List<ResourceChange> changes = new ArrayList<>();
    Map<String, ObjectNode> byName = TargetGroupReads.listing(observed).byName();
    for (DesiredService want : desired.services().values()) {
      for (JsonNode entry : TargetGroupReads.desired(want)) {
        String name = entry.path("targetGroup").path("Name").asText();
        ObjectNode wantTg = wanted(entry, observed);
        ObjectNode liveTg = byName.get(name);
        if (liveTg == null) {
          changes.add(
              new ResourceChange(
                  this,
                  name,
                  Optional.empty(),
                  Action.CREATE,
                  Trees.leaves(wantTg),
                  Optional.empty()));
          continue;
        }
        var fields = Trees.compare(live(liveTg, observed), wantTg);
        if (!fields.isEmpty()) {
          boolean replace =
              fields.stream().anyMatch(f -> TargetGroupForm.REPLACE_FIELDS.contains(f.path()));
          changes.add(
              new ResourceChange(
                  this,
                  name,
                  Optional.empty(),
                  replace ? Action.REPLACE : Action.UPDATE,
                  fields,
                  replace
                      ? Optional.of("a target group's protocol, port, VPC and type are fixed")
                      : Optional.empty()));
        }
      }
    }
    return changes;
  }

  /**
   * The service's target groups that no route uses any more, nor its {@code target_group} ports:
   * deleted after the service's rollout has moved its tasks off them.
   */
  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    Set<String> names = new TreeSet<>();
    TargetGroupReads.desired(want)
        .forEach(e -> names.add(e.path("targetGroup").path("Name").asText()));
    List<ResourceChange> changes = new ArrayList<>();
    String app =
        ApplyRun.tags(want.service().path("tags")).getOrDefault(AwsStateReader.OWNER_TAG, "");
    Set<String> registered = TargetGroupReads.registered(want);
    for (var owned : owned(observed, app, want.name()).entrySet()) {
      String name = owned.getKey();
      if (names.contains(name)
          || registered.contains(owned.getValue().path("TargetGroupArn").asText())) {
        continue;
      }
      Optional<String> unread = ListenerRuleReads.unreadBalancer(owned.getValue(), observed);
      if (unread.isPresent()) {
        step.warn(
            "Target group "
                + name
                + " of service \""
                + want.name()
                + "\" is no route's any more, but it was kept: load balancer "
                + unread.get()
                + " uses it, and the spec names none of its listeners any more, so the plan did not"
                + " read the rules that forward to it (ELBv2 refuses to delete a target group a rule"
                + " uses). fgd apply --prune reads them and deletes the app's rules there, then"
                + " the target group.");
        continue;
      }
      Optional<String> foreign = foreignRule(owned.getValue(), app, observed);
      if (foreign.isPresent()) {
        step.warn(
            "Target group "
                + name
                + " of service \""
                + want.name()
                + "\" is no route's any more, but it was kept: rule "
                + foreign.get()
                + ", which fgd does not own, forwards to it (ELBv2 refuses to delete a target group"
                + " a rule uses). Delete that rule or change where it forwards, and run fgd apply"
                + " again.");
        continue;
      }
      changes.add(
          Differ.destroy(
              this, name, Optional.of(want.name()), "no route of the service uses it any more"));
    }
    return changes;
  }

  private static Optional<String> foreignRule(ObjectNode tg, String app, ObservedState observed) {
    return ListenerRuleReads.foreignRuleTo(tg.path("TargetGroupArn").asText(), app, observed);
  }

  @Override
  public List<ResourceChange> diffRemoved(String cluster, String service, ObservedState observed) {
    List<ResourceChange> out = new ArrayList<>();
    var orphan = observed.orphans().get(service);
    if (orphan == null) {
      return out;
    }
    String app =
        ApplyRun.tags(orphan.json().path("tags")).getOrDefault(AwsStateReader.OWNER_TAG, "");
    for (String name : owned(observed, app, service).keySet()) {
      out.add(Differ.destroy(this, name, Optional.of(service), "its service left the spec"));
    }
    return out;
  }

  /** The target groups carrying this app's ownership tag and the service's, by name. */
  private static Map<String, ObjectNode> owned(ObservedState observed, String app, String service) {
    Map<String, ObjectNode> out = new java.util.TreeMap<>();
    var details = TargetGroupReads.details(observed);
    TargetGroupReads.listing(observed)
        .byName()
        .forEach(
            (name, tg) -> {
              Map<String, String> tags =
                  Optional.ofNullable(details.get(tg.path("TargetGroupArn").asText()))
                      .map(TargetGroupReads.Details::tags)
                      .orElse(Map.of());
              if (!app.isEmpty()
                  && app.equals(tags.get(AwsStateReader.OWNER_TAG))
                  && service.equals(tags.get(RouteEmitter.SERVICE_TAG_KEY))) {
                out.put(name, tg);
              }
            });
    return out;
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    TargetGroupReads.listing(observed)
        .byName()
        .forEach(
            (name, tg) ->
                out.put(
                    "targetGroup/" + name,
                    tg.path("TargetGroupArn").asText()
                        + " "
                        + Fingerprints.sha256(
                            live(tg, observed).toString().getBytes(StandardCharsets.UTF_8))));
  }

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (ResourceChange c : all) {
      if (c.type() == this && c.action() == Action.REPLACE) {
        out.add(
            "Target group \""
                + c.name()
                + "\" would have to be replaced (its protocol, port, VPC or type changed); fgd"
                + " does not delete a target group in use. Delete it yourself and run fgd apply"
                + " again.");
      }
      // A service that left the spec takes its target groups (diffRemoved); one a rule fgd does
      // not own forwards to would fail DeleteTargetGroup (ResourceInUse) after the service is gone.
      if (c.type() == this
          && desired.prune()
          && c.action() == Action.DESTROY
          && c.service().isPresent()
          && !desired.services().containsKey(c.service().get())) {
        ObjectNode tg = TargetGroupReads.listing(observed).byName().get(c.name());
        Optional<String> foreign =
            tg == null ? Optional.empty() : foreignRule(tg, desired.app(), observed);
        foreign.ifPresent(
            rule ->
                out.add(
                    "Target group \""
                        + c.name()
                        + "\" of service \""
                        + c.service().get()
                        + "\", which left the spec, would be deleted, but rule "
                        + rule
                        + ", which fgd does not own, forwards to it (ELBv2 refuses to delete a"
                        + " target group a rule uses). Delete that rule or change where it"
                        + " forwards, and run fgd apply --prune again."));
      }
    }
    return out;
  }

  // ---- apply ----

  /**
   * In apply, the ARNs of the target groups by their references: those {@link #applyApp} created
   * with those the plan saw (applyApp runs only when there is a target group to create or update).
   */
  public static Map<String, String> arns(ApplyRun run) {
    return run.context().get(ARNS).orElseGet(() -> observedArns(run.observed()));
  }

  private static Map<String, String> observedArns(ObservedState observed) {
    Map<String, String> arns = new HashMap<>();
    TargetGroupReads.listing(observed)
        .byName()
        .forEach(
            (name, tg) ->
                arns.put(RouteEmitter.TARGET_GROUP_REF + name, tg.path("TargetGroupArn").asText()));
    return arns;
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    Map<String, String> arns = observedArns(run.observed());
    Map<String, ObjectNode> byName = TargetGroupReads.listing(run.observed()).byName();
    for (ResourceChange c : changes) {
      if (c.action() == Action.CREATE) {
        arns.put(RouteEmitter.TARGET_GROUP_REF + c.name(), create(entry(run, c.name()), run));
      } else if (c.action() == Action.UPDATE) {
        update(entry(run, c.name()), byName.get(c.name()), run);
      }
    }
    run.context().put(ARNS, arns);
  }

  /** routes.json's entry of the target group {@code name}. */
  private static JsonNode entry(ApplyRun run, String name) {
    for (DesiredService s : run.desired().services().values()) {
      for (JsonNode e : TargetGroupReads.desired(s)) {
        if (e.path("targetGroup").path("Name").asText().equals(name)) {
          return e;
        }
      }
    }
    throw new IllegalStateException("target group " + name + " is in no routes.json");
  }

  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    Map<String, ObjectNode> byName = TargetGroupReads.listing(step.run().observed()).byName();
    List<String> doomed = new ArrayList<>();
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY) {
        doomed.add(byName.get(c.name()).path("TargetGroupArn").asText());
      }
    }
    step.context().put(DOOMED, doomed);
    if (!step.inSpec()) {
      delete(step); // pruned: the service and its rules are already deleted
    }
  }

  private String create(JsonNode entry, ApplyRun run) throws FgdRuntimeException {
    ObjectNode json = entry.path("targetGroup").deepCopy();
    String vpc =
        TargetGroupReads.listing(run.observed())
            .vpcId()
            .orElseThrow(
                () ->
                    new FgdRuntimeException(
                        "The VPC of the app's subnets is unknown: DescribeSubnets found none of"
                            + " them."));
    json.put("VpcId", vpc);
    String name = json.path("Name").asText();
    CreateTargetGroupRequest request =
        ApplyRun.fromJson(json, CreateTargetGroupRequest.builder(), "routes.json");
    String arn =
        run.call(
                "creating target group " + name,
                () -> run.clients().elb().createTargetGroup(request))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    run.changed(new AppliedChange(this, name, Optional.empty(), "created", ""));
    attributes(entry, arn, run);
    return arn;
  }

  private void update(JsonNode entry, ObjectNode live, ApplyRun run) throws FgdRuntimeException {
    JsonNode tg = entry.path("targetGroup");
    String arn = live.path("TargetGroupArn").asText();
    String name = tg.path("Name").asText();
    run.call(
        "changing the health check of target group " + name,
        () ->
            run.clients()
                .elb()
                .modifyTargetGroup(
                    r ->
                        r.targetGroupArn(arn)
                            .healthCheckProtocol(tg.path("HealthCheckProtocol").asText())
                            .healthCheckPath(tg.path("HealthCheckPath").asText())
                            .healthCheckIntervalSeconds(
                                tg.path("HealthCheckIntervalSeconds").asInt())
                            .healthyThresholdCount(tg.path("HealthyThresholdCount").asInt())
                            .matcher(
                                m -> m.httpCode(tg.path("Matcher").path("HttpCode").asText()))));
    attributes(entry, arn, run);
    List<Tag> tags = new ArrayList<>();
    TargetGroupForm.tags(tg.path("Tags"))
        .forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    run.call(
        "tagging target group " + name,
        () -> run.clients().elb().addTags(r -> r.resourceArns(arn).tags(tags)));
    run.changed(new AppliedChange(this, name, Optional.empty(), "updated", ""));
  }

  private void attributes(JsonNode entry, String arn, ApplyRun run) throws FgdRuntimeException {
    List<TargetGroupAttribute> attributes = new ArrayList<>();
    TargetGroupForm.attributes(entry.path("attributes"))
        .forEach((k, v) -> attributes.add(TargetGroupAttribute.builder().key(k).value(v).build()));
    run.call(
        "setting the attributes of target group " + arn,
        () ->
            run.clients()
                .elb()
                .modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(attributes)));
  }

  /**
   * Deletes the target groups no route uses any more: after the listener rules that forwarded to
   * them are gone and the service's rollout has moved its tasks off them (with --no-wait, at once:
   * no rule sends them traffic any more).
   */
  @Override
  public void afterRollout(ServiceStep step, boolean deployed) throws FgdRuntimeException {
    ApplyRun run = step.run();
    if (!deployed && run.options().waitForSteadyState()) {
      for (String arn : step.context().getOrDefault(DOOMED, List.of())) {
        run.note(
            "Target group "
                + arn
                + " was kept: the rollout of service \""
                + step.service()
                + "\" did not finish. Run fgd apply again to delete it.");
      }
      return;
    }
    delete(step);
  }

  private void delete(ServiceStep step) throws FgdRuntimeException {
    ApplyRun run = step.run();
    for (String arn : step.context().getOrDefault(DOOMED, List.of())) {
      run.call(
          "deleting target group " + arn,
          () -> run.clients().elb().deleteTargetGroup(r -> r.targetGroupArn(arn)));
      step.changed(this, io.fgd.runtime.Arns.lastSegment(arn), "deleted", "");
    }
  }
}
