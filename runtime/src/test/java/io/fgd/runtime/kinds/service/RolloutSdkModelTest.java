package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.aws.SdkJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;

/**
 * The compiled service.json of each strategy (specs/examples/rollouts) is a CreateService input the
 * AWS SDK's current ECS model accepts as it is: every member is one the model knows (SdkJson fails
 * on an unknown one, naming its path), and nothing is lost on the way back to JSON.
 */
class RolloutSdkModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode compiled(String service) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            Files.readString(Path.of("../specs/examples/rollouts", service, "service.json")));
  }

  @Test
  void everyStrategyIsACreateServiceInputOfTheSdkModel() throws Exception {
    Map<String, DeploymentStrategy> strategies =
        Map.of(
            "web", DeploymentStrategy.CANARY,
            "api", DeploymentStrategy.LINEAR,
            "admin", DeploymentStrategy.BLUE_GREEN,
            "worker", DeploymentStrategy.ROLLING);
    for (var e : strategies.entrySet()) {
      ObjectNode json = compiled(e.getKey());
      CreateServiceRequest request = SdkJson.fromJson(json, CreateServiceRequest.builder());
      // The enum value is one the model knows (an unknown one would be UNKNOWN_TO_SDK_VERSION).
      assertEquals(e.getValue(), request.deploymentConfiguration().strategy(), e.getKey());
      // Through text, as the SDK's own numbers (a Double canaryPercent) are other node types.
      assertEquals(
          JSON.readTree(json.toString()),
          JSON.readTree(SdkJson.toJson(request).toString()),
          e.getKey() + ": the model dropped a member");
    }
  }

  @Test
  void theModelHoldsEachSettingWhereEcsReadsIt() throws Exception {
    CreateServiceRequest canary = SdkJson.fromJson(compiled("web"), CreateServiceRequest.builder());
    assertEquals(10.0, canary.deploymentConfiguration().canaryConfiguration().canaryPercent());
    assertEquals(
        5, canary.deploymentConfiguration().canaryConfiguration().canaryBakeTimeInMinutes());
    assertEquals(10, canary.deploymentConfiguration().bakeTimeInMinutes());
    assertEquals(
        java.util.List.of("shop-web-5xx", "shop-web-latency"),
        canary.deploymentConfiguration().alarms().alarmNames());
    assertEquals(
        "arn:aws:iam::123456789012:role/ecsInfrastructureRole",
        canary.loadBalancers().get(0).advancedConfiguration().roleArn());
    CreateServiceRequest linear = SdkJson.fromJson(compiled("api"), CreateServiceRequest.builder());
    assertEquals(25.0, linear.deploymentConfiguration().linearConfiguration().stepPercent());
    CreateServiceRequest blueGreen =
        SdkJson.fromJson(compiled("admin"), CreateServiceRequest.builder());
    assertEquals(
        "arn:aws:elasticloadbalancing:us-west-1:123456789012:listener-rule/app/shop/0123456789abcdef/1123456789abcdef/2123456789abcdef",
        blueGreen.loadBalancers().get(0).advancedConfiguration().testListenerRule());
  }

  /** The check has teeth: a member the model does not know is refused by path. */
  @Test
  void aMisspeltMemberIsRefused() throws Exception {
    ObjectNode json = compiled("web");
    ((ObjectNode) json.path("deploymentConfiguration")).putObject("canaryConfig");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SdkJson.fromJson(json, CreateServiceRequest.builder()));
    assertEquals(
        "$.deploymentConfiguration.canaryConfig: not a member of this AWS request", e.getMessage());
  }
}
