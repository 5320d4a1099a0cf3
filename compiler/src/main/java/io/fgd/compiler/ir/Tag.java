package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;

/** A resource tag: {@code key = "value"}. */
public record Tag(Located<String> key, Located<String> value, Span span) {
  public Tag {
    requireNonNull(key, "key is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }
}
