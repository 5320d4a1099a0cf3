package io.fgd.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.deploy.DeploymentOutcome.Kind;
import io.fgd.runtime.deploy.FakeTime;
import io.fgd.runtime.deploy.ProgressListener;
import io.fgd.runtime.deploy.ReplayAccount;
import io.fgd.runtime.deploy.WatchOptions;
import io.fgd.runtime.engine.ApplyResult.Status;
import io.fgd.runtime.kinds.ObservedStates;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Apply's waiting and how it ends, through the real SDK client against {@link ReplayServer}, which
 * replays ECS answers shaped like the ECS API reference's (the deploy scenarios under {@code
 * src/test/resources/replay/}). Moto cannot be used here: it completes no rollout over time. Each
 * test updates service "api" of cluster "demo" from api:41 to a newly registered api:42, then:
 *
 * <ul>
 *   <li>succeeds-after-rollout: APPLIED only once the rollout is COMPLETED with all tasks running
 *   <li>circuit-breaker-rollback: the breaker fails the deployment and ECS rolls back:
 *       DEPLOYMENT_FAILED (exit 3), with ECS's reason; old revisions are not cleaned up after a
 *       failure
 *   <li>image-pull-failing: identical task failures end the wait early: DEPLOYMENT_FAILED with the
 *       stop reason
 *   <li>a rollout that never finishes: TIMED_OUT (exit 4) when --timeout passes
 *   <li>depends_on: a service whose dependency's deployment failed is not touched
 *   <li>hooks and early success the spec no longer has: UpdateService says so (ECS keeps what a
 *       request leaves out)
 * </ul>
 */
class ApplierReplayTest {
  static final String API_41 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:41";
  static final String API_42 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:42";
  static final String API_40 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:40";
  static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @AutoClose final ReplayAccount aws = ReplayAccount.start().answeringUpdateService();
  java.util.function.Consumer<ObjectNode> liveEdit = live -> {};
  FakeTime time;

  @BeforeEach
  void start() {
    time = new FakeTime(T0);
    // The family's ACTIVE revisions once api:42 is registered, for the clean-up after a rollout.
    aws.server.script(
        "ListTaskDefinitions",
        null,
        "{\"taskDefinitionArns\": [\"" + API_42 + "\", \"" + API_41 + "\", \"" + API_40 + "\"]}");
    aws.server.script(
        "DescribeTaskDefinition",
        null,
        "{\"taskDefinition\": "
            + taskDefinition("repo:old").put("taskDefinitionArn", API_41)
            + ", \"tags\": [{\"key\": \"fgd:app\", \"value\": \"demo\"}]}");
    aws.server.script(
        "RegisterTaskDefinition",
        null,
        "{\"taskDefinition\": {\"taskDefinitionArn\": \""
            + API_42
            + "\", \"family\": \"api\", \"revision\": 42}}");
  }

  static ObjectNode taskDefinition(String image) {
    ObjectNode td = JSON.createObjectNode();
    td.put("family", "api").put("networkMode", "awsvpc").put("cpu", "256").put("memory", "512");
    td.putArray("requiresCompatibilities").add("FARGATE");
    td.putArray("containerDefinitions")
        .addObject()
        .put("name", "api")
        .put("image", image)
        .put("essential", true);
    td.putArray("tags").addObject().put("key", "fgd:app").put("value", "demo");
    return td;
  }

  static ObjectNode service(String name) {
    ObjectNode s = JSON.createObjectNode();
    s.put("cluster", "demo")
        .put("serviceName", name)
        .put("taskDefinition", name)
        .put("desiredCount", 2)
        .put("launchType", "FARGATE");
    s.putObject("deploymentConfiguration")
        .putObject("deploymentCircuitBreaker")
        .put("enable", true)
        .put("rollback", true);
    return s;
  }

  /** api runs api:41; the spec wants a new image, so apply registers api:42 and updates api. */
  private PlanResult plan(Map<String, ObjectNode> extraServices) {
    Map<String, DesiredService> services = new java.util.TreeMap<>();
    services.put(
        "api",
        new DesiredService(
            "api", taskDefinition("repo:new"), service("api"), Optional.empty(), List.of()));
    extraServices.forEach(
        (name, td) ->
            services.put(
                name, new DesiredService(name, td, service(name), Optional.empty(), List.of())));
    DesiredState desired = new DesiredState("demo", "demo", services);
    ObjectNode liveJson = service("api").put("taskDefinition", API_41).put("status", "ACTIVE");
    liveEdit.accept(liveJson);
    ObservedService live =
        new ObservedService(
            "api",
            "arn:aws:ecs:us-west-1:123456789012:service/demo/api",
            "ACTIVE",
            API_41,
            Optional.of("ecs-svc/1111111111111111111"),
            liveJson);
    ObservedState observed =
        ObservedStates.of(
            true,
            Map.of("api", live),
            Map.of(API_41, taskDefinition("repo:old").put("taskDefinitionArn", API_41)),
            Map.of(),
            Map.of(),
            Map.of());
    return new PlanResult(Differ.diff(desired, observed), desired, observed, 0);
  }

  private ApplyResult apply(ApplyOptions options, Map<String, ObjectNode> extra)
      throws InterruptedException {
    return new Applier(
            aws.clients,
            aws.settings,
            options,
            ApplyListener.none(),
            ProgressListener.none(),
            time,
            time)
        .apply(plan(extra));
  }

  private ApplyResult apply(String scenario) throws InterruptedException {
    aws.server.load(scenario);
    return apply(
        ApplyOptions.DEFAULTS.withWatch(
            WatchOptions.DEFAULTS.withPollInterval(Duration.ofSeconds(10))),
        Map.of());
  }

  @Test
  void succeedsOnlyOnceTheNewRevisionIsRolledOut() throws Exception {
    ApplyResult result = apply("succeeds-after-rollout");
    assertEquals(Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    assertEquals(
        List.of("Ecs.RegisterTaskDefinition", "Ecs.UpdateService"), result.mutatingCalls());
    assertEquals(Kind.SUCCEEDED, result.outcomes().get(0).kind());
    assertTrue(result.waited());
    JsonNode update = aws.server.requests("UpdateService").get(0).body();
    assertEquals(API_42, update.path("taskDefinition").asText());
    assertTrue(
        update
            .path("deploymentConfiguration")
            .path("deploymentCircuitBreaker")
            .path("rollback")
            .asBoolean(),
        () -> "update: " + update);
  }

  /**
   * The live service has a lifecycle hook and early success criteria that the spec no longer has:
   * the plan shows both, and UpdateService sends an empty list of hooks and criteria that are not
   * enabled, rather than leaving them out (which would keep them).
   */
  @Test
  void hooksAndEarlySuccessTheSpecDroppedAreClearedByUpdateService() throws Exception {
    liveEdit =
        live -> {
          ObjectNode dc = (ObjectNode) live.get("deploymentConfiguration");
          dc.putArray("lifecycleHooks")
              .addObject()
              .put("hookTargetArn", "arn:aws:lambda:us-west-1:123456789012:function:api-smoke")
              .put("roleArn", "arn:aws:iam::123456789012:role/ecsLambdaHookRole")
              .putArray("lifecycleStages")
              .add("PRE_SCALE_UP");
          dc.putObject("earlySuccessCriteria")
              .put("enable", true)
              .put("healthyPercent", 100)
              .put("sourceServiceRevisionCleanup", "BLOCKING");
        };
    List<String> planned =
        plan(Map.of()).plan().changes().stream()
            .flatMap(c -> c.fields().stream())
            .map(FieldChange::path)
            .filter(p -> !p.startsWith(".taskDefinition"))
            .toList();
    assertTrue(
        planned.stream().anyMatch(p -> p.startsWith(".deploymentConfiguration.lifecycleHooks"))
            && planned.stream()
                .anyMatch(p -> p.startsWith(".deploymentConfiguration.earlySuccessCriteria")),
        planned.toString());

    ApplyResult result = apply("succeeds-after-rollout");

    assertEquals(Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    JsonNode dc =
        aws.server.requests("UpdateService").get(0).body().path("deploymentConfiguration");
    assertTrue(dc.path("lifecycleHooks").isArray(), dc.toString());
    assertEquals(0, dc.path("lifecycleHooks").size(), dc.toString());
    assertEquals(
        JSON.readTree("{\"enable\": false}"), dc.path("earlySuccessCriteria"), dc.toString());
  }

  @Test
  void circuitBreakerRollbackIsADeploymentFailure() throws Exception {
    ApplyResult result = apply("circuit-breaker-rollback");
    assertEquals(Status.DEPLOYMENT_FAILED, result.status());
    assertEquals(Kind.ROLLED_BACK, result.outcomes().get(0).kind());
    assertTrue(
        result.outcomes().get(0).explanation().contains("rolled back to api:41"),
        result.outcomes().get(0).explanation());
    assertEquals(List.of(), aws.server.requests("DeregisterTaskDefinition"));
  }

  @Test
  void repeatedIdenticalTaskFailuresAreADeploymentFailure() throws Exception {
    ApplyResult result = apply("image-pull-failing");
    assertEquals(Status.DEPLOYMENT_FAILED, result.status());
    assertEquals(Kind.TASKS_FAILING, result.outcomes().get(0).kind());
    assertTrue(
        result.outcomes().get(0).cause().contains("CannotPullContainerError"),
        result.outcomes().get(0).cause());
  }

  private ApplyResult applyKeepingOne(String scenario) throws InterruptedException {
    aws.server.script("DeregisterTaskDefinition", null, "{\"taskDefinition\": {}}");
    aws.server.load(scenario);
    return apply(
        ApplyOptions.DEFAULTS
            .withKeepRevisions(1)
            .withWatch(WatchOptions.DEFAULTS.withPollInterval(Duration.ofSeconds(10))),
        Map.of());
  }

  @Test
  void oldRevisionsAreDeregisteredOnceTheRolloutSucceeded() throws Exception {
    ApplyResult result = applyKeepingOne("succeeds-after-rollout");
    assertEquals(Status.APPLIED, result.status(), () -> "errors: " + result.errors());
    // api:42 deployed; api:41 and api:40, beyond the one kept, carry the app's tag (every
    // DescribeTaskDefinition is answered with the one scripted revision, tagged fgd:app=demo).
    assertEquals(
        List.of(
            "Ecs.RegisterTaskDefinition",
            "Ecs.UpdateService",
            "Ecs.DeregisterTaskDefinition",
            "Ecs.DeregisterTaskDefinition"),
        result.mutatingCalls());
    assertEquals(
        List.of(API_41, API_40),
        aws.server.requests("DeregisterTaskDefinition").stream()
            .map(r -> r.body().path("taskDefinition").asText())
            .toList());
  }

  @Test
  void noRevisionIsDeregisteredWhenTheRolloutFailed() throws Exception {
    ApplyResult result = applyKeepingOne("circuit-breaker-rollback");
    assertEquals(Status.DEPLOYMENT_FAILED, result.status());
    assertEquals(
        List.of("Ecs.RegisterTaskDefinition", "Ecs.UpdateService"), result.mutatingCalls());
    assertEquals(List.of(), aws.server.requests("ListTaskDefinitions"));
  }

  @Test
  void aRolloutThatNeverFinishesTimesOut() throws Exception {
    aws.server.script("DescribeServices", null, firstAnswer("circuit-breaker-rollback"));
    aws.server.script("ListTasks", null, "{\"taskArns\": []}");
    ApplyResult result =
        apply(
            ApplyOptions.DEFAULTS.withWatch(
                WatchOptions.DEFAULTS
                    .withTimeout(Duration.ofMinutes(2))
                    .withPollInterval(Duration.ofSeconds(10))),
            Map.of());
    assertEquals(Status.TIMED_OUT, result.status(), () -> "outcomes: " + result.outcomes());
    assertEquals(Kind.TIMED_OUT, result.outcomes().get(0).kind());
    assertEquals(T0.plus(Duration.ofMinutes(2)), time.instant());
  }

  @Test
  void aServiceWhoseDependencyFailedIsNotTouched() throws Exception {
    aws.server.load("circuit-breaker-rollback");
    ApplyResult result =
        apply(
            ApplyOptions.DEFAULTS
                .withWatch(WatchOptions.DEFAULTS.withPollInterval(Duration.ofSeconds(10)))
                .withDependsOn(Map.of("web", List.of("api"))),
            Map.of("web", taskDefinition("repo:web").put("family", "web")));
    assertEquals(Status.DEPLOYMENT_FAILED, result.status());
    assertTrue(
        result.notes().stream()
            .anyMatch(n -> n.startsWith("Service \"web\" was not applied: it depends on \"api\"")),
        () -> "notes: " + result.notes());
    assertEquals(
        List.of("Ecs.RegisterTaskDefinition", "Ecs.UpdateService"), result.mutatingCalls());
    assertTrue(aws.server.requests("CreateService").isEmpty());
  }

  private static String firstAnswer(String scenario) throws Exception {
    try (InputStream in =
        ApplierReplayTest.class.getResourceAsStream(
            "/replay/" + scenario + "/describe-services.json")) {
      return JSON.readTree(in).get(0).toString();
    }
  }
}
