package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * {@code sidecar NAME { ... }}: another container in the service's task.
 *
 * @param essential whether the task stops when this container stops; true unless said
 */
public record Sidecar(
    Located<String> name, Container container, Optional<Located<Boolean>> essential, Span span) {
  public Sidecar {
    requireNonNull(name, "name is null");
    requireNonNull(container, "container is null");
    requireNonNull(essential, "essential is null");
    requireNonNull(span, "span is null");
  }
}
