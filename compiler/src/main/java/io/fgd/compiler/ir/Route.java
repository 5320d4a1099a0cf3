package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP traffic the app's load balancer sends to a service: requests for a host and/or path go to a
 * target group of the service's tasks on one port.
 *
 * @param target as written: {@code api.example.com/v1/*}, {@code /v1/*} or {@code api.example.com}
 * @param port the container port; the service's only TCP port when not written
 * @param health the health check path; the load balancer's default {@code /} when not written
 * @param matcher the HTTP codes of a healthy answer, such as {@code 200-399}
 * @param interval between health checks
 * @param healthyThreshold consecutive successful checks before a task receives traffic
 * @param deregistrationDelay how long a stopping task keeps its open requests
 * @param testHeader with a canary, linear or blue/green strategy, the request header (as written,
 *     {@code "X-Fgd-Test: 1"}) that sends a request for this host and path to the new revision
 *     before production traffic moves: fgd owns a listener rule for it, ECS's {@code
 *     testListenerRule}
 */
public record Route(
    Located<String> target,
    Optional<Located<Integer>> port,
    Optional<Located<String>> health,
    Optional<Located<String>> matcher,
    Optional<Located<Duration>> interval,
    Optional<Located<Integer>> healthyThreshold,
    Optional<Located<Duration>> deregistrationDelay,
    Optional<Located<String>> testHeader,
    Span span) {
  public Route {
    requireNonNull(target, "target is null");
    requireNonNull(port, "port is null");
    requireNonNull(health, "health is null");
    requireNonNull(matcher, "matcher is null");
    requireNonNull(interval, "interval is null");
    requireNonNull(healthyThreshold, "healthyThreshold is null");
    requireNonNull(deregistrationDelay, "deregistrationDelay is null");
    requireNonNull(testHeader, "testHeader is null");
    requireNonNull(span, "span is null");
  }

  /** The host of the target: what comes before its first {@code /}, if anything does. */
  public Optional<String> host() {
    String t = target.value();
    int slash = t.indexOf('/');
    String host = slash < 0 ? t : t.substring(0, slash);
    return host.isEmpty() ? Optional.empty() : Optional.of(host);
  }

  /** The path pattern of the target: from its first {@code /} on, if it has one. */
  public Optional<String> path() {
    String t = target.value();
    int slash = t.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(t.substring(slash));
  }

  /** The name of the test header: what comes before its first {@code :}, trimmed. */
  public Optional<String> testHeaderName() {
    return testHeader.map(h -> h.value().split(":", 2)[0].trim());
  }

  /** The value of the test header: what comes after its first {@code :}, trimmed. */
  public Optional<String> testHeaderValue() {
    return testHeader.map(
        h -> h.value().contains(":") ? h.value().substring(h.value().indexOf(':') + 1).trim() : "");
  }
}
