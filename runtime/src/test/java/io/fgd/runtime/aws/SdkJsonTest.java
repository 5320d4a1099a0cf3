package io.fgd.runtime.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.PutScalingPolicyRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

class SdkJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode fixture(String path) throws Exception {
    try (InputStream in = SdkJsonTest.class.getResourceAsStream("/fixtures/sheets/" + path)) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  @Test
  void taskDefinitionRoundTripsThroughTheModel() throws Exception {
    ObjectNode json = fixture("api/taskdef.json");
    RegisterTaskDefinitionRequest request =
        SdkJson.fromJson(json, RegisterTaskDefinitionRequest.builder());
    assertEquals("sheets-api", request.family());
    assertEquals("NEST_PORT", request.containerDefinitions().get(0).environment().get(0).name());
    assertEquals(JSON.readTree(json.toString()), JSON.readTree(SdkJson.toJson(request).toString()));
  }

  @Test
  void serviceAndPascalCasePolicyRoundTrip() throws Exception {
    ObjectNode service = fixture("api/service.json");
    assertEquals(
        service, SdkJson.toJson(SdkJson.fromJson(service, CreateServiceRequest.builder())));
    ObjectNode policy = (ObjectNode) fixture("api/scaling.json").path("policies").get(0);
    PutScalingPolicyRequest p = SdkJson.fromJson(policy, PutScalingPolicyRequest.builder());
    assertEquals(60.0, p.targetTrackingScalingPolicyConfiguration().targetValue());
  }

  @Test
  void unknownMembersAreNamedByPath() throws Exception {
    ObjectNode json = fixture("api/taskdef.json");
    ((ObjectNode) json.path("containerDefinitions").get(0)).put("imagee", "x");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SdkJson.fromJson(json, RegisterTaskDefinitionRequest.builder()));
    assertEquals(
        "$.containerDefinitions[0].imagee: not a member of this AWS request", e.getMessage());
  }

  /** What the compiler writes for Service Connect is a valid request as the SDK's model has it. */
  @Test
  void serviceConnectOfTheStorefrontExampleIsAcceptedByTheModel() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("../specs/examples/storefront");
    ObjectNode service = (ObjectNode) JSON.readTree(dir.resolve("catalog/service.json").toFile());
    CreateServiceRequest create = SdkJson.fromJson(service, CreateServiceRequest.builder());
    var sc = create.serviceConnectConfiguration();
    assertEquals("storefront.internal", sc.namespace());
    assertEquals("catalog-9000", sc.services().get(0).portName());
    assertEquals("catalog", sc.services().get(0).clientAliases().get(0).dnsName());
    assertEquals(service, SdkJson.toJson(create));

    ObjectNode taskdef = (ObjectNode) JSON.readTree(dir.resolve("catalog/taskdef.json").toFile());
    RegisterTaskDefinitionRequest register =
        SdkJson.fromJson(taskdef, RegisterTaskDefinitionRequest.builder());
    var port = register.containerDefinitions().get(0).portMappings().get(0);
    assertEquals("catalog-9000", port.name());
    assertEquals("http", port.appProtocolAsString());

    ObjectNode client = (ObjectNode) JSON.readTree(dir.resolve("web/service.json").toFile());
    assertEquals(
        true,
        SdkJson.fromJson(client, CreateServiceRequest.builder())
            .serviceConnectConfiguration()
            .enabled());
  }
}
