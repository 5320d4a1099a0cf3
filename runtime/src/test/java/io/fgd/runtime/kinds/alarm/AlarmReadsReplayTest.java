package io.fgd.runtime.kinds.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.state.AwsStateReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The alarm kind's reads over HTTP with the real SDK CloudWatch client, against {@link CborReplay}
 * (moto 5.2.5 answers the client's Smithy RPC v2 CBOR requests with 404). Behaviour covered:
 * DescribeAlarms pages through NextToken (CloudWatch API reference, DescribeAlarms: MaxRecords,
 * NextToken), asked once by the app's name prefix for metric alarms only; ListTagsForResource per
 * alarm ARN; and an alarm as DescribeAlarms returns it (MetricAlarm, with the defaults CloudWatch
 * fills in) has the normal form of the alarms.json it was made from.
 */
class AlarmReadsReplayTest {
  @Test
  void pagesThroughTheAppsAlarmsAndReadsTheirTags() throws Exception {
    DesiredState desired = AlarmKindTest.alarmed();
    AlarmKindTest.Account made = new AlarmKindTest.Account(desired);
    ObjectNode api = made.alarms.get("sheets-api-5xx");
    ObjectNode worker = made.alarms.get("sheets-worker-5xx");
    api.remove("AlarmConfigurationUpdatedTimestamp");
    worker.remove("AlarmConfigurationUpdatedTimestamp");
    try (CborReplay server = new CborReplay()) {
      server
          .script(
              "DescribeAlarms",
              "{\"MetricAlarms\": [" + api + "], \"CompositeAlarms\": [], \"NextToken\": \"t1\"}",
              "{\"MetricAlarms\": [" + worker + "], \"CompositeAlarms\": []}")
          .script(
              "ListTagsForResource",
              "{\"Tags\": [{\"Key\": \"fgd:app\", \"Value\": \"sheets\"},"
                  + " {\"Key\": \"fgd:service\", \"Value\": \"api\"},"
                  + " {\"Key\": \"team\", \"Value\": \"sheets\"}]}");
      AwsSettings settings =
          new AwsSettings(
              Optional.empty(), Optional.of("us-west-1"), Optional.of(server.endpoint()));
      try (AwsClients clients =
          AwsClients.create(
              settings,
              StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDREPLAY", "x")))) {
        AlarmReads.Api reads = AlarmReads.api(new AwsStateReader(clients, settings));
        Map<String, ObjectNode> alarms = reads.alarms("sheets-");
        assertEquals(List.of("sheets-api-5xx", "sheets-worker-5xx"), List.copyOf(alarms.keySet()));
        List<CborReplay.Request> pages = server.requests("DescribeAlarms");
        assertEquals(2, pages.size());
        assertEquals("sheets-", pages.get(0).body().path("AlarmNamePrefix").asText());
        assertEquals("MetricAlarm", pages.get(0).body().path("AlarmTypes").path(0).asText());
        assertEquals(100, pages.get(0).body().path("MaxRecords").asInt());
        assertEquals("t1", pages.get(1).body().path("NextToken").asText());

        Map<String, String> tags = reads.tags(api.path("AlarmArn").asText());
        assertEquals(Map.of("fgd:app", "sheets", "fgd:service", "api", "team", "sheets"), tags);
        assertEquals(
            api.path("AlarmArn").asText(),
            server.requests("ListTagsForResource").get(0).body().path("ResourceARN").asText());

        // What the SDK made of the answer normalises as the alarms.json it came from.
        JsonNode want = AlarmReads.desired(desired.services().get("api")).get(0);
        assertEquals(
            AlarmForm.form(
                want,
                AlarmForm.tags(want.path("Tags")),
                Map.of("fgd:targetgroup/sheets-api-440f7346", AlarmKindTest.TG_ARN)),
            AlarmForm.form(alarms.get("sheets-api-5xx"), tags, Map.of()));
      }
    }
  }
}
