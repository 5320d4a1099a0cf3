package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.emit.ecs.EcsDefaults;
import io.fgd.compiler.ir.Deployment;
import io.fgd.compiler.ir.EarlySuccess;
import io.fgd.compiler.ir.LifecycleHook;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Service;
import io.fgd.compiler.ir.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checks of a deploy block's lifecycle hooks ({@code hook ... lambda "arn:…"}) and early success
 * criteria ({@code early_success 90%}). The limits are ECS's, from the ECS Developer Guide and API
 * reference named at each.
 */
final class HookRules {
  /**
   * "You can configure a maximum of 10 pause hooks and 10 Lambda hooks per service." (ECS Developer
   * Guide, "Pause hooks for Amazon ECS service deployments", Constraints.)
   */
  static final int MAX_HOOKS = 10;

  /**
   * A Lambda hook's timeoutConfiguration.timeoutInMinutes: "Valid range: 1 to 1,440 (24 hours).
   * Default: 1,440 minutes." (ECS Developer Guide, "Lambda hooks for Amazon ECS service
   * deployments", Timeout configuration; the API reference's 20,160 is for pause hooks.)
   */
  static final int HOOK_TIMEOUT_MAX_MINUTES = 1440;

  /** The cleanup words of early success criteria (API_DeploymentEarlySuccessCriteria). */
  static final List<String> CLEANUPS = List.of("blocking", "deferred");

  /** The spec's words for the lifecycle stages, which a misspelt one is compared with. */
  private static final List<String> STAGES =
      Stream.of(LifecycleHook.Stage.values()).map(LifecycleHook.Stage::word).toList();

  private HookRules() {}

  static void check(Service service, Optional<Located<String>> appRegion, Diagnostics diagnostics) {
    if (service.deployment().isEmpty()) {
      return;
    }
    Deployment d = service.deployment().get();
    Strategy.Kind kind = d.strategyKind();
    if (d.hooks().size() > MAX_HOOKS) {
      diagnostics.error(
          "deploy.hookCount", d.hooks().get(MAX_HOOKS).span(), d.hooks().size(), MAX_HOOKS);
    }
    for (LifecycleHook hook : d.hooks()) {
      hook(hook, d, kind, appRegion, diagnostics);
    }
    d.earlySuccess().ifPresent(e -> earlySuccess(e, d, kind, diagnostics));
  }

  private static void hook(
      LifecycleHook hook,
      Deployment d,
      Strategy.Kind kind,
      Optional<Located<String>> appRegion,
      Diagnostics diagnostics) {
    List<String> seen = new ArrayList<>();
    for (Located<String> word : hook.stages()) {
      Optional<LifecycleHook.Stage> stage = LifecycleHook.Stage.of(word.value());
      if (stage.isEmpty()) {
        diagnostics.error(
            "deploy.hookStage",
            word.span(),
            word.value(),
            Suggestions.didYouMean(word.value(), STAGES));
        continue;
      }
      if (seen.contains(word.value())) {
        diagnostics.error("deploy.hookStageTwice", word.span(), word.value());
        continue;
      }
      seen.add(word.value());
      // The traffic stages are those of the blue (old) and green (new) revisions' traffic, which
      // only a canary, linear or blue/green deployment moves (API_DeploymentLifecycleHook
      // lifecycleStages; Developer Guide, "Lambda hooks for Amazon ECS service deployments").
      if (stage.get().shiftsTraffic() && !kind.shiftsTraffic()) {
        diagnostics.error(
            "deploy.hookStageRolling",
            word.span(),
            word.value(),
            d.strategy().map(s -> s.kind().value().word()).orElse("rolling"));
      }
    }
    Arns.check(hook.function(), Arns.Kind.LAMBDA, "lambda", appRegion, diagnostics);
    // "When you use Lambda functions as deployment lifecycle hooks ..., you need to create an IAM
    // role with specific permissions. This role allows Amazon ECS to invoke your Lambda functions"
    // (Developer Guide, "Permissions required for Lambda functions in Amazon ECS blue/green
    // deployments").
    if (hook.role().isEmpty()) {
      diagnostics.error("deploy.hookNeedsRole", hook.function().span());
    } else {
      Arns.check(hook.role().get(), Arns.Kind.ROLE, "role", appRegion, diagnostics);
    }
    hook.timeout().ifPresent(t -> timeout(t, diagnostics));
  }

  private static void timeout(Located<Duration> t, Diagnostics diagnostics) {
    long millis = t.value().toMillis();
    if (millis % 60_000 != 0) {
      diagnostics.error("deploy.hookTimeoutMinutes", t.span(), t.value().toSeconds());
    } else if (t.value().toMinutes() < 1 || t.value().toMinutes() > HOOK_TIMEOUT_MAX_MINUTES) {
      diagnostics.error(
          "deploy.hookTimeoutRange", t.span(), t.value().toMinutes(), HOOK_TIMEOUT_MAX_MINUTES);
    }
  }

  private static void earlySuccess(
      EarlySuccess e, Deployment d, Strategy.Kind kind, Diagnostics diagnostics) {
    // "You can use early success criteria only with rolling deployment strategy."
    // (API_DeploymentEarlySuccessCriteria)
    if (kind.shiftsTraffic()) {
      diagnostics.errorWithContext(
          "deploy.earlySuccessStrategy",
          e.span(),
          d.strategy().orElseThrow().kind().span(),
          kind.word());
    }
    // healthyPercent: "must be an integer between 0 and 100. This value must be greater than or
    // equal to the minimumHealthyPercent value." (API_DeploymentEarlySuccessCriteria)
    int p = e.healthyPercent().value();
    int minHealthy =
        d.minHealthyPercent().map(Located::value).orElse(EcsDefaults.MINIMUM_HEALTHY_PERCENT);
    if (p < 0 || p > 100) {
      diagnostics.error("deploy.earlySuccessPercent", e.healthyPercent().span(), p);
    } else if (p < minHealthy) {
      if (d.minHealthyPercent().isPresent()) {
        diagnostics.errorWithContext(
            "deploy.earlySuccessBelowMinHealthy",
            e.healthyPercent().span(),
            d.minHealthyPercent().get().span(),
            p,
            minHealthy);
      } else {
        diagnostics.error(
            "deploy.earlySuccessBelowDefaultMinHealthy", e.healthyPercent().span(), p, minHealthy);
      }
    }
    e.cleanup()
        .filter(c -> !CLEANUPS.contains(c.value()))
        .ifPresent(
            c ->
                diagnostics.error(
                    "deploy.earlySuccessCleanup",
                    c.span(),
                    c.value(),
                    Suggestions.didYouMean(c.value(), CLEANUPS)));
  }
}
