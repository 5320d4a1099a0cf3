package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.deploy.ReplayServer;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Differ;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.ObservedStates;
import io.fgd.runtime.render.TextRenderer;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A service moving from the Fargate launch type to a capacity provider strategy. Moto cannot show
 * it: its CreateService has no capacityProviderStrategy and reports launch type EC2 for a service
 * created without one, so the requests are checked on a replay server, answering as the ECS API
 * reference's UpdateService and PutClusterCapacityProviders do.
 */
class ServiceCapacityTest {
  static final String API_41 = ServiceLoadBalancersTest.API_41;

  ReplayServer server;
  AwsClients clients;
  AwsSettings settings;

  @BeforeEach
  void start() {
    server = ReplayServer.start();
    settings =
        new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(server.endpoint()));
    clients =
        AwsClients.create(
            settings, StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")));
    server.script(
        "PutClusterCapacityProviders", null, "{\"cluster\": {\"clusterName\": \"demo\"}}");
    server.script("UpdateService", null, "{\"service\": {\"serviceName\": \"api\"}}");
  }

  @AfterEach
  void stop() {
    clients.close();
    server.close();
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
    DesiredState desired =
        new DesiredState(
            "demo",
            "demo",
            Map.of(
                "api",
                new DesiredService(
                    "api",
                    ServiceLoadBalancersTest.taskDefinition(),
                    spotService(),
                    Optional.empty(),
                    List.of())));
    ObjectNode liveJson =
        ServiceLoadBalancersTest.service().put("taskDefinition", API_41).put("status", "ACTIVE");
    ObservedState observed =
        ObservedStates.of(
            true,
            Map.of(
                "api",
                new ObservedService(
                    "api",
                    "arn:aws:ecs:us-west-1:123456789012:service/demo/api",
                    "ACTIVE",
                    API_41,
                    Optional.of("ecs-svc/1"),
                    liveJson)),
            Map.of(
                API_41, ServiceLoadBalancersTest.taskDefinition().put("taskDefinitionArn", API_41)),
            Map.of(),
            Map.of(),
            Map.of());
    PlanResult plan = new PlanResult(Differ.diff(desired, observed), desired, observed, 0);
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

    ApplyResult result =
        new Applier(
                clients,
                settings,
                ApplyOptions.DEFAULTS.withWait(false),
                ApplyListener.none(),
                ProgressListener.none())
            .apply(plan);

    assertEquals(ApplyResult.Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    assertEquals(
        List.of("Ecs.PutClusterCapacityProviders", "Ecs.UpdateService"), result.mutatingCalls());
    JsonNode put = server.requests("PutClusterCapacityProviders").get(0).body();
    assertEquals("[\"FARGATE\",\"FARGATE_SPOT\"]", put.path("capacityProviders").toString());
    assertEquals("[]", put.path("defaultCapacityProviderStrategy").toString());
    JsonNode update = server.requests("UpdateService").get(0).body();
    assertEquals(
        spotService().get("capacityProviderStrategy"), update.path("capacityProviderStrategy"));
    assertTrue(update.path("forceNewDeployment").asBoolean(), update.toString());
  }
}
