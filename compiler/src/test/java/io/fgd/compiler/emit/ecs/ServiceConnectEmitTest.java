package io.fgd.compiler.emit.ecs;

import static io.fgd.compiler.emit.ecs.EcsTesting.APP;
import static io.fgd.compiler.emit.ecs.EcsTesting.compile;
import static io.fgd.compiler.emit.ecs.EcsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.compiler.SpecOptions;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.parse.Parsing;
import io.fgd.compiler.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code port N offer ...} and {@code namespace}: what the task definition and service get. */
class ServiceConnectEmitTest {
  private static final String SERVICES =
      """
      service api {
        image  "nginx:1.27.3"
        port   80
        health none
      }
      service worker {
        image  "nginx:1.27.3"
        port   8080 offer as jobs:9000 grpc
        port   8081 offer
        port   9090
        health none
      }
      """;

  @Test
  void offeredPortsAreNamedAndTheServiceGetsItsServicesWhileCallersAreClientsOnly() {
    Map<String, String> files = compile(APP + SERVICES);
    JsonNode ports =
        json(files.get("worker/taskdef.json")).at("/containerDefinitions/0/portMappings");
    assertEquals("worker-8080", ports.get(0).path("name").asText());
    assertEquals("grpc", ports.get(0).path("appProtocol").asText());
    assertEquals("worker-8081", ports.get(1).path("name").asText());
    assertTrue(ports.get(1).path("appProtocol").isMissingNode());
    assertTrue(ports.get(2).path("name").isMissingNode(), "a port not offered has no name");

    JsonNode worker = json(files.get("worker/service.json")).path("serviceConnectConfiguration");
    assertTrue(worker.path("enabled").asBoolean());
    assertEquals("shop", worker.path("namespace").asText(), "the app's name by default");
    assertEquals(2, worker.path("services").size());
    JsonNode first = worker.path("services").get(0);
    assertEquals("worker-8080", first.path("portName").asText());
    assertEquals("worker-8080", first.path("discoveryName").asText());
    assertEquals(9000, first.at("/clientAliases/0/port").asInt());
    assertEquals("jobs", first.at("/clientAliases/0/dnsName").asText());
    JsonNode second = worker.path("services").get(1);
    assertEquals(8081, second.at("/clientAliases/0/port").asInt());
    assertEquals("worker", second.at("/clientAliases/0/dnsName").asText());

    JsonNode api = json(files.get("api/service.json")).path("serviceConnectConfiguration");
    assertTrue(api.path("enabled").asBoolean());
    assertEquals("shop", api.path("namespace").asText());
    assertFalse(api.has("services"), "a service that only calls others is a client");
    assertTrue(
        json(files.get("api/taskdef.json"))
            .at("/containerDefinitions/0/portMappings/0/name")
            .isMissingNode());
  }

  @Test
  void aNamedNamespaceIsUsedAndAnAppWithoutOffersOrNamespaceHasNoServiceConnect() {
    String named =
        APP.replace("  cluster shop-prod\n", "  cluster shop-prod\n  namespace shop.internal\n");
    Map<String, String> files = compile(named + SERVICES);
    assertEquals(
        "shop.internal",
        json(files.get("api/service.json")).at("/serviceConnectConfiguration/namespace").asText());

    Map<String, String> plain =
        compile(APP + SERVICES.replace(" offer as jobs:9000 grpc", "").replace(" offer", ""));
    assertFalse(json(plain.get("api/service.json")).has("serviceConnectConfiguration"));
    assertFalse(json(plain.get("worker/service.json")).has("serviceConnectConfiguration"));
  }

  @Test
  void theIrListsEachServicesServiceConnectPorts() {
    Spec spec =
        Parsing.parse(new SourceFile("t.fgd", APP + SERVICES), SpecOptions.none())
            .file()
            .orElseThrow()
            .base();
    assertEquals(List.of(8080, 8081), spec.service("worker").orElseThrow().serviceConnectPorts());
    assertEquals(List.of(), spec.service("api").orElseThrow().serviceConnectPorts());
  }

  @Test
  void aStageChoosesItsOwnNamespace() {
    String spec = APP + SERVICES + "stage prod {\n  namespace prod.internal\n}\n";
    Map<String, String> prod = compile(spec, SpecOptions.stage("prod"));
    assertEquals(
        "prod.internal",
        json(prod.get("worker/service.json"))
            .at("/serviceConnectConfiguration/namespace")
            .asText());
  }
}
