package io.fgd.runtime.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The least time a rollout the plan starts takes before it can succeed: its bake times and steps (a
 * canary's bake, a linear deployment's steps, the bake after all traffic has moved), before any
 * task has started.
 *
 * @param service the service whose rollout it is
 * @param least the sum of its waits
 * @param how the strategy in words, such as {@code canary 10% for 5m, then bake 10m}
 */
public record RolloutWait(String service, Duration least, String how) {
  public RolloutWait {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(least, "least");
    Objects.requireNonNull(how, "how");
  }

  /** {@code web: at least 15m (canary 10% for 5m, then bake 10m)}. */
  public String describe() {
    return service + ": at least " + human(least) + " (" + how + ")";
  }

  /** 15m, 2h, 1h30m. */
  public static String human(Duration d) {
    long m = d.toMinutes();
    if (m < 1) {
      return d.toSeconds() + "s";
    }
    return m >= 60 ? m / 60 + "h" + (m % 60 == 0 ? "" : m % 60 + "m") : m + "m";
  }
}
