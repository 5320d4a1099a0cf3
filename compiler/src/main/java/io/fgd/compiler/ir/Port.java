package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.Optional;

/**
 * A port the container listens on.
 *
 * @param number 1-65535; on awsvpc the host port equals it
 * @param protocol tcp unless written {@code 8000/udp}
 * @param targetGroup the load balancer target group that sends traffic to this port, if any
 * @param trafficShift with a target group, what a canary, linear or blue/green deployment needs to
 *     move its traffic (the alternate target group, listener rules and role)
 * @param offer how the port is offered to the app's other services through ECS Service Connect, if
 *     it is
 */
public record Port(
    Located<Integer> number,
    Located<Protocol> protocol,
    Optional<Located<String>> targetGroup,
    Optional<TrafficShift> trafficShift,
    Optional<Offer> offer,
    Span span) {
  /** A port not offered through Service Connect, with no traffic shift. */
  public Port(
      Located<Integer> number,
      Located<Protocol> protocol,
      Optional<Located<String>> targetGroup,
      Span span) {
    this(number, protocol, targetGroup, Optional.empty(), Optional.empty(), span);
  }

  public Port {
    requireNonNull(number, "number is null");
    requireNonNull(protocol, "protocol is null");
    requireNonNull(targetGroup, "targetGroup is null");
    requireNonNull(trafficShift, "trafficShift is null");
    requireNonNull(offer, "offer is null");
    requireNonNull(span, "span is null");
  }

  /** The transport protocol of a port, as ECS spells it. */
  public enum Protocol {
    TCP,
    UDP;

    public String ecsName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
