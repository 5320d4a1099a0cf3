package io.fgd.runtime.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.deploy.ReplayServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A long-running task followed over several polls, through the real SDK clients against a {@link
 * ReplayServer} (moto runs no containers: its tasks neither log, stop nor exit). The sleeper does
 * not sleep: each poll is one scripted answer.
 */
class TaskRunTest {
  private static final String TASK =
      "arn:aws:ecs:us-west-1:123456789012:task/demo/0123456789abcdef0123456789abcdef";
  private static final String RUNNING =
      "{\"tasks\": [{\"taskArn\": \"" + TASK + "\", \"lastStatus\": \"RUNNING\"}]}";

  private ReplayServer server;
  private AwsClients clients;
  private int sleeps;

  @BeforeEach
  void start() {
    server = ReplayServer.start();
    clients =
        AwsClients.create(
            new AwsSettings(
                Optional.empty(), Optional.of("us-west-1"), Optional.of(server.endpoint())),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
  }

  @AfterEach
  void stop() {
    clients.close();
    server.close();
  }

  private TaskRun run() {
    return new TaskRun(clients.ecs(), clients.logs(), d -> sleeps++, Duration.ofSeconds(3));
  }

  private static TaskRun.Request request() {
    return new TaskRun.Request(
        "demo",
        "demo-api:42",
        "api",
        List.of(),
        List.of("subnet-1"),
        List.of("sg-1"),
        false,
        Optional.of(new TaskRun.LogStream("/ecs/demo/api", "api")),
        OneOffTask.STARTED_BY);
  }

  private static String page(String token, String... messages) {
    StringBuilder s = new StringBuilder("{\"events\": [");
    for (int i = 0; i < messages.length; i++) {
      s.append(i == 0 ? "" : ", ");
      s.append("{\"timestamp\": ").append(1795676421000L + i).append(", \"message\": \"");
      s.append(messages[i]).append("\"}");
    }
    return s.append("], \"nextForwardToken\": \"").append(token).append("\"}").toString();
  }

  private static String stoppedWith(int exitCode) {
    return "{\"tasks\": [{\"taskArn\": \""
        + TASK
        + "\", \"lastStatus\": \"STOPPED\", \"stoppedReason\": \"Essential container in task"
        + " exited\", \"containers\": [{\"name\": \"api\", \"exitCode\": "
        + exitCode
        + "}]}]}";
  }

  @Test
  void linesOfAllPollsArriveOnceInOrderAndTheExitCodeIsTheContainers() throws Exception {
    server.script("DescribeTasks", null, RUNNING, RUNNING, stoppedWith(0));
    // Poll 1: the stream does not exist yet. Poll 2: two lines, then the end. Poll 3: an empty
    // page that is not the end (a new token), one more line, the end. Final read: the end.
    server.script(
        "GetLogEvents",
        null,
        "{\"__type\": \"ResourceNotFoundException\", \"message\": \"The specified log stream does"
            + " not exist.\"}",
        page("f/1", "one", "two"),
        page("f/1"),
        page("f/2"),
        page("f/3", "three"),
        page("f/3"),
        page("f/3"));
    List<String> lines = new ArrayList<>();
    TaskRun.Outcome outcome =
        run()
            .follow(
                request(),
                TASK,
                new TaskRun.Listener() {
                  @Override
                  public void line(Instant at, String message) {
                    lines.add(message);
                  }
                });
    assertEquals(List.of("one", "two", "three"), lines);
    assertEquals(0, outcome.processExitCode());
    assertFalse(outcome.cancelled());
    assertEquals(List.of("one", "two", "three"), outcome.lastLines());
    assertEquals(2, sleeps, "one wait between each of the three polls");
    List<String> tokens =
        server.requests("GetLogEvents").stream()
            .map(r -> r.body().path("nextToken").asText("-"))
            .toList();
    assertEquals(List.of("-", "-", "f/1", "f/1", "f/2", "f/3", "f/3"), tokens);
  }

  @Test
  void cancelStopsTheTaskAndWaitsForItToStop() throws Exception {
    server.script("DescribeTasks", null, RUNNING, RUNNING, stoppedWith(143));
    server.script("GetLogEvents", null, page("f/1", "working"), page("f/1"));
    server.script("StopTask", null, "{\"task\": {\"taskArn\": \"" + TASK + "\"}}");
    TaskRun run = run();
    TaskRun.Outcome outcome =
        run.follow(
            request(),
            TASK,
            new TaskRun.Listener() {
              @Override
              public void line(Instant at, String message) {
                run.cancel(); // as Ctrl-C would, while the task runs
              }
            });
    assertTrue(outcome.cancelled());
    assertEquals(1, server.requests("StopTask").size(), "stopped once");
    assertEquals(TASK, server.requests("StopTask").get(0).body().path("task").asText());
    assertEquals(
        "Stopped by fgd run (Ctrl-C)",
        server.requests("StopTask").get(0).body().path("reason").asText());
  }

  @Test
  void lastLinesKeepsOnlyTheNewest() throws Exception {
    String[] many = new String[TaskRun.LAST_LINES + 5];
    for (int i = 0; i < many.length; i++) {
      many[i] = "line " + i;
    }
    server.script("DescribeTasks", null, stoppedWith(1));
    server.script("GetLogEvents", null, page("f/1", many), page("f/1"));
    TaskRun.Outcome outcome = run().follow(request(), TASK, new TaskRun.Listener() {});
    assertEquals(TaskRun.LAST_LINES, outcome.lastLines().size());
    assertEquals("line 5", outcome.lastLines().get(0));
    assertEquals(1, outcome.processExitCode());
  }
}
