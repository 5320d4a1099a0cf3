package io.fgd.runtime.kinds.service;

import static io.fgd.runtime.engine.Canonical.keyed;
import static io.fgd.runtime.engine.Canonical.present;
import static io.fgd.runtime.engine.Canonical.putMap;
import static io.fgd.runtime.engine.Canonical.putText;
import static io.fgd.runtime.engine.Canonical.sortedTexts;
import static io.fgd.runtime.engine.Canonical.tags;
import static io.fgd.runtime.engine.Canonical.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The normal form of an ECS service: CreateService's input and DescribeServices' answer compare
 * equal exactly when UpdateService would change nothing (see {@link
 * io.fgd.runtime.engine.Canonical}).
 */
public final class ServiceForm {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public static final Set<String> SERVICE_FIELDS =
      Set.of(
          "cluster",
          "serviceName",
          "taskDefinition",
          "desiredCount",
          "launchType",
          "capacityProviderStrategy",
          "platformVersion",
          "networkConfiguration",
          "deploymentConfiguration",
          "loadBalancers",
          "healthCheckGracePeriodSeconds",
          "enableECSManagedTags",
          "propagateTags",
          "tags",
          "enableExecuteCommand",
          "serviceConnectConfiguration");

  private ServiceForm() {}

  public static ObjectNode service(JsonNode s) {
    ObjectNode out = NODES.objectNode();
    // DescribeServices answers with clusterArn; CreateService takes a name or an ARN.
    String cluster = text(s.get("cluster"), text(s.get("clusterArn"), ""));
    out.put("cluster", TaskDefinitionForm.afterSlashOf(cluster));
    putText(out, "serviceName", s.get("serviceName"));
    if (present(s.get("taskDefinition"))) {
      out.put("taskDefinition", TaskDefinitionForm.family(s.get("taskDefinition").asText()));
    }
    if (present(s.get("desiredCount"))) {
      out.put("desiredCount", s.get("desiredCount").asInt());
    }
    putText(out, "launchType", s.get("launchType"));
    // By provider; ECS answers with weight and base on every item, 0 where not given.
    putMap(
        out,
        "capacityProviderStrategy",
        keyed(
            s.get("capacityProviderStrategy"),
            item -> text(item.get("capacityProvider"), ""),
            item ->
                NODES
                    .objectNode()
                    .put("weight", item.path("weight").asInt(0))
                    .put("base", item.path("base").asInt(0))));
    if (present(s.get("launchType"))
        || present(s.get("capacityProviderStrategy"))
        || present(s.get("platformVersion"))) {
      out.put("platformVersion", text(s.get("platformVersion"), "LATEST"));
    }
    JsonNode vpc = s.path("networkConfiguration").path("awsvpcConfiguration");
    if (present(vpc)) {
      ObjectNode v = NODES.objectNode();
      v.set("subnets", sortedTexts(vpc.get("subnets")));
      v.set("securityGroups", sortedTexts(vpc.get("securityGroups")));
      v.put("assignPublicIp", text(vpc.get("assignPublicIp"), "DISABLED"));
      out.set("networkConfiguration", NODES.objectNode().set("awsvpcConfiguration", v));
    }
    JsonNode dc = s.path("deploymentConfiguration");
    ObjectNode d = NODES.objectNode();
    String strategy = text(dc.get("strategy"), "ROLLING");
    if (strategy.equals("ROLLING")) {
      // The circuit breaker is only for rolling deployments (API_DeploymentConfiguration).
      JsonNode cb = dc.path("deploymentCircuitBreaker");
      d.set(
          "deploymentCircuitBreaker",
          NODES
              .objectNode()
              .put("enable", cb.path("enable").asBoolean(false))
              .put("rollback", cb.path("rollback").asBoolean(false)));
    }
    d.put("maximumPercent", dc.path("maximumPercent").asInt(200));
    d.put("minimumHealthyPercent", dc.path("minimumHealthyPercent").asInt(100));
    RolloutForm.strategy(d, dc, strategy);
    out.set("deploymentConfiguration", d);
    putMap(
        out,
        "loadBalancers",
        keyed(
            s.get("loadBalancers"),
            lb ->
                text(lb.get("targetGroupArn"), text(lb.get("loadBalancerName"), ""))
                    + " "
                    + text(lb.get("containerName"), "")
                    + ":"
                    + lb.path("containerPort").asInt(),
            lb -> {
              ObjectNode o = NODES.objectNode();
              putText(o, "targetGroupArn", lb.get("targetGroupArn"));
              putText(o, "loadBalancerName", lb.get("loadBalancerName"));
              putText(o, "containerName", lb.get("containerName"));
              o.put("containerPort", lb.path("containerPort").asInt());
              RolloutForm.advancedConfiguration(o, lb.path("advancedConfiguration"));
              return o;
            }));
    out.put("healthCheckGracePeriodSeconds", s.path("healthCheckGracePeriodSeconds").asInt(0));
    out.put("enableECSManagedTags", s.path("enableECSManagedTags").asBoolean(false));
    out.put("propagateTags", text(s.get("propagateTags"), "NONE"));
    putMap(out, "tags", tags(s.get("tags")));
    // ECS Exec is off unless turned on; only "on" is shown, so plans of other services stay as
    // they were.
    if (s.path("enableExecuteCommand").asBoolean(false)) {
      out.put("enableExecuteCommand", true);
    }
    serviceConnect(s).ifPresent(sc -> out.set("serviceConnectConfiguration", sc));
    return out;
  }

  /**
   * The Service Connect configuration: CreateService's input has it at the top; DescribeServices
   * answers with it on each deployment, so the live one is the PRIMARY deployment's. Normalised:
   * ECS fills a service's {@code discoveryName} with its {@code portName}, and a client alias's
   * {@code dnsName} with {@code discoveryName.namespace}; services are keyed by port name. Absent
   * when not enabled, so a service that never used Service Connect shows nothing.
   */
  static java.util.Optional<ObjectNode> serviceConnect(JsonNode s) {
    JsonNode sc = s.get("serviceConnectConfiguration");
    if (!present(sc)) {
      for (JsonNode d : s.path("deployments")) {
        if ("PRIMARY".equals(d.path("status").asText())) {
          sc = d.get("serviceConnectConfiguration");
        }
      }
    }
    if (!present(sc) || !sc.path("enabled").asBoolean(false)) {
      return java.util.Optional.empty();
    }
    ObjectNode out = NODES.objectNode();
    out.put("enabled", true);
    String namespace = text(sc.get("namespace"), "");
    out.put("namespace", namespace);
    putMap(
        out,
        "services",
        keyed(
            sc.get("services"),
            svc -> text(svc.get("portName"), ""),
            svc -> {
              ObjectNode o = NODES.objectNode();
              String discovery = text(svc.get("discoveryName"), text(svc.get("portName"), ""));
              o.put("discoveryName", discovery);
              // ECS takes at most one client alias per port (ServiceConnectService reference),
              // so it is one object: a changed port is one field, not an alias removed and added.
              JsonNode a = svc.path("clientAliases").path(0);
              if (present(a)) {
                o.set(
                    "clientAlias",
                    NODES
                        .objectNode()
                        .put("port", a.path("port").asInt())
                        .put("dnsName", text(a.get("dnsName"), discovery + "." + namespace)));
              }
              if (present(svc.get("ingressPortOverride"))) {
                o.put("ingressPortOverride", svc.get("ingressPortOverride").asInt());
              }
              return o;
            }));
    return java.util.Optional.of(out);
  }

  /** Attributes of a desired service that the plan does not compare. */
  static List<String> unmanaged(JsonNode s) {
    List<String> out = new ArrayList<>();
    s.fieldNames()
        .forEachRemaining(
            f -> {
              if (!SERVICE_FIELDS.contains(f) && present(s.get(f))) {
                out.add(f);
              }
            });
    return out;
  }
}
