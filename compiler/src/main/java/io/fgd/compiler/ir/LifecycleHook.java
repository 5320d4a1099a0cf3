package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Lambda function ECS calls at stages of a deployment, whose answer lets the deployment go on or
 * rolls it back (ECS {@code deploymentConfiguration.lifecycleHooks}; Developer Guide, "Lambda hooks
 * for Amazon ECS service deployments").
 *
 * @param stages the lifecycle stages at which ECS calls the function, as the spec spells them
 *     ({@code post_scale_up}); a name that is not a stage is kept here and reported by the checker
 * @param function the Lambda function's ARN ({@code hookTargetArn})
 * @param role the IAM role ECS assumes to call the function ({@code roleArn})
 * @param timeout how long ECS waits for the function's answer before it rolls back ({@code
 *     timeoutConfiguration.timeoutInMinutes}); ECS's 24 hours unless said
 */
public record LifecycleHook(
    List<Located<String>> stages,
    Located<String> function,
    Optional<Located<String>> role,
    Optional<Located<Duration>> timeout,
    Span span) {
  public LifecycleHook {
    stages = List.copyOf(requireNonNull(stages, "stages is null"));
    requireNonNull(function, "function is null");
    requireNonNull(role, "role is null");
    requireNonNull(timeout, "timeout is null");
    requireNonNull(span, "span is null");
  }

  /** The lifecycle stages a hook can run at, in the order a deployment reaches them. */
  public enum Stage {
    RECONCILE_SERVICE(false),
    PRE_SCALE_UP(false),
    POST_SCALE_UP(false),
    TEST_TRAFFIC_SHIFT(true),
    POST_TEST_TRAFFIC_SHIFT(true),
    PRE_PRODUCTION_TRAFFIC_SHIFT(true),
    PRODUCTION_TRAFFIC_SHIFT(true),
    POST_PRODUCTION_TRAFFIC_SHIFT(true);

    private final boolean traffic;

    Stage(boolean traffic) {
      this.traffic = traffic;
    }

    /** The spec's word: {@code post_scale_up}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the stage moves load balancer traffic, which only a traffic-shifting strategy does.
     */
    public boolean shiftsTraffic() {
      return traffic;
    }

    /** The stage a spec's word names, if any. */
    public static Optional<Stage> of(String word) {
      for (Stage s : values()) {
        if (s.word().equals(word)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }
}
