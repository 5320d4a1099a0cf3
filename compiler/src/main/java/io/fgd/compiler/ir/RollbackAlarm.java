package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.Optional;

/**
 * A CloudWatch alarm fgd creates and owns on the service's load balancer target group, which fails
 * (and rolls back) a deployment when it goes into ALARM while the deployment runs: {@code alarm 5xx
 * > 5% for 2m}, {@code alarm latency p99 > 800ms for 3m}.
 *
 * @param metric what the alarm watches
 * @param percentile for {@code latency}, the percentile of the response times the alarm watches
 *     ({@code p99}, written without trailing zeros); when absent, their average
 * @param threshold the value the metric must stay at or under: for {@code 5xx} a percentage of the
 *     requests when {@code percent}, otherwise a count per minute; for {@code latency} seconds
 * @param percent the threshold is a rate (5xx responses over requests, in percent), not a count
 * @param period how long the metric must be over the threshold, minute by minute, before the alarm
 *     fires
 * @param port the container port whose target group the alarm watches ({@code on port 8000}); when
 *     absent, the first routed port's, or else the first {@code port N target_group}'s
 */
public record RollbackAlarm(
    Located<Metric> metric,
    Optional<Located<String>> percentile,
    Located<Double> threshold,
    boolean percent,
    Located<Duration> period,
    Optional<Located<Integer>> port,
    Span span) {
  public RollbackAlarm {
    requireNonNull(metric, "metric is null");
    requireNonNull(percentile, "percentile is null");
    requireNonNull(threshold, "threshold is null");
    requireNonNull(period, "period is null");
    requireNonNull(port, "port is null");
    requireNonNull(span, "span is null");
  }

  /**
   * What makes two alarms of a service the same one, and the end of its name: {@code 5xx}, {@code
   * latency}, {@code latency-p99}, {@code 5xx-8000} (on port 8000).
   */
  public String key() {
    return metric.value().word()
        + percentile.map(p -> "-" + p.value()).orElse("")
        + port.map(p -> "-" + p.value()).orElse("");
  }

  /** The alarm as the spec writes it, without its threshold: {@code latency p99 on port 8000}. */
  public String written() {
    return metric.value().word()
        + percentile.map(p -> " " + p.value()).orElse("")
        + port.map(p -> " on port " + p.value()).orElse("");
  }

  /** What an fgd alarm can watch. */
  public enum Metric {
    /** 5xx responses of the service's targets (ALB HTTPCode_Target_5XX_Count). */
    TARGET_5XX("5xx"),
    /** The time the service's targets take to answer (ALB TargetResponseTime, in seconds). */
    LATENCY("latency");

    private final String word;

    Metric(String word) {
      this.word = word;
    }

    /** How the spec writes it, and the suffix of the alarm's name. */
    public String word() {
      return word;
    }
  }
}
