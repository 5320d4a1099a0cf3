package io.fgd.runtime.deploy;

import static io.fgd.runtime.deploy.DeploymentWatcherTest.API_41;
import static io.fgd.runtime.deploy.DeploymentWatcherTest.API_42;
import static io.fgd.runtime.deploy.DeploymentWatcherTest.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.runtime.aws.SdkJson;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@link Rollout#of}: the rollout state of a live service, from DescribeServices answers shaped
 * like the ECS API reference's, read by the real SDK client from {@link ReplayServer} and turned
 * into JSON the way the state reader does ({@code SdkJson.toJson}, as {@code
 * ObservedService.json()} holds it); and the one-line rendering the plan shows.
 */
class RolloutTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final long T0_SECONDS = T0.getEpochSecond();

  ReplayServer server;
  EcsClient ecs;

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
  }

  @AfterEach
  void stop() {
    ecs.close();
    server.close();
  }

  /** The service as fgd's state reader holds it: the SDK's answer, as JSON. */
  JsonNode observed(String describeServicesAnswer) {
    server.script("DescribeServices", null, describeServicesAnswer);
    return SdkJson.toJson(
        ecs.describeServices(r -> r.cluster("demo").services("api")).services().get(0));
  }

  /** A DescribeServices answer for api: deployments and events are JSON objects. */
  static String answer(List<String> deployments, List<String> events) {
    return "{\"services\":[{\"serviceArn\":\"arn:aws:ecs:us-west-1:123456789012:service/demo/api\","
        + "\"serviceName\":\"api\",\"clusterArn\":\"arn:aws:ecs:us-west-1:123456789012:cluster/demo\","
        + "\"status\":\"ACTIVE\",\"desiredCount\":3,\"launchType\":\"FARGATE\","
        + "\"deploymentController\":{\"type\":\"ECS\"},\"deployments\":["
        + String.join(",", deployments)
        + "],\"events\":["
        + String.join(",", events)
        + "]}],\"failures\":[]}";
  }

  static String deployment(
      String id,
      String status,
      String taskDefinition,
      int running,
      int desired,
      long createdAt,
      String rolloutState,
      String reason) {
    return "{\"id\":\""
        + id
        + "\",\"status\":\""
        + status
        + "\",\"taskDefinition\":\""
        + taskDefinition
        + "\",\"desiredCount\":"
        + desired
        + ",\"pendingCount\":0,\"runningCount\":"
        + running
        + ",\"failedTasks\":0,\"createdAt\":"
        + createdAt
        + ",\"updatedAt\":"
        + (createdAt + 30)
        + ",\"launchType\":\"FARGATE\""
        + (rolloutState == null ? "" : ",\"rolloutState\":\"" + rolloutState + "\"")
        + (reason == null ? "" : ",\"rolloutStateReason\":\"" + reason + "\"")
        + "}";
  }

  static String event(String id, long createdAt, String message) {
    return "{\"id\":\""
        + id
        + "\",\"createdAt\":"
        + createdAt
        + ",\"message\":\""
        + message
        + "\"}";
  }

  static final String OLD_COMPLETED =
      deployment("ecs-svc/1111", "ACTIVE", API_41, 3, 3, T0_SECONDS - 86400, "COMPLETED", null);
  static final String BREAKER = "ECS deployment circuit breaker: tasks failed to start.";

  @Test
  void aCompletedRolloutWithEveryTaskRunningIsSteady() {
    Rollout rollout =
        Rollout.of(
            observed(
                answer(
                    List.of(
                        deployment(
                            "ecs-svc/2222",
                            "PRIMARY",
                            API_42,
                            3,
                            3,
                            T0_SECONDS,
                            "COMPLETED",
                            "ECS deployment ecs-svc/2222 completed.")),
                    List.of())));

    assertEquals(new Rollout.Steady("api", API_42, 3, 3), rollout);
    assertTrue(rollout.isSteady());
    assertEquals(Optional.empty(), rollout.describe(T0.plusSeconds(600)));
  }

  @Test
  void anUnfinishedRolloutSaysHowManyTasksRunAndSinceWhen() {
    Rollout rollout =
        Rollout.of(
            observed(
                answer(
                    List.of(
                        deployment(
                            "ecs-svc/2222",
                            "PRIMARY",
                            API_42,
                            1,
                            3,
                            T0_SECONDS,
                            "IN_PROGRESS",
                            "ECS deployment ecs-svc/2222 in progress."),
                        OLD_COMPLETED),
                    List.of())));

    assertEquals(
        new Rollout.InProgress("api", "ecs-svc/2222", API_42, 1, 3, 0, 0, Optional.of(T0)),
        rollout);
    assertEquals(
        Optional.of("service \"api\": rollout in progress, 1 of 3 tasks running, started 4m ago"),
        rollout.describe(T0.plus(Duration.ofMinutes(4)).plusSeconds(20)));
    assertEquals(
        Optional.of("service \"api\": rollout in progress, 1 of 3 tasks running, started 1h5m ago"),
        rollout.describe(T0.plus(Duration.ofMinutes(65))));
    assertTrue(!rollout.isSteady() && !rollout.isFailed());
  }

  @Test
  void aCompletedRolloutWithFewerTasksThanDesiredIsStillInProgress() {
    Rollout rollout =
        Rollout.of(
            observed(
                answer(
                    List.of(
                        deployment(
                            "ecs-svc/2222",
                            "PRIMARY",
                            API_42,
                            2,
                            3,
                            T0_SECONDS,
                            "COMPLETED",
                            null)),
                    List.of())));

    assertInstanceOf(Rollout.InProgress.class, rollout);
  }

  // CODE_DEPLOY controllers and Classic Load Balancers get no rolloutState from ECS.
  static final String PRIMARY_WITHOUT_STATE =
      deployment("ecs-svc/2222", "PRIMARY", API_42, 3, 3, T0_SECONDS, null, null);

  @Test
  void withoutRolloutStatesTheOnlyDeploymentFullyRunningIsSteady() {
    assertEquals(
        new Rollout.Steady("api", API_42, 3, 3),
        Rollout.of(observed(answer(List.of(PRIMARY_WITHOUT_STATE), List.of()))));
  }

  @Test
  void withoutRolloutStatesAnOldDeploymentStillListedIsInProgress() {
    String old = deployment("ecs-svc/1111", "ACTIVE", API_41, 1, 3, T0_SECONDS - 86400, null, null);

    assertInstanceOf(
        Rollout.InProgress.class,
        Rollout.of(observed(answer(List.of(PRIMARY_WITHOUT_STATE, old), List.of()))));
  }

  @Test
  void aFailedPrimaryWithoutRollbackIsFailedWithEcsReasonAndEvents() {
    Rollout rollout =
        Rollout.of(
            observed(
                answer(
                    List.of(
                        deployment(
                            "ecs-svc/2222", "PRIMARY", API_42, 0, 3, T0_SECONDS, "FAILED", BREAKER),
                        OLD_COMPLETED),
                    List.of(
                        event(
                            "e2",
                            T0_SECONDS + 200,
                            "(service api) (deployment ecs-svc/2222) deployment failed:"
                                + " tasks failed to start."),
                        event(
                            "e1",
                            T0_SECONDS - 3600,
                            "(service api) has reached a steady state.")))));

    assertEquals(
        new Rollout.Failed(
            "api",
            "ecs-svc/2222",
            API_42,
            Optional.empty(),
            0,
            3,
            Optional.of(BREAKER),
            List.of(
                "(service api) (deployment ecs-svc/2222) deployment failed: tasks failed to"
                    + " start.")),
        rollout);
    assertTrue(rollout.isFailed());
    assertEquals(
        Optional.of(
            "service \"api\": rollout of api:42 failed, not rolled back, 0 of 3 tasks running: "
                + BREAKER),
        rollout.describe(T0.plusSeconds(600)));
  }

  @Test
  void aRollbackInFlightIsFailedAndNamesTheRevisionEcsWentBackTo() throws Exception {
    // The circuit-breaker-rollback scenario's last answer: ECS rolling back to api:41.
    JsonNode answers =
        JSON.readTree(
            DeploymentWatcherTest.resource(
                "/replay/circuit-breaker-rollback/describe-services.json"));
    Rollout rollout = Rollout.of(observed(answers.get(answers.size() - 1).toString()));

    Rollout.Failed failed = assertInstanceOf(Rollout.Failed.class, rollout);
    assertEquals("ecs-svc/2222222222222222222", failed.deploymentId());
    assertEquals(Optional.of(API_41), failed.rolledBackTo());
    assertEquals(
        List.of(
            "(service api) (deployment ecs-svc/2222222222222222222) deployment failed: tasks"
                + " failed to start.",
            "(service api) rolling back to deployment ecs-svc/1111111111111111111."),
        failed.events());
    assertEquals(
        Optional.of(
            "service \"api\": rollout of api:42 failed, ECS rolled back to api:41: " + BREAKER),
        rollout.describe(T0.plusSeconds(600)));
  }

  @Test
  void aFinishedRollbackIsSteadyOnTheRevisionEcsWentBackTo() {
    // The FAILED deployment may still be listed for a while after the rollback completed.
    Rollout rollout =
        Rollout.of(
            observed(
                answer(
                    List.of(
                        deployment(
                            "ecs-svc/3333",
                            "PRIMARY",
                            API_41,
                            3,
                            3,
                            T0_SECONDS + 300,
                            "COMPLETED",
                            null),
                        deployment(
                            "ecs-svc/2222", "ACTIVE", API_42, 0, 3, T0_SECONDS, "FAILED", BREAKER)),
                    List.of())));

    assertEquals(new Rollout.Steady("api", API_41, 3, 3), rollout);
  }

  @Test
  void withoutARolloutStateReasonTheFailureEventIsTheReason() {
    Rollout rollout =
        Rollout.of(
            observed(
                answer(
                    List.of(
                        deployment(
                            "ecs-svc/2222", "PRIMARY", API_42, 0, 3, T0_SECONDS, "FAILED", null)),
                    List.of(
                        event(
                            "e2",
                            T0_SECONDS + 200,
                            "(service api) (deployment ecs-svc/2222) deployment failed:"
                                + " alarm detected.")))));

    assertEquals(
        Optional.of("(service api) (deployment ecs-svc/2222) deployment failed: alarm detected."),
        ((Rollout.Failed) rollout).reason());
  }

  @Test
  void readsEcsWireTimestampsAsWellAsIsoText() throws Exception {
    // On the wire ECS sends epoch seconds; fgd's JSON of a service holds ISO-8601 text.
    // (observed() may be called once per test: the replay server repeats its first script.)
    String wire =
        answer(
            List.of(
                deployment(
                    "ecs-svc/2222", "PRIMARY", API_42, 1, 3, T0_SECONDS, "IN_PROGRESS", null)),
            List.of());
    Rollout fromWire = Rollout.of(JSON.readTree(wire).get("services").get(0));

    assertEquals(Rollout.of(observed(wire)), fromWire);
  }

  @Test
  void refusesJsonThatIsNotAService() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> Rollout.of(JSON.readTree("{\"a\":1}")));
  }
}
