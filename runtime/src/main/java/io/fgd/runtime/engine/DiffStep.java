package io.fgd.runtime.engine;

import java.util.List;
import java.util.Objects;

/**
 * What the kinds of one service share while the plan compares it: the {@link Context} (for example
 * whether its task definition gets a new revision) and the plan's warnings.
 */
public record DiffStep(Context context, List<String> warnings) {
  public DiffStep {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(warnings, "warnings");
  }

  public void warn(String warning) {
    warnings.add(warning);
  }
}
