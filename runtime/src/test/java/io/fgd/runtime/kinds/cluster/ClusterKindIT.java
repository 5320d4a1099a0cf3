package io.fgd.runtime.kinds.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.engine.Applier;
import io.fgd.runtime.engine.ApplyListener;
import io.fgd.runtime.engine.ApplyOptions;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.engine.Fixtures;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.model.ClusterField;

/** The cluster against moto: created once, with the app's tag, and never deleted. */
@ExtendWith(MotoExtension.class)
class ClusterKindIT {
  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  @Test
  void createdOnceWithTheAppsTagAndKeptWhenEveryServiceIsPruned() throws Exception {
    ApplyResult created = account.apply(account.sheets());
    assertEquals(Status.APPLIED, created.status(), () -> "errors: " + created.errors());
    assertEquals(
        1, created.mutatingCalls().stream().filter(c -> c.equals("Ecs.CreateCluster")).count());
    var cluster =
        account
            .clients
            .ecs()
            .describeClusters(r -> r.clusters("sheets-prod").include(ClusterField.TAGS))
            .clusters()
            .get(0);
    assertEquals("ACTIVE", cluster.status());
    Map<String, String> tags = new TreeMap<>();
    cluster.tags().forEach(t -> tags.put(t.key(), t.value()));
    assertEquals(Map.of("fgd:app", "sheets"), tags);

    // A second apply finds it (through its ACTIVE services) and creates nothing.
    assertEquals(List.of(), account.apply(account.sheets()).mutatingCalls());

    // Pruning every service but one leaves the cluster alone.
    ApplyResult pruned =
        new Applier(
                account.clients,
                account.settings,
                ApplyOptions.DEFAULTS.withWait(false).withPrune(true),
                ApplyListener.none(),
                ProgressListener.none())
            .apply(account.plan(account.inMoto(Fixtures.without(Fixtures.sheets(), "server/"))));
    assertEquals(Status.APPLIED, pruned.status(), () -> "errors: " + pruned.errors());
    assertEquals(List.of("Ecs.UpdateService", "Ecs.DeleteService"), pruned.mutatingCalls());
    assertEquals(
        "ACTIVE",
        account
            .clients
            .ecs()
            .describeClusters(r -> r.clusters("sheets-prod"))
            .clusters()
            .get(0)
            .status());
  }
}
