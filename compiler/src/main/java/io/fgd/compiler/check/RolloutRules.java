package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.emit.ecs.RouteEmitter;
import io.fgd.compiler.ir.Deployment;
import io.fgd.compiler.ir.DeploymentAlarms;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Port;
import io.fgd.compiler.ir.Route;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Strategy;
import io.fgd.compiler.ir.TrafficShift;
import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks of a service's rollout strategy, bake times, deployment alarms and the traffic-shift
 * settings of its target groups. The limits are ECS's, from the ECS API reference.
 */
final class RolloutRules {
  /**
   * canaryBakeTimeInMinutes and stepBakeTimeInMinutes: "Valid values are 0 to 1440 minutes (24
   * hours)" (API_CanaryConfiguration, API_LinearConfiguration). The reference gives no range for
   * bakeTimeInMinutes; fgd holds it to the same 24 hours.
   */
  static final int BAKE_MAX_MINUTES = 1440;

  /** canaryPercent: "multiples of 0.1 from 0.1 to 100.0" (API_CanaryConfiguration). */
  static final double CANARY_MIN_PERCENT = 0.1;

  /** stepPercent: "multiples of 0.1 from 3.0 to 100.0" (API_LinearConfiguration). */
  static final double LINEAR_MIN_PERCENT = 3.0;

  /** CloudWatch alarm names are 1 to 255 characters (PutMetricAlarm AlarmName). */
  static final int ALARM_NAME_MAX = 255;

  private RolloutRules() {}

  static void check(Service service, Optional<Located<String>> appRegion, Diagnostics diagnostics) {
    List<Port> targetPorts = new ArrayList<>();
    for (var container : AppRules.containers(service)) {
      for (Port port : container.ports()) {
        if (port.targetGroup().isPresent()) {
          targetPorts.add(port);
        }
      }
    }
    Optional<Deployment> deployment = service.deployment();
    Strategy.Kind kind = deployment.map(Deployment::strategyKind).orElse(Strategy.Kind.ROLLING);
    for (Port port : targetPorts) {
      port.trafficShift().ifPresent(t -> shiftArns(port, t, appRegion, diagnostics));
      if (!kind.shiftsTraffic() && port.trafficShift().isPresent()) {
        diagnostics.warning(
            "deploy.trafficShiftUnused", port.trafficShift().get().span(), service.name().value());
      }
    }
    if (deployment.isEmpty()) {
      return;
    }
    Deployment d = deployment.get();
    d.strategy().ifPresent(s -> strategy(s, diagnostics));
    if (kind.shiftsTraffic()) {
      Span at = d.strategy().orElseThrow().kind().span();
      if (targetPorts.isEmpty() && service.routes().isEmpty()) {
        diagnostics.error(
            "deploy.strategyNeedsTargetGroup", at, kind.word(), service.name().value());
      }
      if (!service.routes().isEmpty()) {
        routed(service, d, at, kind, diagnostics);
      }
      for (Port port : targetPorts) {
        List<String> missing = new ArrayList<>();
        Optional<TrafficShift> t = port.trafficShift();
        if (t.flatMap(TrafficShift::alternateTargetGroup).isEmpty()) {
          missing.add("alternate \"arn:…:targetgroup/…\"");
        }
        if (t.flatMap(TrafficShift::productionRule).isEmpty()) {
          missing.add("rule \"arn:…:listener-rule/…\"");
        }
        if (t.flatMap(TrafficShift::role).isEmpty()) {
          missing.add("role \"arn:aws:iam::…:role/…\"");
        }
        if (!missing.isEmpty()) {
          diagnostics.errorWithContext(
              "deploy.strategyNeedsTrafficShift",
              port.targetGroup().orElseThrow().span(),
              at,
              kind.word(),
              String.join(" ", missing));
        }
      }
      // "The deployment circuit breaker can only be used for services using the rolling update
      // (ECS) deployment type." (API_DeploymentConfiguration, deploymentCircuitBreaker)
      d.circuitBreaker()
          .filter(Located::value)
          .ifPresent(
              b ->
                  diagnostics.errorWithContext(
                      "deploy.strategyBreaker", b.span(), at, kind.word(), "circuit_breaker on"));
      d.rollback()
          .filter(Located::value)
          .ifPresent(
              r ->
                  diagnostics.errorWithContext(
                      "deploy.strategyBreaker", r.span(), at, kind.word(), "rollback on"));
    }
    d.bake()
        .ifPresent(
            b -> {
              if (!kind.shiftsTraffic()) {
                diagnostics.error("deploy.bakeRolling", b.span());
              } else {
                minutes(b, "bake", diagnostics);
              }
            });
    d.alarms().ifPresent(a -> alarms(a, diagnostics));
    d.role()
        .ifPresent(
            r -> {
              if (kind.shiftsTraffic() && !service.routes().isEmpty()) {
                Arns.check(r, Arns.Kind.ROLE, "role", appRegion, diagnostics);
              } else {
                diagnostics.warning("deploy.roleUnused", r.span(), service.name().value());
              }
            });
  }

  /**
   * A traffic-shifting strategy on a service with routes: fgd makes the second target group and
   * wires the route's rule, and the spec names the role ECS assumes to change the rule. ECS moves
   * the traffic of one listener rule per target group (advancedConfiguration has one
   * productionListenerRule), so each routed port has one route.
   */
  private static void routed(
      Service service, Deployment d, Span at, Strategy.Kind kind, Diagnostics diagnostics) {
    if (d.role().isEmpty()) {
      diagnostics.error("deploy.strategyNeedsRole", at, kind.word(), service.name().value());
    }
    java.util.Map<Integer, Route> byPort = new java.util.HashMap<>();
    for (Route r : service.routes()) {
      Optional<Integer> port = RouteEmitter.port(service, r);
      if (port.isEmpty()) {
        continue; // RouteRules says why
      }
      Route first = byPort.putIfAbsent(port.get(), r);
      if (first != null) {
        diagnostics.errorWithContext(
            "deploy.strategyOneRoutePerPort", r.span(), first.span(), kind.word(), port.get());
      }
    }
  }

  private static void strategy(Strategy s, Diagnostics diagnostics) {
    Strategy.Kind kind = s.kind().value();
    s.stepBake()
        .ifPresent(b -> minutes(b, kind == Strategy.Kind.LINEAR ? "every" : "bake", diagnostics));
    if (s.percent().isEmpty()) {
      return;
    }
    Located<Double> p = s.percent().get();
    double min =
        switch (kind) {
          case CANARY -> CANARY_MIN_PERCENT;
          case LINEAR -> LINEAR_MIN_PERCENT;
          default -> -1;
        };
    if (min < 0) {
      diagnostics.error("deploy.strategyPercentUnused", p.span(), kind.word());
      return;
    }
    double tenths = p.value() * 10;
    if (p.value() < min - 1e-9
        || p.value() > 100 + 1e-9
        || Math.abs(tenths - Math.rint(tenths)) > 1e-6) {
      diagnostics.error(
          "deploy.strategyPercent", p.span(), kind.word(), format(p.value()), format(min));
    }
  }

  /** A bake time ECS takes in whole minutes, 0 to 1440. */
  private static void minutes(Located<Duration> d, String what, Diagnostics diagnostics) {
    long millis = d.value().toMillis();
    if (millis % 60_000 != 0) {
      diagnostics.error("deploy.bakeWholeMinutes", d.span(), what, d.value().toSeconds());
    } else if (d.value().toMinutes() > BAKE_MAX_MINUTES) {
      diagnostics.error(
          "deploy.bakeRange", d.span(), what, d.value().toMinutes(), BAKE_MAX_MINUTES);
    }
  }

  private static void alarms(DeploymentAlarms a, Diagnostics diagnostics) {
    for (Located<String> name : a.names()) {
      if (name.value().isEmpty() || name.value().length() > ALARM_NAME_MAX) {
        diagnostics.error("deploy.alarmName", name.span(), name.value().length(), ALARM_NAME_MAX);
      }
    }
    a.rollback()
        .filter(r -> !r.value())
        .ifPresent(r -> diagnostics.warning("deploy.alarmsNoRollback", r.span()));
  }

  private static void shiftArns(
      Port port, TrafficShift t, Optional<Located<String>> appRegion, Diagnostics diagnostics) {
    t.alternateTargetGroup()
        .ifPresent(
            a -> {
              if (Arns.check(a, Arns.Kind.TARGET_GROUP, "alternate", appRegion, diagnostics)
                  && a.value().equals(port.targetGroup().orElseThrow().value())) {
                diagnostics.errorWithContext(
                    "deploy.alternateSame", a.span(), port.targetGroup().orElseThrow().span());
              }
            });
    t.productionRule()
        .ifPresent(r -> Arns.check(r, Arns.Kind.LISTENER_RULE, "rule", appRegion, diagnostics));
    t.testRule()
        .ifPresent(
            r -> {
              if (Arns.check(r, Arns.Kind.LISTENER_RULE, "test_rule", appRegion, diagnostics)
                  && t.productionRule().map(p -> p.value().equals(r.value())).orElse(false)) {
                diagnostics.errorWithContext(
                    "deploy.testRuleSame", r.span(), t.productionRule().orElseThrow().span());
              }
            });
    t.role().ifPresent(r -> Arns.check(r, Arns.Kind.ROLE, "role", appRegion, diagnostics));
  }

  private static String format(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
