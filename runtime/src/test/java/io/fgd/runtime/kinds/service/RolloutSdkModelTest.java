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
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookAction;
import software.amazon.awssdk.services.ecs.model.DeploymentLifecycleHookStage;
import software.amazon.awssdk.services.ecs.model.DeploymentStrategy;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionCleanup;

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

  /**
   * A routed service's (specs/examples/shifted): once apply has put the ARNs of the target groups
   * and listener rules (admin's test rule too) it created in place of fgd's references, as
   * ServiceKind.resolved does, its service.json is a CreateService input of the model,
   * advancedConfiguration included.
   */
  @Test
  void aRoutedServiceWithItsReferencesResolvedIsACreateServiceInputOfTheSdkModel()
      throws Exception {
    String tg = "arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/";
    for (String service : java.util.List.of("web", "admin")) {
      ObjectNode compiled =
          (ObjectNode)
              JSON.readTree(
                  Files.readString(Path.of("../specs/examples/shifted", service, "service.json")));
      java.util.Map<String, String> arns = new java.util.HashMap<>();
      var lb = compiled.path("loadBalancers").get(0);
      var advanced = lb.path("advancedConfiguration");
      String primary = lb.path("targetGroupArn").asText();
      String alternate = advanced.path("alternateTargetGroupArn").asText();
      arns.put(primary, tg + primary.substring(primary.indexOf('/') + 1) + "/0123456789abcdef");
      arns.put(
          alternate, tg + alternate.substring(alternate.indexOf('/') + 1) + "/fedcba9876543210");
      String rule =
          "arn:aws:elasticloadbalancing:us-west-1:123456789012:listener-rule/app/shop/50dc6c495c0c9188/f2f7dc8efc522ab2/0123456789abcdef";
      arns.put(advanced.path("productionListenerRule").asText(), rule);
      // admin's route has a test_header: its test rule, fgd:listenerrule/admin/test:HOST/PATH.
      String testRule = rule.substring(0, rule.length() - 16) + "1123456789abcdef";
      if (service.equals("admin")) {
        assertEquals(
            "fgd:listenerrule/admin/test:shop.example.com/admin/*",
            advanced.path("testListenerRule").asText());
        arns.put(advanced.path("testListenerRule").asText(), testRule);
      }
      ObjectNode json = ServiceKind.resolved(compiled, arns);
      CreateServiceRequest request = SdkJson.fromJson(json, CreateServiceRequest.builder());
      assertEquals(
          JSON.readTree(json.toString()),
          JSON.readTree(SdkJson.toJson(request).toString()),
          service + ": the model dropped a member");
      var a = request.loadBalancers().get(0).advancedConfiguration();
      assertEquals(arns.get(alternate), a.alternateTargetGroupArn(), service);
      assertEquals(rule, a.productionListenerRule(), service);
      assertEquals(service.equals("admin") ? testRule : null, a.testListenerRule(), service);
      assertEquals(
          "arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers",
          a.roleArn(),
          service);
      assertEquals(arns.get(primary), request.loadBalancers().get(0).targetGroupArn(), service);
    }
  }

  /**
   * Lifecycle hooks and early success criteria (specs/examples/hooked): CreateService inputs of the
   * model as they are, each member where ECS reads it.
   */
  @Test
  void hooksAndEarlySuccessAreCreateServiceInputsOfTheSdkModel() throws Exception {
    for (String service : java.util.List.of("web", "worker")) {
      ObjectNode json =
          (ObjectNode)
              JSON.readTree(
                  Files.readString(Path.of("../specs/examples/hooked", service, "service.json")));
      CreateServiceRequest request = SdkJson.fromJson(json, CreateServiceRequest.builder());
      assertEquals(
          JSON.readTree(json.toString()),
          JSON.readTree(SdkJson.toJson(request).toString()),
          service + ": the model dropped a member");
      if (service.equals("web")) {
        var hooks = request.deploymentConfiguration().lifecycleHooks();
        assertEquals(2, hooks.size());
        assertEquals(
            "arn:aws:lambda:us-west-1:123456789012:function:shop-approve:live",
            hooks.get(1).hookTargetArn());
        assertEquals("arn:aws:iam::123456789012:role/ecsLambdaHookRole", hooks.get(1).roleArn());
        assertEquals(
            java.util.List.of(
                DeploymentLifecycleHookStage.POST_TEST_TRAFFIC_SHIFT,
                DeploymentLifecycleHookStage.POST_PRODUCTION_TRAFFIC_SHIFT),
            hooks.get(1).lifecycleStages());
        assertEquals(10, hooks.get(1).timeoutConfiguration().timeoutInMinutes());
        assertEquals(
            DeploymentLifecycleHookAction.ROLLBACK, hooks.get(1).timeoutConfiguration().action());
      } else {
        var e = request.deploymentConfiguration().earlySuccessCriteria();
        assertEquals(true, e.enable());
        assertEquals(75, e.healthyPercent());
        assertEquals(ServiceRevisionCleanup.DEFERRED, e.sourceServiceRevisionCleanup());
        assertEquals(
            DeploymentLifecycleHookStage.PRE_SCALE_UP,
            request.deploymentConfiguration().lifecycleHooks().get(0).lifecycleStages().get(0));
      }
    }
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
