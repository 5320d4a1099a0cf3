package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.ReplayAccount;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.PlanResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A route's test_header added to a blue/green service that already runs: its test listener rule
 * reaches UpdateService as the load balancer's {@code advancedConfiguration.testListenerRule},
 * beside the production rule, alternate target group and role it already had. moto's UpdateService
 * ignores {@code loadBalancers} (TestRulesIT), so the request is checked on a replay server, the
 * live service shaped as DescribeServices answers one (ECS API reference, LoadBalancer,
 * AdvancedConfiguration).
 */
class TestListenerRuleReplayTest {
  static final String TD = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:41";
  static final String ELB = "arn:aws:elasticloadbalancing:us-west-1:123456789012:";
  static final String BLUE = ELB + "targetgroup/shop-api-5b8d761a/0123456789abcdef";
  static final String GREEN = ELB + "targetgroup/shop-api-4e8266cb/fedcba9876543210";
  static final String RULE =
      ELB + "listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/0123456789abcdef";
  static final String TEST_RULE =
      ELB + "listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/1123456789abcdef";
  static final String ROLE = "arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers";

  @AutoClose final ReplayAccount aws = ReplayAccount.start().answeringUpdateService();

  private static ObjectNode withLoadBalancer(ObjectNode service, Optional<String> testRule) {
    ObjectNode a =
        service
            .putArray("loadBalancers")
            .addObject()
            .put("targetGroupArn", BLUE)
            .put("containerName", "api")
            .put("containerPort", 8080)
            .putObject("advancedConfiguration");
    a.put("alternateTargetGroupArn", GREEN).put("productionListenerRule", RULE);
    testRule.ifPresent(t -> a.put("testListenerRule", t));
    a.put("roleArn", ROLE);
    return service;
  }

  @Test
  void aNewTestRuleReachesUpdateServiceInTheAdvancedConfiguration() throws Exception {
    ObjectNode want = withLoadBalancer(ServiceLoadBalancersTest.service(), Optional.of(TEST_RULE));
    ObjectNode live =
        withLoadBalancer(
            ServiceLoadBalancersTest.service().put("taskDefinition", TD).put("status", "ACTIVE"),
            Optional.empty());
    PlanResult plan =
        ReplayAccount.updateOfApi(ServiceLoadBalancersTest.taskDefinition(), want, TD, live);

    ApplyResult result = aws.apply(plan);

    assertEquals(ApplyResult.Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    assertEquals(List.of("Ecs.UpdateService"), result.mutatingCalls());
    JsonNode a =
        aws.server
            .requests("UpdateService")
            .get(0)
            .body()
            .path("loadBalancers")
            .path(0)
            .path("advancedConfiguration");
    assertEquals(TEST_RULE, a.path("testListenerRule").asText());
    assertEquals(RULE, a.path("productionListenerRule").asText());
    assertEquals(GREEN, a.path("alternateTargetGroupArn").asText());
    assertEquals(ROLE, a.path("roleArn").asText());
  }
}
