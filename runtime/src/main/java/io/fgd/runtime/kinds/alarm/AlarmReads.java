package io.fgd.runtime.kinds.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.AlarmEmitter;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.aws.SdkJson;
import io.fgd.runtime.engine.DesiredService;
import io.fgd.runtime.engine.DesiredState;
import io.fgd.runtime.engine.KindRead;
import io.fgd.runtime.engine.ReadScope;
import io.fgd.runtime.kinds.service.ServiceReads;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import io.fgd.runtime.state.ObservedState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * How the plan reads the app's CloudWatch alarms. With an {@code alarm} statement in the spec: in
 * the first wave, the metric alarms whose name starts with {@code APP-} (DescribeAlarms by
 * AlarmNamePrefix, 100 a page, one listing for every service); in the second, their tags
 * (ListTagsForResource, one alarm a request: CloudWatch has no batch form), concurrently. Without
 * one, the same listing and tags after the services, and only when a live service of the app still
 * names one of fgd's alarm names in its deploymentConfiguration (the alarms of the last {@code
 * alarm} statements that went, to delete): an app that never had an fgd alarm makes no CloudWatch
 * request.
 */
public final class AlarmReads {
  /** The key of the first wave's result: the alarms by name, as DescribeAlarms returns them. */
  public static final String KEY = "alarm";

  /** The key of the second wave's result: tags by alarm name. */
  public static final String TAGS_KEY = "alarm_tags";

  /**
   * The key of the read made when the spec has no {@code alarm} statement, after the services: the
   * alarms and their tags at once ({@link WithTags}).
   */
  static final String UNUSED_KEY = "alarm_unused";

  /**
   * The app's alarms (by name) and their tags (by alarm name), read one request after the other:
   * for a spec with no alarm, and for an import.
   */
  record WithTags(Map<String, ObjectNode> alarms, Map<String, Map<String, String>> tags) {
    static final WithTags NONE = new WithTags(Map.of(), Map.of());

    static WithTags read(Api api, String app) throws FgdRuntimeException {
      Map<String, ObjectNode> alarms = api.alarms(prefix(app));
      Map<String, Map<String, String>> tags = new TreeMap<>();
      for (var e : alarms.entrySet()) {
        tags.put(e.getKey(), api.tags(e.getValue().path("AlarmArn").asText()));
      }
      return new WithTags(alarms, tags);
    }
  }

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
    Optional<WithTags> unused = observed.get(UNUSED_KEY, Optional.empty());
    return unused.isPresent() ? unused.get().alarms() : observed.get(KEY, Map.of());
  }

  /** Their tags, by alarm name. */
  public static Map<String, Map<String, String>> tags(ObservedState observed) {
    Optional<WithTags> unused = observed.get(UNUSED_KEY, Optional.empty());
    return unused.isPresent() ? unused.get().tags() : observed.get(TAGS_KEY, Map.of());
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
   * Whether the plan reads alarms in the first waves: a service of the spec asks for one. Decided
   * from the spec alone, so that the reads stay two waves deep (the listing, then the tags).
   */
  static boolean needed(DesiredState desired) {
    return desired.services().values().stream().anyMatch(s -> s.alarms().isPresent());
  }

  /**
   * Whether a spec with no {@code alarm} statement must still read the app's alarms: a live service
   * of the app (in the spec or left out of it) names one of fgd's alarm names for it, so an apply
   * made it and may have to delete it.
   */
  static boolean leftOver(String app, ObservedState observed) {
    return Stream.concat(
            ServiceReads.services(observed).values().stream(), observed.orphans().values().stream())
        .anyMatch(s -> namesFgdAlarm(app, s));
  }

  /** Whether the live service names one of the alarm names fgd gives its alarms. */
  static boolean namesFgdAlarm(String app, ObservedService s) {
    for (JsonNode n : named(s)) {
      if (AlarmEmitter.isAlarmName(app, s.name(), n.asText())) {
        return true;
      }
    }
    return false;
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
              return UNUSED_KEY;
            }

            @Override
            public List<String> after() {
              return List.of(ServiceReads.KEY, ObservedState.ORPHANS);
            }

            @Override
            public ReadScope.Pending<?> start(ReadScope scope) {
              String app = scope.desired().app();
              if (needed(scope.desired()) || !leftOver(app, scope.observed())) {
                return ReadScope.done(Optional.<WithTags>empty());
              }
              Api api = api(scope.live());
              return scope.fork(() -> Optional.of(WithTags.read(api, app)));
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
              Map<String, ObjectNode> alarms = scope.observed().get(KEY, Map.of()); // the listing's
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
