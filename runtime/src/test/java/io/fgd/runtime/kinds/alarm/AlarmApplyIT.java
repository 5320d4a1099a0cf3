package io.fgd.runtime.kinds.alarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.runtime.aws.AwsClients;
import io.fgd.runtime.aws.AwsSettings;
import io.fgd.runtime.engine.Action;
import io.fgd.runtime.engine.FieldChange;
import io.fgd.runtime.engine.Plan;
import io.fgd.runtime.engine.ResourceChange;
import io.fgd.runtime.kinds.RoutedApp;
import io.fgd.runtime.moto.MotoExtension;
import io.fgd.runtime.moto.MotoNetwork;
import io.fgd.runtime.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Apply and plan of the alarms fgd creates, over HTTP with the real SDK clients: ECS and ELBv2 are
 * moto's, CloudWatch is {@link CborReplay} in front of it, because moto 5.2.5 does not serve the
 * Smithy RPC v2 CBOR protocol of the SDK's CloudWatch client (it answers 404). The replay answers
 * DescribeAlarms and ListTagsForResource with the account as it stands after each apply, built from
 * the PutMetricAlarm requests apply made, with what CloudWatch adds (the ARN, ActionsEnabled, the
 * state, empty action lists; CloudWatch API reference, MetricAlarm). Covered: apply creates an
 * alarm per service on its route's target group (the TargetGroup dimension from the ARN moto gave
 * the target group apply created) and the service names it; a plan then has no changes; a new
 * threshold is one alarm updated (PutMetricAlarm, then TagResource); an alarm removed from the spec
 * is deleted (DeleteAlarms) after the service stopped naming it; when the last {@code alarm}
 * statement goes, the plan reads the alarms the services still name (one DescribeAlarms), each
 * service's update turns its deployment alarms off, and the alarms are deleted; each followed by a
 * plan with no changes (the last one with no CloudWatch request); on fgd's own load balancer, the
 * plan shows the alarm's LoadBalancer dimension known after apply, apply puts the alarm with the
 * dimension of the load balancer it created, and the next plan resolves it from the load balancer
 * it reads (no change). moto keeps no deploymentConfiguration, so {@link CborReplay} gives
 * DescribeServices back the alarms the last CreateService or UpdateService asked for. Not covered:
 * CloudWatch evaluating the alarm, and ECS rolling back when it fires (moto models neither;
 * StagedRolloutReplayTest replays a rollback).
 */
@ExtendWith(MotoExtension.class)
class AlarmApplyIT {
  CborReplay replay;
  AwsSettings settings;
  AwsClients clients;
  MotoNetwork network;
  RoutedApp app;
  String listener;

  MotoServer moto;

  @BeforeEach
  void connect(MotoServer moto) throws Exception {
    this.moto = moto;
    replay = new CborReplay(moto.endpoint());
    settings =
        new AwsSettings(Optional.empty(), Optional.of("us-west-1"), Optional.of(replay.endpoint()));
    var credentials =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    clients = AwsClients.create(settings, credentials);
    network = MotoNetwork.create(moto.endpoint(), "us-west-1", credentials);
    app = new RoutedApp("sheets", clients, settings, network);
    listener = app.createListener();
    standing(List.of());
    // The changing calls answer an empty structure (CloudWatch API reference: no response
    // elements); what they asked is checked in the recorded requests.
    for (String op : List.of("PutMetricAlarm", "TagResource", "DeleteAlarms")) {
      replay.standing(op, null, null, "{}");
    }
  }

  @AfterEach
  void close() {
    clients.close();
    replay.close();
  }

  String spec(String apiAlarm) {
    return app.header(listener)
        + api(apiAlarm)
        + RoutedApp.routedService("web", "\"sheets.example.com\"", "    alarm 5xx > 10 for 3m");
  }

  /** Service api, routed on api.sheets.example.com, with these lines in its deploy block. */
  static String api(String deployLines) {
    return RoutedApp.routedService("api", "\"api.sheets.example.com\"", deployLines);
  }

  List<ResourceChange> alarmChanges(Plan plan) {
    return plan.changes().stream().filter(c -> c.type() == AlarmKind.INSTANCE).toList();
  }

  /** The alarms as CloudWatch would list them, made from the PutMetricAlarm requests. */
  void standing(List<JsonNode> puts) {
    Map<String, JsonNode> byName = new TreeMap<>();
    puts.forEach(p -> byName.put(p.path("AlarmName").asText(), p));
    ArrayNode alarms = CborReplay.JSON.createArrayNode();
    byName.forEach(
        (name, put) -> {
          ObjectNode a = put.deepCopy();
          ArrayNode tags = (ArrayNode) a.remove("Tags");
          String arn = "arn:aws:cloudwatch:us-west-1:123456789012:alarm:" + name;
          a.put("AlarmArn", arn);
          a.put("ActionsEnabled", true);
          a.putArray("OKActions");
          a.putArray("AlarmActions");
          a.putArray("InsufficientDataActions");
          a.put("StateValue", "INSUFFICIENT_DATA");
          alarms.add(a);
          ObjectNode tagAnswer = CborReplay.JSON.createObjectNode();
          tagAnswer.set("Tags", tags);
          replay.standing("ListTagsForResource", "ResourceARN", arn, tagAnswer.toString());
        });
    ObjectNode answer = CborReplay.JSON.createObjectNode();
    answer.set("MetricAlarms", alarms);
    answer.putArray("CompositeAlarms");
    replay.standing("DescribeAlarms", null, null, answer.toString());
  }

  /** The last PutMetricAlarm request for each alarm. */
  Map<String, JsonNode> puts() {
    Map<String, JsonNode> out = new TreeMap<>();
    replay
        .requests("PutMetricAlarm")
        .forEach(r -> out.put(r.body().path("AlarmName").asText(), r.body()));
    return out;
  }

  String targetGroupDimension(String service) {
    return clients.elb().describeTargetGroups().targetGroups().stream()
        .filter(t -> t.targetGroupName().startsWith("sheets-" + service + "-"))
        .findFirst()
        .orElseThrow()
        .targetGroupArn()
        .split(":", 6)[5];
  }

  /** The alarms the CreateService request of {@code service} named. */
  String createdWithAlarms(String service) {
    return replay.requests("CreateService").stream()
        .filter(r -> r.body().path("serviceName").asText().equals(service))
        .findFirst()
        .orElseThrow()
        .body()
        .path("deploymentConfiguration")
        .path("alarms")
        .toString();
  }

  @Test
  void createsUpdatesAndDeletesAlarmsThenPlansNoChange() throws Exception {
    var first = app.compile(spec("    alarm 5xx > 5% for 2m"));
    assertEquals(
        List.of(Action.CREATE, Action.CREATE),
        alarmChanges(app.plan(first).plan()).stream().map(ResourceChange::action).toList());
    app.apply(first, false);
    Map<String, JsonNode> puts = puts();
    assertEquals(List.of("sheets-api-5xx", "sheets-web-5xx"), List.copyOf(puts.keySet()));
    JsonNode apiDimensions =
        puts.get("sheets-api-5xx").path("Metrics").path(0).path("MetricStat").path("Metric");
    String lb = listener.split(":", 6)[5].replaceFirst("^listener/", "");
    assertEquals(
        "[{\"Name\":\"TargetGroup\",\"Value\":\""
            + targetGroupDimension("api")
            + "\"},{\"Name\":\"LoadBalancer\",\"Value\":\""
            + lb.substring(0, lb.lastIndexOf('/'))
            + "\"}]",
        apiDimensions.path("Dimensions").toString());
    assertEquals(
        targetGroupDimension("web"),
        puts.get("sheets-web-5xx").path("Dimensions").path(0).path("Value").asText());
    assertEquals(
        "{\"alarmNames\":[\"sheets-api-5xx\"],\"rollback\":true,\"enable\":true}",
        createdWithAlarms("api"));
    assertEquals(
        "{\"alarmNames\":[\"sheets-web-5xx\"],\"rollback\":true,\"enable\":true}",
        createdWithAlarms("web"));
    standing(List.copyOf(puts.values()));
    app.assertNoChanges(first);

    var higher = app.compile(spec("    alarm 5xx > 10% for 2m"));
    List<ResourceChange> update = alarmChanges(app.plan(higher).plan());
    assertEquals(1, update.size(), update::toString);
    assertEquals(Action.UPDATE, update.get(0).action());
    assertEquals(
        List.of(".AlarmDescription", ".Threshold"),
        update.get(0).fields().stream().map(FieldChange::path).toList());
    app.apply(higher, false);
    assertEquals(3, replay.requests("PutMetricAlarm").size());
    assertEquals(10.0, puts().get("sheets-api-5xx").path("Threshold").asDouble());
    assertEquals(
        "arn:aws:cloudwatch:us-west-1:123456789012:alarm:sheets-api-5xx",
        replay.requests("TagResource").get(0).body().path("ResourceARN").asText());
    standing(List.copyOf(puts().values()));
    app.assertNoChanges(higher);

    var none = app.compile(spec("    min_healthy 100%"));
    List<ResourceChange> removal = alarmChanges(app.plan(none).plan());
    assertEquals(
        List.of("sheets-api-5xx:DESTROY"),
        removal.stream().map(c -> c.name() + ":" + c.action()).toList());
    app.apply(none, false);
    assertEquals(
        "[\"sheets-api-5xx\"]",
        replay.requests("DeleteAlarms").get(0).body().path("AlarmNames").toString());
    standing(List.of(puts().get("sheets-web-5xx")));
    app.assertNoChanges(none);
  }

  /** The request ECS got for {@code service}'s last UpdateService, as JSON. */
  JsonNode lastUpdate(String service) {
    List<CborReplay.Request> updates =
        replay.requests("UpdateService").stream()
            .filter(r -> r.body().path("service").asText().equals(service))
            .toList();
    return updates.get(updates.size() - 1).body();
  }

  @Test
  void whenTheLastAlarmStatementGoesTheAlarmsAreDeletedAndTheServicesStopNamingThem()
      throws Exception {
    var alarmed = app.compile(spec("    alarm 5xx > 5% for 2m\n    alarm latency p99 > 1s for 3m"));
    app.apply(alarmed, false);
    assertEquals(
        List.of("sheets-api-5xx", "sheets-api-latency-p99", "sheets-web-5xx"),
        List.copyOf(puts().keySet()));
    JsonNode latency = puts().get("sheets-api-latency-p99");
    assertEquals("TargetResponseTime", latency.path("MetricName").asText());
    assertEquals("p99", latency.path("ExtendedStatistic").asText());
    assertEquals(1.0, latency.path("Threshold").asDouble());
    assertEquals(
        targetGroupDimension("api"), latency.path("Dimensions").path(0).path("Value").asText());
    standing(List.copyOf(puts().values()));
    app.assertNoChanges(alarmed);

    // No `alarm` statement left in the spec: the services still name fgd's alarms, so the plan
    // reads them (after the services) and deletes them.
    var none = app.compile(spec("    min_healthy 100%").replace("alarm 5xx > 10 for 3m", ""));
    int listings = replay.requests("DescribeAlarms").size();
    List<ResourceChange> removal = alarmChanges(app.plan(none).plan());
    assertEquals(listings + 1, replay.requests("DescribeAlarms").size());
    assertEquals(
        List.of(
            "sheets-api-5xx:DESTROY", "sheets-api-latency-p99:DESTROY", "sheets-web-5xx:DESTROY"),
        removal.stream().map(c -> c.name() + ":" + c.action()).sorted().toList());
    app.apply(none, false);
    // Each service's update turns its alarms off (left out, ECS would keep naming them), then its
    // alarms are deleted.
    for (String service : List.of("api", "web")) {
      assertEquals(
          "{\"alarmNames\":[],\"rollback\":false,\"enable\":false}",
          lastUpdate(service).path("deploymentConfiguration").path("alarms").toString());
    }
    assertEquals(
        List.of("[\"sheets-api-5xx\",\"sheets-api-latency-p99\"]", "[\"sheets-web-5xx\"]"),
        replay.requests("DeleteAlarms").stream()
            .map(r -> r.body().path("AlarmNames").toString())
            .sorted()
            .toList());
    standing(List.of());
    // The services name no alarm of fgd's any more: no CloudWatch request, no change.
    listings = replay.requests("DescribeAlarms").size();
    app.assertNoChanges(none);
    assertEquals(listings, replay.requests("DescribeAlarms").size());
  }

  @Test
  void anAlarmOnFgdsOwnLoadBalancerIsPutAfterItWithItsDimension() throws Exception {
    String spec =
        app.headerInNetwork(
                """
              load_balancer {
                internet_facing
                certificate "%s"
              }
            """
                    .formatted(moto.certificate("api.sheets.example.com")))
            + api("    alarm 5xx > 10 for 3m");
    var artifacts = app.compileNamingNetwork(spec);
    // Before the load balancer exists, its dimension is known after apply.
    List<ResourceChange> planned = alarmChanges(app.plan(artifacts).plan());
    assertEquals(1, planned.size(), planned::toString);
    assertEquals(
        Optional.of(AlarmForm.KNOWN_AFTER_APPLY),
        planned.get(0).fields().stream()
            .filter(f -> f.path().equals(".Dimensions.LoadBalancer"))
            .findFirst()
            .flatMap(FieldChange::after)
            .map(JsonNode::asText));
    app.apply(artifacts, false);
    String lbArn =
        clients.elb().describeLoadBalancers().loadBalancers().stream()
            .filter(l -> l.loadBalancerName().equals(RouteEmitter.loadBalancerName("sheets")))
            .findFirst()
            .orElseThrow()
            .loadBalancerArn();
    JsonNode put = puts().get("sheets-api-5xx");
    assertEquals(
        "[{\"Name\":\"TargetGroup\",\"Value\":\""
            + targetGroupDimension("api")
            + "\"},{\"Name\":\"LoadBalancer\",\"Value\":\""
            + lbArn.split(":", 6)[5].replaceFirst("^loadbalancer/", "")
            + "\"}]",
        put.path("Dimensions").toString());
    // A second plan resolves the dimension from the load balancer it reads: no phantom change.
    standing(List.copyOf(puts().values()));
    app.assertNoChanges(artifacts);
  }
}
