package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;

/** A value as written in the spec, with where it was written, so checks can point at it. */
public record Located<T>(T value, Span span) {
  public Located {
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }
}
