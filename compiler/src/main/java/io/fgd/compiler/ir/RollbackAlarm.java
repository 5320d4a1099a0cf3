package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;

/**
 * A CloudWatch alarm fgd creates and owns on the service's load balancer target group, which fails
 * (and rolls back) a deployment when it goes into ALARM while the deployment runs: {@code alarm 5xx
 * > 5% for 2m}.
 *
 * @param metric what the alarm watches
 * @param threshold the value the metric must stay at or under: a percentage of the requests when
 *     {@code percent}, otherwise a count per minute
 * @param percent the threshold is a rate (5xx responses over requests, in percent), not a count
 * @param period how long the metric must be over the threshold, minute by minute, before the alarm
 *     fires
 */
public record RollbackAlarm(
    Located<Metric> metric,
    Located<Double> threshold,
    boolean percent,
    Located<Duration> period,
    Span span) {
  public RollbackAlarm {
    requireNonNull(metric, "metric is null");
    requireNonNull(threshold, "threshold is null");
    requireNonNull(period, "period is null");
    requireNonNull(span, "span is null");
  }

  /** What an fgd alarm can watch. */
  public enum Metric {
    /** 5xx responses of the service's targets (ALB HTTPCode_Target_5XX_Count). */
    TARGET_5XX("5xx");

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
