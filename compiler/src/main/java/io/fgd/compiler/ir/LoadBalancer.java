package io.fgd.compiler.ir;

import static java.util.Objects.requireNonNull;

import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;

/**
 * The load balancer the app's routes are served by: an existing HTTPS listener ({@code listener
 * "ARN"}), or one fgd creates and owns (an Application Load Balancer with an HTTPS listener and an
 * HTTP listener that redirects to it), asked for by any of the other settings.
 *
 * @param listener an existing HTTPS listener of an Application Load Balancer: fgd adds its routes'
 *     rules to it and changes nothing else on it
 * @param scheme {@code internet_facing} or {@code internal}, as written (fgd's load balancer)
 * @param subnets the subnets of fgd's load balancer; when absent, the app's network subnets
 * @param certificate the ACM certificate of fgd's HTTPS listener
 * @param tlsPolicy the TLS security policy of fgd's HTTPS listener; when absent {@link
 *     #DEFAULT_TLS_POLICY}
 * @param allow the IPv4 CIDRs allowed to reach fgd's load balancer; when empty, anywhere
 */
public record LoadBalancer(
    Optional<Located<String>> listener,
    Optional<Located<String>> scheme,
    Optional<Located<List<Located<String>>>> subnets,
    Optional<Located<String>> certificate,
    Optional<Located<String>> tlsPolicy,
    Optional<Located<List<Located<String>>>> allow,
    Span span) {
  /**
   * The policy the console gives a new HTTPS listener today, TLS 1.3 and 1.2 with restricted
   * ciphers and post-quantum key exchange ("Security policies for your Application Load Balancer",
   * Elastic Load Balancing user guide: the console's default); the API's own default is the older
   * ELBSecurityPolicy-2016-08, which still allows TLS 1.0, so fgd always sets one.
   */
  public static final String DEFAULT_TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

  public static final String INTERNET_FACING = "internet_facing";
  public static final String INTERNAL = "internal";

  public LoadBalancer {
    requireNonNull(listener, "listener is null");
    requireNonNull(scheme, "scheme is null");
    requireNonNull(subnets, "subnets is null");
    requireNonNull(certificate, "certificate is null");
    requireNonNull(tlsPolicy, "tlsPolicy is null");
    requireNonNull(allow, "allow is null");
    requireNonNull(span, "span is null");
  }

  /** A block that names an existing listener only. */
  public LoadBalancer(Optional<Located<String>> listener, Span span) {
    this(
        listener,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        span);
  }

  /** Whether the block asks fgd for a load balancer of its own (any setting but a listener). */
  public boolean owned() {
    return scheme.isPresent()
        || subnets.isPresent()
        || certificate.isPresent()
        || tlsPolicy.isPresent()
        || allow.isPresent();
  }

  /** Whether fgd's load balancer faces the internet: the default. */
  public boolean internetFacing() {
    return scheme.map(s -> !s.value().equals(INTERNAL)).orElse(true);
  }
}
