package io.fgd.runtime.deploy;

import java.time.Instant;

/**
 * Receives what {@link DeploymentWatcher} observes. When several services are watched at once,
 * calls come from several threads; implementations must be thread-safe.
 */
public interface ProgressListener {

  /** Waiting for {@code service} begins. */
  default void started(String service, String taskDefinitionArn) {}

  /** Running/desired counts, rollout state or the PRIMARY task definition changed. */
  default void stateChanged(DeploymentState state) {}

  /**
   * A poll ended without an outcome: waiting goes on until {@code deadline} (the apply's {@code
   * --timeout}). Called at every poll, so a renderer can show time passing.
   */
  default void polled(String service, Instant now, Instant deadline) {}

  /** A canary, linear or blue/green deployment entered another lifecycle stage. */
  default void stageChanged(StageView stage) {}

  /** ECS recorded a service event not reported before (each event is reported once, in order). */
  default void serviceEvent(String service, Instant createdAt, String message) {}

  /** A task of the watched deployment stopped. */
  default void taskStopped(String service, StoppedTask task) {}

  /**
   * A poll failed with a transient error even after the SDK's retries; waiting goes on until the
   * timeout.
   */
  default void pollFailed(String service, String message) {}

  /** Waiting for {@code outcome.service()} ended. */
  default void finished(DeploymentOutcome outcome) {}

  /** A listener that ignores everything. */
  static ProgressListener none() {
    return new ProgressListener() {};
  }
}
