package io.fgd.runtime.kinds.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.Planner;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.FakeLiveState;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.kinds.taskdefinition.TaskDefinitionReads;
import io.fgd.runtime.state.ObservedService;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The namespace kind without network: which reads it makes and when, and what it plans, with a fake
 * account ({@link FakeLiveState}) answering the Cloud Map and ECS reads.
 */
class NamespaceKindTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP =
      """
      app shop {
        region         us-east-1
        account        123456789012
        cluster        shop
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        network {
          subnets         subnet-0a1b2c3d
          security_groups sg-0123456789abcdef0
        }
      }
      service api {
        image  "nginx:1.27.3"
        port   80
        health none
      }
      """;
  private static final String WORKER =
      """
      service worker {
        image  "nginx:1.27.3"
        port   8080 offer
        health none
      }
      """;

  static DesiredState desired(String spec) throws Exception {
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile("shop.fgd", spec), CompileOptions.defaults());
    assertFalse(compiled.hasErrors(), compiled.diagnostics().toString());
    return DesiredState.fromArtifacts("shop", compiled.artifacts());
  }

  /**
   * An account whose services answer only once the namespace read has started: with the namespace
   * read in a later wave than the services, the plan would hang and the test time out.
   */
  static final class Account
      implements FakeLiveState, NamespaceReads.Api, ServiceReads.Api, TaskDefinitionReads.Api {
    final CountDownLatch namespaceStarted = new CountDownLatch(1);
    final boolean waitForNamespace;
    final Map<String, ObservedNamespace> namespaces;
    final Map<String, ObservedService> services;
    final List<Optional<String>> namespaceReads = new CopyOnWriteArrayList<>();

    Account(
        boolean waitForNamespace,
        Map<String, ObservedNamespace> namespaces,
        Map<String, ObservedService> services) {
      this.waitForNamespace = waitForNamespace;
      this.namespaces = namespaces;
      this.services = services;
    }

    @Override
    public Map<String, ObservedNamespace> readNamespaces(String app, Optional<String> name) {
      assertEquals("shop", app);
      namespaceReads.add(name);
      namespaceStarted.countDown();
      return namespaces;
    }

    @Override
    public Map<String, ObservedService> readServices(String cluster, Collection<String> names) {
      if (waitForNamespace) {
        try {
          assertTrue(
              namespaceStarted.await(20, TimeUnit.SECONDS),
              "the namespace read did not start beside the services");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
      Map<String, ObservedService> out = new LinkedHashMap<>();
      names.stream().filter(services::containsKey).forEach(n -> out.put(n, services.get(n)));
      return out;
    }

    @Override
    public Map<String, ObservedService> listOwnedServices(
        String cluster, String app, Set<String> except) {
      return Map.of();
    }

    @Override
    public List<String> listServiceNames(String cluster) {
      return List.of();
    }

    @Override
    public ObjectNode readTaskDefinition(String arn) {
      return JSON.createObjectNode().put("taskDefinitionArn", arn);
    }
  }

  static ObservedNamespace ns(String name, Map<String, String> tags) {
    return new ObservedNamespace(
        "ns-" + name,
        "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-" + name,
        name,
        "HTTP",
        tags,
        0);
  }

  static List<ResourceChange> namespaceChanges(PlanResult plan) {
    return plan.plan().changes().stream().filter(c -> c.type() == NamespaceKind.INSTANCE).toList();
  }

  @Test
  void withServiceConnectTheNamespaceIsReadInTheFirstWaveAndCreatedWhenMissing() throws Exception {
    Account live = new Account(true, Map.of(), Map.of());
    PlanResult plan = Planner.plan(desired(APP + WORKER), live);
    assertEquals(List.of(Optional.of("shop")), live.namespaceReads);
    List<ResourceChange> changes = namespaceChanges(plan);
    assertEquals(1, changes.size());
    assertEquals(Action.CREATE, changes.get(0).action());
    assertEquals("shop", changes.get(0).name());
    assertEquals(
        List.of(".name", ".type", ".tags[\"fgd:app\"]"),
        changes.get(0).fields().stream().map(f -> f.path()).toList());
  }

  @Test
  void anExistingNamespaceOwnedOrNotIsNoChange() throws Exception {
    for (Map<String, String> tags : List.of(Map.of("fgd:app", "shop"), Map.<String, String>of())) {
      Account live = new Account(false, Map.of("shop", ns("shop", tags)), Map.of());
      assertEquals(List.of(), namespaceChanges(Planner.plan(desired(APP + WORKER), live)));
    }
  }

  @Test
  void anOwnedNamespaceTheSpecLeftIsDestroyedButNotAnotherAppsOrAnUnownedOne() throws Exception {
    Map<String, ObservedNamespace> live =
        Map.of(
            "shop", ns("shop", Map.of()),
            "shop-old", ns("shop-old", Map.of("fgd:app", "shop")),
            "other", ns("other", Map.of("fgd:app", "other")));
    PlanResult plan = Planner.plan(desired(APP + WORKER), new Account(false, live, Map.of()));
    List<ResourceChange> changes = namespaceChanges(plan);
    assertEquals(1, changes.size(), changes.toString());
    assertEquals(Action.DESTROY, changes.get(0).action());
    assertEquals("shop-old", changes.get(0).name());
  }

  @Test
  void aNamespaceNamedByArnIsNotReadByNameAndNeverCreated() throws Exception {
    String arn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abcdef0123456789";
    String spec =
        APP.replace(
            "  cluster        shop\n", "  cluster        shop\n  namespace \"" + arn + "\"\n");
    Account live = new Account(false, Map.of(), Map.of());
    assertEquals(List.of(), namespaceChanges(Planner.plan(desired(spec + WORKER), live)));
    assertEquals(List.of(Optional.empty()), live.namespaceReads, "only the app's own, to prune");
  }

  @Test
  void anAppThatNeverUsedServiceConnectMakesNoCloudMapCall() throws Exception {
    ObservedService api = service("api", false);
    Account live = new Account(false, Map.of(), Map.of("api", api));
    PlanResult plan = Planner.plan(desired(APP), live);
    assertEquals(List.of(), live.namespaceReads);
    assertEquals(List.of(), namespaceChanges(plan));
  }

  @Test
  void whenTheSpecDropsServiceConnectALiveServiceUsingItHasTheOwnedNamespaceRead()
      throws Exception {
    Account live =
        new Account(
            false,
            Map.of("shop", ns("shop", Map.of("fgd:app", "shop"))),
            Map.of("api", service("api", true)));
    PlanResult plan = Planner.plan(desired(APP), live);
    assertEquals(List.of(Optional.empty()), live.namespaceReads);
    List<ResourceChange> changes = namespaceChanges(plan);
    assertEquals(1, changes.size());
    assertEquals(Action.DESTROY, changes.get(0).action());
  }

  static ObservedService service(String name, boolean serviceConnect) {
    ObjectNode json = JSON.createObjectNode();
    json.put("serviceName", name).put("status", "ACTIVE");
    ObjectNode d = json.putArray("deployments").addObject();
    d.put("status", "PRIMARY").put("id", "ecs-svc/1");
    if (serviceConnect) {
      d.putObject("serviceConnectConfiguration")
          .put("enabled", true)
          .put("namespace", "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-shop");
    }
    return new ObservedService(
        name,
        "arn:aws:ecs:us-east-1:123456789012:service/shop/" + name,
        "ACTIVE",
        "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-" + name + ":1",
        Optional.of("ecs-svc/1"),
        json);
  }
}
