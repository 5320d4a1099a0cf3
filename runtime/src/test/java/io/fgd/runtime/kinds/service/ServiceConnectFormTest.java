package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Trees;
import io.fgd.runtime.kinds.namespace.NamespaceReads;
import io.fgd.runtime.kinds.namespace.ObservedNamespace;
import io.fgd.runtime.state.ObservedState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service's Service Connect configuration compared as ECS answers it: on the PRIMARY deployment
 * (not at the top of the service, where CreateService takes it), with the namespace's ARN where the
 * spec gave its name, and discoveryName filled in. The JSON follows the ECS API reference's
 * Deployment and ServiceConnectConfiguration; moto does not model Service Connect on services (see
 * NamespaceKindIT), so this is where the comparison is tested.
 */
class ServiceConnectFormTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN =
      "arn:aws:servicediscovery:us-west-1:123456789012:namespace/ns-abcdef0123456789";

  private static ObjectNode json(String text) throws Exception {
    return (ObjectNode) JSON.readTree(text);
  }

  private static final String WANT =
      """
      {"serviceName": "worker",
       "serviceConnectConfiguration": {"enabled": true, "namespace": "shop",
         "services": [{"portName": "worker-8080", "discoveryName": "worker-8080",
                       "clientAliases": [{"port": 8080, "dnsName": "worker"}]}]}}
      """;

  /** DescribeServices: Service Connect on the deployments, the namespace as an ARN. */
  private static String live(String primaryConfig) {
    return """
        {"serviceName": "worker", "deployments": [
          {"status": "PRIMARY", "id": "ecs-svc/2", "serviceConnectConfiguration": %s},
          {"status": "ACTIVE", "id": "ecs-svc/1",
           "serviceConnectConfiguration": {"enabled": true, "namespace": "old"}}]}
        """
        .formatted(primaryConfig);
  }

  private static final ObservedState OBSERVED =
      ObservedState.empty()
          .with(
              NamespaceReads.KEY,
              Map.of(
                  "shop",
                  new ObservedNamespace(
                      "ns-abcdef0123456789", ARN, "shop", "HTTP", Map.of("fgd:app", "shop"), 1)));

  private static List<FieldChange> diff(String want, String live) throws Exception {
    ObjectNode w = ServiceForm.service(json(want));
    ObjectNode l = ServiceForm.service(json(live));
    ServiceKind.namespaceByName(l, w, OBSERVED);
    return Trees.compare(l, w);
  }

  @Test
  void whatEcsAnswersForTheSpecsConfigurationComparesEqual() throws Exception {
    String primary =
        """
        {"enabled": true, "namespace": "%s",
         "services": [{"portName": "worker-8080",
                       "clientAliases": [{"port": 8080, "dnsName": "worker"}]}]}
        """
            .formatted(ARN);
    assertEquals(List.of(), diff(WANT, live(primary)));
  }

  @Test
  void aChangedAliasPortIsOneFieldOfTheService() throws Exception {
    String primary =
        """
        {"enabled": true, "namespace": "%s",
         "services": [{"portName": "worker-8080", "discoveryName": "worker-8080",
                       "clientAliases": [{"port": 9000, "dnsName": "worker"}]}]}
        """
            .formatted(ARN);
    List<FieldChange> changes = diff(WANT, live(primary));
    assertEquals(1, changes.size(), changes.toString());
    FieldChange port = changes.get(0);
    assertEquals(".serviceConnectConfiguration.services.worker-8080.clientAlias.port", port.path());
    assertEquals(9000, port.before().orElseThrow().asInt());
    assertEquals(8080, port.after().orElseThrow().asInt());
  }

  @Test
  void serviceConnectTurnedOffOrNeverOnShowsOnlyWhereTheOtherSideHasIt() throws Exception {
    String none = "{\"serviceName\": \"worker\"}";
    assertEquals(List.of(), diff(none, live("{\"enabled\": false}")));
    List<FieldChange> removed =
        diff(none, live("{\"enabled\": true, \"namespace\": \"" + ARN + "\"}"));
    assertFalse(removed.isEmpty());
    removed.forEach(f -> assertEquals(true, f.after().isEmpty(), f.path()));
  }

  @Test
  void anArnTheSpecGivesIsComparedAsAnArn() throws Exception {
    String want = WANT.replace("\"namespace\": \"shop\"", "\"namespace\": \"" + ARN + "\"");
    String primary =
        """
        {"enabled": true, "namespace": "%s",
         "services": [{"portName": "worker-8080", "discoveryName": "worker-8080",
                       "clientAliases": [{"port": 8080, "dnsName": "worker"}]}]}
        """
            .formatted(ARN);
    assertEquals(List.of(), diff(want, live(primary)));
  }
}
