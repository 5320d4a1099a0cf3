package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * CloudWatch alarms that fail a deployment when one of them goes into ALARM while it runs (ECS
 * {@code deploymentConfiguration.alarms}).
 *
 * @param names the alarms, by name, in the app's account and region
 * @param rollback return to the last deployment that worked when one fires; on unless said
 */
public record DeploymentAlarms(
    List<Located<String>> names, Optional<Located<Boolean>> rollback, Span span) {
  public DeploymentAlarms {
    names = List.copyOf(requireNonNull(names, "names is null"));
    requireNonNull(rollback, "rollback is null");
    requireNonNull(span, "span is null");
  }
}
