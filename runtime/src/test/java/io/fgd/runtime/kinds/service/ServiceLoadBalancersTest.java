package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.ReplayAccount;
import io.fgd.runtime.engine.AppliedChange;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.PlanResult;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A load balancer the spec no longer has is removed from the service: UpdateService gets an empty
 * list (moto keeps no target groups without ELB, so the request is checked on a replay server).
 */
class ServiceLoadBalancersTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String API_41 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:41";
  static final String TARGET_GROUP =
      "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/api/0123456789abcdef";

  @AutoClose final ReplayAccount aws = ReplayAccount.start().answeringUpdateService();

  static ObjectNode taskDefinition() {
    ObjectNode td = JSON.createObjectNode();
    td.put("family", "api").put("networkMode", "awsvpc").put("cpu", "256").put("memory", "512");
    td.putArray("requiresCompatibilities").add("FARGATE");
    td.putArray("containerDefinitions")
        .addObject()
        .put("name", "api")
        .put("image", "repo:1")
        .put("essential", true);
    return td;
  }

  static ObjectNode service() {
    ObjectNode s = JSON.createObjectNode();
    s.put("cluster", "demo")
        .put("serviceName", "api")
        .put("taskDefinition", "api")
        .put("desiredCount", 2)
        .put("launchType", "FARGATE");
    return s;
  }

  @Test
  void aLoadBalancerLeftOutOfTheSpecIsRemoved() throws Exception {
    ObjectNode liveJson = service().put("taskDefinition", API_41).put("status", "ACTIVE");
    liveJson
        .putArray("loadBalancers")
        .addObject()
        .put("targetGroupArn", TARGET_GROUP)
        .put("containerName", "api")
        .put("containerPort", 8080);
    PlanResult plan = ReplayAccount.updateOfApi(taskDefinition(), service(), API_41, liveJson);

    ApplyResult result = aws.apply(plan);

    assertEquals(ApplyResult.Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    assertEquals(List.of("Ecs.UpdateService"), result.mutatingCalls());
    JsonNode update = aws.server.requests("UpdateService").get(0).body();
    assertEquals(JSON.createArrayNode(), update.path("loadBalancers"));
    assertEquals(API_41, update.path("taskDefinition").asText());
    assertEquals(
        List.of(
            "updated service \"api\" (loadBalancers[\""
                + TARGET_GROUP
                + " api:8080\"].containerName, loadBalancers[\""
                + TARGET_GROUP
                + " api:8080\"].containerPort, loadBalancers[\""
                + TARGET_GROUP
                + " api:8080\"].targetGroupArn)"),
        result.changes().stream().map(AppliedChange::describe).toList());
  }
}
