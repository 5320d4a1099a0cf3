package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * {@code port 8080 offer [as NAME[:PORT]] [http|http2|grpc]}: the port is offered to the app's
 * other services through ECS Service Connect, so that they reach it as {@code http://NAME:PORT}.
 *
 * @param alias the name clients use (the Service Connect client alias's {@code dnsName}); the
 *     service's name unless said
 * @param aliasPort the port clients use; the container port unless said
 * @param appProtocol {@code http}, {@code http2} or {@code grpc}: the port mapping's {@code
 *     appProtocol}, which gives the Service Connect proxy protocol-aware handling and metrics;
 *     plain TCP unless said
 */
public record Offer(
    Optional<Located<String>> alias,
    Optional<Located<Integer>> aliasPort,
    Optional<Located<String>> appProtocol,
    Span span) {
  public Offer {
    requireNonNull(alias, "alias is null");
    requireNonNull(aliasPort, "aliasPort is null");
    requireNonNull(appProtocol, "appProtocol is null");
    requireNonNull(span, "span is null");
  }
}
