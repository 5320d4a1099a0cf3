package io.fgd.runtime.kinds.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.compiler.Artifact;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.kinds.MotoApp;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.render.TextRenderer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * The cluster's capacity providers for {@code specs/examples/capacity.fgd} against moto, which
 * keeps CreateCluster's and PutClusterCapacityProviders' providers and default strategy and answers
 * them in DescribeClusters. Moto does not keep a service's capacityProviderStrategy (its
 * CreateService has no such parameter and reports launch type EC2), so the services' side is {@code
 * ServiceCapacityTest}'s and {@code ImporterTest}'s, with ECS-shaped answers; here only the
 * cluster's changes are compared.
 */
@ExtendWith(MotoExtension.class)
class CapacityIT {
  Account account;
  MotoApp app;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
    app = new MotoApp("reports", account);
  }

  @AfterEach
  void close() {
    account.close();
  }

  private List<Artifact> compile() throws Exception {
    return app.compile(MotoApp.example("capacity.fgd"));
  }

  private static List<ResourceChange> clusterChanges(Plan plan) {
    return plan.changes().stream().filter(c -> c.type() == ClusterKind.INSTANCE).toList();
  }

  private Cluster cluster() {
    return account
        .clients
        .ecs()
        .describeClusters(r -> r.clusters("reports-prod"))
        .clusters()
        .get(0);
  }

  @Test
  void aNewClusterIsCreatedWithTheFargateProviders() throws Exception {
    List<Artifact> artifacts = compile();
    Plan first = app.plan(artifacts).plan();
    String text = TextRenderer.render(first, false);
    assertTrue(text.contains("+ capacityProviders = [\"FARGATE\",\"FARGATE_SPOT\"]"), text);

    ApplyResult applied = app.tryApply(artifacts);
    assertEquals(ApplyResult.Status.APPLIED, applied.status(), () -> "" + applied.errors());
    assertEquals(List.of("FARGATE", "FARGATE_SPOT"), cluster().capacityProviders());
    assertEquals(List.of(), clusterChanges(app.plan(artifacts).plan()));
  }

  @Test
  void anExistingClusterGetsTheProvidersAndKeepsItsDefaultStrategy() throws Exception {
    account
        .clients
        .ecs()
        .createCluster(
            r ->
                r.clusterName("reports-prod")
                    .capacityProviders("FARGATE")
                    .defaultCapacityProviderStrategy(
                        s -> s.capacityProvider("FARGATE").weight(1).base(0)));
    List<Artifact> artifacts = compile();
    List<ResourceChange> changes = clusterChanges(app.plan(artifacts).plan());
    assertEquals(1, changes.size());
    assertEquals(Action.UPDATE, changes.get(0).action());

    ApplyResult applied = app.tryApply(artifacts);
    assertEquals(ApplyResult.Status.APPLIED, applied.status(), () -> "" + applied.errors());
    assertTrue(
        applied.mutatingCalls().contains("Ecs.PutClusterCapacityProviders"),
        () -> "" + applied.mutatingCalls());
    assertEquals(List.of("FARGATE", "FARGATE_SPOT"), cluster().capacityProviders());
    var strategy = cluster().defaultCapacityProviderStrategy();
    assertEquals(1, strategy.size());
    assertEquals("FARGATE", strategy.get(0).capacityProvider());
    assertEquals(1, strategy.get(0).weight());
    assertEquals(List.of(), clusterChanges(app.plan(artifacts).plan()));
  }

  @Test
  void theSavedPlanFingerprintCoversTheProviders() throws Exception {
    account.clients.ecs().createCluster(r -> r.clusterName("reports-prod"));
    List<Artifact> artifacts = compile();
    var before = new java.util.TreeMap<String, String>();
    ClusterKind.INSTANCE.fingerprint(app.plan(artifacts).observed(), before);
    account
        .clients
        .ecs()
        .putClusterCapacityProviders(
            r ->
                r.cluster("reports-prod")
                    .capacityProviders("FARGATE_SPOT")
                    .defaultCapacityProviderStrategy(List.of()));
    var after = new java.util.TreeMap<String, String>();
    ClusterKind.INSTANCE.fingerprint(app.plan(artifacts).observed(), after);
    assertTrue(!before.get("cluster").equals(after.get("cluster")), before + " " + after);
  }
}
