package io.fgd.runtime.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.deploy.DeploymentOutcome.Kind;
import java.time.Duration;
import java.time.Instant;
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
 * Canary, linear and blue/green rollouts (issue 15) through the real SDK client against {@link
 * ReplayServer}: moto models none of these strategies, their lifecycle stages, bake times, alarm
 * rollbacks or lifecycle hooks, so each scenario under {@code replay/<name>/} replays
 * DescribeServices, ListServiceDeployments and DescribeServiceDeployments answers shaped like the
 * ECS API reference's (ServiceDeployment: status, lifecycleStage, alarms, rollback,
 * lifecycleHookDetails). One behaviour per test:
 *
 * <ul>
 *   <li>canary-succeeds: the service looks steady during the bake already, and the wait goes on
 *       until the service deployment is SUCCESSFUL; each stage is reported once
 *   <li>canary-alarm-rollback: the alarm fires during the bake; ROLLED_BACK (exit 3) names it
 *   <li>blue-green-succeeds: test traffic, production traffic, bake, clean-up, then success
 *   <li>linear-times-out: a linear rollout still shifting at the timeout is TIMED_OUT (exit 4)
 *   <li>lifecycle-hook-fails: a hook's Lambda function fails; ROLLED_BACK names the hook by its
 *       function's name and ARN
 *   <li>lifecycle-hook-succeeds: a blue/green with a hook at POST_TEST_TRAFFIC_SHIFT whose function
 *       answers IN_PROGRESS, then SUCCEEDED: the wait goes on through the hook, shows it at its
 *       stage, and succeeds when the service deployment does
 *   <li>early-success-completes: a rolling deployment with early success criteria (75%, deferred
 *       cleanup) that ECS calls SUCCESSFUL with 3 of 4 tasks running: done then, not when all run.
 *       What DescribeServices says of the PRIMARY's rolloutState at that moment is not documented;
 *       the scenario keeps it IN_PROGRESS, the case the watcher must not wait on
 * </ul>
 */
class StagedRolloutReplayTest {
  static final Instant T0 = DeploymentWatcherTest.T0;
  static final WatchOptions FAST = WatchOptions.DEFAULTS.withPollInterval(Duration.ofSeconds(10));

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
    time = new FakeTime(T0);
    recorder = new Recorder();
  }

  @AfterEach
  void stop() {
    ecs.close();
    server.close();
  }

  DeploymentOutcome watch(WatchOptions options) throws InterruptedException {
    return new DeploymentWatcher(ecs, options, time, time)
        .watch("demo", "api", DeploymentWatcherTest.API_42, recorder);
  }

  List<String> stages() {
    return recorder.stages.stream().map(StageView::stage).toList();
  }

  @Test
  void canarySucceedsOnlyWhenTheServiceDeploymentIsSuccessful() throws Exception {
    server.load("canary-succeeds");

    DeploymentOutcome outcome = watch(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    // DescribeServices said steady at the third poll; the bake and clean-up took two more.
    assertEquals(5, server.requests("DescribeServiceDeployments").size());
    assertEquals(5, server.requests("DescribeServices").size());
    assertEquals(1, server.requests("ListServiceDeployments").size(), "looked up once");
    assertEquals(
        "api", server.requests("ListServiceDeployments").get(0).body().get("service").asText());
    assertEquals(
        List.of("SCALE_UP", "PRODUCTION_TRAFFIC_SHIFT", "BAKE_TIME", "CLEAN_UP"), stages());
    StageView canary = recorder.stages.get(1);
    assertEquals("canary 10% for 5m, then 100%", canary.words());
    // Seen at the second poll (T0 + 10s): the canary bakes until 5 minutes later.
    assertEquals("canary 10% for 5m, then 100%, 4m left", canary.at(T0.plusSeconds(70)));
    StageView bake = recorder.stages.get(2);
    assertEquals(
        "bake 10m (the old revision is kept for a rollback), 10m left",
        bake.at(T0.plusSeconds(20)));
    assertEquals(List.of(), server.unscripted());
  }

  @Test
  void canaryAlarmDuringTheBakeRollsBackNamingTheAlarm() throws Exception {
    server.load("canary-alarm-rollback");

    DeploymentOutcome outcome = watch(FAST);

    assertEquals(Kind.ROLLED_BACK, outcome.kind(), outcome.explanation());
    assertEquals(
        "ECS rolled back the deployment of api:42 during BAKE_TIME: alarm shop-api-5xx went into"
            + " ALARM.",
        outcome.explanation());
    assertEquals("alarm shop-api-5xx went into ALARM", outcome.cause());
  }

  @Test
  void blueGreenGoesThroughTestTrafficBakeAndCleanUp() throws Exception {
    server.load("blue-green-succeeds");

    DeploymentOutcome outcome = watch(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(
        List.of(
            "SCALE_UP", "TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "BAKE_TIME", "CLEAN_UP"),
        stages());
    assertEquals("test traffic to the new revision", recorder.stages.get(1).words());
    assertEquals("shifting all traffic to the new revision", recorder.stages.get(2).words());
  }

  @Test
  void linearStillShiftingAtTheTimeoutTimesOut() throws Exception {
    server.load("linear-times-out");

    DeploymentOutcome outcome = watch(FAST.withTimeout(Duration.ofMinutes(5)));

    assertEquals(Kind.TIMED_OUT, outcome.kind(), outcome.explanation());
    assertTrue(outcome.explanation().startsWith("api:42 did not reach steady state within 5m"));
    assertTrue(
        outcome.explanation().endsWith(", stage PRODUCTION_TRAFFIC_SHIFT."), outcome.explanation());
    assertEquals(List.of("SCALE_UP", "PRODUCTION_TRAFFIC_SHIFT"), stages());
    assertEquals("shifting traffic 10% every 6m", recorder.stages.get(1).words());
  }

  @Test
  void failedLifecycleHookRollsBackNamingTheHook() throws Exception {
    server.load("lifecycle-hook-fails");

    DeploymentOutcome outcome = watch(FAST);

    assertEquals(Kind.ROLLED_BACK, outcome.kind(), outcome.explanation());
    assertEquals(
        "ECS rolled back the deployment of api:42 during POST_TEST_TRAFFIC_SHIFT: lifecycle hook"
            + " api-smoke-test (arn:aws:lambda:us-west-1:123456789012:function:api-smoke-test)"
            + " failed (Lifecycle hook returned FAILED.).",
        outcome.explanation());
  }

  @Test
  void succeedingLifecycleHookIsWaitedForAndShownAtItsStage() throws Exception {
    server.load("lifecycle-hook-succeeds");

    DeploymentOutcome outcome = watch(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(
        List.of(
            "SCALE_UP",
            "TEST_TRAFFIC_SHIFT",
            "POST_TEST_TRAFFIC_SHIFT",
            "PRODUCTION_TRAFFIC_SHIFT",
            "BAKE_TIME",
            "CLEAN_UP"),
        stages());
    assertEquals(
        "post test traffic shift, lifecycle hook api-smoke-test", recorder.stages.get(2).words());
    // Two polls at POST_TEST_TRAFFIC_SHIFT (the hook IN_PROGRESS, then SUCCEEDED), and on to the
    // end: the seventh answer is the SUCCESSFUL one.
    assertEquals(7, server.requests("DescribeServiceDeployments").size());
    assertEquals(List.of(), server.unscripted());
  }

  @Test
  void earlySuccessIsDoneWhenEcsSaysSoWithTasksStillStarting() throws Exception {
    server.load("early-success-completes");

    DeploymentOutcome outcome = watch(FAST);

    assertEquals(Kind.SUCCEEDED, outcome.kind(), outcome.explanation());
    assertEquals(
        "api:42 is deployed: ECS completed the deployment at its early success criteria with 3/4"
            + " tasks running, and starts the rest outside the deployment.",
        outcome.explanation());
    assertEquals(3, server.requests("DescribeServiceDeployments").size());
    assertEquals(1, server.requests("ListServiceDeployments").size());
  }
}
