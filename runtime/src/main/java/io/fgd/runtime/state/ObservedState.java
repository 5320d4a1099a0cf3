package io.fgd.runtime.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * Everything fgd read from the account for one plan.
 *
 * @param clusterExists whether the cluster is ACTIVE
 * @param services the spec's services that exist (ACTIVE or DRAINING), by name
 * @param taskDefinitions the task definitions those services run, by ARN, with their tags
 * @param scaling by service name, for services with a scalable target
 * @param logGroups the log groups the spec names that exist, by name
 * @param orphans services tagged as this app's that the spec no longer has, by name
 */
public record ObservedState(
    boolean clusterExists,
    Map<String, ObservedService> services,
    Map<String, ObjectNode> taskDefinitions,
    Map<String, ObservedScaling> scaling,
    Map<String, ObservedLogGroup> logGroups,
    Map<String, ObservedService> orphans) {
  public ObservedState {
    services = Map.copyOf(services);
    taskDefinitions = Map.copyOf(taskDefinitions);
    scaling = Map.copyOf(scaling);
    logGroups = Map.copyOf(logGroups);
    orphans = Map.copyOf(orphans);
  }

  public static ObservedState empty() {
    return new ObservedState(false, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** The task definition a live service runs, if fgd could read it. */
  public Optional<ObjectNode> taskDefinitionOf(ObservedService service) {
    return Optional.ofNullable(taskDefinitions.get(service.taskDefinitionArn()));
  }
}
