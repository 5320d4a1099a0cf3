package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;

/** {@code build { from ... run ... cmd ... }}: Dockerfile instructions, in order. */
public record StepsBuild(List<BuildStep> steps, Span span) implements Build {
  public StepsBuild {
    steps = List.copyOf(steps);
    requireNonNull(span, "span is null");
  }
}
