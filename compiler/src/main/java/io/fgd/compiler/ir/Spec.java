package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * One application: what a {@code .fgd} file describes.
 *
 * @param app the app's AWS settings; empty only when the file has no {@code app} block, which is an
 *     error the builder has already reported
 * @param services the services in the order written; order never changes the output
 * @param jobs the scheduled jobs in the order written
 */
public record Spec(Optional<App> app, List<Service> services, List<Job> jobs, Span span) {
  /** A spec without jobs. */
  public Spec(Optional<App> app, List<Service> services, Span span) {
    this(app, services, List.of(), span);
  }

  public Spec {
    requireNonNull(app, "app is null");
    services = List.copyOf(services);
    jobs = List.copyOf(jobs);
    requireNonNull(span, "span is null");
  }

  public Optional<Job> job(String name) {
    return jobs.stream().filter(j -> j.name().value().equals(name)).findFirst();
  }

  public Optional<Service> service(String name) {
    return services.stream().filter(s -> s.name().value().equals(name)).findFirst();
  }
}
