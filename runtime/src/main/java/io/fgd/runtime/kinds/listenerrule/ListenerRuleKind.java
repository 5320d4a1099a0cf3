package io.fgd.runtime.kinds.listenerrule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
import io.fgd.runtime.kinds.loadbalancer.LoadBalancerKind;
import io.fgd.runtime.kinds.targetgroup.TargetGroupKind;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.ObservedState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * The listener rule of a route: forwards its host and path to the target group of its port, at the
 * priority the compiler derived. A rule is the route's by its tags ({@code fgd:app}, {@code
 * fgd:service}, {@code fgd:route}); a changed host or path is a new route (the old rule goes, a new
 * one comes), a changed priority SetRulePriorities, a changed target group ModifyRule. A priority
 * held by a rule fgd does not own is a warning in the plan and a refusal to apply.
 */
public final class ListenerRuleKind implements Kind {
  public static final ListenerRuleKind INSTANCE = new ListenerRuleKind();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The ARN of each route's rule by its {@code fgd:listenerrule/SERVICE/ROUTE} reference, as apply
   * created or found it: a traffic-shifting service's advancedConfiguration names it.
   */
  public static final Context.Key<Map<String, String>> ARNS = Context.Key.of("listener rule ARNs");

  private ListenerRuleKind() {}

  /**
   * In a plan, the ARN of each rule of the service's routes by its reference: {@link
   * TargetGroupKind#KNOWN_AFTER_APPLY} for one apply creates.
   */
  public static Map<String, String> arns(DesiredService want, ObservedState observed) {
    Map<String, String> out = new TreeMap<>();
    List<JsonNode> rules = ListenerRuleReads.desired(want);
    if (rules.isEmpty()) {
      return out;
    }
    Map<String, ObjectNode> live = liveByAddress(observed, app(rules.get(0)));
    for (JsonNode rule : rules) {
      String route = ListenerRuleForm.route(ListenerRuleForm.tags(rule.path("Tags")));
      ObjectNode l = live.get(address(want, route));
      out.put(
          RouteEmitter.listenerRuleRef(want.name(), route),
          l == null ? TargetGroupKind.KNOWN_AFTER_APPLY : l.path("RuleArn").asText());
    }
    return out;
  }

  /** In apply, the ARN of every route's rule by its reference: those created with those found. */
  public static Map<String, String> arns(ApplyRun run) {
    return run.context().get(ARNS).orElseGet(() -> refs(liveByAddress(run.observed(), run.app())));
  }

  private static Map<String, String> refs(Map<String, ObjectNode> byAddress) {
    Map<String, String> out = new TreeMap<>();
    byAddress.forEach((address, r) -> out.put(ref(address), r.path("RuleArn").asText()));
    return out;
  }

  /** "SERVICE ROUTE" to fgd:listenerrule/SERVICE/ROUTE. */
  private static String ref(String address) {
    int space = address.indexOf(' ');
    return RouteEmitter.listenerRuleRef(address.substring(0, space), address.substring(space + 1));
  }

  @Override
  public String label() {
    return "listener rule";
  }

  @Override
  public String id() {
    return "listener_rule";
  }

  @Override
  public List<String> dependsOn() {
    return List.of("target_group", "load_balancer");
  }

  @Override
  public List<KindRead> reads() {
    return ListenerRuleReads.READS;
  }

  /** The live rules of this app and service, by route, on any of the spec's listeners. */
  private static Map<String, ObjectNode> owned(ObservedState observed, String app, String service) {
    Map<String, ObjectNode> out = new TreeMap<>();
    ListenerRuleReads.tagged(observed)
        .filter(t -> t.routeOf(app) && service.equals(t.tags().get(RouteEmitter.SERVICE_TAG_KEY)))
        .filter(t -> t.tags().containsKey(RouteEmitter.ROUTE_TAG_KEY))
        .forEach(t -> out.put(ListenerRuleForm.route(t.tags()), t.rule()));
    return out;
  }

  private static String app(JsonNode rule) {
    return ListenerRuleForm.tags(rule.path("Tags")).getOrDefault(AwsStateReader.OWNER_TAG, "");
  }

  /**
   * Every route's rule, for all services at once: its changes are applied before any service (the
   * rules that go first, then the priorities that move, in one SetRulePriorities per listener, then
   * the rules that change, then the new ones), so that routes moving between services, or
   * priorities shifting when a route is added or removed, never meet a priority still held.
   */
  @Override
  public List<ResourceChange> diffApp(DesiredState desired, ObservedState observed) {
    List<ResourceChange> changes = new ArrayList<>();
    var liveTags = ListenerRuleReads.tags(observed);
    for (DesiredService want : desired.services().values()) {
      List<JsonNode> rules = ListenerRuleReads.desired(want);
      // also a service whose last route went: its rules the plan read go
      Map<String, ObjectNode> live = owned(observed, desired.app(), want.name());
      List<String> routes = new ArrayList<>();
      for (JsonNode rule : rules) {
        Map<String, String> tags = ListenerRuleForm.tags(rule.path("Tags"));
        String route = ListenerRuleForm.route(tags);
        routes.add(route);
        ObjectNode wantForm = ListenerRuleForm.form(rule, tags);
        ObjectNode liveRule = live.get(route);
        if (liveRule == null) {
          changes.add(
              new ResourceChange(
                  this,
                  address(want, route),
                  Optional.empty(),
                  Action.CREATE,
                  Trees.leaves(wantForm),
                  Optional.empty()));
          continue;
        }
        var fields =
            Trees.compare(
                ListenerRuleForm.form(
                    liveRule, liveTags.getOrDefault(liveRule.path("RuleArn").asText(), Map.of())),
                wantForm);
        if (!fields.isEmpty()) {
          changes.add(
              new ResourceChange(
                  this,
                  address(want, route),
                  Optional.empty(),
                  Action.UPDATE,
                  fields,
                  Optional.empty()));
        }
      }
      for (String route : live.keySet()) {
        if (!routes.contains(route) && !ListenerRuleForm.inUse(live.get(route), want)) {
          changes.add(
              Differ.destroy(
                  this, address(want, route), Optional.empty(), ListenerRuleForm.gone(route)));
        }
      }
    }
    return changes;
  }

  /** No changes of its own per service: the plan's warnings about priorities fgd does not own. */
  @Override
  public List<ResourceChange> diff(DesiredService want, ObservedState observed, DiffStep step) {
    collisions(want, observed).forEach(step::warn);
    return List.of();
  }

  /** The service's routes whose priority a rule fgd does not own holds, each as a sentence. */
  private static List<String> collisions(DesiredService want, ObservedState observed) {
    List<String> out = new ArrayList<>();
    var liveTags = ListenerRuleReads.tags(observed);
    for (JsonNode rule : ListenerRuleReads.desired(want)) {
      for (ObjectNode other :
          ListenerRuleReads.rules(observed)
              .getOrDefault(ListenerRuleReads.listenerOf(rule, observed).orElse(""), List.of())) {
        Map<String, String> t = liveTags.getOrDefault(other.path("RuleArn").asText(), Map.of());
        if (other.path("Priority").asText().equals(rule.path("Priority").asText())
            && !app(rule).equals(t.get(AwsStateReader.OWNER_TAG))) {
          out.add(
              collision(
                  ListenerRuleForm.route(ListenerRuleForm.tags(rule.path("Tags"))), rule, other));
        }
      }
    }
    return out;
  }

  static String collision(String route, JsonNode rule, JsonNode other) {
    return "Listener rule priority "
        + rule.path("Priority").asText()
        + " of route \""
        + route
        + "\" is taken by rule "
        + other.path("RuleArn").asText()
        + ", which fgd does not own. Move that rule, or the app's routes, to other priorities.";
  }

  private static String address(DesiredService want, String route) {
    return want.name() + " " + route;
  }

  @Override
  public List<String> refusals(
      DesiredState desired, ObservedState observed, List<ResourceChange> all) {
    List<String> out = new ArrayList<>();
    for (DesiredService s : desired.services().values()) {
      out.addAll(collisions(s, observed));
    }
    return out;
  }

  @Override
  public List<ResourceChange> diffRemoved(String cluster, String service, ObservedState observed) {
    var orphan = observed.orphans().get(service);
    if (orphan == null) {
      return new ArrayList<>();
    }
    String app =
        ApplyRun.tags(orphan.json().path("tags")).getOrDefault(AwsStateReader.OWNER_TAG, "");
    return ListenerRuleReads.tagged(observed)
        .filter(t -> !app.isEmpty() && t.routeOf(app))
        .filter(t -> service.equals(t.tags().get(RouteEmitter.SERVICE_TAG_KEY)))
        .map(
            t ->
                Differ.destroy(
                    this,
                    service + " " + ListenerRuleForm.route(t.tags()),
                    Optional.of(service),
                    "its service left the spec"))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  @Override
  public void fingerprint(ObservedState observed, Map<String, String> out) {
    ListenerRuleReads.tagged(observed)
        .forEach(
            t ->
                out.put(
                    "listenerRule/" + t.arn(),
                    Fingerprints.sha256(
                        ListenerRuleForm.form(t.rule(), t.tags())
                            .toString()
                            .getBytes(StandardCharsets.UTF_8))));
  }

  // ---- apply ----

  /** The live rules of fgd's routes, by address ("SERVICE HOST/PATH"). */
  private static Map<String, ObjectNode> liveByAddress(ObservedState observed, String app) {
    Map<String, ObjectNode> out = new TreeMap<>();
    ListenerRuleReads.tagged(observed)
        .filter(t -> t.routeOf(app))
        .forEach(
            t ->
                out.put(
                    t.tags().get(RouteEmitter.SERVICE_TAG_KEY)
                        + " "
                        + ListenerRuleForm.route(t.tags()),
                    t.rule()));
    return out;
  }

  @Override
  public void applyApp(List<ResourceChange> changes, ApplyRun run) throws FgdRuntimeException {
    Map<String, ObjectNode> live = liveByAddress(run.observed(), run.app());
    Map<String, JsonNode> desired = new TreeMap<>();
    for (DesiredService s : run.desired().services().values()) {
      for (JsonNode rule : ListenerRuleReads.desired(s)) {
        desired.put(
            address(s, ListenerRuleForm.route(ListenerRuleForm.tags(rule.path("Tags")))), rule);
      }
    }
    Map<String, String> arns = TargetGroupKind.arns(run);
    Map<String, String> ruleArns = refs(live);
    run.context().put(ARNS, ruleArns);
    // 1. The rules that go.
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY) {
        delete(c.name(), live.get(c.name()).path("RuleArn").asText(), run);
      }
    }
    // 2. The priorities that move, each to a priority no rule holds at that moment; first the
    // rules of services that left the spec that hold one a move or a new rule (step 4) takes.
    Map<String, Map<String, Integer>> moves = new TreeMap<>();
    Map<String, java.util.Set<Integer>> needed = new TreeMap<>();
    for (ResourceChange c : changes) {
      boolean moved =
          c.action() == Action.UPDATE
              && c.fields().stream().anyMatch(f -> f.path().equals(".Priority"));
      if (moved || c.action() == Action.CREATE) {
        JsonNode rule = desired.get(c.name());
        String listener = ListenerRuleReads.listenerOf(rule, run.observed()).orElse("");
        needed
            .computeIfAbsent(listener, k -> new java.util.TreeSet<>())
            .add(rule.path("Priority").asInt());
        if (moved) {
          moves
              .computeIfAbsent(listener, k -> new TreeMap<>())
              .put(live.get(c.name()).path("RuleArn").asText(), rule.path("Priority").asInt());
        }
      }
    }
    for (var n : needed.entrySet()) {
      Map<String, Integer> held = new TreeMap<>();
      ListenerRuleReads.rules(run.observed())
          .getOrDefault(n.getKey(), List.of())
          .forEach(
              r -> {
                if (!r.path("IsDefault").asBoolean(false)) {
                  held.put(r.path("RuleArn").asText(), r.path("Priority").asInt());
                }
              });
      changes.stream()
          .filter(c -> c.action() == Action.DESTROY && live.containsKey(c.name()))
          .forEach(c -> held.remove(live.get(c.name()).path("RuleArn").asText()));
      PrunedRules.clear(held, n.getValue(), live, run.desired().services().keySet(), run);
      Map<String, Integer> m = moves.getOrDefault(n.getKey(), Map.of());
      for (var move : PriorityMoves.order(held, m)) {
        run.call(
            "moving listener rule " + move.getKey() + " to priority " + move.getValue(),
            () ->
                run.clients()
                    .elb()
                    .setRulePriorities(
                        r ->
                            r.rulePriorities(
                                RulePriorityPair.builder()
                                    .ruleArn(move.getKey())
                                    .priority(move.getValue())
                                    .build())));
      }
      m.forEach(
          (arn, priority) ->
              run.changed(
                  new AppliedChange(
                      this, arn, Optional.empty(), "moved", "to priority " + priority)));
    }
    // 3. The rules that change; 4. the new ones.
    for (ResourceChange c : changes) {
      JsonNode rule = desired.get(c.name());
      if (c.action() == Action.UPDATE
          && c.fields().stream().anyMatch(f -> !f.path().equals(".Priority"))) {
        modify(c.name(), rule, live.get(c.name()), arns, run);
      }
    }
    for (ResourceChange c : changes) {
      if (c.action() == Action.CREATE) {
        JsonNode rule = desired.get(c.name());
        CreateRuleRequest request =
            ApplyRun.fromJson(
                resolved(rule, arns, run), CreateRuleRequest.builder(), "routes.json");
        String arn =
            run.call(
                    "creating listener rule " + c.name(),
                    () -> run.clients().elb().createRule(request))
                .rules()
                .get(0)
                .ruleArn();
        ruleArns.put(ref(c.name()), arn);
        run.changed(
            new AppliedChange(
                this,
                c.name(),
                Optional.empty(),
                "created",
                "priority " + rule.path("Priority").asText()));
      }
    }
  }

  private void delete(String address, String arn, ApplyRun run) throws FgdRuntimeException {
    run.call(
        "deleting listener rule " + address,
        () -> run.clients().elb().deleteRule(r -> r.ruleArn(arn)));
    run.changed(new AppliedChange(this, address, Optional.empty(), "deleted", ""));
  }

  private void modify(
      String address, JsonNode rule, JsonNode liveRule, Map<String, String> arns, ApplyRun run)
      throws FgdRuntimeException {
    String arn = liveRule.path("RuleArn").asText();
    ObjectNode json = resolved(rule, arns, run);
    ListenerRuleForm.keepWeights(json, liveRule);
    ObjectNode modify = NODES.objectNode();
    modify.put("RuleArn", arn);
    modify.set("Conditions", json.get("Conditions"));
    modify.set("Actions", json.get("Actions"));
    ModifyRuleRequest request =
        ApplyRun.fromJson(modify, ModifyRuleRequest.builder(), "routes.json");
    run.call("changing listener rule " + address, () -> run.clients().elb().modifyRule(request));
    List<Tag> t = new ArrayList<>();
    ListenerRuleForm.tags(rule.path("Tags"))
        .forEach((k, v) -> t.add(Tag.builder().key(k).value(v).build()));
    run.call(
        "tagging listener rule " + address,
        () -> run.clients().elb().addTags(r -> r.resourceArns(arn).tags(t)));
    run.changed(new AppliedChange(this, address, Optional.empty(), "updated", ""));
  }

  /** The rules of a service that left the spec, deleted when it is pruned (before it). */
  @Override
  public void apply(List<ResourceChange> changes, ServiceStep step) throws FgdRuntimeException {
    Map<String, ObjectNode> live = liveByAddress(step.run().observed(), step.run().app());
    for (ResourceChange c : changes) {
      if (c.action() == Action.DESTROY
          && live.containsKey(c.name())
          && !PrunedRules.deleted(step.run())
              .contains(live.get(c.name()).path("RuleArn").asText())) {
        delete(c.name(), live.get(c.name()).path("RuleArn").asText(), step.run());
      }
    }
  }

  /**
   * The rule with the ARNs of its target groups in place of fgd's references, and the ARN of fgd's
   * HTTPS listener in place of its reference.
   */
  private static ObjectNode resolved(JsonNode rule, Map<String, String> arns, ApplyRun run)
      throws FgdRuntimeException {
    ObjectNode json = ListenerRuleForm.resolved(rule, arns);
    if (json.path("ListenerArn").asText().startsWith(RouteEmitter.LISTENER_REF)) {
      json.put(
          "ListenerArn",
          LoadBalancerKind.httpsListener(run)
              .orElseThrow(
                  () ->
                      new FgdRuntimeException(
                          "The HTTPS listener of fgd's load balancer was not created before the"
                              + " app's listener rules.")));
    }
    return json;
  }
}
