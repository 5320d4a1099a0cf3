package io.fgd.runtime.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.importer.ImporterTest.Fixed;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Import of rollout strategies, bake times, deployment alarms and the load balancers'
 * advancedConfiguration (issue 15), from JSON shaped as DescribeServices answers them in the ECS
 * API reference (moto keeps none of these), then planned against the same answer: no changes.
 */
class RolloutImportTest {
  static final String TG_GREEN =
      "arn:aws:elasticloadbalancing:eu-west-1:210987654321:targetgroup/pay-api-green/fedcba9876543210";
  static final String RULE =
      "arn:aws:elasticloadbalancing:eu-west-1:210987654321:listener-rule/app/pay/0123456789abcdef/0123456789abcdef/0123456789abcdef";
  static final String TEST_RULE =
      "arn:aws:elasticloadbalancing:eu-west-1:210987654321:listener-rule/app/pay/0123456789abcdef/0123456789abcdef/1123456789abcdef";
  static final String ROLE = "arn:aws:iam::210987654321:role/ecsInfrastructureRole";

  /** The service of ImporterTest with a traffic-shift advancedConfiguration on its target group. */
  static String shifting(String deploymentConfiguration) {
    return ImporterTest.service(deploymentConfiguration)
        .replace(
            "\"containerName\": \"api\", \"containerPort\": 8000}",
            "\"containerName\": \"api\", \"containerPort\": 8000, \"advancedConfiguration\": {"
                + "\"alternateTargetGroupArn\": \""
                + TG_GREEN
                + "\", \"productionListenerRule\": \""
                + RULE
                + "\", \"testListenerRule\": \""
                + TEST_RULE
                + "\", \"roleArn\": \""
                + ROLE
                + "\"}}");
  }

  private static ImportResult imported(Fixed live) throws Exception {
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    assertEquals(List.of(), imported.warnings());
    return imported;
  }

  private static String deployBlock(String spec) {
    int start = spec.indexOf("  deploy {\n");
    return start < 0 ? "" : spec.substring(start, spec.indexOf("  }\n", start) + 4);
  }

  /**
   * Canary: strategy, canary step, bake time, alarms and the traffic shift come back, then no diff.
   */
  @Test
  void canaryWithAlarmsImportsAndPlansNoChanges() throws Exception {
    Fixed live = new Fixed();
    live.add(
        shifting(
            """
            {"deploymentCircuitBreaker": {"enable": false, "rollback": false},
             "maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "CANARY",
             "bakeTimeInMinutes": 10,
             "canaryConfiguration": {"canaryPercent": 12.5, "canaryBakeTimeInMinutes": 5},
             "alarms": {"alarmNames": ["pay-5xx", "pay-latency"], "enable": true, "rollback": true}}"""),
        ImporterTest.TASK_DEFINITION);
    ImportResult imported = imported(live);
    assertEquals(
        """
          deploy {
            strategy     canary 12.5% bake 5m
            bake         10m
            health_grace 90s
            alarms       "pay-5xx", "pay-latency"
          }
        """,
        deployBlock(imported.spec()));
    assertTrue(
        imported
            .spec()
            .contains(
                " alternate \""
                    + TG_GREEN
                    + "\" rule \""
                    + RULE
                    + "\" test_rule \""
                    + TEST_RULE
                    + "\" role \""
                    + ROLE
                    + "\"\n"),
        imported.spec());
    assertEquals(List.of(), ImporterTest.roundTrip(live, imported).changes());

    // A strategy change is planned like any field.
    assertEquals(
        List.of(".deploymentConfiguration.canaryConfiguration.canaryPercent"),
        changedPaths(
            live, imported, imported.spec().replace("canary 12.5% bake 5m", "canary 20% bake 5m")));
  }

  /** Linear and blue/green, each with the bake and step ECS reported: imported, no diff. */
  @Test
  void linearAndBlueGreenImportAndPlanNoChanges() throws Exception {
    Fixed linear = new Fixed();
    linear.add(
        shifting(
            """
            {"maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "LINEAR",
             "bakeTimeInMinutes": 0,
             "linearConfiguration": {"stepPercent": 25.0, "stepBakeTimeInMinutes": 2}}"""),
        ImporterTest.TASK_DEFINITION);
    ImportResult l = imported(linear);
    assertTrue(deployBlock(l.spec()).contains("strategy     linear 25% every 2m\n"), l.spec());
    assertTrue(!deployBlock(l.spec()).contains("bake "), l.spec());
    assertEquals(List.of(), ImporterTest.roundTrip(linear, l).changes());

    Fixed blueGreen = new Fixed();
    blueGreen.add(
        shifting(
            """
            {"maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "BLUE_GREEN",
             "bakeTimeInMinutes": 15}"""),
        ImporterTest.TASK_DEFINITION);
    ImportResult b = imported(blueGreen);
    assertTrue(deployBlock(b.spec()).contains("strategy     blue_green\n"), b.spec());
    assertTrue(deployBlock(b.spec()).contains("bake         15m\n"), b.spec());
    assertEquals(List.of(), ImporterTest.roundTrip(blueGreen, b).changes());
  }

  /**
   * Rolling with alarms that only mark the deployment failed: `rollback off` is written (and warned
   * about by the compiler), and alarms ECS has turned off are the same as none.
   */
  @Test
  void rollingAlarmsWithoutRollback() throws Exception {
    Fixed live = new Fixed();
    live.add(
        ImporterTest.service(
            """
            {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
             "maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "ROLLING",
             "alarms": {"alarmNames": ["pay-queue"], "enable": true, "rollback": false}}"""),
        ImporterTest.TASK_DEFINITION);
    ImportResult imported = imported(live);
    assertTrue(
        deployBlock(imported.spec()).contains("alarms       \"pay-queue\" rollback off\n"),
        imported.spec());
    assertEquals(List.of(), ImporterTest.roundTrip(live, imported).changes());

    Fixed disabled = new Fixed();
    disabled.add(
        ImporterTest.service(
            """
            {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
             "maximumPercent": 200, "minimumHealthyPercent": 100,
             "alarms": {"alarmNames": ["pay-queue"], "enable": false, "rollback": false}}"""),
        ImporterTest.TASK_DEFINITION);
    ImportResult none = imported(disabled);
    assertTrue(!none.spec().contains("alarms"), none.spec());
    assertEquals(List.of(), ImporterTest.roundTrip(disabled, none).changes());
  }

  static final String FN = "arn:aws:lambda:eu-west-1:210987654321:function:pay-smoke";
  static final String HOOK_ROLE = "arn:aws:iam::210987654321:role/ecsLambdaHookRole";

  /**
   * Lifecycle hooks as DescribeServices answers them, with ECS's defaults filled in (targetType,
   * timeoutConfiguration): imported as {@code hook} statements, then no diff; a changed timeout and
   * a hook fewer are planned as changes of those fields.
   */
  @Test
  void lifecycleHooksImportAndPlanNoChanges() throws Exception {
    Fixed live = new Fixed();
    live.add(
        shifting(
            """
            {"maximumPercent": 200, "minimumHealthyPercent": 100, "strategy": "BLUE_GREEN",
             "bakeTimeInMinutes": 0,
             "lifecycleHooks": [
               {"targetType": "AWS_LAMBDA", "hookTargetArn": "%s", "roleArn": "%s",
                "lifecycleStages": ["POST_TEST_TRAFFIC_SHIFT", "PRE_SCALE_UP"],
                "timeoutConfiguration": {"timeoutInMinutes": 1440, "action": "ROLLBACK"}},
               {"targetType": "AWS_LAMBDA", "hookTargetArn": "%s:live", "roleArn": "%s",
                "lifecycleStages": ["POST_PRODUCTION_TRAFFIC_SHIFT"],
                "timeoutConfiguration": {"timeoutInMinutes": 15, "action": "ROLLBACK"}}]}"""
                .formatted(FN, HOOK_ROLE, FN, HOOK_ROLE)),
        ImporterTest.TASK_DEFINITION);
    ImportResult imported = imported(live);
    String deploy = deployBlock(imported.spec());
    assertTrue(
        deploy.contains(
            "hook         post_test_traffic_shift, pre_scale_up lambda \""
                + FN
                + "\" role \""
                + HOOK_ROLE
                + "\"\n"),
        deploy);
    assertTrue(
        deploy.contains(
            "hook         post_production_traffic_shift lambda \""
                + FN
                + ":live\" role \""
                + HOOK_ROLE
                + "\" timeout 15m\n"),
        deploy);
    assertEquals(List.of(), ImporterTest.roundTrip(live, imported).changes());

    List<String> timeout =
        changedPaths(live, imported, imported.spec().replace(" timeout 15m", " timeout 20m"));
    assertEquals(1, timeout.size(), timeout.toString());
    assertHooksAlone(timeout);
    String oneHook =
        imported
            .spec()
            .lines()
            .filter(l -> !l.contains(":live"))
            .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    assertHooksAlone(changedPaths(live, imported, oneHook));
  }

  /**
   * A pause hook (API_DeploymentLifecycleHook targetType PAUSE) has no statement in fgd: import
   * warns about it and leaves it out, and the plan after shows its removal rather than hiding it.
   */
  @Test
  void aPauseHookIsWarnedAboutAndPlannedAsARemoval() throws Exception {
    Fixed live = new Fixed();
    live.add(
        ImporterTest.service(
            """
            {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
             "maximumPercent": 200, "minimumHealthyPercent": 100,
             "lifecycleHooks": [{"targetType": "PAUSE", "lifecycleStages": ["POST_SCALE_UP"],
               "timeoutConfiguration": {"timeoutInMinutes": 60, "action": "CONTINUE"}}]}"""),
        ImporterTest.TASK_DEFINITION);
    ImportResult imported =
        Importer.run(new Importer.Request("pay", List.of(), Optional.empty(), "eu-west-1"), live);
    assertEquals(1, imported.warnings().size(), imported.warnings().toString());
    assertTrue(
        imported
            .warnings()
            .get(0)
            .warning()
            .message()
            .startsWith("lifecycle hook PAUSE was not imported"),
        imported.warnings().toString());
    assertTrue(
        imported.spec().lines().noneMatch(l -> l.strip().startsWith("hook ")), imported.spec());
    assertHooksAlone(paths(ImporterTest.roundTrip(live, imported)));
  }

  /** Early success criteria: imported as {@code early_success}, then no diff; off is none. */
  @Test
  void earlySuccessImportsAndPlansNoChanges() throws Exception {
    Fixed live = new Fixed();
    live.add(
        ImporterTest.service(
            """
            {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
             "maximumPercent": 200, "minimumHealthyPercent": 50,
             "earlySuccessCriteria": {"enable": true, "healthyPercent": 80,
               "sourceServiceRevisionCleanup": "DEFERRED"}}"""),
        ImporterTest.TASK_DEFINITION);
    ImportResult imported = imported(live);
    assertTrue(
        deployBlock(imported.spec()).contains("early_success 80% cleanup deferred\n"),
        imported.spec());
    assertEquals(List.of(), ImporterTest.roundTrip(live, imported).changes());
    assertEquals(
        List.of(".deploymentConfiguration.earlySuccessCriteria.healthyPercent"),
        changedPaths(live, imported, imported.spec().replace("80% cleanup", "90% cleanup")));

    Fixed off = new Fixed();
    off.add(
        ImporterTest.service(
            """
            {"deploymentCircuitBreaker": {"enable": true, "rollback": true},
             "maximumPercent": 200, "minimumHealthyPercent": 100,
             "earlySuccessCriteria": {"enable": false}}"""),
        ImporterTest.TASK_DEFINITION);
    ImportResult none = imported(off);
    assertTrue(!none.spec().contains("early_success"), none.spec());
    assertEquals(List.of(), ImporterTest.roundTrip(off, none).changes());
  }

  /** The paths of the fields the plan of {@code spec} against {@code live} changes. */
  private static List<String> changedPaths(Fixed live, ImportResult imported, String spec)
      throws Exception {
    return paths(ImporterTest.plan(live, imported.app(), spec));
  }

  private static List<String> paths(Plan plan) {
    return plan.changes().stream()
        .flatMap(c -> c.fields().stream())
        .map(FieldChange::path)
        .toList();
  }

  /** Some fields changed, all of them in the service's lifecycle hooks. */
  private static void assertHooksAlone(List<String> paths) {
    assertTrue(
        !paths.isEmpty()
            && paths.stream()
                .allMatch(p -> p.startsWith(".deploymentConfiguration.lifecycleHooks")),
        paths.toString());
  }
}
