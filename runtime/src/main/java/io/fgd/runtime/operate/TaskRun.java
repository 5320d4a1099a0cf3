package io.fgd.runtime.operate;

import static java.util.Objects.requireNonNull;

import io.fgd.runtime.deploy.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One task run to completion: {@code fgd run} and the tasks {@code fgd apply} runs before a deploy.
 * RunTask, then until the task has stopped: its container's new log lines (GetLogEvents, forward
 * tokens, so no line twice and none skipped) and DescribeTasks; then the container's exit code. SDK
 * errors are the caller's to translate.
 */
public final class TaskRun {
  /** How many of the container's last log lines an outcome keeps, for error messages. */
  public static final int LAST_LINES = 20;

  private static final int MAX_PAGES_PER_DRAIN = 100;

  /** Where the container's awslogs driver writes: stream {@code prefix/container/taskId}. */
  public record LogStream(String group, String streamPrefix) {
    public LogStream {
      requireNonNull(group, "group is null");
      requireNonNull(streamPrefix, "streamPrefix is null");
    }

    String stream(String container, String taskId) {
      return streamPrefix + "/" + container + "/" + taskId;
    }
  }

  /**
   * What to run.
   *
   * @param container the container whose exit code is the task's, and whose command is overridden
   * @param command the command to run instead of the image's; empty for the image's own
   * @param subnets where the task's network interface goes
   * @param logs where the container's lines go; empty when it has no awslogs configuration
   * @param startedBy ECS's startedBy, so the task can be told from a service's
   */
  public record Request(
      String cluster,
      String taskDefinition,
      String container,
      List<String> command,
      List<String> subnets,
      List<String> securityGroups,
      boolean assignPublicIp,
      Optional<LogStream> logs,
      String startedBy) {
    public Request {
      requireNonNull(cluster, "cluster is null");
      requireNonNull(taskDefinition, "taskDefinition is null");
      requireNonNull(container, "container is null");
      command = List.copyOf(command);
      subnets = List.copyOf(subnets);
      securityGroups = List.copyOf(securityGroups);
      requireNonNull(logs, "logs is null");
    }
  }

  /** Hears what the task does, as it happens. */
  public interface Listener {
    default void started(String taskArn) {}

    default void line(Instant at, String message) {}

    default void stopping() {}
  }

  /**
   * How the task ended.
   *
   * @param exitCode the container's exit code; empty when it never ran (the image could not be
   *     pulled, a secret could not be read, the task was stopped first)
   * @param stopReason ECS's stoppedReason, with the container's own reason if it gave one
   * @param cancelled whether {@link #cancel} stopped it
   * @param lastLines the container's last log lines, oldest first
   */
  public record Outcome(
      String taskArn,
      OptionalInt exitCode,
      String stopReason,
      boolean cancelled,
      List<String> lastLines) {
    public Outcome {
      lastLines = List.copyOf(lastLines);
    }

    /** The process exit code fgd gives this outcome: the container's, or 1 if it never ran. */
    public int processExitCode() {
      return exitCode.orElse(1);
    }
  }

  private final EcsClient ecs;
  private final CloudWatchLogsClient logs;
  private final Sleeper sleeper;
  private final Duration poll;
  private volatile boolean cancelled;

  public TaskRun(EcsClient ecs, CloudWatchLogsClient logs, Sleeper sleeper, Duration poll) {
    this.ecs = requireNonNull(ecs, "ecs is null");
    this.logs = requireNonNull(logs, "logs is null");
    this.sleeper = requireNonNull(sleeper, "sleeper is null");
    this.poll = requireNonNull(poll, "poll is null");
  }

  /**
   * Starts the task and returns its ARN.
   *
   * @throws TaskRunException when ECS refuses to place it (its failure reason is the message)
   */
  public String start(Request request) throws TaskRunException {
    RunTaskResponse response =
        ecs.runTask(
            r -> {
              r.cluster(request.cluster())
                  .taskDefinition(request.taskDefinition())
                  .launchType(LaunchType.FARGATE)
                  .count(1)
                  .startedBy(request.startedBy())
                  .networkConfiguration(
                      n ->
                          n.awsvpcConfiguration(
                              AwsVpcConfiguration.builder()
                                  .subnets(request.subnets())
                                  .securityGroups(request.securityGroups())
                                  .assignPublicIp(
                                      request.assignPublicIp()
                                          ? AssignPublicIp.ENABLED
                                          : AssignPublicIp.DISABLED)
                                  .build()));
              if (!request.command().isEmpty()) {
                r.overrides(
                    o ->
                        o.containerOverrides(
                            ContainerOverride.builder()
                                .name(request.container())
                                .command(request.command())
                                .build()));
              }
            });
    if (response.tasks().isEmpty()) {
      String why =
          response.failures().isEmpty()
              ? "ECS started no task and gave no reason"
              : response.failures().stream()
                  .map(f -> f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                  .reduce((a, b) -> a + "; " + b)
                  .orElseThrow();
      throw new TaskRunException("ECS did not start the task: " + why);
    }
    return response.tasks().get(0).taskArn();
  }

  /** Makes {@link #follow} stop the task at its next poll, and return once it has stopped. */
  public void cancel() {
    cancelled = true;
  }

  /** Follows the task until it has stopped. */
  public Outcome follow(Request request, String taskArn, Listener listener)
      throws InterruptedException {
    return followUntil(request, taskArn, listener, null, null).orElseThrow();
  }

  /**
   * Follows the task until it has stopped, or until {@code deadline} has passed: then empty, and
   * the task is left running (a migration stopped half-way may be worse than one left to finish).
   */
  public Optional<Outcome> followUntil(
      Request request, String taskArn, Listener listener, Clock clock, Instant deadline)
      throws InterruptedException {
    String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
    Deque<String> last = new ArrayDeque<>();
    LogCursor cursor =
        request
            .logs()
            .map(l -> new LogCursor(l.group(), l.stream(request.container(), taskId)))
            .orElse(null);
    listener.started(taskArn);
    boolean stopRequested = false;
    while (true) {
      if (cancelled && !stopRequested) {
        stopRequested = true;
        listener.stopping();
        ecs.stopTask(
            r -> r.cluster(request.cluster()).task(taskArn).reason("Stopped by fgd run (Ctrl-C)"));
      }
      Task task =
          ecs.describeTasks(r -> r.cluster(request.cluster()).tasks(taskArn)).tasks().stream()
              .findFirst()
              .orElse(null);
      if (cursor != null) {
        cursor.drain(listener, last);
      }
      if (task == null
          || "STOPPED".equals(task.lastStatus())
          || "DELETED".equals(task.lastStatus())) {
        if (cursor != null) {
          cursor.drain(listener, last); // the lines written between the last read and the stop
        }
        return Optional.of(outcome(taskArn, task, request.container(), stopRequested, last));
      }
      Duration pause = poll;
      if (deadline != null) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          return Optional.empty();
        }
        pause = left.compareTo(poll) < 0 ? left : poll;
      }
      sleeper.sleep(pause);
    }
  }

  private static Outcome outcome(
      String taskArn, Task task, String containerName, boolean cancelled, Deque<String> last) {
    if (task == null) {
      return new Outcome(
          taskArn,
          OptionalInt.empty(),
          "ECS no longer knows the task",
          cancelled,
          List.copyOf(last));
    }
    Container container =
        task.containers().stream()
            .filter(c -> containerName.equals(c.name()))
            .findFirst()
            .orElse(null);
    StringBuilder reason = new StringBuilder();
    if (task.stoppedReason() != null) {
      reason.append(task.stoppedReason().strip());
    } else if (task.stopCodeAsString() != null) {
      reason.append(task.stopCodeAsString());
    }
    if (container != null && container.reason() != null && !container.reason().isBlank()) {
      if (reason.length() > 0) {
        reason.append(": ");
      }
      reason.append(container.reason().strip());
    }
    OptionalInt exit =
        container == null || container.exitCode() == null
            ? OptionalInt.empty()
            : OptionalInt.of(container.exitCode());
    return new Outcome(
        taskArn,
        exit,
        reason.length() == 0 ? "no reason given" : reason.toString(),
        cancelled,
        List.copyOf(last));
  }

  /** Reads one log stream forward, page after page, each event once. */
  private final class LogCursor {
    private final String group;
    private final String stream;
    private String token;

    LogCursor(String group, String stream) {
      this.group = group;
      this.stream = stream;
    }

    void drain(Listener listener, Deque<String> last) {
      // A bound, so that an endpoint that never repeats the token cannot keep fgd here: the rest is
      // read at the next poll, from the saved token.
      for (int pages = 0; pages < MAX_PAGES_PER_DRAIN; pages++) {
        GetLogEventsResponse page;
        try {
          page =
              logs.getLogEvents(
                  r -> {
                    r.logGroupName(group).logStreamName(stream).startFromHead(true);
                    if (token != null) {
                      r.nextToken(token);
                    }
                  });
        } catch (ResourceNotFoundException e) {
          return; // the container has not written yet: the stream is made on its first line
        }
        for (OutputLogEvent event : page.events()) {
          String message = event.message() == null ? "" : event.message();
          Instant at =
              event.timestamp() == null ? Instant.EPOCH : Instant.ofEpochMilli(event.timestamp());
          listener.line(at, message);
          last.addLast(message);
          if (last.size() > LAST_LINES) {
            last.removeFirst();
          }
        }
        String next = page.nextForwardToken();
        // CloudWatch Logs gives the same forward token back once the end of the stream is reached;
        // a page can be empty before it (GetLogEvents' reference), so emptiness is not the end.
        boolean end = next == null || next.equals(token);
        if (next != null) {
          token = next;
        }
        if (end) {
          return;
        }
      }
    }
  }
}
