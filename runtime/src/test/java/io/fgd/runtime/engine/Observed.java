package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.kinds.ObservedStates;
import io.fgd.runtime.state.ObservedLogGroup;
import io.fgd.runtime.state.ObservedScaling;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The api service as real ECS reports it (fixtures/ecs: DescribeTaskDefinition, DescribeServices,
 * DescribeScalableTargets and DescribeScalingPolicies output, with the defaults and extra fields
 * the real APIs return), editable per test.
 */
final class Observed {
  ObjectNode taskDef = load("api-taskdef.json");
  ObjectNode service = load("api-service.json");
  ObjectNode target = load("api-target.json");
  ObjectNode policy = load("api-policy.json");
  boolean scaled = true;
  boolean cluster = true;
  Map<String, ObservedService> orphans = new HashMap<>();

  /** The api's log group, kept forever unless a test sets a retention. */
  Map<String, ObservedLogGroup> logGroups =
      new HashMap<>(Map.of("/ecs/sheets/api", ObservedLogGroup.keptForever("/ecs/sheets/api")));

  static ObjectNode load(String name) {
    try (InputStream in = Observed.class.getResourceAsStream("/fixtures/ecs/" + name)) {
      return (ObjectNode) Fixtures.JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Observed edit(Consumer<Observed> e) {
    e.accept(this);
    return this;
  }

  static ObservedService service(ObjectNode json) {
    return new ObservedService(
        json.path("serviceName").asText(),
        json.path("serviceArn").asText(),
        json.path("status").asText(),
        json.path("taskDefinition").asText(),
        Optional.of(json.path("deployments").path(0).path("id").asText()),
        json);
  }

  ObservedState state() {
    String arn = taskDef.path("taskDefinitionArn").asText();
    service.put("taskDefinition", arn);
    return ObservedStates.of(
        cluster,
        Map.of("api", service(service)),
        Map.of(arn, taskDef),
        scaled
            ? Map.of(
                "api",
                new ObservedScaling(target, Map.of(policy.path("PolicyName").asText(), policy)))
            : Map.of(),
        logGroups,
        orphans);
  }

  static ObjectNode container(ObjectNode td) {
    return (ObjectNode) td.path("containerDefinitions").get(0);
  }
}
