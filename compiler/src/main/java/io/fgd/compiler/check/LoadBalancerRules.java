package io.fgd.compiler.check;

import io.fgd.compiler.diag.Diagnostics;
import io.fgd.compiler.diag.Suggestions;
import io.fgd.compiler.ir.App;
import io.fgd.compiler.ir.LoadBalancer;
import io.fgd.compiler.ir.Located;
import io.fgd.compiler.ir.Network;
import io.fgd.compiler.ir.Spec;
import io.fgd.compiler.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks of the load balancer fgd creates for the app ({@code load_balancer { certificate ...}}).
 */
final class LoadBalancerRules {
  /**
   * An ACM certificate's ARN: arn:PARTITION:acm:REGION:ACCOUNT:certificate/ID, the ID a UUID (AWS
   * Certificate Manager API reference, CertificateArn; "Amazon Resource Names" in the AWS general
   * reference).
   */
  private static final Pattern CERTIFICATE =
      Pattern.compile(
          "arn:aws[a-z-]*:acm:([a-z0-9-]+):([0-9]{12}):certificate/[0-9a-f]{8}-[0-9a-f]{4}"
              + "-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** An IPv4 CIDR block, a.b.c.d/n (EC2 AuthorizeSecurityGroupIngress, CidrIp). */
  private static final Pattern CIDR =
      Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})/([0-9]{1,2})");

  /**
   * The predefined security policies of an Application Load Balancer's HTTPS listener ("Security
   * policies for your Application Load Balancer", Elastic Load Balancing user guide; the same names
   * DescribeSSLPolicies answers). ELBv2 has no custom policies for ALBs.
   */
  static final Set<String> TLS_POLICIES =
      Set.of(
          "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Ext0-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
          "ELBSecurityPolicy-TLS13-1-1-2021-06",
          "ELBSecurityPolicy-TLS13-1-0-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
          "ELBSecurityPolicy-FS-1-2-Res-2020-10",
          "ELBSecurityPolicy-FS-1-2-Res-2019-08",
          "ELBSecurityPolicy-FS-1-2-2019-08",
          "ELBSecurityPolicy-FS-1-1-2019-08",
          "ELBSecurityPolicy-FS-2018-06",
          "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
          "ELBSecurityPolicy-TLS-1-2-2017-01",
          "ELBSecurityPolicy-TLS-1-1-2017-01",
          "ELBSecurityPolicy-2016-08",
          "ELBSecurityPolicy-TLS-1-0-2015-04",
          "ELBSecurityPolicy-2015-05");

  private LoadBalancerRules() {}

  static void check(Spec spec, Diagnostics diagnostics) {
    Optional<App> app = spec.app();
    Optional<LoadBalancer> lb = app.flatMap(App::loadBalancer).filter(LoadBalancer::owned);
    if (lb.isEmpty()) {
      return;
    }
    LoadBalancer b = lb.get();
    b.listener()
        .ifPresent(
            l -> diagnostics.errorWithContext("loadBalancer.both", l.span(), b.span(), l.value()));
    if (b.certificate().isEmpty()) {
      diagnostics.error("loadBalancer.noCertificate", b.span());
    }
    b.certificate().ifPresent(c -> certificate(c, app.get(), diagnostics));
    b.tlsPolicy()
        .filter(p -> !TLS_POLICIES.contains(p.value()))
        .ifPresent(
            p ->
                diagnostics.error(
                    "loadBalancer.tlsPolicy",
                    p.span(),
                    p.value(),
                    Suggestions.didYouMean(p.value(), TLS_POLICIES)));
    b.allow().ifPresent(a -> a.value().forEach(c -> cidr(c, diagnostics)));
    List<Located<String>> subnets =
        b.subnets()
            .map(Located::value)
            .or(() -> app.get().network().map(Network::subnets))
            .orElse(List.of());
    // A task takes at most 5 security groups (ECS AwsVpcConfiguration: securityGroups), and fgd
    // adds the tasks' group to the app's own.
    app.get()
        .network()
        .filter(n -> n.securityGroups().size() > 4)
        .ifPresent(
            n ->
                diagnostics.error(
                    "loadBalancer.securityGroups",
                    n.securityGroups().get(4).span(),
                    n.securityGroups().size()));
    if (b.internetFacing() && subnets.size() < 2) {
      Span where = b.subnets().map(Located::span).orElse(b.span());
      diagnostics.error("loadBalancer.subnets", where, subnets.size());
    }
  }

  private static void certificate(Located<String> arn, App app, Diagnostics diagnostics) {
    Matcher m = CERTIFICATE.matcher(arn.value());
    if (!m.matches()) {
      diagnostics.error("loadBalancer.certificate", arn.span(), arn.value());
      return;
    }
    AppRules.knownRegion(Optional.of(app))
        .filter(r -> !r.value().equals(m.group(1)))
        .ifPresent(
            r ->
                diagnostics.errorWithContext(
                    "loadBalancer.certificateRegion", arn.span(), r.span(), m.group(1), r.value()));
    app.account()
        .filter(a -> !a.value().equals(m.group(2)))
        .ifPresent(
            a ->
                diagnostics.errorWithContext(
                    "loadBalancer.certificateAccount",
                    arn.span(),
                    a.span(),
                    m.group(2),
                    a.value()));
  }

  private static void cidr(Located<String> cidr, Diagnostics diagnostics) {
    Matcher m = CIDR.matcher(cidr.value());
    boolean ok = m.matches();
    for (int i = 1; ok && i <= 4; i++) {
      ok =
          Integer.parseInt(m.group(i)) <= 255
              && (m.group(i).length() == 1 || m.group(i).charAt(0) != '0');
    }
    ok = ok && Integer.parseInt(m.group(5)) <= 32;
    if (!ok) {
      diagnostics.error("loadBalancer.cidr", cidr.span(), cidr.value());
    }
  }
}
