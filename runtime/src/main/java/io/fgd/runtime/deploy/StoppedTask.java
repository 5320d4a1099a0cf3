package io.fgd.runtime.deploy;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A task of the watched deployment that ECS stopped, with ECS's reasons.
 *
 * @param taskArn the task ARN
 * @param stopCode for example TaskFailedToStart or EssentialContainerExited, may be null
 * @param stoppedReason for example {@code CannotPullContainerError: ...} or {@code
 *     ResourceInitializationError: unable to pull secrets ...}, may be null
 * @param containerReasons one entry per container that has a reason or a non-zero exit code, like
 *     {@code app: exit code 1} or {@code app: CannotPullContainerError: ...}
 * @param stoppedAt when the task stopped, may be null
 */
public record StoppedTask(
    String taskArn,
    String stopCode,
    String stoppedReason,
    List<String> containerReasons,
    Instant stoppedAt) {

  public StoppedTask {
    containerReasons = List.copyOf(containerReasons);
  }

  /** The task id, the last part of the ARN. */
  public String taskId() {
    return Arns.shortName(taskArn);
  }

  /**
   * One line saying why the task stopped: the stopped reason, followed by the container reasons
   * that add something to it.
   */
  public String cause() {
    StringBuilder s = new StringBuilder();
    if (stoppedReason != null && !stoppedReason.isBlank()) {
      s.append(stoppedReason.strip());
    } else if (stopCode != null) {
      s.append(stopCode);
    } else {
      s.append("no reason given");
    }
    for (String reason : containerReasons) {
      String detail = reason.substring(reason.indexOf(": ") + 2);
      if (stoppedReason == null || !stoppedReason.contains(detail)) {
        s.append(" (").append(reason).append(')');
      }
    }
    return s.toString();
  }

  // ECS puts request ids, task ids and similar identifiers into otherwise identical reasons.
  private static final Pattern REQUEST_ID = Pattern.compile("(?i)(request id:?\\s*)[0-9a-z-]+");
  private static final Pattern HEX_ID = Pattern.compile("\\b[0-9a-f]{16,}\\b|\\b[0-9a-f-]{36}\\b");

  /**
   * The cause with request ids and task ids blanked out, so two tasks that failed for the same
   * reason compare equal even though ECS quoted different request ids.
   */
  String comparableCause() {
    String c = REQUEST_ID.matcher(cause()).replaceAll("$1<id>");
    return HEX_ID.matcher(c).replaceAll("<id>");
  }

  /**
   * A task DescribeTasks returned, with a reason per container that exited non-zero or said why.
   */
  public static StoppedTask of(software.amazon.awssdk.services.ecs.model.Task task) {
    List<String> containerReasons = new java.util.ArrayList<>();
    for (software.amazon.awssdk.services.ecs.model.Container c : task.containers()) {
      if (c.reason() != null && !c.reason().isBlank()) {
        containerReasons.add(c.name() + ": " + c.reason().strip());
      } else if (c.exitCode() != null && c.exitCode() != 0) {
        containerReasons.add(c.name() + ": exit code " + c.exitCode());
      }
    }
    return new StoppedTask(
        task.taskArn(),
        task.stopCodeAsString(),
        task.stoppedReason(),
        containerReasons,
        task.stoppedAt());
  }
}
