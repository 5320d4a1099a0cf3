package io.fgd.runtime.kinds.taskdefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Task definitions against moto: registered when the spec changes, the revision before reused by a
 * revert, and nothing registered when the spec already runs.
 */
@ExtendWith(MotoExtension.class)
class TaskDefinitionKindIT {
  static final String REPO = "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:";

  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  private List<Artifact> image(String tag) {
    return account.sheetsWith(
        "api/taskdef.json",
        td -> ((ObjectNode) td.path("containerDefinitions").get(0)).put("image", REPO + tag));
  }

  private List<String> registered(ApplyResult result) {
    return result.mutatingCalls().stream()
        .filter(c -> c.equals("Ecs.RegisterTaskDefinition"))
        .toList();
  }

  @Test
  void registersOnChangeReusesTheRevisionBeforeOnRevertAndNothingOnReapply() throws Exception {
    assertEquals(Status.APPLIED, account.apply(image("v1")).status()); // sheets-api:1
    ApplyResult v2 = account.apply(image("v2"));
    assertEquals(List.of("Ecs.RegisterTaskDefinition"), registered(v2)); // :2

    ApplyResult revert = account.apply(image("v1"));
    assertEquals(List.of(), registered(revert));
    assertEquals(
        List.of("Task definition \"sheets-api\": reusing sheets-api:1, which equals the spec."),
        revert.notes());

    ApplyResult again = account.apply(image("v1"));
    assertEquals(Status.NOTHING_TO_DO, again.status());
    assertEquals(List.of(), again.mutatingCalls());

    // Only the revision before the running one is looked at: running :1, going to v2 again
    // registers :3 rather than search the family for :2 (a request per revision).
    ApplyResult forward = account.apply(image("v2"));
    assertEquals(List.of("Ecs.RegisterTaskDefinition"), registered(forward));
    assertEquals(
        List.of("registered task definition \"sheets-api\" (sheets-api:3)"),
        forward.changes().stream()
            .map(io.fgd.runtime.engine.AppliedChange::describe)
            .filter(d -> d.startsWith("registered"))
            .toList());
  }
}
