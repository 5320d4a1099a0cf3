package io.fgd.runtime.deploy;

import java.time.Duration;

/** Waits between polls; tests pass one that advances a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  /** Real waiting with {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
