package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.runtime.engine.SavedPlan;
import io.fgd.runtime.moto.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fgd plan} end to end: the command line, the compiler and the planner, talking over HTTP to
 * a real moto server (an AWS emulator) with the real AWS SDK client.
 */
class PlanCommandIT {
  static URI endpoint;

  @TempDir Path tmp;

  @BeforeAll
  static void startMoto() throws Exception {
    // The runtime tests' moto server, shared by every test class of this JVM.
    endpoint = MotoServer.shared().endpoint();
    // Dummy credentials for the emulator, through the standard chain's system properties.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @BeforeEach
  void emptyAccount() throws IOException {
    MotoServer.shared().reset();
  }

  MainTest.Run plan(String... extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "plan";
    args[1] = MainTest.EXAMPLE;
    args[2] = "--endpoint-url";
    args[3] = endpoint.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return MainTest.run(args);
  }

  @Test
  void anEmptyAccountPlansEveryCreate() {
    MainTest.Run r = plan("--image-tag", "abc123");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("+ service \"api\""), r.out());
    assertTrue(r.out().contains("sheets/server:abc123"), r.out());
    assertTrue(r.out().endsWith("Plan: 10 to add, 0 to change, 0 to destroy.\n"), r.out());
  }

  /**
   * The load balancer an earlier spec's routes made (fgd's name, tagged fgd:app = sheets) is not
   * the example's, which has no routes: a plain plan does not look for it; with --prune it is found
   * and shown going, as apply --prune would delete it.
   */
  @Test
  void pruneAlsoLooksForTheLoadBalancerTheLastRouteLeft() {
    String name = loadBalancerLeftBehind();
    MainTest.Run plain = plan("--image-tag", "abc123");
    assertEquals(0, plain.code(), plain.err());
    assertFalse(plain.out().contains("load balancer"), plain.out());
    MainTest.Run pruned = plan("--image-tag", "abc123", "--prune");
    assertEquals(0, pruned.code(), pruned.err());
    assertTrue(pruned.out().contains("- load balancer \"" + name + "\""), pruned.out());
    assertTrue(
        pruned.out().endsWith("Plan: 10 to add, 0 to change, 1 to destroy.\n"), pruned.out());
  }

  /**
   * A plan saved by plan --prune is applied with the reads it was made with (it was stale before:
   * apply read without them) and only with --prune, which makes the deletions it shows; a plan
   * saved without --prune is applied only without it.
   */
  @Test
  void aPlanSavedWithPruneIsAppliedAsReviewed(@TempDir Path dir) throws IOException {
    String name = loadBalancerLeftBehind();
    // Moto's CreateService accepts only subnets its EC2 knows.
    var network = io.fgd.runtime.moto.MotoNetwork.create(endpoint, "us-west-1", CREDENTIALS);
    Path spec =
        Files.writeString(
            dir.resolve("sheets.fgd"),
            """
            app sheets {
              region us-west-1
              account 123456789012
              cluster sheets
              execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
              network {
                subnets %s
                security_groups %s
              }
            }
            service api {
              image "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:v1"
              port 80
            }
            """
                .formatted(network.subnets().get(0), network.securityGroups().get(0)));
    try (var elb = elb()) {
      String file = dir.resolve("pruned.plan").toString();
      MainTest.Run saved =
          MainTest.run(
              "plan",
              spec.toString(),
              "--endpoint-url",
              endpoint.toString(),
              "--prune",
              "--out",
              file);
      assertEquals(0, saved.code(), saved.err());
      assertTrue(saved.out().contains("- load balancer \"" + name + "\""), saved.out());

      MainTest.Run without =
          MainTest.run("apply", file, "--endpoint-url", endpoint.toString(), "--auto-approve");
      assertEquals(ExitCodes.USAGE, without.code(), without.err());
      assertTrue(without.err().contains("fgd apply --prune " + file), without.err());

      // and a plain plan only without it: its deletions were planned without --prune's reads
      String plain = dir.resolve("plain.plan").toString();
      MainTest.Run savedPlain =
          MainTest.run(
              "plan", spec.toString(), "--endpoint-url", endpoint.toString(), "--out", plain);
      assertEquals(0, savedPlain.code(), savedPlain.err());
      MainTest.Run plainWithPrune =
          MainTest.run(
              "apply", plain, "--prune", "--endpoint-url", endpoint.toString(), "--auto-approve");
      assertEquals(ExitCodes.USAGE, plainWithPrune.code(), plainWithPrune.err());
      assertTrue(
          plainWithPrune.err().contains("fgd plan --prune --out " + plain), plainWithPrune.err());

      MainTest.Run with =
          MainTest.run(
              "apply",
              file,
              "--prune",
              "--endpoint-url",
              endpoint.toString(),
              "--auto-approve",
              "--no-wait");
      assertEquals(0, with.code(), with.err() + with.out());
      assertEquals(
          List.of(),
          elb.describeLoadBalancers(r -> {}).loadBalancers().stream()
              .filter(lb -> lb.loadBalancerName().equals(name))
              .toList());
    }
  }

  /** fgd's load balancer as an earlier spec's routes left it (fgd's name, tagged fgd:app). */
  private static String loadBalancerLeftBehind() {
    var network = io.fgd.runtime.moto.MotoNetwork.create(endpoint, "us-west-1", CREDENTIALS);
    String name = io.fgd.compiler.emit.ecs.RouteEmitter.loadBalancerName("sheets");
    try (var elb = elb()) {
      elb.createLoadBalancer(
          r ->
              r.name(name)
                  .subnets(network.subnets())
                  .scheme("internet-facing")
                  .type("application")
                  .tags(t -> t.key("fgd:app").value("sheets")));
    }
    return name;
  }

  private static final software.amazon.awssdk.auth.credentials.AwsCredentialsProvider CREDENTIALS =
      software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
          software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test"));

  private static software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client
      elb() {
    return software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client
        .builder()
        .endpointOverride(endpoint)
        .region(software.amazon.awssdk.regions.Region.US_WEST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
        .build();
  }

  @Test
  void detailedExitCodeIsTwoWhenThereAreChanges() {
    assertEquals(PlanCommand.CHANGES, plan("--image-tag", "abc123", "--detailed-exitcode").code());
  }

  @Test
  void jsonAndMarkdownRenderings() throws IOException {
    MainTest.Run json = plan("--image-tag", "abc123", "--json");
    assertEquals(0, json.code(), json.err());
    JsonNode plan = new ObjectMapper().readTree(json.out());
    assertEquals(1, plan.get("formatVersion").asInt());
    MainTest.Run markdown = plan("--image-tag", "abc123", "--markdown");
    assertEquals(0, markdown.code(), markdown.err());
    assertTrue(markdown.out().contains("10 to add"), markdown.out());
  }

  @Test
  void debugReportsTheNumberOfApiCalls() {
    MainTest.Run r =
        MainTest.run(
            "--debug",
            "plan",
            MainTest.EXAMPLE,
            "--endpoint-url",
            endpoint.toString(),
            "--image-tag",
            "x");
    // An empty account: the spec's services (one DescribeServices), the app's others
    // (ListServices),
    // their autoscaling, the log groups (one listing of /ecs/sheets/), and, as no service runs,
    // the cluster, and the ECR repository of the service built from source (one
    // DescribeRepositories, which finds it missing).
    assertTrue(r.err().lines().anyMatch("fgd: 6 AWS API calls"::equals), r.err());
  }

  @Test
  void outSavesAPlanFile() throws Exception {
    Path saved = tmp.resolve("sheets.plan");
    MainTest.Run r = plan("--image-tag", "abc123", "--out", saved.toString());
    assertEquals(0, r.code(), r.err());
    // The file holds the plan that was shown: the same as --json renders it.
    JsonNode shown = new ObjectMapper().readTree(plan("--image-tag", "abc123", "--json").out());
    // Beside the changes, --json shows what they cost; that is derived, not saved.
    assertTrue(shown.has("cost"), shown::toString);
    ((com.fasterxml.jackson.databind.node.ObjectNode) shown).remove("cost");
    assertEquals(shown, SavedPlan.read(saved, "sheets").plan());
    assertTrue(r.err().contains("fgd apply " + saved), r.err());
  }

  @Test
  void aSpecWithErrorsMakesNoAwsCall() throws IOException {
    Path spec = tmp.resolve("bad.fgd");
    Files.writeString(
        spec,
        Files.readString(Path.of(MainTest.EXAMPLE)).replace("memory 512 MiB", "memory 4 GiB"));
    // A closed port: had fgd called AWS, the error would be about the connection.
    MainTest.Run r =
        MainTest.run(
            "plan", spec.toString(), "--endpoint-url", "http://127.0.0.1:9", "--image-tag", "x");
    assertEquals(ExitCodes.ERROR, r.code());
    assertTrue(r.err().contains("Invalid cpu and memory"), r.err());
    assertFalse(r.err().contains("127.0.0.1:9"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void anUnreachableEndpointIsOneSentenceAndExitOne() {
    MainTest.Run r =
        MainTest.run(
            "plan", MainTest.EXAMPLE, "--endpoint-url", "http://127.0.0.1:9", "--image-tag", "x");
    assertEquals(ExitCodes.ERROR, r.code());
    // The spec's warnings, then one error, the last line, naming the endpoint and what to check
    // (which of the concurrent reads fails first varies, so the read it names does too).
    List<String> errors = r.err().lines().filter(l -> l.startsWith("Error")).toList();
    assertEquals(1, errors.size(), r.err());
    String error = errors.get(0);
    assertEquals(error, r.err().strip().lines().reduce((a, b) -> b).orElseThrow());
    assertTrue(
        error.startsWith("Error: Could not reach AWS at http://127.0.0.1:9 in us-west-1 while "),
        error);
    assertTrue(
        error.endsWith(
            ": Connection refused (SDK Attempt Count: 3). Check the network connection"
                + " and --endpoint-url."),
        error);
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
