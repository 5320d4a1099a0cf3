package io.fgd.runtime.kinds.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.engine.Fingerprints;
import io.fgd.runtime.engine.PlanResult;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;

/**
 * The Cloud Map namespace kind against moto over HTTP, with the real SDK clients.
 *
 * <p>What moto (5.x) models and what it does not, read from its source: its servicediscovery
 * backend keeps HTTP namespaces with their tags and answers CreateHttpNamespace and DeleteNamespace
 * with an operation that is SUCCESS at once (so waiting is one GetOperation here; a PENDING
 * operation is a unit test's); it ignores ListNamespaces' Filters (fgd filters again) and answers
 * no ServiceCount. Its ECS backend does not model Service Connect at all: CreateService drops
 * {@code serviceConnectConfiguration} and DescribeServices' deployments never carry one. So after
 * an apply the plan still shows the services' Service Connect configuration as to be added, and
 * only that: these tests assert exactly that, and the service kind's comparison of a real ECS
 * answer (ARN namespace, defaults filled in) is covered by {@code ServiceConnectFormTest} with
 * ECS-shaped JSON. Moto keeps the task definition's port names and app protocols, so those
 * round-trip here.
 */
@ExtendWith(MotoExtension.class)
class NamespaceKindIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  /** The sheets app with api offering port 80 as api:80 in {@code namespace}; server a client. */
  private List<Artifact> withServiceConnect(String namespace) {
    List<Artifact> out = new ArrayList<>();
    for (Artifact a : account.sheets()) {
      try {
        ObjectNode node = (ObjectNode) JSON.readTree(a.content());
        if (a.path().endsWith("/service.json")) {
          ObjectNode sc = node.putObject("serviceConnectConfiguration");
          sc.put("enabled", true).put("namespace", namespace);
          if (a.path().startsWith("api/")) {
            ObjectNode svc = sc.putArray("services").addObject();
            svc.put("portName", "api-80").put("discoveryName", "api-80");
            svc.putArray("clientAliases").addObject().put("port", 80).put("dnsName", "api");
          }
        } else if (a.path().equals("api/taskdef.json")) {
          ((ObjectNode) node.at("/containerDefinitions/0/portMappings/0"))
              .put("name", "api-80")
              .put("appProtocol", "http");
        }
        out.add(new Artifact(a.path(), JSON.writeValueAsBytes(node)));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private Map<String, NamespaceSummary> namespaces() {
    Map<String, NamespaceSummary> out = new TreeMap<>();
    account
        .clients
        .cloudMap()
        .listNamespaces(r -> {})
        .namespaces()
        .forEach(n -> out.put(n.name(), n));
    return out;
  }

  private Map<String, String> tags(NamespaceSummary n) {
    Map<String, String> out = new TreeMap<>();
    account
        .clients
        .cloudMap()
        .listTagsForResource(r -> r.resourceARN(n.arn()))
        .tags()
        .forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  private static List<ResourceChange> ofKind(PlanResult plan, String kind) {
    return plan.plan().changes().stream().filter(c -> c.type().id().equals(kind)).toList();
  }

  /** What is left after an apply is only what moto's ECS forgets: Service Connect on services. */
  private static void onlyMotosServiceConnectGapIsLeft(PlanResult plan) {
    assertEquals(List.of(), ofKind(plan, "cloudmap_namespace"));
    assertEquals(List.of(), ofKind(plan, "task_definition"), "port names round-trip");
    for (ResourceChange c : plan.plan().changes()) {
      assertEquals("ecs_service", c.type().id(), c.address());
      assertEquals(Action.UPDATE, c.action());
      c.fields()
          .forEach(
              f ->
                  assertTrue(
                      f.path().startsWith(".serviceConnectConfiguration"),
                      "only moto's gap, not " + f.path()));
    }
  }

  private ApplyResult apply(List<Artifact> artifacts, boolean prune) throws Exception {
    return new Applier(
            account.clients,
            account.settings,
            ApplyOptions.DEFAULTS.withWait(false).withPrune(prune),
            ApplyListener.none(),
            ProgressListener.none())
        .apply(account.plan(artifacts));
  }

  @Test
  void applyCreatesTheNamespaceBeforeTheServicesAndPlansCleanAfter() throws Exception {
    List<Artifact> spec = withServiceConnect("sheets");
    PlanResult first = account.plan(spec);
    List<ResourceChange> creates = ofKind(first, "cloudmap_namespace");
    assertEquals(1, creates.size());
    assertEquals(Action.CREATE, creates.get(0).action());
    assertEquals("sheets", creates.get(0).name());

    ApplyResult applied = apply(spec, false);
    assertEquals(Status.APPLIED, applied.status(), applied.errors().toString());
    List<String> described = Account.described(applied);
    int namespace = described.indexOf("created Cloud Map namespace \"sheets\"");
    int service = described.indexOf("created service \"api\" (sheets-api:1)");
    assertTrue(namespace >= 0 && namespace < service, described.toString());

    NamespaceSummary ns = namespaces().get("sheets");
    assertEquals("HTTP", ns.typeAsString());
    assertEquals(Map.of("fgd:app", "sheets"), tags(ns));
    assertEquals(1, namespaces().size());

    PlanResult again = account.plan(spec);
    onlyMotosServiceConnectGapIsLeft(again);
    // The namespace costs the plan two requests (ListNamespaces, the tags of "sheets"); without
    // Service Connect in the spec (and none on moto's services) it costs none.
    assertEquals(2, again.apiCalls() - account.plan(account.sheets()).apiCalls());
    // Applying again creates no second namespace.
    assertEquals(Status.APPLIED, apply(spec, false).status());
    assertEquals(1, namespaces().size());
  }

  @Test
  void aNamespaceTheSpecLeftIsDeletedOnlyWithPruneAndAfterTheServices() throws Exception {
    assertEquals(Status.APPLIED, apply(withServiceConnect("sheets"), false).status());
    List<Artifact> moved = withServiceConnect("sheets-v2");

    PlanResult plan = account.plan(moved);
    List<ResourceChange> changes = ofKind(plan, "cloudmap_namespace");
    assertEquals(2, changes.size(), changes.toString());
    assertEquals(Action.CREATE, changes.get(0).action());
    assertEquals("sheets-v2", changes.get(0).name());
    assertEquals(Action.DESTROY, changes.get(1).action());
    assertEquals("sheets", changes.get(1).name());

    ApplyResult kept = apply(moved, false);
    assertEquals(Status.APPLIED, kept.status(), kept.errors().toString());
    assertTrue(namespaces().containsKey("sheets"), "no --prune, no delete");
    assertTrue(
        kept.notes().stream().anyMatch(n -> n.contains("Pass --prune")), kept.notes().toString());

    ApplyResult pruned = apply(moved, true);
    assertEquals(Status.APPLIED, pruned.status(), pruned.errors().toString());
    assertFalse(namespaces().containsKey("sheets"));
    assertTrue(namespaces().containsKey("sheets-v2"));
    List<String> described = Account.described(pruned);
    assertTrue(
        described.stream()
            .anyMatch(d -> d.contains("Cloud Map namespace") && d.contains("deleted")),
        described.toString());
    onlyMotosServiceConnectGapIsLeft(account.plan(moved));
  }

  @Test
  void aNamespaceOfTheSameNameFgdDidNotCreateIsUsedAndNeverTouched() throws Exception {
    account.clients.cloudMap().createHttpNamespace(r -> r.name("shared"));
    List<Artifact> spec = withServiceConnect("shared");
    assertEquals(List.of(), ofKind(account.plan(spec), "cloudmap_namespace"));
    assertEquals(Status.APPLIED, apply(spec, true).status());
    // The app moves away: the shared namespace is not the app's to delete.
    List<ResourceChange> moving =
        ofKind(account.plan(withServiceConnect("sheets")), "cloudmap_namespace");
    assertTrue(moving.stream().noneMatch(c -> c.action() == Action.DESTROY), moving.toString());
    assertEquals(Status.APPLIED, apply(withServiceConnect("sheets"), true).status());
    assertTrue(namespaces().containsKey("shared"));
    assertEquals(Map.of(), tags(namespaces().get("shared")));
  }

  @Test
  void aNamespaceNamedByArnIsNeitherCreatedNorDeleted() throws Exception {
    account.clients.cloudMap().createHttpNamespace(r -> r.name("platform"));
    String arn = namespaces().get("platform").arn();
    List<Artifact> spec = withServiceConnect(arn);
    assertEquals(List.of(), ofKind(account.plan(spec), "cloudmap_namespace"));
    assertEquals(Status.APPLIED, apply(spec, true).status());
    assertEquals(List.of("platform"), List.copyOf(namespaces().keySet()));
  }

  @Test
  void theFingerprintSeesATagChangedOnTheNamespace() throws Exception {
    List<Artifact> spec = withServiceConnect("sheets");
    assertEquals(Status.APPLIED, apply(spec, false).status());
    Map<String, String> before = Fingerprints.of(account.plan(spec).observed());
    NamespaceSummary ns = namespaces().get("sheets");
    account
        .clients
        .cloudMap()
        .tagResource(r -> r.resourceARN(ns.arn()).tags(t -> t.key("team").value("x")));
    Map<String, String> after = Fingerprints.of(account.plan(spec).observed());
    assertFalse(before.get("namespace/sheets").equals(after.get("namespace/sheets")));
  }
}
