package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.ReplayAccount;
import io.fgd.runtime.engine.ApplyResult;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The UpdateService request for a Service Connect change, through the real SDK client against
 * {@link ReplayServer}: moto's ECS does not model Service Connect (it drops the configuration and
 * answers none), so a live service that has it can only be played, here as DescribeServices answers
 * it per the ECS API reference (on the PRIMARY deployment, the namespace as an ARN). Leaving the
 * configuration out of UpdateService keeps what the service has; turning it off must send {@code
 * enabled: false}.
 */
class ServiceConnectUpdateReplayTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TD = "arn:aws:ecs:us-west-1:123456789012:task-definition/demo-api:7";
  static final String NS =
      "arn:aws:servicediscovery:us-west-1:123456789012:namespace/ns-abcdef0123456789";

  @AutoClose final ReplayAccount aws = ReplayAccount.start().answeringUpdateService();

  static ObjectNode taskDefinition() {
    ObjectNode td = JSON.createObjectNode();
    td.put("family", "demo-api").put("networkMode", "awsvpc").put("cpu", "256");
    td.put("memory", "512");
    td.putArray("requiresCompatibilities").add("FARGATE");
    ObjectNode c = td.putArray("containerDefinitions").addObject();
    c.put("name", "api").put("image", "nginx:1.27.3").put("essential", true);
    c.putArray("portMappings")
        .addObject()
        .put("containerPort", 8080)
        .put("hostPort", 8080)
        .put("protocol", "tcp")
        .put("name", "api-8080");
    td.putArray("tags").addObject().put("key", "fgd:app").put("value", "demo");
    return td;
  }

  static ObjectNode service() {
    ObjectNode s = JSON.createObjectNode();
    s.put("cluster", "demo").put("serviceName", "api").put("taskDefinition", "demo-api");
    s.put("desiredCount", 1).put("launchType", "FARGATE");
    return s;
  }

  static ObjectNode offering(String namespace, int aliasPort) {
    ObjectNode sc = JSON.createObjectNode().put("enabled", true).put("namespace", namespace);
    ObjectNode svc = sc.putArray("services").addObject();
    svc.put("portName", "api-8080").put("discoveryName", "api-8080");
    svc.putArray("clientAliases").addObject().put("port", aliasPort).put("dnsName", "api");
    return sc;
  }

  private JsonNode update(ObjectNode want) throws Exception {
    ObjectNode liveJson = service().put("taskDefinition", TD).put("status", "ACTIVE");
    liveJson
        .putArray("deployments")
        .addObject()
        .put("id", "ecs-svc/1")
        .put("status", "PRIMARY")
        .set("serviceConnectConfiguration", offering(NS, 8080));
    ApplyResult result = aws.apply(ReplayAccount.updateOfApi(taskDefinition(), want, TD, liveJson));
    assertEquals(List.of("Ecs.UpdateService"), result.mutatingCalls(), result.errors().toString());
    return aws.server.requests("UpdateService").get(0).body();
  }

  @Test
  void turningServiceConnectOffSendsEnabledFalse() throws Exception {
    JsonNode body = update(service());
    assertEquals(
        JSON.readTree("{\"enabled\": false}"),
        body.path("serviceConnectConfiguration"),
        body.toString());
  }

  @Test
  void aChangedAliasSendsTheWholeConfigurationOfTheSpec() throws Exception {
    ObjectNode want = service();
    want.set("serviceConnectConfiguration", offering(NS, 9000));
    JsonNode body = update(want);
    JsonNode sent = body.path("serviceConnectConfiguration");
    assertEquals(9000, sent.at("/services/0/clientAliases/0/port").asInt(), body.toString());
    assertEquals(NS, sent.path("namespace").asText());
    assertFalse(body.has("loadBalancers"));
  }
}
