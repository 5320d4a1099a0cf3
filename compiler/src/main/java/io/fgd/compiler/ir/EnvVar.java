package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;

/** {@code env NAME = "value"}: a plain environment variable of the container. */
public record EnvVar(Located<String> name, Located<String> value, Span span) {
  public EnvVar {
    requireNonNull(name, "name is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }
}
