package io.fgd.runtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.deploy.DeploymentOutcome.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@link DeploymentWatcher} through the real AWS SDK for Java v2 {@link EcsClient} (JSON 1.1 over
 * HTTP, SDK retry policy, response parsing) against {@link ReplayServer}, which replays scripted
 * ECS answers from {@code src/test/resources/replay/<scenario>/}.
 *
 * <p>A replay server instead of moto: moto completes a deployment at once and models neither
 * rollouts progressing over several polls, stopped tasks with reasons, nor circuit-breaker
 * rollbacks. Each test is one behaviour:
 *
 * <ul>
 *   <li>succeeds-after-rollout: success only once the rollout is COMPLETED; tasks stopped by the
 *       old deployment are not reported as failures; events are reported once each, in order
 *   <li>completed-needs-all-running: COMPLETED with running &lt; desired keeps waiting
 *   <li>old-primary-is-not-success: a COMPLETED PRIMARY on the old task definition is not success
 *   <li>circuit-breaker-rollback: breaker FAILED plus rollback ends in ROLLED_BACK with ECS's
 *       reason
 *   <li>image-pull-failing: three identical CannotPullContainerError stops end in TASKS_FAILING
 *   <li>started-by-someone-else: the same, with tasks whose {@code startedBy} is not the deployment
 *       id (emulators), matched by the deployment's task definition instead
 *   <li>different-failure-reasons: alternating reasons are not "identical"; the breaker decides
 *   <li>throttled-then-succeeds: ThrottlingException answers are retried by the SDK
 *   <li>two-services: two services watched in parallel, each with its own outcome
 *   <li>scripted in code: timeout with the last state; an old PRIMARY until the timeout; throttling
 *       beyond the SDK's retries (reported, polling goes on); AccessDenied (not retried, ERROR); a
 *       MISSING service; FAILED without rollback; services without rollout states; a stopped task
 *       read again while ECS is still stopping it; fail-fast turned off
 * </ul>
 *
 * Time is a {@link FakeTime}: the watcher's sleeps move the clock instead of waiting.
 */
class DeploymentWatcherTest {

  static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
  static final String CLUSTER = "demo";
  static final String API_42 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:42";
  static final String API_41 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:41";
  static final String WORKER_7 = "arn:aws:ecs:us-west-1:123456789012:task-definition/worker:7";
  static final WatchOptions FAST = WatchOptions.DEFAULTS.withPollInterval(Duration.ofSeconds(10));

  ReplayServer server;
  EcsClient ecs;
  FakeTime time;
  Recorder recorder;

  @BeforeEach
  void start() {
    server = ReplayServer.start();
    ecs = client(false);
    time = new FakeTime(T0);
    recorder = new Recorder();
  }

  @AfterEach
  void stop() {
    ecs.close();
    server.close();
  }

  /** The real client as apply builds it, pointed at the replay server. */
  EcsClient client(boolean quickRetries) {
    var builder =
        EcsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDREPLAY", "replay")))
            .httpClient(UrlConnectionHttpClient.create());
    if (quickRetries) {
      // The SDK's standard AWS strategy (same classification of throttling), waiting milliseconds.
      builder.overrideConfiguration(
          o ->
              o.retryStrategy(
                  AwsRetryStrategy.standardRetryStrategy().toBuilder()
                      .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                      .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                      .build()));
    }
    return builder.build();
  }

  DeploymentOutcome watchApi(WatchOptions options) throws InterruptedException {
    return new DeploymentWatcher(ecs, options, time, time).watch(CLUSTER, "api", API_42, recorder);
  }

  @Test
  void succeedsOnlyOnceTheRolloutIsCompleted() throws Exception {
    server.load("succeeds-after-rollout");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(
        "api:42 is deployed: 2/2 tasks running and the rollout is COMPLETED.",
        outcome.explanation());
    assertEquals(4, server.requests("DescribeServices").size(), "one success after 3 waits");
    JsonNode first = server.requests("DescribeServices").get(0).body();
    assertEquals("demo", first.get("cluster").asText());
    assertEquals("api", first.get("services").get(0).asText());
    assertEquals(
        List.of(
            "running 0/2, 2 pending, rollout IN_PROGRESS",
            "running 1/2, 1 pending, rollout IN_PROGRESS",
            "running 2/2, rollout IN_PROGRESS",
            "running 2/2, rollout COMPLETED"),
        recorder.summaries());
    // The "has stopped" event made it look; the stopped tasks belong to the old deployment.
    JsonNode listTasks = server.requests("ListTasks").get(0).body();
    assertEquals("STOPPED", listTasks.get("desiredStatus").asText());
    assertEquals("api", listTasks.get("serviceName").asText());
    assertEquals(List.of(), recorder.stopped);
    assertEquals(List.of(), server.unscripted());
    assertEquals(List.of(outcome), recorder.finished);
  }

  @Test
  void reportsEachNewEventOnceInOrderAndSkipsHistory() throws Exception {
    server.load("succeeds-after-rollout");

    watchApi(FAST);

    // Every answer repeats earlier events, newest first; the steady-state event from an hour
    // before the deployment is history.
    assertEquals(
        List.of(
            "api: (service api) has started 2 tasks: (task 0a1b2c3d4e5f40718293a4b5c6d7e8f9)"
                + " (task 1a1b2c3d4e5f40718293a4b5c6d7e8f9).",
            "api: (service api) has stopped 2 running tasks:"
                + " (task 9f8e7d6c5b4a40718293a4b5c6d7e8f9)"
                + " (task 8f8e7d6c5b4a40718293a4b5c6d7e8f9).",
            "api: (service api) (deployment ecs-svc/2222222222222222222) deployment completed.",
            "api: (service api) has reached a steady state."),
        recorder.events);
  }

  @Test
  void completedRolloutWithFewerTasksThanDesiredKeepsWaiting() throws Exception {
    server.load("completed-needs-all-running");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(3, server.requests("DescribeServices").size());
    assertEquals(
        List.of("running 1/2, 1 pending, rollout COMPLETED", "running 2/2, rollout COMPLETED"),
        recorder.summaries());
  }

  @Test
  void completedPrimaryOnTheOldTaskDefinitionIsNotSuccess() throws Exception {
    server.load("old-primary-is-not-success");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(4, server.requests("DescribeServices").size());
    assertEquals(
        "running 2/2, rollout COMPLETED, primary is api:41 not api:42",
        recorder.summaries().get(0));
  }

  @Test
  void oldPrimaryUntilTheTimeoutIsATimeoutNamingIt() throws Exception {
    server.script(
        "DescribeServices",
        null,
        "{\"services\":[{\"serviceName\":\"api\",\"status\":\"ACTIVE\",\"desiredCount\":2,"
            + "\"runningCount\":2,\"deployments\":[{\"id\":\"ecs-svc/1\",\"status\":\"PRIMARY\","
            + "\"taskDefinition\":\""
            + API_41
            + "\",\"desiredCount\":2,\"runningCount\":2,\"pendingCount\":0,\"failedTasks\":0,"
            + "\"rolloutState\":\"COMPLETED\"}],\"events\":[]}],\"failures\":[]}");

    DeploymentOutcome outcome = watchApi(FAST.withTimeout(Duration.ofMinutes(1)));

    assertEquals(Kind.TIMED_OUT, outcome.kind());
    assertEquals(
        "api:42 did not reach steady state within 1m; last seen: running 2/2,"
            + " rollout COMPLETED, primary is api:41 not api:42.",
        outcome.explanation());
  }

  @Test
  void circuitBreakerRollbackEndsInRolledBackWithTheReason() throws Exception {
    server.load("circuit-breaker-rollback");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.ROLLED_BACK, outcome.kind(), outcome.explanation());
    assertEquals("ECS deployment circuit breaker: tasks failed to start.", outcome.cause());
    assertEquals(
        "ECS marked the deployment of api:42 FAILED (ECS deployment circuit breaker: tasks failed"
            + " to start.) and rolled back to api:41.",
        outcome.explanation());
    assertEquals(
        List.of(
            "Essential container in task exited (app: exit code 1)",
            "Essential container in task exited (app: exit code 1)"),
        recorder.stopped.stream().map(StoppedTask::cause).toList());
    assertTrue(
        recorder.events.contains(
            "api: (service api) rolling back to deployment ecs-svc/1111111111111111111."),
        recorder.events.toString());
  }

  @Test
  void threeIdenticalImagePullFailuresStopTheWait() throws Exception {
    server.load("image-pull-failing");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.TASKS_FAILING, outcome.kind(), outcome.explanation());
    assertTrue(
        outcome.cause().startsWith("CannotPullContainerError: pull image manifest has been"),
        outcome.cause());
    assertTrue(
        outcome
            .explanation()
            .startsWith(
                "3 tasks of api:42 stopped in a row with the same reason:"
                    + " CannotPullContainerError:"),
        outcome.explanation());
    assertEquals(
        List.of(
            "d1000000000000000000000000000001",
            "d1000000000000000000000000000002",
            "d1000000000000000000000000000003"),
        recorder.stopped.stream().map(StoppedTask::taskId).toList(),
        "the old deployment's task stopped by a user is not ours");
    // Each stopped task is described once.
    List<Integer> described =
        server.requests("DescribeTasks").stream().map(r -> r.body().get("tasks").size()).toList();
    assertEquals(List.of(2, 1, 1), described);
    assertEquals(4, server.requests("DescribeServices").size());
  }

  @Test
  void stoppedTasksNotStartedByTheDeploymentAreMatchedByTheirTaskDefinition() throws Exception {
    // The image-pull-failing rollout, with the new deployment's tasks started by something other
    // than the deployment (an emulator's scheduler; the first has no startedBy at all), and an
    // api:42 task of an earlier attempt that stopped before this deployment was created.
    server.load("started-by-someone-else");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.TASKS_FAILING, outcome.kind(), outcome.explanation());
    assertTrue(
        outcome
            .explanation()
            .startsWith(
                "3 tasks of api:42 stopped in a row with the same reason:"
                    + " CannotPullContainerError:"),
        outcome.explanation());
    assertEquals(
        List.of(
            "d1000000000000000000000000000001",
            "d1000000000000000000000000000002",
            "d1000000000000000000000000000003"),
        recorder.stopped.stream().map(StoppedTask::taskId).toList(),
        "neither the old deployment's task nor the earlier attempt's is ours");
  }

  @Test
  void tasksOfAnotherDeploymentOfTheSameRevisionAreNotOurs() throws Exception {
    // A redeployment of api:42: the tasks the earlier deployment (ecs-svc/1, drained and no longer
    // listed) started are stopped while ours rolls out, all for the same reason.
    server.script(
        "DescribeServices",
        null,
        apiWith(
            deployment(
                "ecs-svc/2",
                "PRIMARY",
                API_42,
                0,
                3,
                ",\"failedTasks\":1,\"createdAt\":"
                    + T0.getEpochSecond()
                    + ",\"rolloutState\":\"IN_PROGRESS\"")));
    List<String> arns = new ArrayList<>();
    List<String> tasks = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      String arn =
          "arn:aws:ecs:us-west-1:123456789012:task/demo/b100000000000000000000000000000" + i;
      arns.add("\"" + arn + "\"");
      tasks.add(
          "{\"taskArn\":\""
              + arn
              + "\",\"startedBy\":\"ecs-svc/1\",\"taskDefinitionArn\":\""
              + API_42
              + "\",\"desiredStatus\":\"STOPPED\",\"lastStatus\":\"STOPPED\","
              + "\"stopCode\":\"ServiceSchedulerInitiated\",\"stoppedAt\":"
              + (T0.getEpochSecond() + 60)
              + ",\"stoppedReason\":\"Scaling activity initiated by (deployment ecs-svc/2)\","
              + "\"containers\":[]}");
    }
    server.script("ListTasks", null, "{\"taskArns\":[" + String.join(",", arns) + "]}");
    server.script("DescribeTasks", null, "{\"tasks\":[" + String.join(",", tasks) + "]}");

    DeploymentOutcome outcome = watchApi(FAST.withTimeout(Duration.ofMinutes(1)));

    assertEquals(Kind.TIMED_OUT, outcome.kind(), outcome.explanation());
    assertEquals(List.of(), recorder.stopped);
  }

  @Test
  void withFailFastOffRepeatedFailuresWaitForTheTimeout() throws Exception {
    server.load("image-pull-failing");

    DeploymentOutcome outcome =
        watchApi(FAST.withMaxTaskFailures(0).withTimeout(Duration.ofMinutes(2)));

    assertEquals(Kind.TIMED_OUT, outcome.kind(), outcome.explanation());
    assertEquals(3, recorder.stopped.size());
  }

  @Test
  void differentStopReasonsDoNotCountAsIdentical() throws Exception {
    server.load("different-failure-reasons");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.ROLLED_BACK, outcome.kind(), outcome.explanation());
    List<String> causes = recorder.stopped.stream().map(StoppedTask::cause).toList();
    assertEquals(4, causes.size(), causes.toString());
    assertTrue(causes.get(0).startsWith("ResourceInitializationError: unable to pull secrets"));
    assertTrue(causes.get(1).startsWith("CannotPullContainerError:"));
  }

  @Test
  void timesOutWithTheLastObservedStateWithoutRealSleeping() throws Exception {
    server.script(
        "DescribeServices",
        null,
        "{\"services\":[{\"serviceName\":\"api\",\"status\":\"ACTIVE\",\"desiredCount\":2,"
            + "\"runningCount\":1,\"deployments\":[{\"id\":\"ecs-svc/2\",\"status\":\"PRIMARY\","
            + "\"taskDefinition\":\""
            + API_42
            + "\",\"desiredCount\":2,\"runningCount\":1,\"pendingCount\":0,\"failedTasks\":0,"
            + "\"rolloutState\":\"IN_PROGRESS\"}],\"events\":[]}],\"failures\":[]}");
    long started = System.nanoTime();

    DeploymentOutcome outcome =
        watchApi(
            WatchOptions.DEFAULTS
                .withTimeout(Duration.ofMinutes(1))
                .withPollInterval(Duration.ofSeconds(15)));

    assertEquals(Kind.TIMED_OUT, outcome.kind());
    assertEquals(
        "api:42 did not reach steady state within 1m; last seen: running 1/2,"
            + " rollout IN_PROGRESS.",
        outcome.explanation());
    assertEquals(1, outcome.lastState().running());
    assertEquals(5, server.requests("DescribeServices").size(), "polls at 0, 15, 30, 45, 60 s");
    assertEquals(T0.plusSeconds(60), time.instant());
    assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
  }

  @Test
  void throttlingIsRetriedByTheSdkAndTheWatchSucceeds() throws Exception {
    server.load("throttled-then-succeeds");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(4, server.requests("DescribeServices").size(), "2 throttled + 2 answered");
    assertEquals(1, time.sleeps(), "the SDK retried within the first poll");
    assertEquals(List.of(), recorder.pollFailures);
  }

  @Test
  void throttlingBeyondTheSdkRetriesIsReportedAndPollingGoesOn() throws Exception {
    ecs.close();
    ecs = client(true);
    String throttled = "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}";
    List<String> answers = new ArrayList<>(Collections.nCopies(6, throttled));
    answers.add(
        "{\"services\":[{\"serviceName\":\"api\",\"status\":\"ACTIVE\",\"deployments\":[{"
            + "\"id\":\"ecs-svc/2\",\"status\":\"PRIMARY\",\"taskDefinition\":\""
            + API_42
            + "\",\"desiredCount\":1,\"runningCount\":1,\"rolloutState\":\"COMPLETED\"}],"
            + "\"events\":[]}],\"failures\":[]}");
    server.script("DescribeServices", null, answers.toArray(String[]::new));

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertTrue(!recorder.pollFailures.isEmpty(), "the SDK gave up at least once");
    assertTrue(
        recorder.pollFailures.get(0).startsWith("api: ThrottlingException: Rate exceeded"),
        recorder.pollFailures.toString());
  }

  @Test
  void accessDeniedIsNotRetriedAndEndsInError() throws Exception {
    server.script(
        "DescribeServices",
        null,
        "{\"__type\":\"AccessDeniedException\","
            + "\"message\":\"User: arn:aws:iam::123456789012:user/ci"
            + " is not authorized to perform: ecs:DescribeServices\"}");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.ERROR, outcome.kind());
    assertEquals(1, server.requests("DescribeServices").size());
    assertTrue(
        outcome
            .explanation()
            .startsWith("ECS refused to describe service api: AccessDeniedException: User:"),
        outcome.explanation());
  }

  @Test
  void aMissingServiceIsAnError() throws Exception {
    server.script(
        "DescribeServices",
        null,
        "{\"services\":[],\"failures\":[{"
            + "\"arn\":\"arn:aws:ecs:us-west-1:123456789012:service/demo/api\","
            + "\"reason\":\"MISSING\"}]}");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.ERROR, outcome.kind());
    assertEquals("ECS has no service api in cluster demo (MISSING).", outcome.explanation());
  }

  @Test
  void watchesTwoServicesConcurrently() throws Exception {
    server.load("two-services");
    server.gatherFirstRequests(2);

    List<DeploymentOutcome> outcomes =
        new DeploymentWatcher(ecs, FAST, time, time)
            .watchAll(
                CLUSTER,
                List.of(new WatchTarget("api", API_42), new WatchTarget("worker", WORKER_7)),
                recorder);

    assertTrue(server.gathered(), "both first DescribeServices calls were in flight together");
    assertEquals(
        List.of("api", "worker"), outcomes.stream().map(DeploymentOutcome::service).toList());
    assertEquals(Kind.SUCCEEDED, outcomes.get(0).kind(), outcomes.get(0).explanation());
    assertEquals(Kind.ROLLED_BACK, outcomes.get(1).kind(), outcomes.get(1).explanation());
    assertEquals(
        "ECS marked the deployment of worker:7 FAILED (ECS deployment circuit breaker: tasks failed"
            + " to start.) and rolled back to worker:6.",
        outcomes.get(1).explanation());
  }

  /** A DescribeServices answer for api with the given deployments (JSON objects). */
  static String apiWith(String... deployments) {
    return "{\"services\":[{\"serviceName\":\"api\",\"status\":\"ACTIVE\",\"deployments\":["
        + String.join(",", deployments)
        + "],\"events\":[]}],\"failures\":[]}";
  }

  static String deployment(
      String id, String status, String taskDefinition, int running, int desired, String extra) {
    return "{\"id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\",\"taskDefinition\":\""
        + taskDefinition
        + "\",\"runningCount\":"
        + running
        + ",\"desiredCount\":"
        + desired
        + extra
        + "}";
  }

  @Test
  void failedWithoutRollbackSaysTheServiceStaysOnTheFailedDeployment() throws Exception {
    server.script(
        "DescribeServices",
        null,
        apiWith(
            deployment(
                "ecs-svc/2",
                "PRIMARY",
                API_42,
                0,
                2,
                ",\"failedTasks\":3,\"rolloutState\":\"FAILED\",\"rolloutStateReason\":"
                    + "\"ECS deployment circuit breaker: tasks failed to start.\""),
            deployment("ecs-svc/1", "ACTIVE", API_41, 2, 2, "")));
    server.script("ListTasks", null, "{\"taskArns\":[]}");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.ROLLED_BACK, outcome.kind());
    assertEquals(
        "ECS marked the deployment of api:42 FAILED (ECS deployment circuit breaker: tasks failed"
            + " to start.) and did not roll back, so the service stays on the failed deployment.",
        outcome.explanation());
  }

  @Test
  void withoutRolloutStatesSuccessNeedsTheOnlyDeploymentFullyRunning() throws Exception {
    // CODE_DEPLOY controllers and Classic Load Balancers get no rolloutState from ECS.
    server.script(
        "DescribeServices",
        null,
        apiWith(
            deployment("ecs-svc/2", "PRIMARY", API_42, 2, 2, ""),
            deployment("ecs-svc/1", "ACTIVE", API_41, 1, 2, "")),
        apiWith(deployment("ecs-svc/2", "PRIMARY", API_42, 2, 2, "")));

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(2, server.requests("DescribeServices").size());
    assertEquals(
        "api:42 is deployed: 2/2 tasks running in the service's only deployment.",
        outcome.explanation());
  }

  @Test
  void aTaskStillStoppingIsReadAgainUntilItsReasonIsFinal() throws Exception {
    String arn = "arn:aws:ecs:us-west-1:123456789012:task/demo/a1000000000000000000000000000001";
    String task =
        "{\"taskArn\":\""
            + arn
            + "\",\"startedBy\":\"ecs-svc/2\",\"taskDefinitionArn\":\""
            + API_42
            + "\",\"desiredStatus\":\"STOPPED\",\"lastStatus\":\"%s\","
            + "\"stopCode\":\"TaskFailedToStart\",\"stoppedReason\":\"%s\",\"containers\":[]}";
    server.script(
        "DescribeServices",
        null,
        apiWith(
            deployment(
                "ecs-svc/2",
                "PRIMARY",
                API_42,
                0,
                1,
                ",\"failedTasks\":1,\"rolloutState\":\"IN_PROGRESS\"")));
    server.script("ListTasks", null, "{\"taskArns\":[\"" + arn + "\"]}");
    server.script(
        "DescribeTasks",
        null,
        "{\"tasks\":[" + String.format(task, "DEPROVISIONING", "Task is stopping") + "]}",
        "{\"tasks\":["
            + String.format(
                task,
                "STOPPED",
                "ResourceInitializationError: unable to pull secrets or registry auth")
            + "]}");

    DeploymentOutcome outcome = watchApi(FAST.withTimeout(Duration.ofMinutes(1)));

    assertEquals(Kind.TIMED_OUT, outcome.kind(), outcome.explanation());
    assertEquals(
        List.of("ResourceInitializationError: unable to pull secrets or registry auth"),
        recorder.stopped.stream().map(StoppedTask::cause).toList());
    assertEquals(2, server.requests("DescribeTasks").size(), "read again once, then never");
  }

  @Test
  void plainProgressForCiMatchesTheGoldenLog() throws Exception {
    server.load("image-pull-failing");
    StringWriter log = new StringWriter();

    new DeploymentWatcher(ecs, FAST, time, time)
        .watch(CLUSTER, "api", API_42, new PlainProgress(new PrintWriter(log), time));

    assertEquals(resource("/replay/image-pull-failing/plain-progress.txt"), log.toString());
  }

  static String resource(String name) throws IOException {
    try (InputStream in = DeploymentWatcherTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
