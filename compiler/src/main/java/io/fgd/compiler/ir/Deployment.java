package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How ECS replaces tasks when the service changes: its strategy, bake time and alarms.
 *
 * @param minHealthyPercent tasks that must stay healthy during a deployment, as a percent of the
 *     desired count; 100 unless said
 * @param maxPercent tasks allowed to run during a deployment; 200 unless said
 * @param circuitBreaker stop a deployment whose tasks keep failing; on unless said
 * @param rollback when the breaker trips, go back to the last deployment that worked; on unless
 *     said
 * @param healthCheckGrace time after a task starts during which load balancer health checks are
 *     ignored (only with a target group)
 * @param strategy rolling unless said; canary, linear and blue/green move load balancer traffic
 * @param bake with a traffic-shifting strategy, how long the old revision is kept after all traffic
 *     has moved, so that an alarm can still roll back to it
 * @param alarms the CloudWatch alarms that fail (and roll back) a deployment, if any
 * @param role with a traffic-shifting strategy on a routed service, the ECS infrastructure role for
 *     load balancers ECS assumes to move traffic between the route's two target groups (its {@code
 *     advancedConfiguration.roleArn})
 * @param ownAlarms the alarms fgd creates on the service's target group for the same purpose
 *     ({@code alarm 5xx > 5% for 2m}), one per {@link RollbackAlarm#key} (metric, percentile and
 *     port)
 * @param hooks the Lambda functions ECS calls at stages of a deployment ({@code hook ...})
 * @param earlySuccess with a rolling deployment, the share of healthy tasks at which ECS calls it
 *     done ({@code early_success 90%})
 */
public record Deployment(
    Optional<Located<Integer>> minHealthyPercent,
    Optional<Located<Integer>> maxPercent,
    Optional<Located<Boolean>> circuitBreaker,
    Optional<Located<Boolean>> rollback,
    Optional<Located<Duration>> healthCheckGrace,
    Optional<Strategy> strategy,
    Optional<Located<Duration>> bake,
    Optional<DeploymentAlarms> alarms,
    Optional<Located<String>> role,
    List<RollbackAlarm> ownAlarms,
    List<LifecycleHook> hooks,
    Optional<EarlySuccess> earlySuccess,
    Span span) {
  public Deployment {
    requireNonNull(minHealthyPercent, "minHealthyPercent is null");
    requireNonNull(maxPercent, "maxPercent is null");
    requireNonNull(circuitBreaker, "circuitBreaker is null");
    requireNonNull(rollback, "rollback is null");
    requireNonNull(healthCheckGrace, "healthCheckGrace is null");
    requireNonNull(strategy, "strategy is null");
    requireNonNull(bake, "bake is null");
    requireNonNull(alarms, "alarms is null");
    requireNonNull(role, "role is null");
    ownAlarms = List.copyOf(requireNonNull(ownAlarms, "ownAlarms is null"));
    hooks = List.copyOf(requireNonNull(hooks, "hooks is null"));
    requireNonNull(earlySuccess, "earlySuccess is null");
    requireNonNull(span, "span is null");
  }

  /** Alarms roll the deployment back when one fires: unless {@code alarms ... rollback off}. */
  public boolean alarmRollback() {
    return alarms.flatMap(DeploymentAlarms::rollback).map(Located::value).orElse(true);
  }

  /** The strategy's kind: rolling unless said. */
  public Strategy.Kind strategyKind() {
    return strategy.map(s -> s.kind().value()).orElse(Strategy.Kind.ROLLING);
  }
}
