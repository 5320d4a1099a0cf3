package io.fgd.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stand-in account of {@link CdsTraining}'s AWS step: just enough of ECS's JSON answers, kept
 * in memory, that an apply creates the spec's services and log groups and a second apply with
 * another image updates them, so the training loads what a deploy loads (the SDK's model classes
 * for services, deployments, task definitions and log groups, and the lambdas each builds for its
 * fields), not only what a plan of an empty account does. Its answers carry the members ECS returns
 * even when empty, for the same reason. Every other call is answered with an empty result. It is
 * not an emulator: it answers the training's two applies and nothing is checked.
 */
final class CdsAccount {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN = "arn:aws:ecs:us-west-1:123456789012:";

  private final Map<String, ObjectNode> taskDefinitions = new LinkedHashMap<>();
  private final Map<String, ObjectNode> services = new LinkedHashMap<>();
  private final Map<String, ObjectNode> logGroups = new LinkedHashMap<>();

  synchronized void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String operation = target.substring(target.indexOf('.') + 1);
      byte[] body = JSON.writeValueAsBytes(answer(operation, (ObjectNode) request));
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      exchange.getResponseHeaders().set("x-amzn-RequestId", "cds-training");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private ObjectNode answer(String operation, ObjectNode request) {
    ObjectNode out = JSON.createObjectNode();
    switch (operation) {
      case "RegisterTaskDefinition" -> {
        String family = request.path("family").asText();
        long revision =
            taskDefinitions.keySet().stream().filter(a -> a.contains("/" + family + ":")).count()
                + 1;
        ObjectNode td = request.deepCopy();
        td.remove("tags");
        td.put("taskDefinitionArn", ARN + "task-definition/" + family + ":" + revision);
        td.put("revision", revision);
        td.put("status", "ACTIVE");
        // The members ECS answers with even when the request left them out (empty lists), so the
        // training loads their model classes as a real deploy does (bench/RESULTS.md, round 9).
        td.withArray("volumes");
        td.withArray("placementConstraints");
        for (JsonNode container : td.withArray("containerDefinitions")) {
          ((ObjectNode) container).withArray("mountPoints");
          ((ObjectNode) container).withArray("volumesFrom");
        }
        taskDefinitions.put(td.get("taskDefinitionArn").asText(), td);
        out.set("taskDefinition", td);
        out.set("tags", request.path("tags").deepCopy());
      }
      case "DescribeTaskDefinition" -> {
        ObjectNode td = taskDefinition(request.path("taskDefinition").asText());
        if (td != null) {
          out.set("taskDefinition", td);
          out.putArray("tags");
        }
      }
      case "CreateService", "UpdateService" -> {
        String name =
            request.path(operation.equals("CreateService") ? "serviceName" : "service").asText();
        ObjectNode service = services.computeIfAbsent(name, n -> JSON.createObjectNode());
        request.fields().forEachRemaining(f -> service.set(f.getKey(), f.getValue().deepCopy()));
        service.remove(java.util.List.of("service", "cluster", "forceNewDeployment"));
        service.put("serviceName", name);
        service.put("serviceArn", ARN + "service/" + request.path("cluster").asText() + "/" + name);
        service.put("clusterArn", ARN + "cluster/" + request.path("cluster").asText());
        service.put("status", "ACTIVE");
        service.withArray("loadBalancers");
        service.withArray("serviceRegistries");
        service.withArray("events");
        service.putObject("deploymentController").put("type", "ECS");
        ObjectNode td = taskDefinition(service.path("taskDefinition").asText());
        String arn =
            td == null
                ? service.path("taskDefinition").asText()
                : td.get("taskDefinitionArn").asText();
        service.put("taskDefinition", arn);
        int desired = service.path("desiredCount").asInt(1);
        service.put("runningCount", desired);
        ArrayNode deployments = service.putArray("deployments");
        ObjectNode d = deployments.addObject();
        d.put("id", "ecs-svc/" + services.size() + arn.hashCode());
        d.put("status", "PRIMARY");
        d.put("taskDefinition", arn);
        d.put("desiredCount", desired);
        d.put("runningCount", desired);
        // As ECS answers a create or an update: the new deployment is still rolling out.
        d.put("rolloutState", "IN_PROGRESS");
        d.put("createdAt", 1.7e9);
        d.put("updatedAt", 1.7e9);
        out.set("service", service.deepCopy());
      }
      case "DescribeServices" -> {
        ArrayNode found = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        for (JsonNode n : request.path("services")) {
          ObjectNode s = services.get(n.asText().substring(n.asText().lastIndexOf('/') + 1));
          if (s != null) {
            found.add(s.deepCopy());
          } else {
            failures.addObject().put("arn", n.asText()).put("reason", "MISSING");
          }
        }
      }
      case "ListServices" -> {
        ArrayNode arns = out.putArray("serviceArns");
        services.values().forEach(s -> arns.add(s.get("serviceArn").asText()));
      }
      case "CreateLogGroup" -> {
        String name = request.path("logGroupName").asText();
        ObjectNode group = logGroups.computeIfAbsent(name, n -> JSON.createObjectNode());
        group.put("logGroupName", name);
        group.put("creationTime", 1_700_000_000_000L);
        group.put("metricFilterCount", 0);
        group.put("arn", "arn:aws:logs:us-west-1:123456789012:log-group:" + name + ":*");
        group.put("logGroupArn", "arn:aws:logs:us-west-1:123456789012:log-group:" + name);
        group.put("storedBytes", 0);
        group.put("logGroupClass", "STANDARD");
      }
      case "DescribeLogGroups" -> {
        ArrayNode found = out.putArray("logGroups");
        String prefix = request.path("logGroupNamePrefix").asText("");
        logGroups.forEach(
            (name, group) -> {
              if (name.startsWith(prefix)) {
                found.add(group.deepCopy());
              }
            });
      }
      case "DescribeScalableTargets" -> out.putArray("ScalableTargets");
      default -> {}
    }
    return out;
  }

  /** By ARN, family:revision or family (its latest). */
  private ObjectNode taskDefinition(String key) {
    ObjectNode found = null;
    for (Map.Entry<String, ObjectNode> e : taskDefinitions.entrySet()) {
      String arn = e.getKey();
      String familyRevision = arn.substring(arn.indexOf('/') + 1);
      if (arn.equals(key) || familyRevision.equals(key) || familyRevision.startsWith(key + ":")) {
        found = e.getValue();
      }
    }
    return found == null ? null : found.deepCopy();
  }
}
