package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.deploy.ReplayServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fgd apply} of a service with {@code before_deploy}, through the real command line and SDK
 * clients against a {@link ReplayServer}: the task's exit code, its stop reason and a task that
 * runs past the timeout exist only where containers run, which moto does not model (its RunTask of
 * an awsvpc task answers HTTP 500, and its tasks never stop by themselves nor carry an exit code).
 * Answers are shaped like the ECS and CloudWatch Logs API references' (RunTask, DescribeTasks,
 * GetLogEvents, CreateService). The service is new, so its first revision is new and the task runs.
 */
class BeforeDeployReplayIT {
  static final String TASK = ReplayCli.TASK;
  static final String TD_42 = "arn:aws:ecs:us-west-1:123456789012:task-definition/demo-api:42";
  static final String SPEC =
      ReplayCli.SPEC.replace(
          "  replicas 2\n",
          "  replicas 2\n  health none\n"
              + "  before_deploy [\"./manage.py\", \"migrate\", \"--noinput\"]\n");

  @TempDir Path tmp;
  private ReplayServer server;

  @BeforeAll
  static void credentials() {
    ReplayCli.credentials();
  }

  @BeforeEach
  void start() {
    server = ReplayServer.start();
    // The plan: the cluster and the log group exist, the service does not, nor any autoscaling.
    // The apply: register demo-api:42, run the task, then (if it succeeds) create the service.
    ReplayCli.newService(server, null);
    ReplayCli.registers(server, TD_42, "demo-api");
    ReplayCli.runsTask(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MainTest.Run fgd(String command, String... extra) throws IOException {
    return ReplayCli.fgd(tmp, SPEC, server, command, extra);
  }

  private MainTest.Run apply(String... extra) throws IOException {
    String[] args = new String[extra.length + 1];
    args[0] = "--auto-approve";
    System.arraycopy(extra, 0, args, 1, extra.length);
    return fgd("apply", args);
  }

  private List<String> mutating() {
    return server.requests().stream()
        .map(ReplayServer.Request::operation)
        .filter(o -> !o.startsWith("Describe") && !o.startsWith("List") && !o.startsWith("Get"))
        .toList();
  }

  /** DescribeTasks: the task stopped, container "api" with this exit code (or none). */
  static String stopped(Integer exitCode, String stopCode, String stoppedReason) {
    return RunCommandIT.stopped(exitCode, stopCode, stoppedReason).replace(RunCommandIT.TASK, TASK);
  }

  /** GetLogEvents: the migration's lines, then the end of the stream (the same token again). */
  private void scriptLines(String... lines) {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      events
          .append(i == 0 ? "" : ", ")
          .append("{\"timestamp\": ")
          .append(1795676421000L + i * 1000)
          .append(", \"message\": \"")
          .append(lines[i])
          .append("\", \"ingestionTime\": 1795676430000}");
    }
    server.script(
        "GetLogEvents",
        null,
        "{\"events\": ["
            + events
            + "], \"nextForwardToken\": \"f/1\", \"nextBackwardToken\": \"b/1\"}",
        "{\"events\": [], \"nextForwardToken\": \"f/1\", \"nextBackwardToken\": \"b/1\"}");
  }

  @Test
  void aTaskThatExits0IsWaitedForEvenWithNoWaitThenTheServiceIsCreated() throws Exception {
    server.script(
        "DescribeTasks",
        null,
        "{\"tasks\": [{\"taskArn\": \"" + TASK + "\", \"lastStatus\": \"RUNNING\"}]}",
        stopped(0, "EssentialContainerExited", "Essential container in task exited"));
    scriptLines("Applying migration 0042_orders", "Migrations done");
    MainTest.Run r = apply("--no-wait");
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("api | Applying migration 0042_orders\n"), r.out());
    assertTrue(r.out().contains("api | Migrations done\n"), r.out());
    assertTrue(r.out().contains("exited 0"), r.out());
    // The revision first, then the task, then (only once the task has stopped) the service.
    assertEquals(List.of("RegisterTaskDefinition", "RunTask", "CreateService"), mutating());
    List<String> all = server.requests().stream().map(ReplayServer.Request::operation).toList();
    assertTrue(
        all.lastIndexOf("DescribeTasks") < all.indexOf("CreateService"),
        "the service is created after the task was seen stopped: " + all);

    JsonNode runTask = server.requests("RunTask").get(0).body();
    assertEquals(TD_42, runTask.path("taskDefinition").asText());
    assertEquals("fgd-apply", runTask.path("startedBy").asText());
    assertEquals(
        "subnet-0a1b2c3d",
        runTask
            .path("networkConfiguration")
            .path("awsvpcConfiguration")
            .path("subnets")
            .get(0)
            .asText());
    JsonNode override = runTask.path("overrides").path("containerOverrides").get(0);
    assertEquals("api", override.path("name").asText());
    assertEquals(
        "[\"./manage.py\",\"migrate\",\"--noinput\"]", override.path("command").toString());
    assertEquals(
        "api/api/0123456789abcdef0123456789abcdef",
        server.requests("GetLogEvents").get(0).body().path("logStreamName").asText());
    assertEquals(List.of(), server.unscripted(), "every call the apply made was answered");
  }

  @Test
  void aTaskThatExitsNonZeroStopsTheApplyWithExit7AndNoServiceChanged() throws Exception {
    server.script(
        "DescribeTasks",
        null,
        stopped(3, "EssentialContainerExited", "Essential container in task exited"));
    scriptLines("Applying migration 0042_orders", "django.db.utils.ProgrammingError: no table");
    MainTest.Run r = apply();
    assertEquals(ExitCodes.BEFORE_DEPLOY_FAILED, r.code(), r.out() + r.err());
    assertEquals(7, ExitCodes.BEFORE_DEPLOY_FAILED);
    assertTrue(
        r.err()
            .contains("The task before deploying service \"api\" exited 3 (task 0123456789abcdef"),
        r.err());
    assertTrue(r.err().contains("No service was created or updated"), r.err());
    assertTrue(r.err().contains("demo-api:42 was registered for it"), r.err());
    assertTrue(
        r.err()
            .contains(
                "Its last lines:\n  Applying migration 0042_orders\n"
                    + "  django.db.utils.ProgrammingError: no table"),
        r.err());
    assertEquals(List.of("RegisterTaskDefinition", "RunTask"), mutating());
    assertEquals(List.of(), server.requests("CreateService"));
    assertEquals(List.of(), server.requests("UpdateService"));
    assertEquals(List.of(), server.unscripted());
  }

  @Test
  void aTaskThatNeverRanIsTheSameFailureWithTheStopReason() throws Exception {
    server.script(
        "DescribeTasks",
        null,
        stopped(
            null,
            "TaskFailedToStart",
            "CannotPullContainerError: pull image manifest has been retried 5 time(s): not found"));
    server.script(
        "GetLogEvents",
        null,
        "{\"__type\": \"ResourceNotFoundException\", \"message\": \"The specified log stream does"
            + " not exist.\"}");
    MainTest.Run r = apply();
    assertEquals(ExitCodes.BEFORE_DEPLOY_FAILED, r.code(), r.out() + r.err());
    assertTrue(
        r.err().contains("stopped before its container ran (task 0123456789abcdef"), r.err());
    assertTrue(r.err().contains("CannotPullContainerError: pull image manifest"), r.err());
    assertEquals(List.of("RegisterTaskDefinition", "RunTask"), mutating());
  }

  @Test
  void aTaskEcsWouldNotPlaceIsTheSameFailure() throws Exception {
    server.script(
        "RunTask",
        "demo-api",
        "{\"tasks\": [], \"failures\": [{\"arn\": \""
            + TD_42
            + "\", \"reason\": \"RESOURCE:ENI\"}]}");
    MainTest.Run r = apply();
    assertEquals(ExitCodes.BEFORE_DEPLOY_FAILED, r.code(), r.out() + r.err());
    assertTrue(
        r.err().contains("did not start: ECS did not start the task: RESOURCE:ENI"), r.err());
    assertEquals(List.of("RegisterTaskDefinition", "RunTask"), mutating());
  }

  @Test
  void aTaskStillRunningAtTheTimeoutIsLeftRunningAndNothingIsDeployed() throws Exception {
    server.script(
        "DescribeTasks",
        null,
        "{\"tasks\": [{\"taskArn\": \"" + TASK + "\", \"lastStatus\": \"RUNNING\"}]}");
    scriptLines("Applying migration 0042_orders");
    MainTest.Run r = apply("--timeout", "1s");
    assertEquals(ExitCodes.TIMED_OUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("had not ended when the timeout (--timeout"), r.err());
    assertTrue(r.err().contains("fgd left it running"), r.err());
    assertEquals(List.of("RegisterTaskDefinition", "RunTask"), mutating(), "no StopTask either");
  }

  @Test
  void skipBeforeDeployRunsNoTask() throws Exception {
    MainTest.Run r = apply("--no-wait", "--skip-before-deploy");
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertEquals(List.of("RegisterTaskDefinition", "CreateService"), mutating());
  }

  @Test
  void thePlanShowsTheStepInTextJsonAndMarkdown() throws Exception {
    MainTest.Run text = fgd("plan");
    assertEquals(ExitCodes.OK, text.code(), text.out() + text.err());
    assertTrue(
        text.out()
            .contains(
                "# task before deploy \"api\" will be run: with api's new revision, to completion,"
                    + " before service \"api\" is created"),
        text.out());
    assertTrue(text.out().contains("1 task to run first."), text.out());
    MainTest.Run json = fgd("plan", "--json");
    assertTrue(json.out().contains("\"action\" : \"run\""), json.out());
    MainTest.Run markdown = fgd("plan", "--markdown");
    assertTrue(markdown.out().contains("| `>` run | task before deploy `api` |"), markdown.out());
    MainTest.Run skipped = fgd("plan", "--skip-before-deploy");
    assertFalse(skipped.out().contains("task before deploy"), skipped.out());
    assertEquals(List.of(), mutating(), "plans change nothing");
  }

  @Test
  void aSavedPlanRecordsTheStepAndItsApplyRunsIt() throws Exception {
    server.script(
        "DescribeTasks",
        null,
        stopped(2, "EssentialContainerExited", "Essential container in task exited"));
    scriptLines("Applying migration 0042_orders");
    Path saved = tmp.resolve("app.plan");
    MainTest.Run plan = fgd("plan", "--out", saved.toString());
    assertEquals(ExitCodes.OK, plan.code(), plan.out() + plan.err());
    MainTest.Run r =
        MainTest.run("apply", saved.toString(), "--endpoint-url", server.endpoint().toString());
    assertEquals(ExitCodes.BEFORE_DEPLOY_FAILED, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("exited 2"), r.err());
    assertEquals(List.of("RegisterTaskDefinition", "RunTask"), mutating());
  }
}
