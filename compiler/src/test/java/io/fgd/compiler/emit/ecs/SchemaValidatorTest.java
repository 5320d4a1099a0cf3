package io.fgd.compiler.emit.ecs;

import static io.fgd.compiler.emit.ecs.EcsTesting.APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.FgdBugException;
import io.fgd.compiler.emit.ecs.SchemaValidator.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The schemas must accept what fgd emits and reject what AWS would: each negative case breaks one
 * thing in a valid document and expects the schema to name it.
 */
class SchemaValidatorTest {
  /** A document of each kind that uses every part of the emitter: sidecar, LB, secrets, scaling. */
  static final Map<String, String> FILES =
      EcsTesting.compile(
          APP
              + """
      service web {
        image  "nginx:1.27"
        port   80 target_group "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/web/73e2d6bc24d8a067"
        secret DB from ssm "/shop/db"
        health "curl -f http://localhost/ || exit 1" grace 20s
        scale  2..6 on cpu 60%, memory 70% cooldown 60s
        deploy {
          health_grace 30s
        }
        sidecar agent {
          image  "busybox:1.36"
          memory 64
        }
      }
      """);

  static ObjectNode taskdef() {
    return (ObjectNode) EcsTesting.json(FILES.get("web/taskdef.json"));
  }

  static ObjectNode service() {
    return (ObjectNode) EcsTesting.json(FILES.get("web/service.json"));
  }

  static ObjectNode scaling() {
    return (ObjectNode) EcsTesting.json(FILES.get("web/scaling.json"));
  }

  /**
   * Each schema loads on first use, so a broken one would only fail the specs that emit its kind:
   * this loads every one (a schema that cannot be loaded throws FgdBugException).
   */
  @Test
  void everySchemaLoads() {
    SchemaValidator.load(Kind.values());
    for (Kind kind : Kind.values()) {
      assertFalse(
          SchemaValidator.errors(kind, EcsTesting.json("{}")).isEmpty(),
          kind + ": an empty document lacks what the request requires");
    }
  }

  @Test
  void theBaseDocumentsAreValid() {
    assertEquals(List.of(), SchemaValidator.errors(Kind.TASK_DEFINITION, taskdef()));
    assertEquals(List.of(), SchemaValidator.errors(Kind.SERVICE, service()));
    assertEquals(List.of(), SchemaValidator.errors(Kind.SCALING, scaling()));
  }

  /** What PutMetricAlarm would refuse (CloudWatch API reference: Id, Period, EvaluationPeriods). */
  @Test
  void theAlarmSchemaRejectsWhatPutMetricAlarmWould() throws IOException {
    ObjectNode alarms =
        (ObjectNode)
            EcsTesting.json(
                Files.readString(EcsTesting.SPECS.resolve("examples/alarmed/api/alarms.json")));
    assertEquals(List.of(), SchemaValidator.errors(Kind.ALARMS, alarms));
    ObjectNode upperId = alarms.deepCopy();
    ((ObjectNode) upperId.path("alarms").path(0).path("Metrics").path(0)).put("Id", "Errors");
    assertFalse(SchemaValidator.errors(Kind.ALARMS, upperId).isEmpty());
    ObjectNode noPeriods = alarms.deepCopy();
    ((ObjectNode) noPeriods.path("alarms").path(0)).put("EvaluationPeriods", 0);
    assertFalse(SchemaValidator.errors(Kind.ALARMS, noPeriods).isEmpty());
    ObjectNode both = alarms.deepCopy();
    ((ObjectNode) both.path("alarms").path(0)).put("MetricName", "RequestCount");
    ((ObjectNode) both.path("alarms").path(0)).put("Namespace", "AWS/ApplicationELB");
    ((ObjectNode) both.path("alarms").path(0)).put("Statistic", "Sum");
    ((ObjectNode) both.path("alarms").path(0)).put("Period", 60);
    ((ObjectNode) both.path("alarms").path(0)).putArray("Dimensions");
    assertFalse(SchemaValidator.errors(Kind.ALARMS, both).isEmpty(), "a metric and metric math");
  }

  /** Every file of every example spec is valid, not only the ones this class builds. */
  @TestFactory
  Stream<DynamicTest> everyExampleFileMatchesItsSchema() throws IOException {
    List<Path> specs;
    try (Stream<Path> files = Files.list(EcsTesting.SPECS.resolve("examples"))) {
      specs = files.filter(p -> p.toString().endsWith(".fgd")).sorted().toList();
    }
    assertFalse(specs.isEmpty());
    return specs.stream()
        .flatMap(
            spec ->
                EcsTesting.compileExample(spec.getFileName().toString()).entrySet().stream()
                    .filter(file -> file.getKey().endsWith(".json"))
                    .map(
                        file ->
                            DynamicTest.dynamicTest(
                                spec.getFileName() + ": " + file.getKey(),
                                () ->
                                    assertEquals(
                                        List.of(),
                                        SchemaValidator.errors(
                                            kindOf(file.getKey()),
                                            EcsTesting.json(file.getValue()))))));
  }

  private static Kind kindOf(String path) {
    if (path.endsWith("/" + EcsEmitter.TASK_DEFINITION_FILE)) {
      return Kind.TASK_DEFINITION;
    }
    if (path.endsWith("/" + EcsEmitter.SERVICE_FILE)) {
      return Kind.SERVICE;
    }
    if (path.endsWith("/" + EcsEmitter.SCALING_FILE)) {
      return Kind.SCALING;
    }
    if (path.endsWith("/" + EcrEmitter.FILE)) {
      return Kind.ECR_REPOSITORY;
    }
    if (path.endsWith("/" + EcsEmitter.LOGS_FILE)) {
      return Kind.LOGS;
    }
    if (path.endsWith("/" + JobEmitter.SCHEDULE_FILE)) {
      return Kind.SCHEDULE;
    }
    if (path.endsWith("/" + EcsEmitter.BEFORE_DEPLOY_FILE)) {
      return Kind.BEFORE_DEPLOY;
    }
    if (path.endsWith("/" + RouteEmitter.ROUTES_FILE)) {
      return Kind.ROUTES;
    }
    if (path.endsWith("/" + AlarmEmitter.ALARMS_FILE)) {
      return Kind.ALARMS;
    }
    throw new AssertionError("unknown emitted JSON file " + path);
  }

  // ------------------------------------------------------------------ ecr.json

  @Test
  void rejectsAnEcrRepositoryNameEcrRefuses() throws Exception {
    var ecr =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    "{\"repository\": {\"registryId\": \"123456789012\", \"repositoryName\":"
                        + " \"shop/api\", \"imageTagMutability\": \"IMMUTABLE\","
                        + " \"imageScanningConfiguration\": {\"scanOnPush\": true},"
                        + " \"encryptionConfiguration\": {\"encryptionType\": \"AES256\"}},"
                        + " \"lifecyclePolicy\": {\"registryId\": \"123456789012\","
                        + " \"repositoryName\": \"shop/api\", \"lifecyclePolicyText\": \""
                        + EcrEmitter.lifecyclePolicy(30).replace("\"", "\\\"")
                        + "\"}}");
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of(), SchemaValidator.errors(Kind.ECR_REPOSITORY, ecr));
    ((com.fasterxml.jackson.databind.node.ObjectNode) ecr.get("repository"))
        .put("repositoryName", "Shop/API");
    org.junit.jupiter.api.Assertions.assertEquals(
        1, SchemaValidator.errors(Kind.ECR_REPOSITORY, ecr).size());
  }

  // ------------------------------------------------------------------ before_deploy.json

  @Test
  void rejectsABeforeDeployOverrideWithoutCommandOrContainer() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var good =
        (ObjectNode)
            json.readTree(
                "{\"overrides\": {\"containerOverrides\": [{\"name\": \"web\", \"command\":"
                    + " [\"./migrate\"]}]}}");
    assertEquals(List.of(), SchemaValidator.errors(Kind.BEFORE_DEPLOY, good));
    var noCommand =
        (ObjectNode)
            json.readTree(
                "{\"overrides\": {\"containerOverrides\": [{\"name\": \"web\", \"command\":"
                    + " []}]}}");
    assertEquals(1, SchemaValidator.errors(Kind.BEFORE_DEPLOY, noCommand).size());
    var noName =
        (ObjectNode)
            json.readTree(
                "{\"overrides\": {\"containerOverrides\": [{\"command\": [\"./migrate\"]}]}}");
    assertEquals(1, SchemaValidator.errors(Kind.BEFORE_DEPLOY, noName).size());
  }

  // ------------------------------------------------------------------ logs.json

  @Test
  void rejectsARetentionCloudWatchDoesNotOffer() throws Exception {
    var logs =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    "{\"logGroup\": {\"logGroupName\": \"/ecs/a/b\"},"
                        + " \"retention\": {\"logGroupName\": \"/ecs/a/b\", \"retentionInDays\": 90}}");
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of(), SchemaValidator.errors(Kind.LOGS, logs));
    ((com.fasterxml.jackson.databind.node.ObjectNode) logs.get("retention"))
        .put("retentionInDays", 10);
    org.junit.jupiter.api.Assertions.assertEquals(
        1, SchemaValidator.errors(Kind.LOGS, logs).size());
  }

  // ------------------------------------------------------------------ schedule.json

  @Test
  void rejectsAFlexibleWindowWithoutItsMinutesAndARateOfNothing() throws Exception {
    var schedule =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    "{\"FlexibleTimeWindow\": {\"Mode\": \"OFF\"}, \"Name\": \"nightly\","
                        + " \"ScheduleExpression\": \"rate(1 day)\", \"Target\": {"
                        + " \"Arn\": \"arn:aws:ecs:us-west-1:123456789012:cluster/c\","
                        + " \"RoleArn\": \"arn:aws:iam::123456789012:role/s\","
                        + " \"EcsParameters\": {\"TaskDefinitionArn\": \"a-nightly\"}}}");
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of(), SchemaValidator.errors(Kind.SCHEDULE, schedule));
    ((com.fasterxml.jackson.databind.node.ObjectNode) schedule.get("FlexibleTimeWindow"))
        .put("Mode", "FLEXIBLE");
    org.junit.jupiter.api.Assertions.assertEquals(
        1, SchemaValidator.errors(Kind.SCHEDULE, schedule).size());
    schedule.putObject("FlexibleTimeWindow").put("Mode", "OFF");
    schedule.put("ScheduleExpression", "daily");
    org.junit.jupiter.api.Assertions.assertEquals(
        1, SchemaValidator.errors(Kind.SCHEDULE, schedule).size());
  }

  // ------------------------------------------------------------------ taskdef.json

  @Test
  void rejectsAnUnknownNetworkMode() {
    assertRejected(
        Kind.TASK_DEFINITION, taskdef(), t -> t.put("networkMode", "bridged"), "networkMode");
  }

  @Test
  void rejectsAHealthCheckIntervalBelowFiveSeconds() {
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t -> ((ObjectNode) t.at("/containerDefinitions/0/healthCheck")).put("interval", 1),
        "interval");
  }

  @Test
  void rejectsHealthCheckTimeoutRetriesAndStartPeriodOutOfRange() {
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t -> ((ObjectNode) t.at("/containerDefinitions/0/healthCheck")).put("timeout", 61),
        "timeout");
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t -> ((ObjectNode) t.at("/containerDefinitions/0/healthCheck")).put("retries", 11),
        "retries");
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t -> ((ObjectNode) t.at("/containerDefinitions/0/healthCheck")).put("startPeriod", 301),
        "startPeriod");
  }

  @Test
  void rejectsAHealthCommandWithoutCmdOrCmdShell() {
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t -> ((ArrayNode) t.at("/containerDefinitions/0/healthCheck/command")).set(0, "SHELL"),
        "command");
  }

  @Test
  void rejectsAMissingFamily() {
    assertRejected(Kind.TASK_DEFINITION, taskdef(), t -> t.remove("family"), "family");
  }

  @Test
  void rejectsAFamilyWithCharactersEcsDoesNotAllow() {
    assertRejected(Kind.TASK_DEFINITION, taskdef(), t -> t.put("family", "shop.web"), "family");
    assertRejected(
        Kind.TASK_DEFINITION, taskdef(), t -> t.put("family", "a".repeat(256)), "family");
  }

  @Test
  void rejectsAnUnknownProperty() {
    assertRejected(Kind.TASK_DEFINITION, taskdef(), t -> t.put("familly", "x"), "familly");
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t -> ((ObjectNode) t.at("/containerDefinitions/0")).put("essentail", true),
        "essentail");
  }

  @Test
  void rejectsPortsOutsideTheTcpRangeAndUnknownProtocols() {
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t ->
            ((ObjectNode) t.at("/containerDefinitions/0/portMappings/0"))
                .put("containerPort", 70000),
        "containerPort");
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t -> ((ObjectNode) t.at("/containerDefinitions/0/portMappings/0")).put("protocol", "sctp"),
        "protocol");
  }

  @Test
  void rejectsAnUnknownLogDriverAndAwslogsWithoutItsRequiredOptions() {
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t ->
            ((ObjectNode) t.at("/containerDefinitions/0/logConfiguration"))
                .put("logDriver", "cloudwatch"),
        "logDriver");
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t ->
            ((ObjectNode) t.at("/containerDefinitions/0/logConfiguration/options"))
                .remove("awslogs-stream-prefix"),
        "awslogs-stream-prefix");
  }

  @Test
  void rejectsFargateWithoutTaskSizeOrWithBridgeNetworking() {
    assertRejected(Kind.TASK_DEFINITION, taskdef(), t -> t.remove("cpu"), "cpu");
    assertRejected(
        Kind.TASK_DEFINITION, taskdef(), t -> t.put("networkMode", "bridge"), "networkMode");
  }

  @Test
  void rejectsSecretsOrAwslogsWithoutAnExecutionRole() {
    assertRejected(
        Kind.TASK_DEFINITION, taskdef(), t -> t.remove("executionRoleArn"), "executionRoleArn");
  }

  @Test
  void rejectsAnEmptyTagKey() {
    assertRejected(
        Kind.TASK_DEFINITION, taskdef(), t -> ((ObjectNode) t.at("/tags/0")).put("key", ""), "key");
  }

  @Test
  void rejectsAContainerNameWithASpace() {
    assertRejected(
        Kind.TASK_DEFINITION,
        taskdef(),
        t -> ((ObjectNode) t.at("/containerDefinitions/1")).put("name", "log router"),
        "name");
  }

  // ------------------------------------------------------------------ service.json

  @Test
  void rejectsAnUnknownAssignPublicIpOrLaunchType() {
    assertRejected(
        Kind.SERVICE,
        service(),
        s ->
            ((ObjectNode) s.at("/networkConfiguration/awsvpcConfiguration"))
                .put("assignPublicIp", "YES"),
        "assignPublicIp");
    assertRejected(Kind.SERVICE, service(), s -> s.put("launchType", "LAMBDA"), "launchType");
  }

  @Test
  void rejectsAFargateServiceWithoutSubnets() {
    assertRejected(
        Kind.SERVICE, service(), s -> s.remove("networkConfiguration"), "networkConfiguration");
    assertRejected(
        Kind.SERVICE,
        service(),
        s -> ((ObjectNode) s.at("/networkConfiguration/awsvpcConfiguration")).putArray("subnets"),
        "subnets");
  }

  @Test
  void rejectsMoreThanFiveSecurityGroups() {
    assertRejected(
        Kind.SERVICE,
        service(),
        s -> {
          ArrayNode groups =
              ((ObjectNode) s.at("/networkConfiguration/awsvpcConfiguration"))
                  .putArray("securityGroups");
          for (int i = 0; i < 6; i++) {
            groups.add("sg-0123456" + i);
          }
        },
        "securityGroups");
  }

  @Test
  void rejectsACircuitBreakerWithoutRollbackAndAMinimumHealthyAbove100() {
    assertRejected(
        Kind.SERVICE,
        service(),
        s ->
            ((ObjectNode) s.at("/deploymentConfiguration/deploymentCircuitBreaker"))
                .remove("rollback"),
        "rollback");
    assertRejected(
        Kind.SERVICE,
        service(),
        s -> ((ObjectNode) s.at("/deploymentConfiguration")).put("minimumHealthyPercent", 101),
        "minimumHealthyPercent");
  }

  @Test
  void rejectsALoadBalancerWithoutItsContainerPortOrWithAMalformedTargetGroup() {
    assertRejected(
        Kind.SERVICE,
        service(),
        s -> ((ObjectNode) s.at("/loadBalancers/0")).remove("containerPort"),
        "containerPort");
    assertRejected(
        Kind.SERVICE,
        service(),
        s -> ((ObjectNode) s.at("/loadBalancers/0")).put("targetGroupArn", "web-tg"),
        "targetGroupArn");
  }

  @Test
  void rejectsAnUnknownPropagateTags() {
    assertRejected(Kind.SERVICE, service(), s -> s.put("propagateTags", "ALL"), "propagateTags");
  }

  // ------------------------------------------------------------------ scaling.json

  @Test
  void rejectsAPolicyWithoutATargetValue() {
    assertRejected(
        Kind.SCALING,
        scaling(),
        s ->
            ((ObjectNode) s.at("/policies/0/TargetTrackingScalingPolicyConfiguration"))
                .remove("TargetValue"),
        "TargetValue");
  }

  @Test
  void rejectsAnUnknownPredefinedMetricOrPolicyType() {
    assertRejected(
        Kind.SCALING,
        scaling(),
        s ->
            ((ObjectNode)
                    s.at(
                        "/policies/1/TargetTrackingScalingPolicyConfiguration"
                            + "/PredefinedMetricSpecification"))
                .put("PredefinedMetricType", "CPUUtilization"),
        "PredefinedMetricType");
    assertRejected(
        Kind.SCALING,
        scaling(),
        s -> ((ObjectNode) s.at("/policies/0")).put("PolicyType", "TargetTracking"),
        "PolicyType");
  }

  @Test
  void rejectsAResourceIdThatIsNotAnEcsService() {
    assertRejected(
        Kind.SCALING,
        scaling(),
        s -> ((ObjectNode) s.get("scalableTarget")).put("ResourceId", "table/orders"),
        "ResourceId");
  }

  @Test
  void rejectsANegativeCapacityOrCooldown() {
    assertRejected(
        Kind.SCALING,
        scaling(),
        s -> ((ObjectNode) s.get("scalableTarget")).put("MinCapacity", -1),
        "MinCapacity");
    assertRejected(
        Kind.SCALING,
        scaling(),
        s ->
            ((ObjectNode) s.at("/policies/0/TargetTrackingScalingPolicyConfiguration"))
                .put("ScaleInCooldown", -5),
        "ScaleInCooldown");
  }

  @Test
  void rejectsPascalCaseMixedWithCamelCase() {
    assertRejected(
        Kind.SCALING,
        scaling(),
        s -> ((ObjectNode) s.get("scalableTarget")).put("minCapacity", 1),
        "minCapacity");
  }

  // ------------------------------------------------------------------ failure report

  @Test
  void anInvalidEmittedDocumentIsReportedAsABugInFgd() {
    ObjectNode broken = taskdef();
    broken.put("networkMode", "bridged");
    broken.remove("family");
    FgdBugException e =
        assertThrows(
            FgdBugException.class,
            () -> SchemaValidator.requireValid("web/taskdef.json", Kind.TASK_DEFINITION, broken));
    assertTrue(e.getMessage().contains("bug in fgd"), e.getMessage());
    assertTrue(e.getMessage().contains("web/taskdef.json"), e.getMessage());
    assertTrue(e.getMessage().contains("register-task-definition.schema.json"), e.getMessage());
    assertTrue(e.getMessage().contains("networkMode"), e.getMessage());
    assertTrue(e.getMessage().contains("family"), e.getMessage());
  }

  private static void assertRejected(
      Kind kind, ObjectNode valid, Consumer<ObjectNode> breakIt, String mentioned) {
    assertEquals(List.of(), SchemaValidator.errors(kind, valid), "the base document must be valid");
    breakIt.accept(valid);
    List<String> errors = SchemaValidator.errors(kind, (JsonNode) valid);
    assertFalse(errors.isEmpty(), () -> "schema accepted a broken document: " + valid);
    assertTrue(
        errors.stream().anyMatch(e -> e.contains(mentioned)),
        () -> "no error mentions " + mentioned + ": " + errors);
  }
}
