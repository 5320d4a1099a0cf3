package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;

/** {@code health none}: the service deliberately has no container health check. */
public record NoHealthCheck(Span span) implements Health {
  public NoHealthCheck {
    requireNonNull(span, "span is null");
  }
}
