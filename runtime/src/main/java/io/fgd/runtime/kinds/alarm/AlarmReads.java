package io.fgd.runtime.kinds.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.AlarmEmitter;
import io.fgd.compiler.ir.RollbackAlarm;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * How the plan reads the app's CloudWatch alarms, only when the spec asks for one (so a spec
 * without alarms makes no CloudWatch request). First wave: the metric alarms whose name starts with
 * {@code APP-} (DescribeAlarms by AlarmNamePrefix, 100 a page, one listing for every service).
 * Second wave: their tags (ListTagsForResource, one alarm a request: CloudWatch has no batch form),
 * concurrently.
 */
public final class AlarmReads {
  /** The key of the first wave's result: the alarms by name, as DescribeAlarms returns them. */
  public static final String KEY = "alarm";

  /** The key of the second wave's result: tags by alarm name. */
  public static final String TAGS_KEY = "alarm_tags";

  /** DescribeAlarms returns at most 100 alarms a page (MaxRecords). */
  static final int PAGE_SIZE = 100;

  private AlarmReads() {}

  /** How fgd reads alarms; tests fake it. */
  public interface Api {
    /** The metric alarms whose name starts with {@code prefix}, by name. */
    Map<String, ObjectNode> alarms(String prefix) throws FgdRuntimeException;

    /** The tags of one alarm. */
    Map<String, String> tags(String arn) throws FgdRuntimeException;
  }

  public static Api api(LiveState live) {
    return live.reads(Api.class, SdkApi::new);
  }

  /** The app's alarms (by name prefix), by name. */
  public static Map<String, ObjectNode> alarms(ObservedState observed) {
    return observed.get(KEY, Map.of());
  }

  /** Their tags, by alarm name. */
  public static Map<String, Map<String, String>> tags(ObservedState observed) {
    return observed.get(TAGS_KEY, Map.of());
  }

  /** The PutMetricAlarm inputs of a service's alarms.json. */
  static List<JsonNode> desired(DesiredService s) {
    List<JsonNode> out = new ArrayList<>();
    s.alarms().ifPresent(a -> a.path("alarms").forEach(out::add));
    return out;
  }

  /** The first characters of the name of every alarm fgd makes for the app. */
  static String prefix(String app) {
    return app + "-";
  }

  /**
   * Whether the plan must read alarms: a service of the spec asks for one. Decided from the spec
   * alone, so that the reads stay two waves deep (the listing, then the tags); when the last {@code
   * alarm} statement of the app goes, its alarms are no longer read and so not pruned.
   */
  static boolean needed(DesiredState desired) {
    return desired.services().values().stream().anyMatch(s -> s.alarms().isPresent());
  }

  /** The names fgd gives a service's alarms. */
  static List<String> fgdNames(String app, String service) {
    List<String> out = new ArrayList<>();
    for (RollbackAlarm.Metric m : RollbackAlarm.Metric.values()) {
      out.add(AlarmEmitter.alarmName(app, service, m));
    }
    return out;
  }

  /** The alarm names a live service's deploymentConfiguration.alarms holds. */
  static JsonNode named(ObservedService s) {
    return s.json().path("deploymentConfiguration").path("alarms").path("alarmNames");
  }

  static final List<KindRead> READS =
      List.of(
          new KindRead() {
            @Override
            public String key() {
              return KEY;
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              if (!needed(scope.desired())) {
                return ReadScope.done(Map.of());
              }
              String prefix = prefix(scope.desired().app());
              Api api = api(scope.live());
              return scope.fork(() -> api.alarms(prefix));
            }
          },
          new KindRead() {
            @Override
            public String key() {
              return TAGS_KEY;
            }

            @Override
            public List<String> after() {
              return List.of(KEY);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              Map<String, ObjectNode> alarms = alarms(scope.observed());
              if (alarms.isEmpty()) {
                return ReadScope.done(Map.of());
              }
              Api api = api(scope.live());
              Map<String, ReadScope.Pending<Map<String, String>>> pending = new LinkedHashMap<>();
              alarms.forEach(
                  (name, a) ->
                      pending.put(name, scope.fork(() -> api.tags(a.path("AlarmArn").asText()))));
              return () -> {
                Map<String, Map<String, String>> out = new TreeMap<>();
                for (var p : pending.entrySet()) {
                  out.put(p.getKey(), p.getValue().join());
                }
                return out;
              };
            }
          });

  /** The reads over the SDK. */
  private record SdkApi(AwsStateReader reader) implements Api {
    @Override
    public Map<String, ObjectNode> alarms(String prefix) throws FgdRuntimeException {
      Map<String, ObjectNode> out = new TreeMap<>();
      reader.eachPage(
          "reading CloudWatch alarms",
          reader
              .clients()
              .cloudWatch()
              .describeAlarmsPaginator(
                  DescribeAlarmsRequest.builder()
                      .alarmNamePrefix(prefix)
                      .alarmTypes(AlarmType.METRIC_ALARM)
                      .maxRecords(PAGE_SIZE)
                      .build()),
          page -> {
            for (MetricAlarm a : page.metricAlarms()) {
              out.put(a.alarmName(), SdkJson.toJson(a));
            }
            return true;
          });
      return out;
    }

    @Override
    public Map<String, String> tags(String arn) throws FgdRuntimeException {
      Map<String, String> out = new TreeMap<>();
      reader
          .call(
              "reading the tags of alarm " + arn,
              () -> reader.clients().cloudWatch().listTagsForResource(r -> r.resourceARN(arn)))
          .tags()
          .forEach(t -> out.put(t.key(), t.value()));
      return out;
    }
  }
}
