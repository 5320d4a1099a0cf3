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
 * {@code fgd run} through the real command line and SDK clients against a {@link ReplayServer}:
 * exit codes and stop reasons only exist where containers run, which moto does not do (its tasks
 * never stop by themselves and carry no exit code). Answers are shaped like the ECS and CloudWatch
 * Logs API references' (RunTask, DescribeTasks, GetLogEvents): moto 5.2.5 answers RunTask of any
 * awsvpc task with HTTP 500. OneOffTaskIT runs against moto what it models.
 */
class RunCommandIT {
  static final String TASK = ReplayCli.TASK;
  static final String TD_42 = "arn:aws:ecs:us-west-1:123456789012:task-definition/demo-api:42";
  static final String SPEC =
      """
      app demo {
        region us-west-1
        account 123456789012
        cluster demo
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        scheduler_role "arn:aws:iam::123456789012:role/demo-scheduler"
        network {
          subnets subnet-0a1b2c3d
          security_groups sg-0a1b2c3d
        }
      }
      service api {
        image "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:new"
        port 80
        replicas 2
      }
      job nightly {
        schedule "cron(0 3 * * ? *)" in Europe/Paris
        image    "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:new"
        command  ["report"]
      }
      """;

  @TempDir Path tmp;
  private ReplayServer server;

  @BeforeAll
  static void credentials() {
    ReplayCli.credentials();
  }

  @BeforeEach
  void start() {
    server = ReplayServer.start();
    // The service was never applied: the spec's task definition is registered as demo-api:42.
    ReplayCli.missingService(server, null);
    ReplayCli.registers(server, TD_42, "demo-api");
    ReplayCli.runsTask(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A DescribeTasks answer: the task stopped, container "api" with this exit code (or none). */
  static String stopped(Integer exitCode, String stopCode, String stoppedReason) {
    return "{\"tasks\": [{\"taskArn\": \""
        + TASK
        + "\", \"lastStatus\": \"STOPPED\", \"desiredStatus\": \"STOPPED\", \"stopCode\": \""
        + stopCode
        + "\", \"stoppedReason\": \""
        + stoppedReason
        + "\", \"stoppedAt\": 1795676460, \"containers\": [{\"name\": \"api\", \"lastStatus\":"
        + " \"STOPPED\""
        + (exitCode == null ? "" : ", \"exitCode\": " + exitCode)
        + "}]}], \"failures\": []}";
  }

  private MainTest.Run run(String... rest) throws IOException {
    return ReplayCli.fgd(tmp, SPEC, server, "run", rest);
  }

  @Test
  void printsTheContainersLinesOnceEachAndExitsWithItsExitCode() throws Exception {
    server.script(
        "DescribeTasks",
        null,
        stopped(3, "EssentialContainerExited", "Essential container in task exited"));
    // Two pages of lines, then the end of the stream (the same forward token given back).
    server.script(
        "GetLogEvents",
        null,
        "{\"events\": [{\"timestamp\": 1795676421000, \"message\": \"migrating\","
            + " \"ingestionTime\": 1795676422000}, {\"timestamp\": 1795676422000, \"message\":"
            + " \"step 1 of 2\", \"ingestionTime\": 1795676423000}], \"nextForwardToken\":"
            + " \"f/1\", \"nextBackwardToken\": \"b/1\"}",
        "{\"events\": [{\"timestamp\": 1795676423000, \"message\": \"failed: no such table\","
            + " \"ingestionTime\": 1795676424000}], \"nextForwardToken\": \"f/2\","
            + " \"nextBackwardToken\": \"b/2\"}",
        "{\"events\": [], \"nextForwardToken\": \"f/2\", \"nextBackwardToken\": \"b/2\"}");
    MainTest.Run r = run("api", "--", "./manage.py", "migrate", "--noinput");
    assertEquals(3, r.code(), r.out() + r.err());
    assertEquals("migrating\nstep 1 of 2\nfailed: no such table\n", r.out());
    assertTrue(r.err().contains("Registered demo-api:42, the spec's task definition."), r.err());
    assertTrue(r.err().contains("container \"api\" exited 3."), r.err());

    JsonNode runTask = server.requests("RunTask").get(0).body();
    assertEquals("demo", runTask.path("cluster").asText());
    assertEquals(TD_42, runTask.path("taskDefinition").asText());
    assertEquals("FARGATE", runTask.path("launchType").asText());
    assertEquals("fgd-run", runTask.path("startedBy").asText());
    JsonNode vpc = runTask.path("networkConfiguration").path("awsvpcConfiguration");
    assertEquals("subnet-0a1b2c3d", vpc.path("subnets").get(0).asText());
    assertEquals("sg-0a1b2c3d", vpc.path("securityGroups").get(0).asText());
    JsonNode override = runTask.path("overrides").path("containerOverrides").get(0);
    assertEquals("api", override.path("name").asText());
    assertEquals(
        "[\"./manage.py\",\"migrate\",\"--noinput\"]", override.path("command").toString());

    List<ReplayServer.Request> reads = server.requests("GetLogEvents");
    assertEquals("/ecs/demo/api", reads.get(0).body().path("logGroupName").asText());
    assertEquals(
        "api/api/0123456789abcdef0123456789abcdef",
        reads.get(0).body().path("logStreamName").asText());
    assertFalse(reads.get(0).body().has("nextToken"), "the first read starts at the head");
    assertEquals("f/1", reads.get(1).body().path("nextToken").asText());
    assertEquals("f/2", reads.get(2).body().path("nextToken").asText());
    assertEquals(List.of(), server.unscripted());
  }

  @Test
  void aTaskThatNeverRanExits1WithTheStopReason() throws Exception {
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
    MainTest.Run r = run("api");
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(
        r.err().contains("stopped before its container ran: CannotPullContainerError: pull image"),
        r.err());
    assertFalse(server.requests("RunTask").get(0).body().has("overrides"), "no command override");
  }

  @Test
  void detachPrintsTheTaskArnAndDoesNotWait() throws Exception {
    MainTest.Run r = run("api", "--detach");
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertEquals(TASK + "\n", r.out());
    assertEquals(List.of(), server.requests("DescribeTasks"));
  }

  @Test
  void ecsRefusingToPlaceTheTaskIsOneSentence() throws Exception {
    server.script(
        "RunTask",
        "demo-api",
        "{\"tasks\": [], \"failures\": [{\"arn\": \""
            + TD_42
            + "\", \"reason\": \"RESOURCE:ENI\"}]}");
    MainTest.Run r = run("api");
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("Error: ECS did not start the task: RESOURCE:ENI"), r.err());
  }

  @Test
  void aServiceNotInTheSpecIsADidYouMeanAndCallsNoAws() throws Exception {
    MainTest.Run r = run("apj");
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("\"apj\" is not a service or job of"), r.err());
    assertTrue(r.err().contains("Did you mean \"api\"?"), r.err());
    assertEquals(List.of(), server.requests());
  }

  @Test
  void liveWithoutARunningServiceSaysSo() throws Exception {
    MainTest.Run r = run("api", "--live");
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("does not run in ECS"), r.err());
    assertEquals(List.of(), server.requests("RunTask"));
  }

  /**
   * {@code fgd run SPEC JOB} takes the service's code path with the job's task definition and its
   * schedule's network. The job was never applied: ECS knows no revision of demo-nightly
   * (DescribeTaskDefinition answers ClientException, as the API reference says for an unknown
   * family), so the spec's is registered. Moto cannot say how a task ends, hence the replay.
   */
  @Test
  void aJobRunsNowAsItsScheduleWouldAndExitsWithItsContainersCode() throws Exception {
    String td = "arn:aws:ecs:us-west-1:123456789012:task-definition/demo-nightly:1";
    server.script(
        "DescribeTaskDefinition",
        null,
        "{\"__type\": \"ClientException\", \"message\": \"Unable to describe task definition.\"}");
    server.script(
        "RegisterTaskDefinition",
        "demo-nightly",
        "{\"taskDefinition\": {\"taskDefinitionArn\": \""
            + td
            + "\", \"family\": \"demo-nightly\", \"revision\": 1}}");
    server.script(
        "DescribeTasks",
        null,
        stopped(2, "EssentialContainerExited", "Essential container in task exited")
            .replace("\"name\": \"api\"", "\"name\": \"nightly\""));
    server.script(
        "GetLogEvents",
        null,
        "{\"events\": [{\"timestamp\": 1795676421000, \"message\": \"report: 3 rows\","
            + " \"ingestionTime\": 1795676422000}], \"nextForwardToken\": \"f/1\","
            + " \"nextBackwardToken\": \"b/1\"}",
        "{\"events\": [], \"nextForwardToken\": \"f/1\", \"nextBackwardToken\": \"b/1\"}");
    MainTest.Run r = run("nightly", "--", "report", "--dry-run");
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("report: 3 rows\n", r.out());
    assertTrue(r.err().contains("Registered demo-nightly:1, the spec's task definition."), r.err());
    assertEquals(List.of(), server.requests("DescribeServices"), "a job is not a service");
    assertEquals(
        "demo-nightly",
        server.requests("DescribeTaskDefinition").get(0).body().path("taskDefinition").asText());
    JsonNode runTask = server.requests("RunTask").get(0).body();
    assertEquals(td, runTask.path("taskDefinition").asText());
    assertEquals("fgd-run", runTask.path("startedBy").asText());
    JsonNode vpc = runTask.path("networkConfiguration").path("awsvpcConfiguration");
    assertEquals("subnet-0a1b2c3d", vpc.path("subnets").get(0).asText());
    JsonNode override = runTask.path("overrides").path("containerOverrides").get(0);
    assertEquals("nightly", override.path("name").asText());
    assertEquals("[\"report\",\"--dry-run\"]", override.path("command").toString());
    assertEquals(
        "/ecs/demo/nightly",
        server.requests("GetLogEvents").get(0).body().path("logGroupName").asText());
  }

  @Test
  void aNameNeitherServiceNorJobSuggestsFromBoth() throws Exception {
    MainTest.Run r = run("nightlt");
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("Did you mean \"nightly\"?"), r.err());
    assertTrue(r.err().contains("Its jobs are: nightly."), r.err());
    assertEquals(List.of(), server.requests());
  }
}
