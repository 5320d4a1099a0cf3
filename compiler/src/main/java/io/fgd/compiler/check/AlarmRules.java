package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.emit.ecs.AlarmEmitter;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Deployment;
import io.fgd.compiler.ir.DeploymentAlarms;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.RollbackAlarm;
import io.fgd.compiler.ir.Service;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checks of the alarms fgd creates for a service's alarm rollback ({@code alarm 5xx > 5% for 2m},
 * {@code alarm latency p99 > 1s for 3m}): what they watch must exist, and their thresholds and
 * periods must be ones CloudWatch takes.
 */
final class AlarmRules {
  /**
   * "For alarms with a period of less than one hour (3,600 seconds), the total evaluation period
   * can't be longer than one day (86,400 seconds)": Period times EvaluationPeriods (CloudWatch API
   * reference, PutMetricAlarm: Period). fgd's period is 60 s, the resolution of ALB metrics.
   */
  static final long MAX_EVALUATION_SECONDS = 86_400;

  private AlarmRules() {}

  static void check(Optional<App> app, Service service, Diagnostics diagnostics) {
    List<RollbackAlarm> own = service.deployment().map(Deployment::ownAlarms).orElse(List.of());
    if (own.isEmpty() || app.isEmpty()) {
      return;
    }
    boolean loadBalancer = AlarmEmitter.loadBalancerDimension(app.get()).isPresent();
    for (RollbackAlarm a : own) {
      boolean targetGroup = AlarmEmitter.targetGroupDimension(app.get(), service, a).isPresent();
      if (a.port().isPresent() && !targetGroup) {
        diagnostics.error(
            "deploy.alarmPortNoTargetGroup",
            a.port().get().span(),
            a.port().get().value(),
            service.name().value());
      } else if (!targetGroup) {
        diagnostics.error("deploy.alarmNoTargetGroup", a.metric().span(), service.name().value());
      } else if (!loadBalancer) {
        diagnostics.error("deploy.alarmNoListener", a.metric().span(), service.name().value());
      }
      threshold(a, diagnostics);
      period(a.period(), diagnostics);
      String name =
          AlarmEmitter.alarmName(app.get().name().value(), service.name().value(), a.key());
      // The name is in deploymentConfiguration.alarms.alarmNames too, whose schema takes what
      // CloudWatch does: a service whose family fits ECS can still make a name over the limit.
      if (name.length() > RolloutRules.ALARM_NAME_MAX) {
        diagnostics.error(
            "deploy.alarmNameTooLong",
            a.metric().span(),
            name,
            a.written(),
            name.length(),
            RolloutRules.ALARM_NAME_MAX);
      }
      service.deployment().flatMap(Deployment::alarms).map(DeploymentAlarms::names).stream()
          .flatMap(List::stream)
          .filter(n -> n.value().equals(name))
          .forEach(n -> diagnostics.error("deploy.alarmNameTaken", n.span(), name, a.written()));
    }
  }

  private static void threshold(RollbackAlarm a, Diagnostics diagnostics) {
    double t = a.threshold().value();
    String written = new BigDecimal(Double.toString(t)).stripTrailingZeros().toPlainString();
    if (a.metric().value() == RollbackAlarm.Metric.LATENCY) {
      if (t <= 0) {
        diagnostics.error(
            "deploy.alarmLatency",
            a.threshold().span(),
            new BigDecimal(Double.toString(t))
                .movePointRight(3)
                .stripTrailingZeros()
                .toPlainString());
      }
    } else if (a.percent() && (t < 0 || t >= 100)) {
      diagnostics.error("deploy.alarmPercent", a.threshold().span(), written);
    } else if (!a.percent() && t < 0) {
      diagnostics.error("deploy.alarmCount", a.threshold().span(), written);
    }
  }

  private static void period(Located<Duration> d, Diagnostics diagnostics) {
    long millis = d.value().toMillis();
    if (millis <= 0 || millis % 60_000 != 0) {
      diagnostics.error(
          "deploy.alarmPeriodMinutes",
          d.span(),
          BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString());
    } else if (d.value().toSeconds() > MAX_EVALUATION_SECONDS) {
      diagnostics.error("deploy.alarmPeriodRange", d.span(), d.value().toMinutes());
    }
  }
}
