package io.fgd.compiler.emit.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fgd.compiler.emit.Json;
import io.fgd.compiler.ir.Deployment;
import io.fgd.compiler.ir.DeploymentAlarms;
import io.fgd.compiler.ir.LifecycleHook;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Strategy;
import io.fgd.compiler.ir.TrafficShift;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's {@code deploymentConfiguration} and its load balancers' {@code
 * advancedConfiguration}: the strategy, bake times and alarms of its rollouts.
 */
public final class Rollouts {
  /** ECS's canary when the spec gives none: 5% for 10 minutes (API_CanaryConfiguration). */
  public static final double CANARY_PERCENT = 5.0;

  public static final int CANARY_BAKE_MINUTES = 10;

  /** ECS's linear steps when the spec gives none: 10% every 6 minutes (API_LinearConfiguration). */
  public static final double LINEAR_PERCENT = 10.0;

  public static final int LINEAR_BAKE_MINUTES = 6;

  /**
   * fgd's bake time after all traffic has moved when the spec gives none: the old revision is
   * removed at once. ECS requires one with BLUE_GREEN (API_DeploymentConfiguration), so fgd always
   * writes it with a traffic-shifting strategy.
   */
  public static final int BAKE_MINUTES = 0;

  /**
   * How long ECS waits for a lifecycle hook's answer when the spec gives no timeout: "Default: 1440
   * (24 hours)" (API_DeploymentLifecycleHookTimeoutConfiguration).
   */
  public static final int HOOK_TIMEOUT_MINUTES = 1440;

  /**
   * What ECS does when a hook does not answer in time: "Default: ROLLBACK"
   * (API_DeploymentLifecycleHookTimeoutConfiguration). fgd always rolls back.
   */
  public static final String HOOK_TIMEOUT_ACTION = "ROLLBACK";

  private Rollouts() {}

  static ObjectNode deploymentConfiguration(Optional<Deployment> deploy, List<String> ownAlarms) {
    ObjectNode out = Json.object();
    Strategy.Kind kind = deploy.map(Deployment::strategyKind).orElse(Strategy.Kind.ROLLING);
    if (!kind.shiftsTraffic()) {
      // The circuit breaker is only for rolling deployments (API_DeploymentConfiguration).
      ObjectNode breaker = out.putObject("deploymentCircuitBreaker");
      breaker.put(
          "enable",
          deploy
              .flatMap(Deployment::circuitBreaker)
              .map(Located::value)
              .orElse(EcsDefaults.CIRCUIT_BREAKER));
      breaker.put(
          "rollback",
          deploy.flatMap(Deployment::rollback).map(Located::value).orElse(EcsDefaults.ROLLBACK));
    }
    out.put(
        "maximumPercent",
        deploy
            .flatMap(Deployment::maxPercent)
            .map(Located::value)
            .orElse(EcsDefaults.MAXIMUM_PERCENT));
    out.put(
        "minimumHealthyPercent",
        deploy
            .flatMap(Deployment::minHealthyPercent)
            .map(Located::value)
            .orElse(EcsDefaults.MINIMUM_HEALTHY_PERCENT));
    Optional<Strategy> strategy = deploy.flatMap(Deployment::strategy);
    if (strategy.isPresent()) {
      out.put("strategy", kind.name());
    }
    if (kind.shiftsTraffic()) {
      out.put(
          "bakeTimeInMinutes",
          deploy.flatMap(Deployment::bake).map(b -> minutes(b.value())).orElse(BAKE_MINUTES));
      Strategy s = strategy.orElseThrow();
      if (kind == Strategy.Kind.CANARY) {
        out.putObject("canaryConfiguration")
            .put("canaryPercent", s.percent().map(Located::value).orElse(CANARY_PERCENT))
            .put(
                "canaryBakeTimeInMinutes",
                s.stepBake().map(b -> minutes(b.value())).orElse(CANARY_BAKE_MINUTES));
      } else if (kind == Strategy.Kind.LINEAR) {
        out.putObject("linearConfiguration")
            .put("stepPercent", s.percent().map(Located::value).orElse(LINEAR_PERCENT))
            .put(
                "stepBakeTimeInMinutes",
                s.stepBake().map(b -> minutes(b.value())).orElse(LINEAR_BAKE_MINUTES));
      }
    }
    if (deploy.flatMap(Deployment::alarms).isPresent() || !ownAlarms.isEmpty()) {
      alarms(out.putObject("alarms"), deploy.orElseThrow(), ownAlarms);
    }
    deploy.ifPresent(d -> hooks(out, d));
    return out;
  }

  /**
   * The deploy block's lifecycle hooks ({@code lifecycleHooks}, in the spec's order) and early
   * success criteria ({@code earlySuccessCriteria}), when it has them.
   */
  private static void hooks(ObjectNode out, Deployment d) {
    if (!d.hooks().isEmpty()) {
      ArrayNode hooks = out.putArray("lifecycleHooks");
      for (LifecycleHook h : d.hooks()) {
        ObjectNode o = hooks.addObject();
        o.put("hookTargetArn", h.function().value());
        h.role().ifPresent(r -> o.put("roleArn", r.value()));
        ArrayNode stages = o.putArray("lifecycleStages");
        for (Located<String> word : h.stages()) {
          LifecycleHook.Stage.of(word.value()).ifPresent(s -> stages.add(s.name()));
        }
        h.timeout()
            .ifPresent(
                t ->
                    o.putObject("timeoutConfiguration")
                        .put("timeoutInMinutes", minutes(t.value()))
                        .put("action", HOOK_TIMEOUT_ACTION));
      }
    }
    d.earlySuccess()
        .ifPresent(
            e ->
                out.putObject("earlySuccessCriteria")
                    .put("enable", true)
                    .put("healthyPercent", e.healthyPercent().value())
                    .put("sourceServiceRevisionCleanup", e.cleanupValue()));
  }

  /** The alarms the spec names, then the ones fgd creates ({@code alarm 5xx > 5% for 2m}). */
  private static void alarms(ObjectNode into, Deployment d, List<String> ownAlarms) {
    ArrayNode names = into.putArray("alarmNames");
    d.alarms().map(DeploymentAlarms::names).orElse(List.of()).forEach(n -> names.add(n.value()));
    ownAlarms.forEach(names::add);
    into.put("enable", true);
    into.put("rollback", d.alarmRollback());
  }

  static void advancedConfiguration(ObjectNode loadBalancer, TrafficShift t) {
    ObjectNode a = loadBalancer.putObject("advancedConfiguration");
    t.alternateTargetGroup().ifPresent(v -> a.put("alternateTargetGroupArn", v.value()));
    t.productionRule().ifPresent(v -> a.put("productionListenerRule", v.value()));
    t.testRule().ifPresent(v -> a.put("testListenerRule", v.value()));
    t.role().ifPresent(v -> a.put("roleArn", v.value()));
  }

  private static int minutes(Duration d) {
    return (int) d.toMinutes();
  }
}
