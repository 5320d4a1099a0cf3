package io.fgd.runtime.kinds.loggroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fgd.compiler.Artifact;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Log groups against moto: created with the spec's retention, the retention put back when it
 * drifts, and never deleted (a spec without a retention leaves the group's alone).
 */
@ExtendWith(MotoExtension.class)
class LogGroupKindIT {
  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  /** The sheets fixtures with the api's group kept {@code days} days (logs.json). */
  private List<Artifact> retention(int days) {
    List<Artifact> out = new ArrayList<>(account.sheets());
    out.add(
        Artifact.text(
            "api/logs.json",
            "{\"logGroup\": {\"logGroupName\": \"/ecs/sheets/api\"},"
                + " \"retention\": {\"logGroupName\": \"/ecs/sheets/api\", \"retentionInDays\": "
                + days
                + "}}"));
    return out;
  }

  private Integer retentionOf(String group) {
    return account
        .clients
        .logs()
        .describeLogGroups(r -> r.logGroupNamePrefix(group))
        .logGroups()
        .get(0)
        .retentionInDays();
  }

  @Test
  void createsWithTheRetentionAndPutsItBackWhenItDrifts() throws Exception {
    ApplyResult created = account.apply(retention(14));
    assertEquals(Status.APPLIED, created.status(), () -> "errors: " + created.errors());
    assertEquals(14, retentionOf("/ecs/sheets/api"));

    account
        .clients
        .logs()
        .putRetentionPolicy(r -> r.logGroupName("/ecs/sheets/api").retentionInDays(30));
    ApplyResult updated = account.apply(retention(14));
    assertEquals(List.of("CloudWatchLogs.PutRetentionPolicy"), updated.mutatingCalls());
    assertEquals(
        List.of("set retention of log group \"/ecs/sheets/api\" (14 days)"),
        Account.described(updated));
    assertEquals(14, retentionOf("/ecs/sheets/api"));

    // Without a retention in the spec the group keeps its own; nothing is deleted.
    ApplyResult without = account.apply(account.sheets());
    assertEquals(Status.NOTHING_TO_DO, without.status());
    assertEquals(14, retentionOf("/ecs/sheets/api"));
    assertFalse(account.plan(retention(14)).plan().hasChanges());
  }
}
