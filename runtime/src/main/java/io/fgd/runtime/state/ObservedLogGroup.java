package io.fgd.runtime.state;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A live CloudWatch Logs group as DescribeLogGroups returned it.
 *
 * @param retentionInDays how long CloudWatch keeps its events; empty when it keeps them forever (no
 *     retention policy)
 */
public record ObservedLogGroup(String name, OptionalInt retentionInDays) {
  public ObservedLogGroup {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(retentionInDays, "retentionInDays");
  }

  /** A group that keeps its events forever. */
  public static ObservedLogGroup keptForever(String name) {
    return new ObservedLogGroup(name, OptionalInt.empty());
  }

  public static ObservedLogGroup withRetention(String name, int days) {
    return new ObservedLogGroup(name, OptionalInt.of(days));
  }
}
