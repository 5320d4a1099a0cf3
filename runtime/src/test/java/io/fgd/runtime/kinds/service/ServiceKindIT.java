package io.fgd.runtime.kinds.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.engine.ApplyResult;
import io.fgd.runtime.engine.ApplyResult.Status;
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

/** The service kind against moto: what UpdateService cannot do is refused; tags follow the spec. */
@ExtendWith(MotoExtension.class)
class ServiceKindIT {
  Account account;

  @BeforeEach
  void connect(MotoServer moto) {
    account = new Account(moto);
  }

  @AfterEach
  void close() {
    account.close();
  }

  private Map<String, String> tags(String service) {
    String arn =
        account
            .clients
            .ecs()
            .describeServices(r -> r.cluster("sheets-prod").services(service))
            .services()
            .get(0)
            .serviceArn();
    Map<String, String> out = new TreeMap<>();
    account
        .clients
        .ecs()
        .listTagsForResource(r -> r.resourceArn(arn))
        .tags()
        .forEach(t -> out.put(t.key(), t.value()));
    return out;
  }

  @Test
  void applyRefusesToReplaceAServiceAndChangesNothing() throws Exception {
    assertEquals(Status.APPLIED, account.apply(account.sheets()).status());
    List<Artifact> onEc2 =
        account.sheetsWith("server/service.json", s -> s.put("launchType", "EC2"));
    ApplyResult result = account.apply(onEc2);
    assertEquals(Status.REFUSED, result.status());
    assertEquals(
        List.of(
            "Service \"server\" would have to be replaced (launchType changed), and ECS cannot"
                + " change that in place. fgd does not delete a running service to recreate it:"
                + " delete the service yourself (scale it to 0, then `aws ecs delete-service`) and"
                + " run fgd apply again."),
        result.errors());
    assertEquals(List.of(), result.mutatingCalls());
    assertEquals(List.of(), result.changes());
  }

  @Test
  void tagsTheSpecNoLongerHasAreRemoved() throws Exception {
    List<Artifact> withTeam =
        account.sheetsWith(
            "server/service.json",
            s -> ((ArrayNode) s.path("tags")).addObject().put("key", "team").put("value", "a"));
    assertEquals(Status.APPLIED, account.apply(withTeam).status());
    assertEquals(Map.of("fgd:app", "sheets", "fgd:service", "server", "team", "a"), tags("server"));

    ApplyResult result = account.apply(account.sheets());
    assertEquals(Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    assertEquals(List.of("untagged service \"server\" (team)"), Account.described(result));
    assertEquals(List.of("Ecs.UntagResource"), result.mutatingCalls());
    assertEquals(Map.of("fgd:app", "sheets", "fgd:service", "server"), tags("server"));
    assertFalse(account.plan(account.sheets()).plan().hasChanges());
  }
}
