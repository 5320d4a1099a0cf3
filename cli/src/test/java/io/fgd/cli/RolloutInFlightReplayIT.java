package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.Artifact;
import io.fgd.compiler.CompileOptions;
import io.fgd.compiler.Compiler;
import io.fgd.compiler.source.SourceFile;
import io.fgd.runtime.deploy.ReplayServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code fgd apply} (and {@code fgd plan}) after one that timed out or whose deployment
 * failed: the spec's configuration is in the account, so there is nothing to change, but a rollout
 * the earlier apply started is still IN_PROGRESS, or FAILED with no task running. Through the real
 * command line and SDK clients against a {@link ReplayServer}, because moto completes no rollout
 * over time and fails none; its answers are shaped like the ECS API reference's DescribeServices
 * (deployments with {@code rolloutState}, {@code createdAt} in epoch seconds).
 *
 * <p>The live objects are made from what the spec compiles to, so the plan finds no change and only
 * the rollout is left to judge: apply must wait for it and report it as it would its own (0 only
 * once steady, 3 when it failed, 4 on timeout), and must not create or update a service whose
 * {@code depends_on} is failed. The plan shows the rollout as the state of the service, not as a
 * change.
 */
class RolloutInFlightReplayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "123456789012";
  private static final String SPEC =
      """
      app demo {
        region us-west-1
        account 123456789012
        cluster demo
        execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
        network {
          subnets subnet-0a1b2c3d
          security_groups sg-0a1b2c3d
        }
      }
      service api {
        image "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:v2"
        port 80
        replicas 2
        health none
      }
      service web {
        image "123456789012.dkr.ecr.us-west-1.amazonaws.com/web:v1"
        port 80
        depends_on api
        health none
      }
      """;

  @TempDir Path tmp;
  private ReplayServer server;
  private List<Artifact> artifacts;
  private final long startedAt = Instant.now().minusSeconds(240).getEpochSecond();

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @BeforeEach
  void start() {
    Compiler.Compilation compiled =
        Compiler.compile(new SourceFile("demo.fgd", SPEC), CompileOptions.defaults());
    assertTrue(compiled.spec().isPresent(), () -> "spec errors: " + compiled.diagnostics());
    artifacts = compiled.artifacts();
    server = ReplayServer.start();
    server.script(
        "DescribeClusters",
        null,
        "{\"clusters\": [{\"clusterName\": \"demo\", \"status\": \"ACTIVE\"}], \"failures\": []}");
    server.script("ListServices", null, "{\"serviceArns\": []}");
    server.script(
        "DescribeLogGroups",
        null,
        "{\"logGroups\": [{\"logGroupName\": \"/ecs/demo/api\"},"
            + " {\"logGroupName\": \"/ecs/demo/web\"}]}");
    server.script("DescribeScalableTargets", null, "{\"scalableTargets\": []}");
    server.script("ListTasks", null, "{\"taskArns\": []}");
    // What creating web would take: scripted so that a wrong apply shows in mutating().
    server.script("ListTaskDefinitions", null, "{\"taskDefinitionArns\": []}");
    server.script(
        "RegisterTaskDefinition",
        null,
        "{\"taskDefinition\": {\"taskDefinitionArn\": \"" + tdArn("web", 1) + "\"}}");
    server.script(
        "CreateService",
        null,
        "{\"service\": {\"serviceName\": \"web\", \"serviceArn\": \""
            + serviceArn("web")
            + "\", \"status\": \"ACTIVE\"}}");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  // ---- the account ----

  private ObjectNode artifact(String path) throws IOException {
    for (Artifact a : artifacts) {
      if (a.path().equals(path)) {
        return (ObjectNode) JSON.readTree(a.content());
      }
    }
    throw new IllegalArgumentException("no artifact " + path + " in " + artifacts);
  }

  private String family(String service) throws IOException {
    return artifact(service + "/taskdef.json").path("family").asText();
  }

  private String tdArn(String service, int revision) {
    try {
      return "arn:aws:ecs:us-west-1:"
          + ACCOUNT
          + ":task-definition/"
          + family(service)
          + ":"
          + revision;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String serviceArn(String service) {
    return "arn:aws:ecs:us-west-1:" + ACCOUNT + ":service/demo/" + service;
  }

  /** The revision the spec compiles to, registered as revision 7, with its tags. */
  private String describeTaskDefinition(String service) throws IOException {
    ObjectNode td = artifact(service + "/taskdef.json");
    JsonNode tags = td.remove("tags");
    td.put("taskDefinitionArn", tdArn(service, 7)).put("revision", 7).put("status", "ACTIVE");
    ObjectNode answer = JSON.createObjectNode();
    answer.set("taskDefinition", td);
    answer.set("tags", tags);
    return answer.toString();
  }

  /** A deployment of revision 7 as DescribeServices lists it. */
  private ObjectNode deployment(String status, String rolloutState, int running, int desired) {
    ObjectNode d = JSON.createObjectNode();
    d.put("id", "ecs-svc/" + (status.equals("PRIMARY") ? "2222" : "1111"))
        .put("status", status)
        .put("taskDefinition", tdArn("api", status.equals("PRIMARY") ? 7 : 6))
        .put("desiredCount", desired)
        .put("pendingCount", desired - running)
        .put("runningCount", running)
        .put("failedTasks", rolloutState.equals("FAILED") ? 3 : 0)
        .put("createdAt", startedAt)
        .put("updatedAt", startedAt)
        .put("launchType", "FARGATE")
        .put("rolloutState", rolloutState);
    if (rolloutState.equals("FAILED")) {
      d.put("rolloutStateReason", "ECS deployment circuit breaker: tasks failed to start.");
    }
    return d;
  }

  /** Service api as the spec compiles it, on revision 7, with these deployments. */
  private ObjectNode api(ObjectNode... deployments) throws IOException {
    ObjectNode s = artifact("api/service.json");
    s.put("serviceArn", serviceArn("api"))
        .put("clusterArn", "arn:aws:ecs:us-west-1:" + ACCOUNT + ":cluster/demo")
        .put("status", "ACTIVE")
        .put("taskDefinition", tdArn("api", 7))
        .put("runningCount", deployments[0].path("runningCount").asInt())
        .put("pendingCount", deployments[0].path("pendingCount").asInt());
    ArrayNode list = s.putArray("deployments");
    for (ObjectNode d : deployments) {
      list.add(d);
    }
    s.putArray("events");
    return s;
  }

  /** Service web as the spec compiles it, steady on {@code revision}. */
  private ObjectNode web(int revision) throws IOException {
    ObjectNode s = artifact("web/service.json");
    ObjectNode d =
        deployment("PRIMARY", "COMPLETED", 1, 1).put("taskDefinition", tdArn("web", revision));
    s.put("serviceArn", serviceArn("web"))
        .put("clusterArn", "arn:aws:ecs:us-west-1:" + ACCOUNT + ":cluster/demo")
        .put("status", "ACTIVE")
        .put("taskDefinition", tdArn("web", revision))
        .put("runningCount", 1);
    s.putArray("deployments").add(d);
    s.putArray("events");
    return s;
  }

  private static String describeServices(ObjectNode... services) {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode list = answer.putArray("services");
    for (ObjectNode s : services) {
      list.add(s);
    }
    answer.putArray("failures");
    return answer.toString();
  }

  /**
   * The plan reads both services (with their tags): api as {@code live}, web as it runs, or missing
   * when {@code webExists} is false; each revision as the spec compiles it.
   */
  private void account(ObjectNode live, boolean webExists) throws IOException {
    String services =
        webExists
            ? describeServices(live, web(7))
            : describeServices(live)
                .replace(
                    "\"failures\":[]",
                    "\"failures\":[{\"arn\":\""
                        + serviceArn("web")
                        + "\",\"reason\":\"MISSING\"}]");
    server.script("DescribeServices", "TAGS", services);
    server.script("DescribeTaskDefinition", "api:7", describeTaskDefinition("api"));
    server.script("DescribeTaskDefinition", "web:7", describeTaskDefinition("web"));
  }

  /** What the watcher reads of api, poll after poll (the last one repeats). */
  private void polls(ObjectNode... answers) {
    String[] texts = new String[answers.length];
    for (int i = 0; i < answers.length; i++) {
      texts[i] = describeServices(answers[i]);
    }
    server.script("DescribeServices", null, texts);
  }

  private MainTest.Run fgd(String command, String... extra) throws IOException {
    Path spec = Files.writeString(tmp.resolve("demo.fgd"), SPEC);
    String[] args = new String[extra.length + 4];
    args[0] = command;
    args[1] = spec.toString();
    args[2] = "--endpoint-url";
    args[3] = server.endpoint().toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return MainTest.run(args);
  }

  private List<String> mutating() {
    return server.requests().stream()
        .map(ReplayServer.Request::operation)
        .filter(o -> !o.startsWith("Describe") && !o.startsWith("List"))
        .toList();
  }

  private ObjectNode inProgress(int running) throws IOException {
    return api(
        deployment("PRIMARY", "IN_PROGRESS", running, 2),
        deployment("ACTIVE", "COMPLETED", 2 - running, 2));
  }

  // ---- apply ----

  @Test
  void aNoChangeApplyWaitsForTheRolloutInFlightAndExits0OnceItIsSteady() throws Exception {
    account(inProgress(1), true);
    polls(inProgress(1), api(deployment("PRIMARY", "COMPLETED", 2, 2)));

    MainTest.Run r = fgd("apply", "--auto-approve");

    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertTrue(
        r.out().contains("service \"api\": rollout in progress, 1 of 2 tasks running"), r.out());
    assertTrue(r.out().contains("the rollouts in flight reached steady state"), r.out());
    // Waited: the watcher asked until the rollout was COMPLETED.
    long polled =
        server.requests("DescribeServices").stream()
            .filter(q -> !q.body().toString().contains("TAGS"))
            .count();
    assertEquals(2, polled, () -> "requests: " + server.requests());
    assertEquals(List.of(), mutating());
    assertEquals(List.of(), server.unscripted(), "every call the apply made was answered");
  }

  @Test
  void aNoChangeApplyOfAFailedRolloutExits3() throws Exception {
    ObjectNode failed = api(deployment("PRIMARY", "FAILED", 0, 2));
    account(inProgress(1), true);
    polls(failed);

    MainTest.Run r = fgd("apply", "--auto-approve");

    assertEquals(ExitCodes.DEPLOYMENT_FAILED, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("the deployment of service \"api\" failed"), r.err());
    assertEquals(List.of(), mutating());
  }

  @Test
  void aNoChangeApplyOfARolloutThatNeverFinishesExits4() throws Exception {
    account(inProgress(1), true);
    polls(inProgress(1));

    MainTest.Run r = fgd("apply", "--auto-approve", "--timeout", "2s");

    assertEquals(ExitCodes.TIMED_OUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("did not reach steady state within 2s"), r.err());
    assertTrue(r.err().contains("Apply timed out after --timeout 2s"), r.err());
    assertEquals(List.of(), mutating());
  }

  @Test
  void aServiceIsNotCreatedWhileItsDependencyIsFailedWithNoTaskRunning() throws Exception {
    // The first apply created api, whose deployment failed (not rolled back: nothing to go back
    // to), and rightly left web alone. This second apply finds api unchanged but still FAILED.
    ObjectNode failed = api(deployment("PRIMARY", "FAILED", 0, 2));
    account(failed, false);
    polls(failed);

    MainTest.Run r = fgd("apply", "--auto-approve");

    assertEquals(ExitCodes.DEPLOYMENT_FAILED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("Service \"web\" was not applied: it depends on \"api\""), r.out());
    assertEquals(List.of(), mutating(), "web must not be created");
  }

  @Test
  void aServiceIsNotCreatedWithNoWaitWhileItsDependencyIsFailedWithNoTaskRunning()
      throws Exception {
    ObjectNode failed = api(deployment("PRIMARY", "FAILED", 0, 2));
    account(failed, false);

    MainTest.Run r = fgd("apply", "--auto-approve", "--no-wait");

    assertEquals(ExitCodes.DEPLOYMENT_FAILED, r.code(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains("Service \"web\" was not applied: it depends on \"api\", whose rollout of"),
        r.out());
    assertEquals(List.of(), mutating(), "web must not be created");
  }

  @Test
  void aServiceIsCreatedOnlyOnceItsDependencyInFlightIsSteady() throws Exception {
    account(inProgress(1), false);
    polls(inProgress(1), api(deployment("PRIMARY", "COMPLETED", 2, 2)));
    // web's own rollout, once created: steady at the first poll.
    server.script("DescribeServices", "[\"web\"]", describeServices(web(1)));
    server.script(
        "RegisterTaskDefinition",
        null,
        "{\"taskDefinition\": {\"taskDefinitionArn\": \"" + tdArn("web", 1) + "\"}}");

    MainTest.Run r = fgd("apply", "--auto-approve", "--timeout", "1m");

    List<String> operations =
        server.requests().stream().map(ReplayServer.Request::operation).toList();
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertEquals(List.of("RegisterTaskDefinition", "CreateService"), mutating(), r.err());
    // api's rollout was seen COMPLETED (the second poll) before web was touched.
    int register = operations.indexOf("RegisterTaskDefinition");
    long pollsBefore =
        server.requests().subList(0, register).stream()
            .filter(q -> q.operation().equals("DescribeServices"))
            .filter(q -> !q.body().toString().contains("TAGS"))
            .count();
    assertEquals(2, pollsBefore, () -> "requests: " + operations);
  }

  // ---- plan ----

  @Test
  void planShowsAnUnfinishedRolloutAsTheStateOfTheServiceNotAsAChange() throws Exception {
    account(inProgress(1), true);

    MainTest.Run text = fgd("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.OK, text.code(), text.out() + text.err());
    assertTrue(text.out().contains("No changes."), text.out());
    assertTrue(
        text.out()
            .contains(
                "  service \"api\": rollout in progress, 1 of 2 tasks running, started 4m ago"),
        text.out());

    MainTest.Run json = fgd("plan", "--json");
    assertEquals(ExitCodes.OK, json.code(), json.err());
    JsonNode plan = JSON.readTree(json.out());
    assertFalse(plan.path("hasChanges").asBoolean());
    JsonNode rollout = plan.path("rollouts").path(0);
    assertEquals("api", rollout.path("service").asText(), json.out());
    assertEquals("in_progress", rollout.path("state").asText());
    assertEquals(1, rollout.path("running").asInt());
    assertEquals(2, rollout.path("desired").asInt());
    assertEquals(Instant.ofEpochSecond(startedAt).toString(), rollout.path("startedAt").asText());

    MainTest.Run markdown = fgd("plan", "--markdown");
    assertEquals(ExitCodes.OK, markdown.code(), markdown.err());
    assertTrue(
        markdown.out().contains("> - service \"api\": rollout in progress, 1 of 2 tasks running"),
        markdown.out());
  }

  @Test
  void planShowsAFailedRollout() throws Exception {
    account(api(deployment("PRIMARY", "FAILED", 0, 2)), true);

    MainTest.Run text = fgd("plan", "--detailed-exitcode");

    assertEquals(ExitCodes.OK, text.code(), text.out() + text.err());
    assertTrue(
        text.out()
            .contains(
                "service \"api\": rollout of "
                    + family("api")
                    + ":7 failed, not rolled back, 0 of 2 tasks running: ECS deployment circuit"
                    + " breaker: tasks failed to start."),
        text.out());
  }
}
