package io.fgd.runtime.kinds.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.ecs.AlarmEmitter;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.compiler.ir.RollbackAlarm;
import io.fgd.runtime.FgdRuntimeException;
import io.fgd.runtime.importer.ImportRun;
import io.fgd.runtime.state.AwsStateReader;
import io.fgd.runtime.state.LiveState;
import io.fgd.runtime.state.ObservedService;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code fgd import} of the alarms a service's deploymentConfiguration names: one that fgd created
 * (its name {@code APP-SERVICE-5xx} or {@code APP-SERVICE-latency[-pNN]}, the app's and the
 * service's tags, and the shape fgd gives it) becomes {@code alarm 5xx > 5% for 2m} or {@code alarm
 * latency p99 > 1s for 3m}; every other stays {@code alarms "name"}.
 */
public final class AlarmImport {
  private static final String KEY = "alarm";

  /** The end of an alarm's name that says its port: {@code -8000}. */
  private static final Pattern PORT = Pattern.compile("-([0-9]+)$");

  private AlarmImport() {}

  /**
   * Reads the alarms of fgd's names that the services name (one DescribeAlarms by the app's prefix,
   * and their tags), for {@link #statement}; no request when no service names one.
   */
  public static void read(ImportRun run, LiveState live, List<ObservedService> services)
      throws FgdRuntimeException {
    boolean named = services.stream().anyMatch(s -> AlarmReads.namesFgdAlarm(run.app(), s));
    run.remember(
        KEY,
        named
            ? AlarmReads.WithTags.read(AlarmReads.api(live), run.app())
            : AlarmReads.WithTags.NONE);
  }

  /** The value of the {@code alarm} statement for the named alarm, if it is fgd's. */
  public static Optional<String> statement(ImportRun run, String service, String name) {
    AlarmReads.WithTags read = run.recalled(KEY, AlarmReads.WithTags.NONE);
    ObjectNode alarm = read.alarms().get(name);
    if (alarm == null) {
      return Optional.empty();
    }
    return statement(run.app(), service, name, alarm, read.tags().getOrDefault(name, Map.of()));
  }

  /**
   * {@code 5xx > 5% for 2m}, {@code latency p99 > 800ms for 3m}, when {@code alarm} is the one fgd
   * makes of that statement for the service (its name, tags and every field the alarm kind compares
   * but the dimensions, which follow the service's target group); empty for any other.
   */
  static Optional<String> statement(
      String app, String service, String name, JsonNode alarm, Map<String, String> tags) {
    if (!AlarmEmitter.isAlarmName(app, service, name)
        || !app.equals(tags.get(AwsStateReader.OWNER_TAG))
        || !service.equals(tags.get(RouteEmitter.SERVICE_TAG_KEY))) {
      return Optional.empty();
    }
    String key = name.substring((app + "-" + service + "-").length());
    String onPort = "";
    Matcher port = PORT.matcher(key);
    if (port.find()) {
      onPort = " on port " + port.group(1);
      key = key.substring(0, port.start());
    }
    ObjectNode form = AlarmForm.form(alarm, tags, Map.of());
    int periods = form.path("EvaluationPeriods").asInt();
    boolean common =
        periods >= 1
            && form.path("DatapointsToAlarm").asInt() == periods
            && form.path("ActionsEnabled").asBoolean()
            && "GreaterThanThreshold".equals(form.path("ComparisonOperator").asText())
            && "notBreaching".equals(form.path("TreatMissingData").asText())
            && form.path("AlarmDescription").asText().startsWith("fgd: ");
    if (!common) {
      return Optional.empty();
    }
    BigDecimal t = new BigDecimal(Double.toString(form.path("Threshold").asDouble()));
    String forPeriods = " for " + periods + "m" + onPort;
    if (key.equals(RollbackAlarm.Metric.TARGET_5XX.word())) {
      boolean percent = form.has("Metrics");
      if (!(percent ? rate(form.path("Metrics")) : count(form))) {
        return Optional.empty();
      }
      return Optional.of(
          key + " > " + t.stripTrailingZeros().toPlainString() + (percent ? "%" : "") + forPeriods);
    }
    Optional<String> percentile =
        key.contains("-") ? Optional.of(key.substring(key.indexOf('-') + 1)) : Optional.empty();
    BigDecimal millis = t.movePointRight(3).stripTrailingZeros();
    if (!latency(form, percentile) || t.signum() <= 0 || millis.scale() > 0) {
      return Optional.empty(); // not fgd's shape, or a threshold no statement writes
    }
    String threshold =
        millis.remainder(BigDecimal.valueOf(1000)).signum() == 0
            ? millis.movePointLeft(3).stripTrailingZeros().toPlainString() + "s"
            : millis.toPlainString() + "ms";
    return Optional.of(
        RollbackAlarm.Metric.LATENCY.word()
            + percentile.map(p -> " " + p).orElse("")
            + " > "
            + threshold
            + forPeriods);
  }

  private static boolean latency(JsonNode form, Optional<String> percentile) {
    boolean statistic =
        percentile.isPresent()
            ? percentile.get().equals(form.path("ExtendedStatistic").asText())
                && "evaluate".equals(form.path("EvaluateLowSampleCountPercentile").asText())
            : "Average".equals(form.path("Statistic").asText());
    return statistic
        && !form.has("Metrics")
        && AlarmEmitter.NAMESPACE.equals(form.path("Namespace").asText())
        && AlarmEmitter.LATENCY_METRIC.equals(form.path("MetricName").asText())
        && form.path("Period").asInt() == AlarmEmitter.PERIOD_SECONDS;
  }

  private static boolean rate(JsonNode metrics) {
    return metrics.size() == 3
        && stat(metrics.get(0), "errors", "HTTPCode_Target_5XX_Count")
        && stat(metrics.get(1), "requests", "RequestCount")
        && "rate".equals(metrics.get(2).path("Id").asText())
        && "100 * FILL(errors, 0) / requests".equals(metrics.get(2).path("Expression").asText())
        && metrics.get(2).path("ReturnData").asBoolean();
  }

  private static boolean stat(JsonNode q, String id, String metric) {
    JsonNode s = q.path("MetricStat");
    return id.equals(q.path("Id").asText())
        && !q.path("ReturnData").asBoolean()
        && AlarmEmitter.NAMESPACE.equals(s.path("Namespace").asText())
        && metric.equals(s.path("MetricName").asText())
        && s.path("Period").asInt() == AlarmEmitter.PERIOD_SECONDS
        && "Sum".equals(s.path("Stat").asText());
  }

  private static boolean count(JsonNode form) {
    return AlarmEmitter.NAMESPACE.equals(form.path("Namespace").asText())
        && "HTTPCode_Target_5XX_Count".equals(form.path("MetricName").asText())
        && "Sum".equals(form.path("Statistic").asText())
        && form.path("Period").asInt() == AlarmEmitter.PERIOD_SECONDS;
  }
}
