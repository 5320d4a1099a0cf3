package io.fgd.runtime.deploy;

import java.util.Objects;

/**
 * One service whose deployment apply waits for.
 *
 * @param service the ECS service name
 * @param taskDefinitionArn the full ARN of the task definition apply just registered for it
 */
public record WatchTarget(String service, String taskDefinitionArn) {
  public WatchTarget {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
  }
}
