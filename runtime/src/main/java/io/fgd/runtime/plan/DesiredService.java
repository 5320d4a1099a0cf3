package io.fgd.runtime.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What one service of the spec should look like, from its emitted artifacts.
 *
 * @param taskDefinition RegisterTaskDefinition input, camelCase
 * @param service CreateService input, camelCase
 * @param scaling {@code {"scalableTarget": .., "policies": [..]}}, PascalCase inside
 * @param logGroups the awslogs groups the containers write to
 */
public record DesiredService(
    String name,
    ObjectNode taskDefinition,
    ObjectNode service,
    Optional<ObjectNode> scaling,
    java.util.List<String> logGroups) {
  public DesiredService {
    logGroups = java.util.List.copyOf(logGroups);
  }

  public String family() {
    return taskDefinition.path("family").asText();
  }
}
