package io.fgd.runtime.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * The least time a deployment takes with the strategy of a service's deploymentConfiguration: the
 * bake times and steps it waits through, before any task starts. A rolling deployment waits for
 * none (zero).
 *
 * <p>Linear steps are counted as the ECS documentation counts them (AWS::ECS::Service
 * LinearConfiguration): when the step percent divides 100 evenly, {@code 100 / step - 1} steps are
 * followed by a bake, otherwise {@code floor(100 / step)}; no step bake follows the last shift to
 * 100%.
 */
public final class RolloutTime {
  private RolloutTime() {}

  /** The waits of the strategy in {@code deploymentConfiguration}; zero for rolling. */
  public static Duration minimum(JsonNode deploymentConfiguration) {
    JsonNode dc = deploymentConfiguration;
    String strategy = dc.path("strategy").asText("ROLLING");
    long bake = dc.path("bakeTimeInMinutes").asLong(0);
    return switch (strategy) {
      case "CANARY" ->
          Duration.ofMinutes(
              dc.path("canaryConfiguration").path("canaryBakeTimeInMinutes").asLong(10) + bake);
      case "LINEAR" -> {
        JsonNode l = dc.path("linearConfiguration");
        yield Duration.ofMinutes(
            linearSteps(l.path("stepPercent").asDouble(10.0))
                    * l.path("stepBakeTimeInMinutes").asLong(6)
                + bake);
      }
      case "BLUE_GREEN" -> Duration.ofMinutes(bake);
      default -> Duration.ZERO;
    };
  }

  /** How many step bakes a linear deployment of {@code stepPercent} waits through. */
  static long linearSteps(double stepPercent) {
    long tenths = Math.round(stepPercent * 10);
    if (tenths <= 0) {
      return 0;
    }
    return 1000 % tenths == 0 ? 1000 / tenths - 1 : 1000 / tenths;
  }

  /** What the strategy waits through, in words: {@code canary 10% for 5m, then bake 10m}. */
  public static String describe(JsonNode deploymentConfiguration) {
    JsonNode dc = deploymentConfiguration;
    String strategy = dc.path("strategy").asText("ROLLING");
    long bake = dc.path("bakeTimeInMinutes").asLong(0);
    String then = bake == 0 ? "" : ", then bake " + bake + "m";
    return switch (strategy) {
      case "CANARY" -> {
        JsonNode c = dc.path("canaryConfiguration");
        yield "canary "
            + percent(c.path("canaryPercent").asDouble(5.0))
            + " for "
            + c.path("canaryBakeTimeInMinutes").asLong(10)
            + "m"
            + then;
      }
      case "LINEAR" -> {
        JsonNode l = dc.path("linearConfiguration");
        double step = l.path("stepPercent").asDouble(10.0);
        yield linearSteps(step)
            + " steps of "
            + percent(step)
            + " every "
            + l.path("stepBakeTimeInMinutes").asLong(6)
            + "m"
            + then;
      }
      case "BLUE_GREEN" -> "blue/green" + then;
      default -> "rolling";
    };
  }

  static String percent(double p) {
    return (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + "%";
  }
}
