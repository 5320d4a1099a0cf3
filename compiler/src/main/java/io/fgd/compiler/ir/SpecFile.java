package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * Everything one {@code .fgd} file declares, before a stage is chosen: the base spec (what is
 * written outside any stage), its variables (already substituted into every string) and its stages.
 * {@code io.fgd.compiler.stage.Stages} turns it into the {@link Spec} of one stage.
 */
public record SpecFile(Spec base, List<Variable> variables, List<Stage> stages) {
  public SpecFile {
    requireNonNull(base, "base is null");
    variables = List.copyOf(variables);
    stages = List.copyOf(stages);
  }

  public Optional<Stage> stage(String name) {
    return stages.stream().filter(s -> s.name().value().equals(name)).findFirst();
  }

  public List<String> stageNames() {
    return stages.stream().map(s -> s.name().value()).toList();
  }
}
