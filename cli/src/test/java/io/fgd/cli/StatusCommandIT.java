package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.runtime.deploy.ReplayServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fgd status} through the real command line and SDK client, against a {@link ReplayServer}
 * answering with the runtime's rollout scenarios (DescribeServices, ListTasks, DescribeTasks as the
 * ECS API reference shapes them): moto completes every deployment at once and keeps no stopped
 * tasks with reasons, so neither a failed nor an unfinished rollout could be shown against it.
 */
class StatusCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();
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
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private MainTest.Run status(String... extra) throws IOException {
    return ReplayCli.fgd(tmp, SPEC, server, "status", extra);
  }

  private static String answer(String scenario, String file, int index) throws IOException {
    try (InputStream in =
        StatusCommandIT.class.getResourceAsStream("/replay/" + scenario + "/" + file)) {
      JsonNode answers = JSON.readTree(in);
      return answers.get(index < 0 ? answers.size() + index : index).toString();
    }
  }

  private void scenario(String name, int index) throws IOException {
    server.script("DescribeServices", null, answer(name, "describe-services.json", index));
    server.script("ListTasks", null, answer(name, "list-tasks.json", -1));
    server.script("DescribeTasks", null, answer(name, "describe-tasks.json", -1));
  }

  @Test
  void aSteadyServiceExits0AndShowsItsCountsDeploymentsAndEvents() throws Exception {
    scenario("succeeds-after-rollout", -1);
    MainTest.Run r = status();
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertTrue(
        r.out().contains("service \"api\": steady, 2 desired, 2 running, 0 pending"), r.out());
    assertTrue(r.out().contains("PRIMARY api:42 COMPLETED, 2 of 2 running"), r.out());
    assertTrue(r.out().contains("(service api) has reached a steady state."), r.out());
    assertTrue(r.out().endsWith("The service is steady.\n"), r.out());
    assertFalse(r.out().contains("\u001b["), "no colour off a terminal");
    List<String> operations =
        server.requests().stream().map(ReplayServer.Request::operation).distinct().toList();
    assertEquals(List.of("DescribeServices", "ListTasks", "DescribeTasks"), operations);
    JsonNode listTasks = server.requests("ListTasks").get(0).body();
    assertEquals("STOPPED", listTasks.path("desiredStatus").asText());
    assertEquals("api", listTasks.path("serviceName").asText());
  }

  @Test
  void aRolledBackServiceExits6WithTheReasonAndItsStoppedTasks() throws Exception {
    scenario("circuit-breaker-rollback", -1);
    MainTest.Run r = status();
    assertEquals(ExitCodes.NOT_STEADY, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("service \"api\": failed"), r.out());
    assertTrue(r.out().contains("rollout of api:42 failed, ECS rolled back to api:41"), r.out());
    assertTrue(r.out().contains("stopped tasks, newest first:"), r.out());
    assertTrue(r.out().contains("Essential container in task exited (app: exit code 1)"), r.out());
    assertTrue(r.out().endsWith("1 of 1 service is not steady: api (failed).\n"), r.out());
  }

  @Test
  void anUnfinishedRolloutExits6AndJsonSaysSo() throws Exception {
    scenario("succeeds-after-rollout", 0);
    MainTest.Run r = status("--json");
    assertEquals(ExitCodes.NOT_STEADY, r.code(), r.out() + r.err());
    JsonNode json = JSON.readTree(r.out());
    assertEquals(1, json.path("formatVersion").asInt());
    assertFalse(json.path("steady").asBoolean());
    JsonNode api = json.path("services").get(0);
    assertEquals("api", api.path("name").asText());
    assertEquals("in progress", api.path("state").asText());
    assertEquals("PRIMARY", api.path("deployments").get(0).path("status").asText());
    assertTrue(api.path("summary").asText().contains("rollout in progress"), r.out());
  }

  @Test
  void aServiceEcsDoesNotHaveIsMissingAndExits6WithoutListingTasks() throws Exception {
    server.script(
        "DescribeServices",
        null,
        "{\"services\": [], \"failures\": [{\"arn\":"
            + " \"arn:aws:ecs:us-west-1:123456789012:service/demo/api\", \"reason\": \"MISSING\"}]}");
    MainTest.Run r = status();
    assertEquals(ExitCodes.NOT_STEADY, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("service \"api\": missing (ECS has no such service"), r.out());
    assertEquals(List.of(), server.requests("ListTasks"));
  }

  @Test
  void anUnknownClusterIsOneSentenceAndExit1() throws Exception {
    server.script(
        "DescribeServices",
        null,
        "{\"__type\": \"ClusterNotFoundException\", \"message\": \"Cluster not found.\"}");
    MainTest.Run r = status();
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("Error: The ECS cluster was not found"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void aSpecWithErrorsCallsNoAws() throws Exception {
    Path spec = Files.writeString(tmp.resolve("bad.fgd"), SPEC.replace("port 80", "port nope"));
    MainTest.Run r =
        MainTest.run("status", spec.toString(), "--endpoint-url", server.endpoint().toString());
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertEquals(List.of(), server.requests());
  }
}
