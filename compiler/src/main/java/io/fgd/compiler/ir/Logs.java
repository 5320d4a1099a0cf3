package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * Where container output goes. Without a {@code logs} statement: awslogs, to the group {@code
 * /ecs/<app>/<service>}, streams prefixed with the service's name.
 *
 * @param enabled false for {@code logs off}: output is discarded
 * @param group the CloudWatch Logs group
 * @param retentionDays how long CloudWatch keeps the logs; forever unless said
 * @param streamPrefix the awslogs stream prefix
 */
public record Logs(
    boolean enabled,
    Optional<Located<String>> group,
    Optional<Located<Integer>> retentionDays,
    Optional<Located<String>> streamPrefix,
    Span span) {
  public Logs {
    requireNonNull(group, "group is null");
    requireNonNull(retentionDays, "retentionDays is null");
    requireNonNull(streamPrefix, "streamPrefix is null");
    requireNonNull(span, "span is null");
  }
}
