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

  static ApplyListener none() {
    return new ApplyListener() {};
  }
}
