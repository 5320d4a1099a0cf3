package io.fgd.runtime.kinds.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.Planner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Import of the alarms fgd created: DescribeAlarms' answer for the alarms compiled from {@code
 * specs/examples/alarmed.fgd} (as {@link AlarmKindTest.Account} answers, with CloudWatch's
 * defaults) gives back the statements they were compiled from, so an import then a plan compares
 * the same alarms ({@link AlarmKindTest#whatCloudWatchFillsInIsNoChange}); any alarm fgd did not
 * make stays a name.
 */
class AlarmImportTest {
  static AlarmKindTest.Account account() throws Exception {
    DesiredState desired = AlarmKindTest.alarmed();
    return new AlarmKindTest.Account(desired);
  }

  static Optional<String> statement(AlarmKindTest.Account a, String service, String name) {
    ObjectNode alarm = a.alarms.get(name);
    return AlarmImport.statement(
        "sheets", service, name, alarm, a.tags(alarm.path("AlarmArn").asText()));
  }

  @Test
  void theAlarmsFgdMadeGiveBackTheirStatements() throws Exception {
    AlarmKindTest.Account a = account();
    assertEquals(Optional.of("5xx > 5% for 2m"), statement(a, "api", "sheets-api-5xx"));
    assertEquals(Optional.of("5xx > 10 for 3m"), statement(a, "worker", "sheets-worker-5xx"));
    assertEquals(
        Optional.of("latency p99 > 800ms for 3m"), statement(a, "api", "sheets-api-latency-p99"));
    assertEquals(
        Optional.of("latency > 1500ms for 5m"), statement(a, "worker", "sheets-worker-latency"));
  }

  @Test
  // Import writes 1.5s as 1500ms: the spec it writes compiles to the alarms it read.
  void theImportedStatementsPlanNoChange() throws Exception {
    AlarmKindTest.Account a = account();
    String worker = "alarm " + statement(a, "worker", "sheets-worker-latency").orElseThrow();
    String api = "alarm  " + statement(a, "api", "sheets-api-latency-p99").orElseThrow();
    DesiredState importedWorker = AlarmKindTest.alarmed("alarm latency > 1.5s for 5m", worker);
    assertEquals("alarm latency > 1500ms for 5m", worker);
    assertEquals(List.of(), AlarmKindTest.alarmChanges(Planner.plan(importedWorker, a).plan()));
    DesiredState importedApi = AlarmKindTest.alarmed("alarm  latency p99 > 800ms for 3m", api);
    assertEquals(List.of(), AlarmKindTest.alarmChanges(Planner.plan(importedApi, a).plan()));
  }

  @Test
  void theEndOfTheNameSaysThePort() throws Exception {
    AlarmKindTest.Account a = account();
    ObjectNode alarm = a.alarms.get("sheets-api-latency-p99");
    Map<String, String> tags = a.tags(alarm.path("AlarmArn").asText());
    assertEquals(
        Optional.of("latency p99 > 800ms for 3m on port 8080"),
        AlarmImport.statement("sheets", "api", "sheets-api-latency-p99-8080", alarm, tags));
    assertEquals(
        Optional.empty(),
        AlarmImport.statement("sheets", "api", "sheets-api-latency-p99-x", alarm, tags));
  }

  @Test
  void aLatencyOfWholeSecondsIsWrittenInSeconds() throws Exception {
    AlarmKindTest.Account a = account();
    a.alarms.get("sheets-worker-latency").put("Threshold", 2.0);
    assertEquals(
        Optional.of("latency > 2s for 5m"), statement(a, "worker", "sheets-worker-latency"));
  }

  @Test
  void aLatencyAlarmOfAnotherStatisticIsANameOnly() throws Exception {
    AlarmKindTest.Account a = account();
    // The average alarm's name with a percentile, and the p99 alarm's with another one.
    a.alarms.get("sheets-worker-latency").remove("Statistic");
    a.alarms.get("sheets-worker-latency").put("ExtendedStatistic", "p99");
    assertEquals(Optional.empty(), statement(a, "worker", "sheets-worker-latency"));
    a.alarms.get("sheets-api-latency-p99").put("ExtendedStatistic", "p95");
    assertEquals(Optional.empty(), statement(a, "api", "sheets-api-latency-p99"));
  }

  @Test
  void anAlarmWithoutTheAppsTagsIsANameOnly() throws Exception {
    AlarmKindTest.Account a = account();
    String arn = a.alarms.get("sheets-api-5xx").path("AlarmArn").asText();
    a.tags.put(arn, Map.of("fgd:app", "other", "fgd:service", "api"));
    assertEquals(Optional.empty(), statement(a, "api", "sheets-api-5xx"));
    // Named for another service of the app.
    assertEquals(Optional.empty(), statement(account(), "worker", "sheets-api-5xx"));
  }

  @Test
  void anAlarmChangedByHandIsANameOnly() throws Exception {
    AlarmKindTest.Account a = account();
    a.alarms.get("sheets-api-5xx").put("ComparisonOperator", "GreaterThanOrEqualToThreshold");
    assertEquals(Optional.empty(), statement(a, "api", "sheets-api-5xx"));
    AlarmKindTest.Account b = account();
    b.alarms.get("sheets-worker-5xx").put("DatapointsToAlarm", 1);
    assertEquals(Optional.empty(), statement(b, "worker", "sheets-worker-5xx"));
  }
}
