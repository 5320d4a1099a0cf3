package io.fgd.compiler.ir;

import io.fgd.compiler.source.Span;

/** A container health check, or the explicit statement that there is none. */
public sealed interface Health permits HealthCheck, NoHealthCheck {
  Span span();
}
