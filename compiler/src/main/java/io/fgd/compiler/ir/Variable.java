package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * {@code var NAME} or {@code var NAME = "default"}: a value given when fgd runs ({@code --var
 * NAME=VALUE}, then the environment variable {@code FGD_VAR_NAME}, then the default) and used
 * inside strings as {@code "${NAME}"}.
 *
 * @param value the value in effect for this run; empty when nothing set it, which is an error the
 *     builder has already reported
 */
public record Variable(
    Located<String> name,
    Optional<Located<String>> defaultValue,
    Optional<String> value,
    Span span) {
  public Variable {
    requireNonNull(name, "name is null");
    requireNonNull(defaultValue, "defaultValue is null");
    requireNonNull(value, "value is null");
    requireNonNull(span, "span is null");
  }
}
