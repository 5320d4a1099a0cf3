package io.fgd.runtime.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * One service being applied: what the spec wants (empty for a service that left the spec and is
 * being removed), what runs, and the {@link Context} its kinds pass results through. A kind that
 * starts a rollout says so with {@link #rollout}; the engine then waits for it.
 */
public final class ServiceStep {
  private final ApplyRun run;
  private final String service;
  private final Optional<DesiredService> want;
  private final Context context = new Context();
  private volatile String rollout;

  ServiceStep(ApplyRun run, String service, Optional<DesiredService> want) {
    this.run = Objects.requireNonNull(run, "run");
    this.service = Objects.requireNonNull(service, "service");
    this.want = Objects.requireNonNull(want, "want");
  }

  public ApplyRun run() {
    return run;
  }

  /** The service's name. */
  public String service() {
    return service;
  }

  /** The spec's service; only a service that left the spec has none. */
  public DesiredService want() {
    return want.orElseThrow(
        () -> new IllegalStateException("service " + service + " is not in the spec"));
  }

  /** Whether the service is in the spec (false for one being pruned). */
  public boolean inSpec() {
    return want.isPresent();
  }

  public Context context() {
    return context;
  }

  /** Starts waiting for the service to run {@code taskDefinitionArn} once its kinds are applied. */
  public void rollout(String taskDefinitionArn) {
    this.rollout = Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
  }

  Optional<String> rollout() {
    return Optional.ofNullable(rollout);
  }

  /** Reports a change of this service's. */
  public void changed(Kind kind, String name, String verb, String detail) {
    run.changed(new AppliedChange(kind, name, Optional.of(service), verb, detail));
  }
}
