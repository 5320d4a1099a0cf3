package io.fgd.runtime.deploy;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how closely {@link DeploymentWatcher} waits.
 *
 * @param timeout the whole wait, shared by all services of one apply ({@code --timeout})
 * @param pollInterval the pause between two DescribeServices calls for one service
 * @param maxTaskFailures how many tasks of the new deployment may stop in a row with the same
 *     reason before fgd stops waiting for the circuit breaker ({@code --max-task-failures}); 0
 *     turns fail-fast off
 */
public record WatchOptions(Duration timeout, Duration pollInterval, int maxTaskFailures) {

  /** 15 minutes, a poll every 6 seconds, fail fast after 3 identical task failures. */
  public static final WatchOptions DEFAULTS =
      new WatchOptions(Duration.ofMinutes(15), Duration.ofSeconds(6), 3);

  public WatchOptions {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (pollInterval.isNegative()) {
      throw new IllegalArgumentException("pollInterval must not be negative, got " + pollInterval);
    }
    if (maxTaskFailures < 0) {
      throw new IllegalArgumentException(
          "maxTaskFailures must be 0 or more, got " + maxTaskFailures);
    }
  }

  public WatchOptions withTimeout(Duration value) {
    return new WatchOptions(value, pollInterval, maxTaskFailures);
  }

  public WatchOptions withPollInterval(Duration value) {
    return new WatchOptions(timeout, value, maxTaskFailures);
  }

  public WatchOptions withMaxTaskFailures(int value) {
    return new WatchOptions(timeout, pollInterval, value);
  }
}
