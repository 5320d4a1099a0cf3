package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * The load balancer the app's routes are served by.
 *
 * @param listener an existing HTTPS listener of an Application Load Balancer: fgd adds its routes'
 *     rules to it and changes nothing else on it
 */
public record LoadBalancer(Optional<Located<String>> listener, Span span) {
  public LoadBalancer {
    requireNonNull(listener, "listener is null");
    requireNonNull(span, "span is null");
  }
}
