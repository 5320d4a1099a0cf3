package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.moto.MotoServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** {@code fgd import} end to end against a real moto server. */
class ImportCommandIT {
  static URI endpoint;

  @TempDir Path tmp;

  @BeforeAll
  static void startMoto() throws Exception {
    // The runtime tests' moto server, shared by every test class of this JVM.
    endpoint = MotoServer.shared().endpoint();
    MotoServer.shared().reset();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    seed();
  }

  /** One hand-made service: its task definition family is not what fgd would name it. */
  static void seed() {
    AwsSettings settings =
        new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(endpoint));
    String subnet;
    String sg;
    try (Ec2Client ec2 =
        Ec2Client.builder()
            .endpointOverride(endpoint)
            .region(Region.US_WEST_1)
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .build()) {
      String vpc = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
      subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.0.1.0/24")).subnet().subnetId();
      sg = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("web")).groupId();
    }
    try (AwsClients clients = AwsClients.create(settings)) {
      clients.ecs().createCluster(r -> r.clusterName("edge"));
      clients
          .ecs()
          .registerTaskDefinition(
              r ->
                  r.family("edge-proxy-td")
                      .networkMode("awsvpc")
                      .requiresCompatibilitiesWithStrings("FARGATE")
                      .cpu("256")
                      .memory("512")
                      .containerDefinitions(
                          c ->
                              c.name("proxy")
                                  .image("public.ecr.aws/nginx/nginx:1.27.3")
                                  .portMappings(p -> p.containerPort(80))));
      clients
          .ecs()
          .createService(
              r ->
                  r.cluster("edge")
                      .serviceName("proxy")
                      .taskDefinition("edge-proxy-td")
                      .desiredCount(2)
                      .launchType("FARGATE")
                      .networkConfiguration(
                          n -> n.awsvpcConfiguration(v -> v.subnets(subnet).securityGroups(sg))));
    }
  }

  MainTest.Run importTo(Path out, String... extra) {
    String[] base = {
      "import",
      "--cluster",
      "edge",
      "--region",
      "us-west-1",
      "--endpoint-url",
      endpoint.toString(),
      "--out",
      out.toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return MainTest.run(args);
  }

  @Test
  void writesTheSpecAndReportsEachWarningWithItsLine() throws Exception {
    Path out = tmp.resolve("deploy/edge.fgd");
    MainTest.Run r = importTo(out);
    assertEquals(0, r.code(), r.err());
    assertEquals("Imported 1 service of cluster edge into " + out + ".\n", r.out());
    String spec = Files.readString(out);
    assertTrue(
        spec.startsWith("# Imported by fgd import from cluster edge in us-west-1.\napp edge {\n"),
        spec);
    assertTrue(spec.contains("\nservice proxy {\n"), spec);
    // Every warning on stderr names the file and the line of its comment there.
    var lines = spec.lines().toList();
    long warnings = r.err().lines().filter(l -> l.startsWith("Warning: " + out + ":")).count();
    // The family and propagateTags, which the service (made outside fgd) does not have as fgd
    // would make it: each is a comment in the spec.
    assertEquals(2, warnings, r.err());
    r.err()
        .lines()
        .filter(l -> l.startsWith("Warning: " + out + ":"))
        .forEach(
            l -> {
              String rest = l.substring(("Warning: " + out + ":").length());
              int line = Integer.parseInt(rest.substring(0, rest.indexOf(':')));
              String message = rest.substring(rest.indexOf(": ", rest.indexOf(": ") + 1) + 2);
              assertEquals("  # fgd import: " + message, lines.get(line - 1));
            });
    assertTrue(
        r.err().contains("task definition family \"edge-proxy-td\" was not imported"), r.err());
    // Then every change the first plan of the written spec makes, from what to what: ECS managed
    // tags among them (moto keeps none, as a service made outside fgd has none).
    assertTrue(
        r.err()
            .contains(
                "\nWarning: service \"proxy\": the first plan will change enableECSManagedTags"
                    + " from false to true, because the language cannot say false.\n"),
        r.err());
    assertTrue(
        r.err()
            .contains(
                "\nWarning: service \"proxy\": the first plan will change propagateTags from"),
        r.err());
    assertTrue(
        r.err()
            .contains(
                "2 warnings: what they name was not imported exactly; each is also a '# fgd import:' comment in the spec.\n"),
        r.err());
    assertTrue(
        r.err()
            .matches(
                "(?s).*\n\\d+ changes announced: 'fgd plan' on this spec will show them \\(the"
                    + " spec cannot say what runs now\\); nothing is changed until you apply.\n"),
        r.err());
  }

  @Test
  void refusesToReplaceAFileUnlessForced() throws Exception {
    Path out = tmp.resolve("edge.fgd");
    Files.writeString(out, "mine\n");
    MainTest.Run r = importTo(out);
    assertEquals(1, r.code());
    assertEquals(
        "Error: " + out + " exists; choose another --out, or add --force to replace it.\n",
        r.err());
    assertEquals("mine\n", Files.readString(out));
    assertEquals(0, importTo(out, "--force").code());
    assertTrue(Files.readString(out).contains("service proxy {"));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "no staging file left behind");
    }
  }

  @Test
  void anUnknownClusterIsOneSentence() {
    MainTest.Run r =
        MainTest.run(
            "import",
            "--cluster",
            "nope",
            "--region",
            "us-west-1",
            "--endpoint-url",
            endpoint.toString());
    assertEquals(1, r.code());
    assertEquals(
        "Error: Cluster \"nope\" does not exist in us-west-1 (or is not ACTIVE). Check --cluster and --region.\n",
        r.err());
  }
}
