package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.runtime.deploy.ReplayServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fgd apply} through the real command line and the real AWS SDK clients, against a {@link
 * ReplayServer} that answers every call an apply of a new one-service spec makes (ECS, CloudWatch
 * Logs, Application Auto Scaling), so the deployment can fail or never finish: moto completes every
 * deployment at once.
 */
class ApplyReplayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TD_42 = "arn:aws:ecs:us-west-1:123456789012:task-definition/api:42";
  private static final String SPEC = ReplayCli.SPEC;

  @TempDir Path tmp;
  private ReplayServer server;

  @BeforeAll
  static void credentials() {
    ReplayCli.credentials();
  }

  @BeforeEach
  void start() {
    server = ReplayServer.start();
    // The plan: the cluster exists, the service does not, nor any autoscaling; the log group does.
    // Only the plan's DescribeServices asks for tags: the watcher's answers are scripted apart.
    // The apply: no revision to reuse, register api:42, create the service.
    ReplayCli.newService(server, "TAGS");
    ReplayCli.registers(server, TD_42, "api");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The spec with its service deployed as a canary behind a load balancer (issue 15). */
  private static final String CANARY_SPEC =
      SPEC.replace(
          "  port 80\n",
          "  port 80 target_group"
              + " \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/api-blue/0123456789abcdef\""
              + " alternate"
              + " \"arn:aws:elasticloadbalancing:us-west-1:123456789012:targetgroup/api-green/fedcba9876543210\""
              + " rule"
              + " \"arn:aws:elasticloadbalancing:us-west-1:123456789012:listener-rule/app/shop/0123456789abcdef/0123456789abcdef/0123456789abcdef\""
              + " role \"arn:aws:iam::123456789012:role/ecsInfrastructureRole\"\n"
              + "  health none\n"
              + "  deploy {\n    strategy canary 10% bake 5m\n    bake 10m\n"
              + "    alarms \"shop-api-5xx\"\n  }\n");

  private String spec = SPEC;

  private MainTest.Run apply(String... extra) throws IOException {
    String[] args = new String[extra.length + 1];
    args[0] = "--auto-approve";
    System.arraycopy(extra, 0, args, 1, extra.length);
    return ReplayCli.fgd(tmp, spec, server, "apply", args);
  }

  /** One answer of a runtime replay scenario (the test-jar's resources). */
  private static String answer(String scenario, String file, int index) throws IOException {
    try (InputStream in =
        ApplyReplayIT.class.getResourceAsStream("/replay/" + scenario + "/" + file)) {
      JsonNode answers = JSON.readTree(in);
      return answers.get(index < 0 ? answers.size() + index : index).toString();
    }
  }

  private List<String> mutating() {
    return server.requests().stream()
        .map(ReplayServer.Request::operation)
        .filter(o -> !o.startsWith("Describe") && !o.startsWith("List"))
        .toList();
  }

  @Test
  void aRolledBackDeploymentExitsWith3() throws Exception {
    // ECS rolled api:42 back to api:41 (circuit breaker).
    server.script(
        "DescribeServices", null, answer("circuit-breaker-rollback", "describe-services.json", -1));
    server.script("ListTasks", null, answer("circuit-breaker-rollback", "list-tasks.json", -1));
    server.script(
        "DescribeTasks", null, answer("circuit-breaker-rollback", "describe-tasks.json", -1));
    MainTest.Run r = apply();
    assertEquals(ExitCodes.DEPLOYMENT_FAILED, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("the deployment of service \"api\" failed"), r.err());
    assertTrue(r.err().contains("rolled back to api:41"), r.err());
    assertEquals(List.of("RegisterTaskDefinition", "CreateService"), mutating());
    assertEquals(List.of(), server.unscripted(), "every call the apply made was answered");
  }

  @Test
  void aDeploymentThatNeverFinishesExitsWith4AndNamesTheTimeoutGiven() throws Exception {
    // The rollout stays IN_PROGRESS for ever, with no task started.
    server.script(
        "DescribeServices", null, answer("circuit-breaker-rollback", "describe-services.json", 0));
    server.script("ListTasks", null, "{\"taskArns\": []}");
    MainTest.Run r = apply("--timeout", "2s");
    assertEquals(ExitCodes.TIMED_OUT, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("api:42 did not reach steady state within 2s"), r.err());
    assertTrue(r.err().contains("Apply timed out after --timeout 2s"), r.err());
    assertEquals(List.of("RegisterTaskDefinition", "CreateService"), mutating());
    assertEquals(List.of(), server.unscripted(), "every call the apply made was answered");
  }

  /** A canary whose alarm fires during the bake: exit 3, and the error names the alarm. */
  @Test
  void aCanaryRolledBackByItsAlarmExitsWith3NamingTheAlarm() throws Exception {
    spec = CANARY_SPEC;
    server.script(
        "DescribeServices", null, answer("canary-alarm-rollback", "describe-services.json", -1));
    server.script(
        "ListServiceDeployments",
        null,
        answer("canary-alarm-rollback", "list-service-deployments.json", 0));
    server.script(
        "DescribeServiceDeployments",
        null,
        answer("canary-alarm-rollback", "describe-service-deployments.json", -1));
    // The default --timeout (15m) is no longer than the bakes, and would be refused.
    MainTest.Run r = apply("--timeout", "30m");
    assertEquals(ExitCodes.DEPLOYMENT_FAILED, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("alarm shop-api-5xx went into ALARM"), r.err());
    JsonNode created = server.requests("CreateService").get(0).body();
    assertEquals("CANARY", created.path("deploymentConfiguration").path("strategy").asText());
    assertEquals(List.of("RegisterTaskDefinition", "CreateService"), mutating());
    assertEquals(List.of(), server.unscripted(), "every call the apply made was answered");
  }

  /** --timeout counts bake times: a canary that bakes 15m is refused with --timeout 10m. */
  @Test
  void aRolloutLongerThanTheTimeoutIsRefusedBeforeAnyChange() throws Exception {
    spec = CANARY_SPEC;
    MainTest.Run r = apply("--timeout", "10m");
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(
        r.err().contains("rolls out in at least 15m (canary 10% for 5m, then bake 10m)"), r.err());
    assertEquals(List.of(), mutating());
  }
}
