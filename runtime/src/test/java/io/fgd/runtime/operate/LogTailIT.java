package io.fgd.runtime.operate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoServer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/**
 * Following a service's lines against moto's CloudWatch Logs, two events a page: every line once,
 * none skipped, across pages and across reads, including one that arrives late (its timestamp older
 * than the newest line already shown).
 */
@ExtendWith(MotoExtension.class)
class LogTailIT {
  private static final String GROUP = "/ecs/demo/api";

  private static void put(CloudWatchLogsClient logs, String stream, long at, String message) {
    try {
      logs.createLogStream(r -> r.logGroupName(GROUP).logStreamName(stream));
    } catch (
        software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException e) {
      // written to before
    }
    logs.putLogEvents(
        r ->
            r.logGroupName(GROUP)
                .logStreamName(stream)
                .logEvents(InputLogEvent.builder().timestamp(at).message(message).build()));
  }

  private static List<String> messages(List<LogTail.Line> lines) {
    return lines.stream().map(l -> l.taskId() + " " + l.message()).toList();
  }

  @Test
  void followingShowsEveryLineOnceAcrossPagesAndReads(MotoServer moto) {
    try (AwsClients clients =
        AwsClients.create(
            new AwsSettings(
                Optional.empty(), Optional.of("us-west-1"), Optional.of(moto.endpoint())),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))) {
      CloudWatchLogsClient logs = clients.logs();
      logs.createLogGroup(r -> r.logGroupName(GROUP));
      long t = Instant.now().toEpochMilli() - 60_000;
      for (int i = 0; i < 5; i++) {
        put(logs, "api/api/task1", t + i * 10, "a" + i);
      }
      put(logs, "api/api/task2", t + 15, "b0");
      LogTail tail =
          new LogTail(logs, List.of(new LogTail.Source(GROUP, "api", "api")), Optional.empty(), 2);
      assertEquals(
          List.of("task1 a0", "task1 a1", "task2 b0", "task1 a2", "task1 a3", "task1 a4"),
          messages(tail.since(Instant.ofEpochMilli(t - 1000))));
      assertEquals(List.of(), messages(tail.next()), "nothing new: nothing again");

      put(logs, "api/api/task2", t + 100, "b1");
      put(logs, "api/api/task1", t + 35, "late"); // older than a4, searchable only now
      put(logs, "api/api/task1", t + 101, "a5");
      assertEquals(List.of("task1 late", "task2 b1", "task1 a5"), messages(tail.next()));
      assertEquals(List.of(), messages(tail.next()));
    }
  }
}
