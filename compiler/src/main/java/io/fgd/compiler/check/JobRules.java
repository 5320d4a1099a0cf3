package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostic;
import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.Job;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jobs: their schedules as EventBridge Scheduler would take them, their names beside the services',
 * the scheduler role, and their tasks, which get every check a service's task gets (size, image,
 * containers, secrets, logs, settings) by running the service rules over them.
 */
final class JobRules {
  private JobRules() {}

  /**
   * Service-rule codes that are worded for a service; a job's are reported by this class instead
   * (job.noImage, job.imageAndBuild, job.duplicate), or do not apply to a job (a health check).
   */
  private static final Set<String> SERVICE_WORDED =
      Set.of("service.duplicate", "service.noImage", "service.imageAndBuild", "health.missing");

  /** Scheduler's FlexibleTimeWindow.MaximumWindowInMinutes: 1 to 1440 (API_FlexibleTimeWindow). */
  static final int WINDOW_MAX_MINUTES = 1440;

  /** RetryPolicy.MaximumRetryAttempts: 0 to 185 (API_RetryPolicy). */
  static final int RETRIES_MAX = 185;

  /** RetryPolicy.MaximumEventAgeInSeconds: 60 to 86400 (API_RetryPolicy). */
  static final int MAX_AGE_MIN = 60;

  static final int MAX_AGE_MAX = 86400;

  /** A schedule group and a schedule name: 1 to 64 of [0-9a-zA-Z-_.] (API_CreateSchedule). */
  static final int SCHEDULE_NAME_MAX = 64;

  static void check(Spec spec, Diagnostics diagnostics) {
    if (spec.jobs().isEmpty()) {
      return;
    }
    Optional<App> app = spec.app();
    Map<String, Span> services = new HashMap<>();
    spec.services().forEach(s -> services.putIfAbsent(s.name().value(), s.name().span()));
    Map<String, Span> seen = new HashMap<>();
    for (Job job : spec.jobs()) {
      String name = job.name().value();
      Span service = services.get(name);
      Span first = seen.putIfAbsent(name, job.name().span());
      if (service != null) {
        diagnostics.errorWithContext(
            "job.clash", job.name().span(), service, name, service.startLine());
      } else if (first != null) {
        diagnostics.errorWithContext(
            "job.duplicate", job.name().span(), first, name, first.startLine());
      }
      if (name.length() > SCHEDULE_NAME_MAX) {
        diagnostics.error("job.nameTooLong", job.name().span(), name.length(), SCHEDULE_NAME_MAX);
      }
      Service task = job.task();
      if (task.container().image().isEmpty() && task.build().isEmpty()) {
        diagnostics.error("job.noImage", job.name().span(), name);
      } else if (task.container().image().isPresent() && task.build().isPresent()) {
        diagnostics.errorWithContext(
            "job.imageAndBuild",
            task.container().image().get().span(),
            task.build().get().span(),
            name);
      }
      if (job.schedule().isEmpty()) {
        diagnostics.error("job.scheduleMissing", job.name().span(), name);
      } else {
        Job.Schedule schedule = job.schedule().get();
        ScheduleExpressions.check(schedule.expression(), diagnostics);
        schedule.timeZone().ifPresent(z -> timeZone(z, diagnostics));
      }
      job.flexibleWindow().ifPresent(w -> flexibleWindow(w, diagnostics));
      job.retries()
          .filter(r -> r.value() > RETRIES_MAX)
          .ifPresent(r -> diagnostics.error("job.retries", r.span(), r.value(), RETRIES_MAX));
      job.maxAge().ifPresent(a -> maxAge(a, diagnostics));
      if (app.isPresent() && app.get().executionRole().isEmpty()) {
        AppRules.whyExecutionRole(task)
            .ifPresent(
                why ->
                    diagnostics.error(
                        "job.executionRoleRequired",
                        why.span(),
                        name,
                        why.value(),
                        AppRules.partition(app.get()),
                        AppRules.account(app.get())));
      }
    }
    app.filter(a -> a.schedulerRole().isEmpty())
        .ifPresent(
            a ->
                diagnostics.error(
                    "job.schedulerRoleRequired",
                    spec.jobs().get(0).name().span(),
                    spec.jobs().get(0).name().value(),
                    AppRules.partition(a),
                    AppRules.account(a)));
    tasks(spec, diagnostics);
  }

  /** The service rules over the jobs' tasks, without those worded for a service. */
  private static void tasks(Spec spec, Diagnostics diagnostics) {
    List<Service> tasks = spec.jobs().stream().map(Job::task).toList();
    Spec asServices = new Spec(spec.app(), tasks, spec.span());
    Diagnostics found = new Diagnostics();
    ServiceRules.check(asServices, found);
    BuildRules.check(asServices, found);
    SettingsRules.check(asServices, found);
    for (Diagnostic d : found.sorted()) {
      if (!SERVICE_WORDED.contains(d.code())) {
        diagnostics.add(d);
      }
    }
  }

  private static void flexibleWindow(Located<Duration> window, Diagnostics diagnostics) {
    Duration d = window.value();
    if (d.toSeconds() % 60 != 0 || d.toMillis() % 1000 != 0) {
      diagnostics.error("job.windowWholeMinutes", window.span());
    } else if (d.toMinutes() < 1 || d.toMinutes() > WINDOW_MAX_MINUTES) {
      diagnostics.error("job.windowRange", window.span(), d.toMinutes(), WINDOW_MAX_MINUTES);
    }
  }

  private static void maxAge(Located<Duration> age, Diagnostics diagnostics) {
    Duration d = age.value();
    if (d.toMillis() % 1000 != 0) {
      diagnostics.error("job.maxAgeWholeSeconds", age.span());
    } else if (d.toSeconds() < MAX_AGE_MIN || d.toSeconds() > MAX_AGE_MAX) {
      diagnostics.error("job.maxAgeRange", age.span(), d.toSeconds(), MAX_AGE_MIN, MAX_AGE_MAX);
    }
  }

  /**
   * ScheduleExpressionTimezone: an IANA name, which Scheduler reads as java.time does (the API
   * reference's "the timezone in which the scheduling expression is evaluated"). A fixed offset
   * such as {@code +02:00} is not a region, and is refused too.
   */
  private static void timeZone(Located<String> zone, Diagnostics diagnostics) {
    Set<String> known = ZoneId.getAvailableZoneIds();
    if (!known.contains(zone.value())) {
      diagnostics.error(
          "job.timeZone",
          zone.span(),
          zone.value(),
          Suggestions.didYouMean(zone.value(), new TreeSet<>(known)));
    }
  }
}
