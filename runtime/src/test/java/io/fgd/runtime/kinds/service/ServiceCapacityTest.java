package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.ReplayAccount;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.render.TextRenderer;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service moving from the Fargate launch type to a capacity provider strategy. Moto cannot show
 * it: its CreateService has no capacityProviderStrategy and reports launch type EC2 for a service
 * created without one, so the requests are checked on a replay server, answering as the ECS API
 * reference's UpdateService and PutClusterCapacityProviders do.
 */
class ServiceCapacityTest {
  static final String API_41 = ServiceLoadBalancersTest.API_41;

  @AutoClose final ReplayAccount aws = ReplayAccount.start().answeringUpdateService();

  @BeforeEach
  void start() {
    aws.server.script(
        "PutClusterCapacityProviders", null, "{\"cluster\": {\"clusterName\": \"demo\"}}");
  }

  /** CreateService's input with {@code on_demand 1 base 2, spot 3}, as fgd compiles it. */
  static ObjectNode spotService() {
    ObjectNode s = ServiceLoadBalancersTest.service();
    s.remove("launchType");
    var strategy = s.putArray("capacityProviderStrategy");
    strategy.addObject().put("capacityProvider", "FARGATE").put("weight", 1).put("base", 2);
    strategy.addObject().put("capacityProvider", "FARGATE_SPOT").put("weight", 3);
    return s;
  }

  @Test
  void theNormalFormReadsEcsDefaultsSoAnAppliedStrategyShowsNoChange() {
    // DescribeServices answers with every item's weight and base, and no launchType.
    ObjectNode live = ServiceLoadBalancersTest.service();
    live.remove("launchType");
    live.put("platformVersion", "LATEST");
    var strategy = live.putArray("capacityProviderStrategy");
    strategy.addObject().put("capacityProvider", "FARGATE_SPOT").put("weight", 3).put("base", 0);
    strategy.addObject().put("capacityProvider", "FARGATE").put("weight", 1).put("base", 2);
    assertEquals(
        List.of(),
        Trees.compare(
            ServiceForm.service(live),
            ServiceForm.service(spotService().put("platformVersion", "LATEST"))));
  }

  @Test
  void fromTheLaunchTypeToSpotIsAnUpdateWithANewDeployment() throws Exception {
    ObjectNode liveJson =
        ServiceLoadBalancersTest.service().put("taskDefinition", API_41).put("status", "ACTIVE");
    PlanResult plan =
        ReplayAccount.updateOfApi(
            ServiceLoadBalancersTest.taskDefinition(), spotService(), API_41, liveJson);
    ResourceChange service =
        plan.plan().changes().stream()
            .filter(c -> c.address().equals("service \"api\""))
            .findFirst()
            .orElseThrow();
    assertEquals(Action.UPDATE, service.action());
    String text = TextRenderer.render(plan.plan(), false);
    assertTrue(text.contains("- launchType = \"FARGATE\""), text);
    assertTrue(text.contains("+ capacityProviderStrategy[\"FARGATE_SPOT\"].weight = 3"), text);
    assertTrue(text.contains("a new deployment"), text);
    // The cluster, which has no providers, gets them first.
    assertTrue(text.contains("~ cluster \"demo\""), text);

    ApplyResult result = aws.apply(plan);

    assertEquals(ApplyResult.Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    assertEquals(
        List.of("Ecs.PutClusterCapacityProviders", "Ecs.UpdateService"), result.mutatingCalls());
    JsonNode put = aws.server.requests("PutClusterCapacityProviders").get(0).body();
    assertEquals("[\"FARGATE\",\"FARGATE_SPOT\"]", put.path("capacityProviders").toString());
    assertEquals("[]", put.path("defaultCapacityProviderStrategy").toString());
    JsonNode update = aws.server.requests("UpdateService").get(0).body();
    assertEquals(
        spotService().get("capacityProviderStrategy"), update.path("capacityProviderStrategy"));
    assertTrue(update.path("forceNewDeployment").asBoolean(), update.toString());
  }
}
