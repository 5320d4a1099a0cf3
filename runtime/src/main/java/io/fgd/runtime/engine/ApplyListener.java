package io.fgd.runtime.engine;

/**
 * Hears what {@link Applier} does as it does it. Services are applied concurrently, so calls come
 * from several threads; implementations must be thread-safe.
 */
public interface ApplyListener {
  /** A change was made (the call that made it succeeded). */
  default void changed(AppliedChange change) {}

  /** Something worth saying that is not a change: a reused revision, a skipped service. */
  default void note(String message) {}

  /** A line a task printed that apply runs and waits for (a before_deploy task), as it comes. */
  default void output(String service, String line) {}

  static ApplyListener none() {
    return new ApplyListener() {};
  }
}
