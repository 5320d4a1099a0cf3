package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.Container;
import io.fgd.compiler.ir.ContainerSettings;
import io.fgd.compiler.ir.HealthCheck;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Sidecar;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.ir.TaskSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules for the task settings (architecture, ephemeral storage, ECS Exec) and the container start
 * and stop settings (stop timeout, ulimits, start order), as the ECS API reference states them.
 */
final class SettingsRules {
  private SettingsRules() {}

  static final List<String> ARCHITECTURES = List.of("x86_64", "arm64");

  /** Fargate's ephemeral storage bounds, GiB (EphemeralStorage.sizeInGiB). */
  static final int EPHEMERAL_MIN_GIB = 21;

  static final int EPHEMERAL_MAX_GIB = 200;

  /** Fargate's longest stopTimeout (ContainerDefinition.stopTimeout). */
  static final Duration STOP_TIMEOUT_MIN = Duration.ofSeconds(2);

  static final Duration STOP_TIMEOUT_MAX = Duration.ofSeconds(120);

  /** Ulimit.name's allowed values. */
  static final List<String> ULIMITS =
      List.of(
          "core",
          "cpu",
          "data",
          "fsize",
          "locks",
          "memlock",
          "msgqueue",
          "nice",
          "nofile",
          "nproc",
          "rss",
          "rtprio",
          "rttime",
          "sigpending",
          "stack");

  /** ContainerDependency.condition's values, as the spec writes them. */
  static final List<String> CONDITIONS = List.of("start", "complete", "success", "healthy");

  static void check(Spec spec, Diagnostics diagnostics) {
    boolean taskRole = spec.app().flatMap(a -> a.taskRole()).isPresent();
    for (Service service : spec.services()) {
      task(service.settings(), taskRole, diagnostics);
      Map<String, Container> containers = new LinkedHashMap<>();
      Map<String, Boolean> essential = new HashMap<>();
      containers.put(service.name().value(), service.container());
      essential.put(service.name().value(), true);
      for (Sidecar sidecar : service.sidecars()) {
        containers.putIfAbsent(sidecar.name().value(), sidecar.container());
        essential.putIfAbsent(
            sidecar.name().value(), sidecar.essential().map(Located::value).orElse(true));
      }
      containers.forEach(
          (name, c) -> container(name, c.settings(), containers, essential, diagnostics));
    }
  }

  private static void task(TaskSettings settings, boolean taskRole, Diagnostics diagnostics) {
    settings
        .architecture()
        .ifPresent(
            a -> {
              if (!ARCHITECTURES.contains(a.value())) {
                diagnostics.error(
                    "architecture.unknown",
                    a.span(),
                    a.value(),
                    Suggestions.didYouMean(a.value(), ARCHITECTURES));
              }
            });
    settings
        .ephemeralStorageGib()
        .ifPresent(
            g -> {
              if (g.value() < EPHEMERAL_MIN_GIB || g.value() > EPHEMERAL_MAX_GIB) {
                diagnostics.error("ephemeralStorage.range", g.span(), g.value());
              }
            });
    settings
        .exec()
        .ifPresent(
            e -> {
              if (e.value() && !taskRole) {
                diagnostics.warning("exec.noTaskRole", e.span());
              }
            });
  }

  private static void container(
      String name,
      ContainerSettings settings,
      Map<String, Container> containers,
      Map<String, Boolean> essential,
      Diagnostics diagnostics) {
    settings
        .stopTimeout()
        .ifPresent(
            t -> {
              Duration d = t.value();
              if (d.toMillisPart() != 0
                  || d.compareTo(STOP_TIMEOUT_MIN) < 0
                  || d.compareTo(STOP_TIMEOUT_MAX) > 0) {
                diagnostics.error(
                    "stopTimeout.range",
                    t.span(),
                    java.math.BigDecimal.valueOf(d.toMillis(), 3)
                        .stripTrailingZeros()
                        .toPlainString());
              }
            });
    Map<String, Located<String>> seen = new HashMap<>();
    for (ContainerSettings.Ulimit u : settings.ulimits()) {
      String limit = u.name().value();
      if (!ULIMITS.contains(limit)) {
        diagnostics.error(
            "ulimit.unknown", u.name().span(), limit, Suggestions.didYouMean(limit, ULIMITS));
      }
      Located<String> first = seen.putIfAbsent(limit, u.name());
      if (first != null) {
        diagnostics.errorWithContext(
            "ulimit.duplicate", u.name().span(), first.span(), limit, first.span().startLine());
      }
      if (u.soft().value() > u.hard().value()) {
        diagnostics.error("ulimit.softAboveHard", u.soft().span(), limit);
      }
    }
    Map<String, Located<String>> after = new HashMap<>();
    for (ContainerSettings.StartsAfter s : settings.startsAfter()) {
      String other = s.container().value();
      String condition = s.condition().value();
      if (other.equals(name)) {
        diagnostics.error("startsAfter.self", s.container().span(), name);
        continue;
      }
      Container target = containers.get(other);
      if (target == null) {
        diagnostics.error(
            "startsAfter.unknown",
            s.container().span(),
            other,
            Suggestions.didYouMean(other, containers.keySet()));
        continue;
      }
      Located<String> first = after.putIfAbsent(other, s.container());
      if (first != null) {
        diagnostics.errorWithContext(
            "startsAfter.duplicate",
            s.container().span(),
            first.span(),
            other,
            first.span().startLine());
      }
      if (!CONDITIONS.contains(condition)) {
        diagnostics.error(
            "startsAfter.condition",
            s.condition().span(),
            condition,
            Suggestions.didYouMean(condition, CONDITIONS));
      } else if (condition.equals("healthy")
          && !(target.health().orElse(null) instanceof HealthCheck)) {
        diagnostics.error("startsAfter.healthyWithoutCheck", s.condition().span(), other);
      } else if ((condition.equals("complete") || condition.equals("success"))
          && essential.getOrDefault(other, true)) {
        diagnostics.error("startsAfter.essential", s.condition().span(), other, condition);
      }
    }
  }
}
