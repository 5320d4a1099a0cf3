package io.fgd.runtime.kinds.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.Arns;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.engine.ApplyRun;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.ServiceStep;
import io.fgd.runtime.state.ObservedService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/** The ECS calls that create, update, retag and delete a service. */
final class ServiceCalls {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What UpdateService can change in place, besides the task definition and the count. */
  private static final List<String> UPDATABLE =
      List.of(
          "deploymentConfiguration",
          "networkConfiguration",
          "platformVersion",
          "healthCheckGracePeriodSeconds",
          "enableECSManagedTags",
          "propagateTags");

  /** ECS Exec: UpdateService turns it off only when told false, so a change to it is sent. */
  private static final String EXEC = "enableExecuteCommand";

  /**
   * What the plan says of a change between the launch type and a capacity provider strategy, or of
   * the strategy's weights and bases. UpdateService's capacityProviderStrategy "doesn't trigger a
   * new service deployment" (ECS API reference), and ECS's guide to moving a service to a capacity
   * provider updates it with "Force new deployment": fgd sends forceNewDeployment with the
   * strategy, so that the tasks are placed again by it. An empty strategy returns a service to its
   * launch type (UpdateService's valid transitions).
   */
  static final String CAPACITY_NOTE =
      "its tasks are placed again by the new capacity strategy (a new deployment)";

  static final String SERVICE_CONNECT = "serviceConnectConfiguration";

  private ServiceCalls() {}

  static void create(ServiceKind kind, ServiceStep step, String tdArn) throws FgdRuntimeException {
    DesiredService want = step.want();
    ApplyRun run = step.run();
    ObjectNode json = ServiceKind.resolved(want.service(), arns(step)).deepCopy();
    json.put("taskDefinition", tdArn);
    json.put("clientToken", run.clientToken());
    CreateServiceRequest request =
        ApplyRun.fromJson(json, CreateServiceRequest.builder(), want.name() + "/service.json");
    run.call("creating service " + want.name(), () -> run.clients().ecs().createService(request));
    step.changed(kind, want.name(), "created", shortName(tdArn));
  }

  /**
   * UpdateService with everything it can change in place: a rolling deployment to {@code tdArn}
   * with the spec's deployment configuration (circuit breaker and rollback included). The task
   * count is left to autoscaling when the service scales.
   */
  static void update(
      ServiceKind kind,
      ServiceStep step,
      ObservedService live,
      String tdArn,
      List<FieldChange> fields)
      throws FgdRuntimeException {
    DesiredService want = step.want();
    ApplyRun run = step.run();
    ObjectNode s = ServiceKind.resolved(want.service(), arns(step));
    ObjectNode json = NODES.objectNode();
    json.put("cluster", run.cluster());
    json.put("service", want.name());
    json.put("taskDefinition", tdArn);
    if (want.scaling().isEmpty() && s.has("desiredCount")) {
      json.set("desiredCount", s.get("desiredCount"));
    }
    for (String field : UPDATABLE) {
      if (s.has(field)) {
        json.set(field, s.get(field));
      }
    }
    RolloutForm.clearRemoved(json, fields.stream().map(FieldChange::path).toList());
    if (s.has(EXEC) || fields.stream().anyMatch(f -> f.path().startsWith("." + EXEC))) {
      json.put(EXEC, s.path(EXEC).asBoolean(false));
    }
    if (fields.stream().anyMatch(ServiceKind::movesCapacity)) {
      json.set(
          "capacityProviderStrategy",
          s.has("capacityProviderStrategy")
              ? s.get("capacityProviderStrategy")
              : NODES.arrayNode());
      json.put("forceNewDeployment", true);
    }
    boolean lbChanged = fields.stream().anyMatch(f -> f.path().startsWith(".loadBalancers"));
    if (s.has("loadBalancers") || lbChanged) {
      // An empty list removes the load balancers the service had.
      json.set(
          "loadBalancers", s.has("loadBalancers") ? s.get("loadBalancers") : NODES.arrayNode());
    }
    if (s.has(SERVICE_CONNECT)) {
      json.set(SERVICE_CONNECT, s.get(SERVICE_CONNECT));
    } else if (fields.stream().anyMatch(f -> f.path().startsWith("." + SERVICE_CONNECT))) {
      // Leaving serviceConnectConfiguration out of UpdateService keeps it; this turns it off.
      json.putObject(SERVICE_CONNECT).put("enabled", false);
    }
    UpdateServiceRequest request =
        ApplyRun.fromJson(json, UpdateServiceRequest.builder(), want.name() + "/service.json");
    run.call("updating service " + want.name(), () -> run.clients().ecs().updateService(request));
    String detail =
        tdArn.equals(live.taskDefinitionArn())
            ? String.join(
                ", ",
                fields.stream()
                    .map(f -> f.path().substring(1))
                    .filter(p -> !p.startsWith("tags"))
                    .toList())
            : shortName(live.taskDefinitionArn()) + " -> " + shortName(tdArn);
    step.changed(kind, want.name(), "updated", detail);
  }

  /**
   * Makes the service's tags the spec's: TagResource for new values, UntagResource for the rest.
   */
  static void retag(ServiceKind kind, ServiceStep step, ObservedService live)
      throws FgdRuntimeException {
    DesiredService want = step.want();
    ApplyRun run = step.run();
    Map<String, String> wanted = ApplyRun.tags(want.service().path("tags"));
    Map<String, String> have = ApplyRun.tags(live.json().path("tags"));
    List<Tag> put = new ArrayList<>();
    wanted.forEach(
        (k, v) -> {
          if (!v.equals(have.get(k))) {
            put.add(Tag.builder().key(k).value(v).build());
          }
        });
    List<String> remove = have.keySet().stream().filter(k -> !wanted.containsKey(k)).toList();
    if (!put.isEmpty()) {
      run.call(
          "tagging service " + want.name(),
          () -> run.clients().ecs().tagResource(r -> r.resourceArn(live.arn()).tags(put)));
      step.changed(
          kind,
          want.name(),
          "tagged",
          String.join(", ", put.stream().map(t -> t.key() + "=" + t.value()).toList()));
    }
    if (!remove.isEmpty()) {
      run.call(
          "untagging service " + want.name(),
          () -> run.clients().ecs().untagResource(r -> r.resourceArn(live.arn()).tagKeys(remove)));
      step.changed(kind, want.name(), "untagged", String.join(", ", remove));
    }
  }

  /**
   * Deletes a service that carries this app's tag but left the spec: its task count to 0 first,
   * then the service (its autoscaling went before, or it would scale the service up again).
   */
  static void delete(ServiceKind kind, ServiceStep step) throws FgdRuntimeException {
    ApplyRun run = step.run();
    String name = step.service();
    String cluster = run.cluster();
    String arn = run.observed().orphans().get(name).arn();
    run.call(
        "scaling service " + name + " to 0",
        () ->
            run.clients()
                .ecs()
                .updateService(r -> r.cluster(cluster).service(arn).desiredCount(0)));
    step.changed(kind, name, "scaled to 0", "");
    run.call(
        "deleting service " + name,
        () -> run.clients().ecs().deleteService(r -> r.cluster(cluster).service(arn)));
    step.changed(kind, name, "deleted", "not in the spec any more");
  }

  /** The ARNs of the routes' target groups and rules, as apply created or found them. */
  private static Map<String, String> arns(ServiceStep step) {
    Map<String, String> out =
        ServiceKind.references(
            io.fgd.runtime.kinds.targetgroup.TargetGroupKind.arns(step.run()),
            io.fgd.runtime.kinds.securitygroup.SecurityGroupKind.ids(step.run()));
    out.putAll(io.fgd.runtime.kinds.listenerrule.ListenerRuleKind.arns(step.run()));
    return out;
  }

  /** "sheets-api:4" from a task definition ARN. */
  static String shortName(String arn) {
    return Arns.lastSegment(arn);
  }
}
