package io.fgd.compiler.emit.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.FgdBugException;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Deployment;
import io.fgd.compiler.ir.LoadBalancer;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.RollbackAlarm;
import io.fgd.compiler.ir.Service;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * {@code alarms.json}: the CloudWatch alarms fgd creates for a service's alarm rollback ({@code
 * alarm 5xx > 5% for 2m}, {@code alarm latency p99 > 1s for 3m}), as PutMetricAlarm requests in the
 * CloudWatch wire shape (PascalCase, as {@code aws cloudwatch put-metric-alarm --cli-input-json}
 * takes them).
 *
 * <p>An alarm watches the service's target group through the AWS/ApplicationELB metrics, whose
 * dimensions are {@code TargetGroup} ({@code targetgroup/NAME/ID}, the end of the target group's
 * ARN) and {@code LoadBalancer} ({@code app/NAME/ID}, from the app's listener ARN, or written
 * {@code fgd:loadbalancer/NAME} for fgd's own load balancer until apply knows it) (Elastic Load
 * Balancing user guide, "CloudWatch metrics for your Application Load Balancer"). The target group
 * is the one of the service's first route, whose ARN is known only at apply and written {@code
 * fgd:targetgroup/NAME} until then, or else the first {@code port N target_group "ARN"}.
 */
public final class AlarmEmitter {
  public static final String ALARMS_FILE = "alarms.json";

  /** ALB metrics are published every 60 seconds; one datapoint a minute. */
  public static final int PERIOD_SECONDS = 60;

  /** The CloudWatch namespace of Application Load Balancer metrics. */
  public static final String NAMESPACE = "AWS/ApplicationELB";

  /** The time a target takes to answer, in seconds. */
  public static final String LATENCY_METRIC = "TargetResponseTime";

  private AlarmEmitter() {}

  /**
   * How a {@code LoadBalancer} dimension names fgd's own load balancer until apply knows its ARN:
   * {@code fgd:loadbalancer/NAME}, NAME its name ({@link RouteEmitter#loadBalancerName}).
   */
  public static final String LOAD_BALANCER_REF = "fgd:loadbalancer/";

  /**
   * {@code APP-SERVICE-5xx}, {@code APP-SERVICE-latency}, {@code APP-SERVICE-latency-p99}:
   * deterministic, so plan finds the alarm it created by name.
   */
  public static String alarmName(String app, String service, String key) {
    return app + "-" + service + "-" + key;
  }

  /** Whether {@code name} is one fgd gives an alarm of the service ({@link #alarmName}). */
  public static boolean isAlarmName(String app, String service, String name) {
    String prefix = app + "-" + service + "-";
    return name.startsWith(prefix) && name.substring(prefix.length()).matches(KEY);
  }

  /** {@link RollbackAlarm#key}: the metric, a latency's percentile, the port. */
  private static final String KEY =
      "("
          + RollbackAlarm.Metric.TARGET_5XX.word()
          + "|"
          + RollbackAlarm.Metric.LATENCY.word()
          + "(-p[0-9]{1,3}(\\.[0-9]{1,2})?)?)(-[0-9]{1,5})?";

  /**
   * The {@code TargetGroup} dimension of the service's target group: {@code fgd:targetgroup/NAME}
   * for a route's (resolved at apply), {@code targetgroup/NAME/ID} for a named one; empty when the
   * service has neither.
   */
  public static Optional<String> targetGroupDimension(App app, Service service) {
    return targetGroupDimension(app, service, Optional.empty());
  }

  /**
   * The {@code TargetGroup} dimension of an alarm: of its {@code on port N}'s target group (the
   * port's route's, or its {@code target_group}), or else the service's ({@link
   * #targetGroupDimension(App, Service)}); empty when there is none.
   */
  public static Optional<String> targetGroupDimension(App app, Service service, RollbackAlarm a) {
    return targetGroupDimension(app, service, a.port().map(Located::value));
  }

  private static Optional<String> targetGroupDimension(
      App app, Service service, Optional<Integer> port) {
    List<Integer> routed =
        RouteEmitter.routedPorts(service).stream()
            .filter(p -> port.isEmpty() || port.get().equals(p))
            .toList();
    if (!routed.isEmpty()) {
      return Optional.of(
          RouteEmitter.TARGET_GROUP_REF
              + RouteEmitter.targetGroupName(
                  app.name().value(), service.name().value(), routed.get(0)));
    }
    return service.container().ports().stream()
        .filter(p -> port.isEmpty() || port.get().equals(p.number().value()))
        .map(Port::targetGroup)
        .flatMap(Optional::stream)
        .map(Located::value)
        .map(AlarmEmitter::afterResource)
        .flatMap(Optional::stream)
        .filter(r -> r.startsWith("targetgroup/"))
        .findFirst();
  }

  /**
   * The {@code LoadBalancer} dimension, {@code app/NAME/ID}, from the app's listener ARN; {@code
   * fgd:loadbalancer/NAME} for fgd's own load balancer, resolved at plan when it exists and at
   * apply once it is created.
   */
  public static Optional<String> loadBalancerDimension(App app) {
    if (app.loadBalancer().map(LoadBalancer::owned).orElse(false)) {
      return Optional.of(LOAD_BALANCER_REF + RouteEmitter.loadBalancerName(app.name().value()));
    }
    return app.loadBalancer()
        .flatMap(LoadBalancer::listener)
        .map(Located::value)
        .flatMap(AlarmEmitter::afterResource)
        .filter(r -> r.startsWith("listener/app/"))
        .map(r -> r.substring("listener/".length()))
        .map(r -> r.split("/"))
        .filter(parts -> parts.length >= 3)
        .map(parts -> parts[0] + "/" + parts[1] + "/" + parts[2]);
  }

  /** The part of an ELBv2 ARN after its fifth colon: {@code targetgroup/NAME/ID}. */
  private static Optional<String> afterResource(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 ? Optional.of(parts[5]) : Optional.empty();
  }

  /** alarms.json, for a service with {@code alarm} statements. */
  static Optional<ObjectNode> alarms(App app, Service service, ArrayNode tags) {
    List<RollbackAlarm> own = service.deployment().map(Deployment::ownAlarms).orElse(List.of());
    if (own.isEmpty()) {
      return Optional.empty();
    }
    String loadBalancer =
        loadBalancerDimension(app)
            .orElseThrow(() -> bug("a checked spec with an alarm has no listener"));
    ObjectNode document = Json.object();
    ArrayNode alarms = document.putArray("alarms");
    for (RollbackAlarm a : own) {
      ObjectNode alarm = alarms.addObject();
      String name = alarmName(app.name().value(), service.name().value(), a.key());
      String targetGroup =
          targetGroupDimension(app, service, a)
              .orElseThrow(() -> bug("a checked service with an alarm has no target group"));
      alarm.put("AlarmName", name);
      alarm.put(
          "AlarmDescription",
          "fgd: rolls back a deployment of service "
              + service.name().value()
              + " when its "
              + watched(a)
              + a.port().map(p -> " on port " + p.value()).orElse("")
              + " is over "
              + threshold(a)
              + " for "
              + a.period().value().toMinutes()
              + " minute(s)");
      ArrayNode dimensions = Json.array();
      dimensions.addObject().put("Name", "TargetGroup").put("Value", targetGroup);
      dimensions.addObject().put("Name", "LoadBalancer").put("Value", loadBalancer);
      if (a.percent()) {
        ArrayNode metrics = alarm.putArray("Metrics");
        metric(metrics.addObject(), "errors", "HTTPCode_Target_5XX_Count", dimensions);
        metric(metrics.addObject(), "requests", "RequestCount", dimensions);
        metrics
            .addObject()
            .put("Id", "rate")
            .put("Expression", "100 * FILL(errors, 0) / requests")
            .put("Label", "target 5xx, % of requests")
            .put("ReturnData", true);
      } else if (a.metric().value() == RollbackAlarm.Metric.LATENCY) {
        // TargetResponseTime, in seconds: "the most useful statistics are Average and pNN.NN
        // (percentiles)" (Elastic Load Balancing user guide, "CloudWatch metrics for your
        // Application Load Balancer"). A percentile is an ExtendedStatistic, never with a
        // Statistic (CloudWatch API reference, PutMetricAlarm).
        alarm.put("Namespace", NAMESPACE);
        alarm.put("MetricName", LATENCY_METRIC);
        alarm.set("Dimensions", dimensions);
        if (a.percentile().isPresent()) {
          alarm.put("ExtendedStatistic", a.percentile().get().value());
        } else {
          alarm.put("Statistic", "Average");
        }
        alarm.put("Period", PERIOD_SECONDS);
      } else {
        alarm.put("Namespace", NAMESPACE);
        alarm.put("MetricName", "HTTPCode_Target_5XX_Count");
        alarm.set("Dimensions", dimensions);
        alarm.put("Statistic", "Sum");
        alarm.put("Period", PERIOD_SECONDS);
      }
      int periods = Math.toIntExact(a.period().value().toSeconds() / PERIOD_SECONDS);
      alarm.put("EvaluationPeriods", periods);
      alarm.put("DatapointsToAlarm", periods);
      alarm.put("Threshold", a.threshold().value());
      alarm.put("ComparisonOperator", "GreaterThanThreshold");
      alarm.put("TreatMissingData", "notBreaching");
      if (a.percentile().isPresent()) {
        // CloudWatch's default, written out: a percentile of few requests is evaluated anyway
        // (PutMetricAlarm: EvaluateLowSampleCountPercentile; "Percentile-based alarms and low
        // data samples", CloudWatch user guide).
        alarm.put("EvaluateLowSampleCountPercentile", "evaluate");
      }
      ArrayNode alarmTags = Json.array();
      for (var t : tags) {
        alarmTags
            .addObject()
            .put("Key", t.path("key").asText())
            .put("Value", t.path("value").asText());
      }
      alarmTags
          .addObject()
          .put("Key", RouteEmitter.SERVICE_TAG_KEY)
          .put("Value", service.name().value());
      alarm.set("Tags", alarmTags);
    }
    return Optional.of(document);
  }

  private static void metric(ObjectNode into, String id, String name, ArrayNode dimensions) {
    into.put("Id", id);
    ObjectNode stat = into.putObject("MetricStat");
    ObjectNode metric = stat.putObject("Metric");
    metric.put("Namespace", NAMESPACE);
    metric.put("MetricName", name);
    metric.set("Dimensions", dimensions.deepCopy());
    stat.put("Period", PERIOD_SECONDS);
    stat.put("Stat", "Sum");
    into.put("ReturnData", false);
  }

  private static String watched(RollbackAlarm a) {
    if (a.metric().value() == RollbackAlarm.Metric.LATENCY) {
      return a.percentile().map(p -> p.value() + " ").orElse("average ") + "target response time";
    }
    return "target 5xx " + (a.percent() ? "rate" : "count");
  }

  private static String threshold(RollbackAlarm a) {
    BigDecimal t = new BigDecimal(Double.toString(a.threshold().value()));
    if (a.metric().value() == RollbackAlarm.Metric.LATENCY) {
      return t.movePointRight(3).stripTrailingZeros().toPlainString() + " ms";
    }
    String n = t.stripTrailingZeros().toPlainString();
    return a.percent() ? n + "%" : n + " a minute";
  }

  /** The names of the service's own alarms, for deploymentConfiguration.alarms. */
  public static List<String> names(String app, Service service) {
    return service.deployment().map(Deployment::ownAlarms).orElse(List.of()).stream()
        .map(a -> alarmName(app, service.name().value(), a.key()))
        .toList();
  }

  private static FgdBugException bug(String what) {
    return new FgdBugException("This is a bug in fgd: " + what);
  }
}
