package io.fgd.compiler;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * What a run says about a spec besides its text: the stage to use and the values of its variables.
 * Every command that reads a spec takes these ({@code --stage}, {@code --var}).
 *
 * @param stage the stage to compile ({@code --stage}); required when the spec declares stages
 * @param variables {@code --var NAME=VALUE} values; each must name a declared variable
 * @param environment the process environment, for {@code FGD_VAR_NAME} values; names that match no
 *     declared variable are ignored
 */
public record SpecOptions(
    Optional<String> stage,
    Map<String, String> variables,
    Map<String, String> environment,
    boolean strict) {
  /** The environment variable prefix that sets a spec variable: {@code FGD_VAR_image_tag}. */
  public static final String ENV_PREFIX = "FGD_VAR_";

  public SpecOptions {
    requireNonNull(stage, "stage is null");
    variables = Map.copyOf(variables);
    environment = Map.copyOf(environment);
  }

  /** Not strict: credential-looking values are warnings. */
  public SpecOptions(
      Optional<String> stage, Map<String, String> variables, Map<String, String> environment) {
    this(stage, variables, environment, false);
  }

  /** The same options, with {@code --strict}: credential-looking values are errors. */
  public SpecOptions strictly() {
    return new SpecOptions(stage, variables, environment, true);
  }

  /** No stage and no values: the spec's defaults only. */
  public static SpecOptions none() {
    return new SpecOptions(Optional.empty(), Map.of(), Map.of());
  }

  public static SpecOptions stage(String name) {
    return new SpecOptions(Optional.of(name), Map.of(), Map.of());
  }
}
