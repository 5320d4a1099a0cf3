package io.fgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.moto.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/**
 * {@code fgd logs} against moto's CloudWatch Logs (PutLogEvents, FilterLogEvents with its pages).
 * Moto ignores FilterLogEvents' logStreamNamePrefix, so the stream of another prefix planted here
 * also shows that fgd keeps only its service's streams itself.
 */
class LogsCommandIT {
  static URI endpoint;
  private static final String TASK_1 = "aaaa1111bbbb2222cccc3333dddd4444";
  private static final String TASK_2 = "eeee5555ffff6666aaaa7777bbbb8888";
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
        image "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:new"
        port 80
      }
      service quiet {
        image "123456789012.dkr.ecr.us-west-1.amazonaws.com/repo:new"
        port 80
        logs off
      }
      """;

  @TempDir Path tmp;
  private AwsClients clients;

  @BeforeAll
  static void startMoto() {
    endpoint = MotoServer.shared().endpoint();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @BeforeEach
  void emptyAccount() {
    MotoServer.shared().reset();
    clients =
        AwsClients.create(
            new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(endpoint)),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
  }

  @AfterEach
  void close() {
    clients.close();
  }

  private void put(String stream, long at, String... messages) {
    var logs = clients.logs();
    try {
      logs.createLogStream(r -> r.logGroupName("/ecs/demo/api").logStreamName(stream));
    } catch (
        software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException e) {
      // written to before
    }
    List<InputLogEvent> events =
        java.util.stream.IntStream.range(0, messages.length)
            .mapToObj(
                i -> InputLogEvent.builder().timestamp(at + 2L * i).message(messages[i]).build())
            .toList();
    logs.putLogEvents(r -> r.logGroupName("/ecs/demo/api").logStreamName(stream).logEvents(events));
  }

  private MainTest.Run logs(String... rest) throws IOException {
    Path spec = Files.writeString(tmp.resolve("demo.fgd"), SPEC);
    String[] args = new String[rest.length + 4];
    args[0] = "logs";
    args[1] = spec.toString();
    args[2] = "--endpoint-url";
    args[3] = endpoint.toString();
    System.arraycopy(rest, 0, args, 4, rest.length);
    return MainTest.run(args);
  }

  @Test
  void linesOfBothTasksAreInterleavedInTimeOrderWithTheirTaskAndContainer() throws Exception {
    clients.logs().createLogGroup(r -> r.logGroupName("/ecs/demo/api"));
    long now = Instant.now().toEpochMilli();
    put("api/api/" + TASK_1, now - 60_000, "one: started", "one: ERROR db down");
    put("api/api/" + TASK_2, now - 59_999, "two: started");
    put("api/api/" + TASK_2, now - 1_000, "two: ERROR timeout");
    put("other/api/" + TASK_1, now - 30_000, "not this service's");
    put("api/api/" + TASK_1, now - 7_200_000, "too old");

    MainTest.Run r = logs("api", "--since", "10m");
    assertEquals(ExitCodes.OK, r.code(), r.out() + r.err());
    assertEquals(
        "aaaa1111 api | one: started\n"
            + "eeee5555 api | two: started\n"
            + "aaaa1111 api | one: ERROR db down\n"
            + "eeee5555 api | two: ERROR timeout\n",
        r.out());

    MainTest.Run errors = logs("api", "--since", "3h", "--filter", "ERROR");
    assertEquals(ExitCodes.OK, errors.code(), errors.out() + errors.err());
    assertEquals(
        "aaaa1111 api | one: ERROR db down\neeee5555 api | two: ERROR timeout\n", errors.out());
  }

  @Test
  void aServiceWithLogsOffSaysSoWithoutCallingAws() throws Exception {
    MainTest.Run r = logs("quiet");
    assertEquals(ExitCodes.ERROR, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("service \"quiet\" has logs off"), r.err());
  }

  @Test
  void anUnknownServiceOrContainerIsADidYouMean() throws Exception {
    MainTest.Run service = logs("apu");
    assertEquals(ExitCodes.ERROR, service.code());
    assertTrue(service.err().contains("Did you mean \"api\"?"), service.err());
    MainTest.Run container = logs("api", "--container", "apx");
    assertEquals(ExitCodes.ERROR, container.code());
    assertTrue(
        container.err().contains("\"apx\" is not a container of service \"api\". Did you mean"),
        container.err());
  }

  @Test
  void aBadSinceIsAUsageError() throws Exception {
    MainTest.Run r = logs("api", "--since", "yesterday");
    assertEquals(ExitCodes.USAGE, r.code());
    assertTrue(r.err().contains("not \"yesterday\""), r.err());
  }
}
