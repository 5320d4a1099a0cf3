package io.fgd.runtime.deploy;

import static io.fgd.runtime.deploy.DeploymentWatcherTest.API_41;
import static io.fgd.runtime.deploy.DeploymentWatcherTest.API_42;
import static io.fgd.runtime.deploy.DeploymentWatcherTest.CLUSTER;
import static io.fgd.runtime.deploy.DeploymentWatcherTest.FAST;
import static io.fgd.runtime.deploy.DeploymentWatcherTest.T0;
import static io.fgd.runtime.deploy.RolloutTest.BREAKER;
import static io.fgd.runtime.deploy.RolloutTest.OLD_COMPLETED;
import static io.fgd.runtime.deploy.RolloutTest.T0_SECONDS;
import static io.fgd.runtime.deploy.RolloutTest.answer;
import static io.fgd.runtime.deploy.RolloutTest.deployment;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fgd.runtime.deploy.DeploymentOutcome.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@link DeploymentWatcher#watchInFlight}: waiting for the rollout a service has in flight, which
 * this run did not start (a no-change apply after one that timed out), with no task definition ARN
 * given by the caller. Through the real SDK client against {@link ReplayServer}; time is a {@link
 * FakeTime}.
 */
class InFlightWatchTest {

  ReplayServer server;
  EcsClient ecs;
  FakeTime time;
  Recorder recorder;

  @BeforeEach
  void start() {
    server = ReplayServer.start();
    ecs =
        EcsClient.builder()
            .endpointOverride(server.endpoint())
            .region(Region.US_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDREPLAY", "replay")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    time = new FakeTime(T0.plus(Duration.ofMinutes(20)));
    recorder = new Recorder();
  }

  @AfterEach
  void stop() {
    ecs.close();
    server.close();
  }

  DeploymentOutcome watchApi(WatchOptions options) throws InterruptedException {
    return new DeploymentWatcher(ecs, options, time, time).watchInFlight(CLUSTER, "api", recorder);
  }

  static String primary(int running, String rolloutState) {
    return deployment(
        "ecs-svc/2222", "PRIMARY", API_42, running, 3, T0_SECONDS, rolloutState, null);
  }

  @Test
  void waitsForThePrimaryDeploymentInFlightUntilItIsSteady() throws Exception {
    server.script(
        "DescribeServices",
        null,
        answer(List.of(primary(1, "IN_PROGRESS"), OLD_COMPLETED), List.of()),
        answer(List.of(primary(3, "IN_PROGRESS"), OLD_COMPLETED), List.of()),
        answer(List.of(primary(3, "COMPLETED")), List.of()));

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(
        "api:42 is deployed: 3/3 tasks running and the rollout is COMPLETED.",
        outcome.explanation());
    assertEquals(3, server.requests("DescribeServices").size());
    assertEquals(
        List.of(
            "running 1/3, rollout IN_PROGRESS",
            "running 3/3, rollout IN_PROGRESS",
            "running 3/3, rollout COMPLETED"),
        recorder.summaries());
  }

  @Test
  void aSteadyServiceEndsTheWaitAtOnce() throws Exception {
    server.script("DescribeServices", null, answer(List.of(primary(3, "COMPLETED")), List.of()));

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(1, server.requests("DescribeServices").size());
    assertEquals(0, time.sleeps());
  }

  @Test
  void aRolloutStillInProgressAtTheDeadlineTimesOut() throws Exception {
    server.script(
        "DescribeServices",
        null,
        answer(List.of(primary(1, "IN_PROGRESS"), OLD_COMPLETED), List.of()));

    DeploymentOutcome outcome = watchApi(FAST.withTimeout(Duration.ofMinutes(1)));

    assertEquals(Kind.TIMED_OUT, outcome.kind(), outcome.explanation());
    assertEquals(
        "api:42 did not reach steady state within 1m; last seen: running 1/3, rollout"
            + " IN_PROGRESS.",
        outcome.explanation());
  }

  @Test
  void aDeploymentAlreadyFailedWithoutRollbackFailsAtOnce() throws Exception {
    server.script(
        "DescribeServices",
        null,
        answer(
            List.of(
                deployment("ecs-svc/2222", "PRIMARY", API_42, 0, 3, T0_SECONDS, "FAILED", BREAKER),
                OLD_COMPLETED),
            List.of()));
    server.script("ListTasks", null, "{\"taskArns\":[]}");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.ROLLED_BACK, outcome.kind(), outcome.explanation());
    assertEquals(
        "ECS marked the deployment of api:42 FAILED ("
            + BREAKER
            + ") and did not roll back,"
            + " so the service stays on the failed deployment.",
        outcome.explanation());
    assertEquals(BREAKER, outcome.cause());
    assertEquals(1, server.requests("DescribeServices").size());
  }

  @Test
  void aRollbackUnderWayFailsAtOnceNamingTheRevisionEcsWentBackTo() throws Exception {
    // The circuit-breaker-rollback scenario's last answer, as a second apply sees it.
    JsonNode answers =
        RolloutTest.JSON.readTree(
            DeploymentWatcherTest.resource(
                "/replay/circuit-breaker-rollback/describe-services.json"));
    server.script("DescribeServices", null, answers.get(answers.size() - 1).toString());
    server.script("ListTasks", null, "{\"taskArns\":[]}");

    DeploymentOutcome outcome = watchApi(FAST);

    assertEquals(Kind.ROLLED_BACK, outcome.kind(), outcome.explanation());
    assertEquals(
        "ECS marked the deployment of api:42 FAILED (" + BREAKER + ") and rolled back to api:41.",
        outcome.explanation());
    assertEquals(1, server.requests("DescribeServices").size());
    assertEquals(API_41, outcome.lastState().primaryTaskDefinition());
  }

  @Test
  void watchAllTakesInFlightTargetsBesideThoseOfThisRun() throws Exception {
    server.script(
        "DescribeServices",
        "\"api\"",
        answer(List.of(primary(1, "IN_PROGRESS"), OLD_COMPLETED), List.of()),
        answer(List.of(primary(3, "COMPLETED")), List.of()));
    server.script(
        "DescribeServices",
        "\"worker\"",
        "{\"services\":[{\"serviceName\":\"worker\",\"status\":\"ACTIVE\",\"deployments\":[{"
            + "\"id\":\"ecs-svc/7\",\"status\":\"PRIMARY\",\"taskDefinition\":\""
            + DeploymentWatcherTest.WORKER_7
            + "\",\"desiredCount\":1,\"runningCount\":1,\"rolloutState\":\"COMPLETED\"}],"
            + "\"events\":[]}],\"failures\":[]}");

    List<DeploymentOutcome> outcomes =
        new DeploymentWatcher(ecs, FAST, time, time)
            .watchAll(
                CLUSTER,
                List.of(
                    WatchTarget.inFlight("api"),
                    new WatchTarget("worker", DeploymentWatcherTest.WORKER_7)),
                recorder);

    List<Kind> kinds = new ArrayList<>();
    outcomes.forEach(o -> kinds.add(o.kind()));
    assertEquals(List.of(Kind.SUCCEEDED, Kind.SUCCEEDED), kinds);
    assertEquals(
        "api:42 is deployed: 3/3 tasks running and the rollout is COMPLETED.",
        outcomes.get(0).explanation());
  }
}
