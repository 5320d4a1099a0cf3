package io.fgd.runtime.kinds.predeploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.engine.Kind;
import io.fgd.runtime.engine.Kinds;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.Account;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import io.fgd.runtime.render.JsonRenderer;
import io.fgd.runtime.render.MarkdownRenderer;
import io.fgd.runtime.render.TextRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * When the plan runs a service's before_deploy task, planned against moto: only when the service is
 * to run a revision it does not run now. Running the task is not tested here: moto answers RunTask
 * of an awsvpc task with HTTP 500 and its tasks carry no exit code, so the apply side is replayed
 * (cli's BeforeDeployReplayIT).
 */
@ExtendWith(MotoExtension.class)
class BeforeDeployKindIT {
  static final String REPO = "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:";
  static final Artifact MIGRATE =
      new Artifact(
          "api/before_deploy.json",
          ("{\"overrides\": {\"containerOverrides\": [{\"name\": \"api\", \"command\":"
                  + " [\"./manage.py\", \"migrate\"]}]}}")
              .getBytes(StandardCharsets.UTF_8));

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
    List<Artifact> out =
        new ArrayList<>(
            account.sheetsWith(
                "api/taskdef.json",
                td ->
                    ((ObjectNode) td.path("containerDefinitions").get(0))
                        .put("image", REPO + tag)));
    out.add(MIGRATE);
    return out;
  }

  private static List<ResourceChange> runs(Plan plan) {
    return plan.changes().stream().filter(c -> c.action() == Action.RUN).toList();
  }

  @Test
  void runsOnlyWhenTheServiceIsToRunAnotherRevision() throws Exception {
    // A new service: its first revision is new, so the task runs before it is created.
    Plan first = account.plan(image("v1")).plan();
    assertEquals(1, runs(first).size(), TextRenderer.render(first, false));
    assertTrue(runs(first).get(0).reason().orElseThrow().contains("\"api\" is created"));

    // Applied without the task (moto cannot run it), then planned with it: same revision, no run.
    List<Artifact> withoutTask = new ArrayList<>(image("v1"));
    withoutTask.remove(MIGRATE);
    assertEquals(Status.APPLIED, account.apply(withoutTask).status());
    Plan same = account.plan(image("v1")).plan();
    assertEquals(List.of(), runs(same), TextRenderer.render(same, false));
    assertEquals(false, same.hasChanges(), TextRenderer.render(same, false));

    // A new image: a new revision, so the task runs, after the task definition and before the
    // service in the plan's (and apply's) order.
    Plan next = account.plan(image("v2")).plan();
    List<String> order =
        next.changes().stream()
            .filter(c -> c.service().equals(java.util.Optional.of("api")))
            .map(c -> c.type().id() + " " + c.action().word())
            .toList();
    assertEquals(
        List.of("task_definition replace", "before_deploy run", "ecs_service update"), order);
    ResourceChange run = runs(next).get(0);
    assertTrue(run.reason().orElseThrow().contains("\"api\" is updated"), run.reason().get());

    String text = TextRenderer.render(next, false);
    assertTrue(
        text.contains(
            "  # task before deploy \"api\" will be run: with api's new revision, to completion,"
                + " before service \"api\" is updated"),
        text);
    assertTrue(text.contains("  > task before deploy \"api\"\n"), text);
    assertTrue(text.contains("+ command = [\"./manage.py\",\"migrate\"]"), text);
    assertTrue(text.contains("1 to change, 0 to destroy, 1 task to run first."), text);
    String json = JsonRenderer.render(next);
    assertTrue(json.contains("\"action\" : \"run\"") || json.contains("\"action\": \"run\""), json);
    assertTrue(json.contains("\"run\" : 1") || json.contains("\"run\": 1"), json);
    String markdown = MarkdownRenderer.render(next);
    assertTrue(markdown.contains("| `>` run | task before deploy `api` | `api` |"), markdown);
  }

  @Test
  void theKindGoesBeforeTheServiceWithWhatItNeeds() {
    assertEquals(
        List.of("ecs_cluster", "log_group", "task_definition", "before_deploy"),
        Kinds.beforeServices().stream().map(Kind::id).toList());
    int task = Kinds.ALL.indexOf(BeforeDeployKind.INSTANCE);
    int service = Kinds.ALL.stream().map(Kind::id).toList().indexOf("ecs_service");
    assertTrue(task < service, "the task runs before the service changes");
  }
}
