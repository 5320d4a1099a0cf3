package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.sandbox.Moto;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Secret hygiene, end to end: canary values are planted in the emulator's Secrets Manager and SSM
 * Parameter Store, a spec references them, and every command and output format fgd has is run. No
 * byte fgd writes (stdout, stderr, compiled files, saved plans) may contain a canary, and moto's
 * own request log must show that fgd never called an API that returns a secret's value.
 */
class SecretHygieneIT {
  static final String SM_CANARY = "canary-sm-" + UUID.randomUUID();
  static final String JSON_CANARY = "canary-json-" + UUID.randomUUID();
  static final String SSM_CANARY = "canary-ssm-" + UUID.randomUUID();
  static final Set<String> READS_A_SECRET =
      Set.of(
          "secretsmanager.GetSecretValue",
          "secretsmanager.BatchGetSecretValue",
          "AmazonSSM.GetParameter",
          "AmazonSSM.GetParameters",
          "AmazonSSM.GetParametersByPath",
          "AmazonSSM.GetParameterHistory");
  static final ObjectMapper JSON = new ObjectMapper();

  static Process moto;
  static URI endpoint;
  static Path recording;
  static String smArn;
  static String jsonArn;

  @TempDir static Path tmp;

  @BeforeAll
  static void plantCanaries() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    recording = tmp.resolve("moto-requests.jsonl");
    moto =
        Moto.start(
            Moto.install(),
            port,
            tmp.resolve("moto.log"),
            Map.of("MOTO_RECORDER_FILEPATH", recording.toString()));
    endpoint = Moto.endpoint(port);
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    smArn =
        call(
                "secretsmanager",
                "secretsmanager.CreateSecret",
                "{\"Name\":\"google\",\"SecretString\":\"" + SM_CANARY + "\"}")
            .get("ARN")
            .asText();
    jsonArn =
        call(
                "secretsmanager",
                "secretsmanager.CreateSecret",
                "{\"Name\":\"prod/db\",\"SecretString\":\"{\\\"password\\\":\\\""
                    + JSON_CANARY
                    + "\\\"}\"}")
            .get("ARN")
            .asText();
    call(
        "ssm",
        "AmazonSSM.PutParameter",
        "{\"Name\":\"/prod/api-token\",\"Value\":\""
            + SSM_CANARY
            + "\",\"Type\":\"SecureString\"}");
    // The canaries really are there to be leaked: reading them back (before recording) works.
    assertEquals(
        SM_CANARY,
        call("secretsmanager", "secretsmanager.GetSecretValue", "{\"SecretId\":\"" + smArn + "\"}")
            .get("SecretString")
            .asText());
    Moto.control(endpoint, "/moto-api/recorder/start-recording");
  }

  @AfterAll
  static void stopMoto() {
    moto.destroy();
  }

  @Test
  void noCommandOrFormatRevealsASecretOrReadsOne() throws Exception {
    Path spec = tmp.resolve("app.fgd");
    Files.writeString(spec, spec(""));
    Path broken = tmp.resolve("broken.fgd");
    Files.writeString(broken, spec("  memory 3 GiB\n"));
    Path out = tmp.resolve("out");
    Path savedPlan = tmp.resolve("app.plan");
    String aws = endpoint.toString();

    List<MainTest.Run> runs = new ArrayList<>();
    runs.add(MainTest.run("validate", spec.toString()));
    runs.add(MainTest.run("--debug", "compile", spec.toString(), "--out", out.toString()));
    runs.add(MainTest.run("plan", spec.toString(), "--endpoint-url", aws));
    runs.add(MainTest.run("plan", spec.toString(), "--endpoint-url", aws, "--json"));
    runs.add(MainTest.run("plan", spec.toString(), "--endpoint-url", aws, "--markdown"));
    runs.add(
        MainTest.run(
            "--debug",
            "plan",
            spec.toString(),
            "--endpoint-url",
            aws,
            "--out",
            savedPlan.toString()));
    runs.add(MainTest.run("validate", broken.toString()));
    runs.add(MainTest.run("plan", broken.toString(), "--endpoint-url", aws));
    runs.add(MainTest.run("plan", spec.toString(), "--endpoint-url", "http://127.0.0.1:9"));

    assertEquals(0, runs.get(0).code(), runs.get(0).err());
    assertEquals(0, runs.get(2).code(), runs.get(2).err());
    assertTrue(
        runs.get(2).out().contains(smArn), "the plan shows the reference: " + runs.get(2).out());

    List<String> written = new ArrayList<>();
    for (MainTest.Run run : runs) {
      written.add(run.out());
      written.add(run.err());
    }
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        written.add(Files.readString(file));
      }
    }
    written.add(Files.readString(savedPlan));
    assertNoCanary(written);
    assertNoSecretRead("AmazonEC2ContainerServiceV20141113.DescribeServices");
  }

  /**
   * The commands that change the account and the one that reads it whole: apply of a spec, a saved
   * plan made and applied, and import of the cluster apply made (whose spec must hold the
   * references, as the task definitions do, and never what they point to); with and without
   * --debug. A cluster of its own, so the plans of the other test stay plans of an empty account.
   */
  @Test
  void applyAndImportRevealNoSecretAndReadNone() throws Exception {
    MotoNetwork network =
        MotoNetwork.create(
            endpoint,
            "us-west-1",
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    String subnets = String.join(", ", network.subnets());
    String groups = String.join(", ", network.securityGroups());
    Path spec = tmp.resolve("vault.fgd");
    Files.writeString(spec, spec("vault", subnets, groups, ""));
    Path changed = tmp.resolve("vault-changed.fgd");
    Files.writeString(changed, spec("vault", subnets, groups, "  env LOG_LEVEL = \"debug\"\n"));
    Path savedPlan = tmp.resolve("vault.plan");
    Path imported = tmp.resolve("imported.fgd");
    Path importedDebug = tmp.resolve("imported-debug.fgd");
    String aws = endpoint.toString();

    List<MainTest.Run> runs = new ArrayList<>();
    runs.add(
        MainTest.run(
            "--debug",
            "apply",
            spec.toString(),
            "--endpoint-url",
            aws,
            "--auto-approve",
            "--no-wait"));
    runs.add(
        MainTest.run(
            "apply", spec.toString(), "--endpoint-url", aws, "--auto-approve", "--no-wait"));
    runs.add(
        MainTest.run(
            "--debug",
            "plan",
            changed.toString(),
            "--endpoint-url",
            aws,
            "--out",
            savedPlan.toString()));
    runs.add(
        MainTest.run("--debug", "apply", savedPlan.toString(), "--endpoint-url", aws, "--no-wait"));
    runs.add(MainTest.run("plan", changed.toString(), "--endpoint-url", aws, "--json"));
    runs.add(
        MainTest.run(
            "import",
            "--cluster",
            "vault",
            "--region",
            "us-west-1",
            "--endpoint-url",
            aws,
            "--out",
            imported.toString()));
    runs.add(
        MainTest.run(
            "--debug",
            "import",
            "--cluster",
            "vault",
            "--region",
            "us-west-1",
            "--endpoint-url",
            aws,
            "--out",
            importedDebug.toString()));
    runs.add(
        MainTest.run(
            "import", "--cluster", "vault", "--region", "us-west-1", "--endpoint-url", aws));
    for (MainTest.Run run : runs) {
      assertEquals(0, run.code(), run.out() + run.err());
    }
    assertTrue(runs.get(0).out().contains("Apply complete"), runs.get(0).out());
    assertTrue(runs.get(3).out().contains("Apply complete"), runs.get(3).out());
    assertTrue(
        runs.get(0).err().contains("fgd: AWS calls that changed something"),
        "--debug output: " + runs.get(0).err());
    assertTrue(
        runs.get(7).out().contains("API_TOKEN from ssm"), "import to stdout: " + runs.get(7).out());
    assertTrue(
        runs.get(4).out().contains("\"hasChanges\" : false"),
        "the saved plan was applied: " + runs.get(4).out());
    assertTrue(Files.readString(savedPlan).contains(smArn), "the saved plan holds the reference");

    // The imported spec names each secret by reference, exactly as the spec that made it did.
    String spec1 = Files.readString(imported);
    assertTrue(spec1.contains("secret GOOGLE_SECRET from \"" + smArn + "\"\n"), spec1);
    assertTrue(
        spec1.contains("secret DB_PASSWORD from \"" + jsonArn + "\" key \"password\"\n"), spec1);
    assertTrue(spec1.contains("secret API_TOKEN from ssm \"/prod/api-token\"\n"), spec1);

    // The operating commands (issue 17): status in both formats, a task run (detached: moto runs
    // no container, so it never ends), the service's log lines; with and without --debug.
    List<MainTest.Run> operate = new ArrayList<>();
    operate.add(MainTest.run("status", changed.toString(), "--endpoint-url", aws));
    operate.add(
        MainTest.run("--debug", "status", changed.toString(), "--endpoint-url", aws, "--json"));
    operate.add(
        MainTest.run(
            "--debug",
            "run",
            changed.toString(),
            "api",
            "--endpoint-url",
            aws,
            "--detach",
            "--",
            "env"));
    operate.add(MainTest.run("logs", changed.toString(), "api", "--endpoint-url", aws));
    // A job's run: the job's task definition (its secrets' references), detached (issue 17).
    operate.add(
        MainTest.run(
            "--debug",
            "run",
            changed.toString(),
            "nightly",
            "--endpoint-url",
            aws,
            "--detach",
            "--",
            "env"));
    operate.add(MainTest.run("--debug", "logs", changed.toString(), "api", "--endpoint-url", aws));
    // A before_deploy task: its step in the plan (Markdown), and apply's attempt to run it (moto
    // answers its RunTask with HTTP 500, so the apply stops there, with no service changed).
    Path migrating = tmp.resolve("vault-migrate.fgd");
    Files.writeString(
        migrating,
        spec(
            "vault",
            subnets,
            groups,
            "  env LOG_LEVEL = \"info\"\n  before_deploy [\"./migrate\", \"--verbose\"]\n"));
    operate.add(
        MainTest.run("--debug", "plan", migrating.toString(), "--endpoint-url", aws, "--markdown"));
    operate.add(
        MainTest.run(
            "--debug", "apply", migrating.toString(), "--endpoint-url", aws, "--auto-approve"));
    for (MainTest.Run run : List.of(operate.get(0), operate.get(1))) {
      assertTrue(
          run.code() == 0 || run.code() == ExitCodes.NOT_STEADY,
          run.code() + run.out() + run.err());
    }
    assertTrue(operate.get(0).out().contains("service \"api\""), operate.get(0).out());
    // Moto 5.2.5's RunTask answers HTTP 500 for every awsvpc task (see OneOffTaskIT); the request
    // is
    // still made and recorded, which is what is checked here.
    assertEquals(
        ExitCodes.ERROR, operate.get(2).code(), operate.get(2).out() + operate.get(2).err());
    assertEquals(0, operate.get(3).code(), operate.get(3).err());
    assertEquals(
        ExitCodes.ERROR, operate.get(4).code(), operate.get(4).out() + operate.get(4).err());
    assertTrue(spec1.contains("job nightly {"), spec1);
    assertEquals(0, operate.get(5).code(), operate.get(5).err());
    assertTrue(operate.get(6).out().contains("task before deploy `api`"), operate.get(6).out());
    assertEquals(
        ExitCodes.ERROR, operate.get(7).code(), operate.get(7).out() + operate.get(7).err());
    assertTrue(
        operate.get(7).err().contains("starting the task before deploying api"),
        operate.get(7).err());
    runs.addAll(operate);

    List<String> written = new ArrayList<>();
    for (MainTest.Run run : runs) {
      written.add(run.out());
      written.add(run.err());
    }
    written.add(Files.readString(savedPlan));
    written.add(spec1);
    written.add(Files.readString(importedDebug));
    assertNoCanary(written);
    assertNoSecretRead(
        "AmazonEC2ContainerServiceV20141113.CreateService",
        "AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition",
        "AmazonEC2ContainerServiceV20141113.UpdateService",
        "AmazonEC2ContainerServiceV20141113.RunTask",
        "Logs_20140328.FilterLogEvents");
  }

  static void assertNoCanary(List<String> written) {
    for (String text : written) {
      for (String canary : List.of(SM_CANARY, JSON_CANARY, SSM_CANARY)) {
        assertFalse(text.contains(canary), "a secret value leaked:\n" + text);
      }
    }
  }

  /**
   * No call fgd made since recording began returned a secret's value; {@code made} are calls it
   * must have made, so that the recording is known to cover the commands.
   */
  static void assertNoSecretRead(String... made) throws IOException {
    Set<String> operations = new TreeSet<>();
    for (String line : Files.readAllLines(recording)) {
      JsonNode request = JSON.readTree(line);
      JsonNode target = request.path("headers").path("X-Amz-Target");
      operations.add(target.isMissingNode() ? request.path("url").asText() : target.asText());
    }
    for (String operation : made) {
      assertTrue(operations.contains(operation), operation + " is not in " + operations);
    }
    Set<String> secretReads = new TreeSet<>(operations);
    secretReads.retainAll(READS_A_SECRET);
    assertEquals(Set.of(), secretReads, "fgd called APIs that return secret values");
  }

  /** Structurally too: fgd ships no client that could read a secret. */
  @Test
  void fgdHasNoSecretsManagerOrSsmClient() {
    for (String client :
        List.of(
            "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
            "software.amazon.awssdk.services.ssm.SsmClient")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(client), client);
    }
  }

  static String spec(String extra) {
    return spec("shop", "subnet-0a1b2c3d", "sg-0123456789abcdef0", extra);
  }

  /** An app named {@code app}, in a cluster of that name, with the three secrets. */
  static String spec(String app, String subnets, String securityGroups, String extra) {
    return """
        app %s {
          region         us-west-1
          account        123456789012
          cluster        %s
          execution_role "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"
          scheduler_role "arn:aws:iam::123456789012:role/scheduler"
          network {
            subnets         %s
            security_groups %s
          }
        }
        job nightly {
          schedule "rate(1 day)"
          image    "nginx:1.27.3"
          secret   DB_PASSWORD from "%s" key "password"
          secret   API_TOKEN from ssm "/prod/api-token"
        }
        service api {
          image  "nginx:1.27.3"
          port   80
          secret GOOGLE_SECRET from "%s"
          secret DB_PASSWORD from "%s" key "password"
          secret API_TOKEN from ssm "/prod/api-token"
          health "curl -f http://localhost/ || exit 1"
        %s}
        """
        .formatted(app, app, subnets, securityGroups, jsonArn, smArn, jsonArn, extra);
  }

  /** One call of the AWS JSON protocol, as the AWS CLI would make it (moto checks no signature). */
  static JsonNode call(String service, String target, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
    c.setRequestProperty("X-Amz-Target", target);
    c.setRequestProperty(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=test/20261126/us-west-1/"
            + service
            + "/aws4_request, SignedHeaders=host, Signature=0");
    c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    int status = c.getResponseCode();
    byte[] answer = (status >= 400 ? c.getErrorStream() : c.getInputStream()).readAllBytes();
    if (status >= 400) {
      throw new IOException(
          target + " answered HTTP " + status + ": " + new String(answer, StandardCharsets.UTF_8));
    }
    return JSON.readTree(answer);
  }
}
