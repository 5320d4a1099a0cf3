package io.fgd.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What one service of the spec should look like, from its emitted artifacts.
 *
 * @param taskDefinition RegisterTaskDefinition input, camelCase
 * @param service CreateService input, camelCase
 * @param scaling {@code {"scalableTarget": .., "policies": [..]}}, PascalCase inside
 * @param logGroups the awslogs groups the containers write to
 * @param retention days CloudWatch keeps each log group's events, for the groups whose {@code
 *     logs.json} sets a retention
 * @param logGroupTags the tags {@code logs.json} puts on each log group when it is created, by log
 *     group
 * @param repository {@code ecr.json}: the ECR repository fgd owns for the service's image, when it
 *     is built from source into an ECR registry
 * @param beforeDeploy {@code before_deploy.json}: the RunTask overrides of the task to run to
 *     completion with the service's new revision before the service is created or updated; empty
 *     when the spec has none
 * @param routes {@code routes.json}: the target groups and listener rules of the service's routes
 * @param alarms {@code alarms.json}: the CloudWatch alarms fgd creates for the service's alarm
 *     rollback
 */
public record DesiredService(
    String name,
    ObjectNode taskDefinition,
    ObjectNode service,
    Optional<ObjectNode> scaling,
    java.util.List<String> logGroups,
    java.util.Map<String, Integer> retention,
    java.util.Map<String, java.util.Map<String, String>> logGroupTags,
    Optional<ObjectNode> repository,
    Optional<ObjectNode> beforeDeploy,
    Optional<ObjectNode> routes,
    Optional<ObjectNode> alarms) {
  public DesiredService {
    java.util.Objects.requireNonNull(alarms, "alarms is null");
    java.util.Objects.requireNonNull(beforeDeploy, "beforeDeploy");
    java.util.Objects.requireNonNull(routes, "routes is null");
    logGroups = java.util.List.copyOf(logGroups);
    retention = java.util.Map.copyOf(retention);
    logGroupTags = java.util.Map.copyOf(logGroupTags);
    java.util.Objects.requireNonNull(repository, "repository is null");
  }

  /** A service without alarms of fgd's. */
  public DesiredService(
      String name,
      ObjectNode taskDefinition,
      ObjectNode service,
      Optional<ObjectNode> scaling,
      java.util.List<String> logGroups,
      java.util.Map<String, Integer> retention,
      java.util.Map<String, java.util.Map<String, String>> logGroupTags,
      Optional<ObjectNode> repository,
      Optional<ObjectNode> beforeDeploy,
      Optional<ObjectNode> routes) {
    this(
        name,
        taskDefinition,
        service,
        scaling,
        logGroups,
        retention,
        logGroupTags,
        repository,
        beforeDeploy,
        routes,
        Optional.empty());
  }

  /** A service without an ECR repository of fgd's, task to run before it is deployed or routes. */
  public DesiredService(
      String name,
      ObjectNode taskDefinition,
      ObjectNode service,
      Optional<ObjectNode> scaling,
      java.util.List<String> logGroups,
      java.util.Map<String, Integer> retention,
      java.util.Map<String, java.util.Map<String, String>> logGroupTags) {
    this(
        name,
        taskDefinition,
        service,
        scaling,
        logGroups,
        retention,
        logGroupTags,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** A service whose log groups keep their events as long as CloudWatch's default (forever). */
  public DesiredService(
      String name,
      ObjectNode taskDefinition,
      ObjectNode service,
      Optional<ObjectNode> scaling,
      java.util.List<String> logGroups) {
    this(name, taskDefinition, service, scaling, logGroups, java.util.Map.of(), java.util.Map.of());
  }

  /** The tags for a new log group: those of logs.json, or none. */
  public java.util.Map<String, String> tagsOf(String logGroup) {
    return logGroupTags.getOrDefault(logGroup, java.util.Map.of());
  }

  public String family() {
    return taskDefinition.path("family").asText();
  }
}
